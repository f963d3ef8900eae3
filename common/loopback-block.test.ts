import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { claimLoopbackBlock, claimedLoopbackBlocks, loopbackLockDir } from "./loopback-block.js";

test("claimLoopbackBlock hands out distinct blocks outside 127.0.0.0/16 and releases them", async (t) => {
  const blocks = await Promise.all(Array.from({ length: 20 }, (_, i) => claimLoopbackBlock(`test ${i}`)));
  try {
    t.is(new Set(blocks.map((b) => b.prefix)).size, 20);
    for (const b of blocks) {
      t.regex(b.addr(7), /^127\.\d+\.\d+\.7$/);
      t.false(b.prefix.startsWith("127.0."));
      t.true(claimedLoopbackBlocks().has(b.prefix));
    }
    t.throws(() => blocks[0]!.addr(255), { instanceOf: RangeError });
  } finally {
    for (const b of blocks) b.release();
  }
  for (const b of blocks) t.false(existsSync(join(loopbackLockDir, `${b.prefix}.lock`)));
});

test("a block whose holders all ended is free again, an adopted pid keeps it claimed", async (t) => {
  const block = await claimLoopbackBlock("adopt test");
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
  try {
    // Pretend this process is gone: only the child holds it.
    const lock = join(loopbackLockDir, `${block.prefix}.lock`);
    writeFileSync(lock, JSON.stringify({ pids: [2 ** 22 + 17], owner: "gone" }));
    t.false(claimedLoopbackBlocks().has(block.prefix));
    block.adopt([child.pid!]);
    t.deepEqual(claimedLoopbackBlocks().get(block.prefix), [2 ** 22 + 17, child.pid!]);
  } finally {
    child.kill("SIGKILL");
    block.release();
  }
});
