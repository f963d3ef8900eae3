// Clearing the UDP flows of backends that left a VIP. UDP has no connection to end, so without
// this conntrack keeps sending a client's datagrams to a backend that is gone or draining, for as
// long as the client keeps talking (kube-proxy clears them the same way). Removals are batched:
// one `conntrack -L` per sweep finds which removed backends still have flows, and only those get a
// `conntrack -D`, so removing a hundred backends with no UDP traffic costs one process, not a
// hundred. Sweeps run beside the agent's passes, never inside one.
import { realClock } from "../../common/index.js";
import type { CommandRunner } from "./command-runner.js";

/** Most (VIP, backend) pairs waiting for a sweep; more are dropped with a log line. */
export const flowClearQueueMax = 10_000;

/** `conntrack -D` processes run at once. */
export const flowClearParallel = 4;

/** One UDP flow as `conntrack -L` shows it. */
export interface UdpFlow {
  /** Where the client sent it (the VIP for a balanced flow). */
  readonly origDst: string;
  /** Who answers it (the backend after DNAT). */
  readonly replySrc: string;
}

/** The flows of `conntrack -L -p udp` output (one per line: original tuple, then reply tuple). */
export function parseUdpFlows(text: string): UdpFlow[] {
  const flows: UdpFlow[] = [];
  for (const line of text.split("\n")) {
    const dst = /\bdst=(\S+)/.exec(line);
    if (dst === null) continue;
    // The first src= after the original destination is the reply's source.
    const src = /\bsrc=(\S+)/.exec(line.slice(dst.index + dst[0].length));
    if (src !== null) flows.push({ origDst: dst[1]!, replySrc: src[1]! });
  }
  return flows;
}

/** Queues and runs flow removals; see the file header. */
export class UdpFlowCleaner {
  private readonly pending = new Map<string, readonly [string, string]>();
  private running: Promise<void> | null = null;
  private missing = false;

  constructor(
    private readonly run: CommandRunner,
    private readonly log: (event: string, fields: Record<string, unknown>) => void,
  ) {}

  /** Queues the removal of the flows from `vip` answered by `backend`. */
  clear(vip: string, backend: string): void {
    if (this.missing) return;
    if (this.pending.size >= flowClearQueueMax) {
      this.log("network.flow-clear-dropped", { vip, backend });
      return;
    }
    this.pending.set(`${vip} ${backend}`, [vip, backend]);
    this.running ??= this.sweepAll().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no sweep runs. */
  async idle(): Promise<void> {
    await this.running;
  }

  private async sweepAll(): Promise<void> {
    // The pairs of one pass are queued together: let them all arrive before listing the flows.
    await new Promise<void>((resolve) => realClock.defer(resolve));
    while (this.pending.size > 0 && !this.missing) {
      const pairs = [...this.pending.values()];
      this.pending.clear();
      await this.sweep(pairs);
    }
  }

  private async sweep(pairs: readonly (readonly [string, string])[]): Promise<void> {
    let flows: UdpFlow[];
    try {
      flows = parseUdpFlows(await this.run("conntrack", ["-L", "-p", "udp"]));
    } catch (error) {
      if (/ENOENT|not found/.test(String(error))) {
        this.missing = true;
        this.log("network.conntrack-missing", {
          hint: "install conntrack: UDP flows to removed backends are not cleared",
        });
      } else this.log("network.flow-list-failed", { error: String(error) });
      return;
    }
    const live = new Set(flows.map((f) => `${f.origDst} ${f.replySrc}`));
    const doomed = pairs.filter(([vip, backend]) => live.has(`${vip} ${backend}`));
    for (let i = 0; i < doomed.length; i += flowClearParallel) {
      await Promise.all(
        doomed.slice(i, i + flowClearParallel).map(([vip, backend]) =>
          this.run("conntrack", ["-D", "-p", "udp", "--orig-dst", vip, "--reply-src", backend]).catch(() => {
            // Exit 1: the flow ended meanwhile.
          }),
        ),
      );
    }
  }
}
