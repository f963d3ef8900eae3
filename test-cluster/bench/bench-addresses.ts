// Loopback addresses for the benchmarks: one block per benchmark process (common/loopback-block.ts),
// claimed on first use and released when the process exits, so a benchmark never collides with the
// demo, a test run or another benchmark.
import { claimLoopbackBlock, type LoopbackBlock } from "../../common/index.js";

let block: Promise<LoopbackBlock> | undefined;

/** The address `host` (1 … 254) of this benchmark process's loopback block. */
export async function benchAddr(host: number): Promise<string> {
  block ??= claimLoopbackBlock(`benchmark ${process.argv.slice(2).join(" ")}`).then((claimed) => {
    process.once("exit", () => claimed.release());
    return claimed;
  });
  return (await block).addr(host);
}
