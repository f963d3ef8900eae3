// One manager as an OS process, for the benchmarks: WAL on disk (always fsynced), raft, Control
// and Dispatcher over gRPC on one address.
//   tsx test-cluster/bench/manager-main.ts --id 1 --dir DIR --addr 127.0.0.1:7001 \
//       --peers 1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003 [--tick-ms 50] [--election-ticks 10]
//       [--fill-tasks N --fill-services S --fill-nodes K]   (bench only: fill the store once leading)
// Prints one JSON line {"ready":true,...} once it serves, {"leading":true|false} when its
// leadership changes, and {"filled":true,...} after a fill; exits cleanly on SIGTERM.
import { InvalidArgumentError } from "../../common/index.js";
import { Manager } from "../../manager/index.js";
import { fillStore } from "./fill-store.js";

interface Args {
  id: number;
  dir: string;
  addr: string;
  peers: Map<number, string>;
  tickMs: number;
  electionTicks: number;
  fillTasks: number;
  fillServices: number;
  fillNodes: number;
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string, fallback?: string): string => {
    const at = argv.indexOf(`--${name}`);
    const value = at >= 0 ? argv[at + 1] : fallback;
    if (value === undefined) throw new InvalidArgumentError(name, "is required");
    return value;
  };
  const int = (name: string, fallback: string, min = 1): number => {
    const n = Number(get(name, fallback));
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(name, `must be an integer ≥ ${min}`);
    return n;
  };
  const peers = new Map<number, string>();
  for (const pair of get("peers").split(",").filter(Boolean)) {
    const [id, addr] = pair.split("=");
    if (!id || !addr || !Number.isSafeInteger(Number(id)))
      throw new InvalidArgumentError("peers", `bad entry "${pair}", want id=host:port`);
    peers.set(Number(id), addr);
  }
  return {
    id: int("id", ""),
    dir: get("dir"),
    addr: get("addr"),
    peers,
    tickMs: int("tick-ms", "50"),
    electionTicks: int("election-ticks", "10"),
    fillTasks: int("fill-tasks", "0", 0),
    fillServices: int("fill-services", "1000"),
    fillNodes: int("fill-nodes", "1000"),
  };
}

const emit = (fields: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(fields)}\n`);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  let manager: Manager | null = null;
  let leading = false;
  let filling = false;
  // Told by the manager rather than polled: a poll timer would wake every manager tens of times a
  // second and count in the idle CPU the benchmarks measure.
  const onLeadershipChange = (now: boolean): void => {
    // Until start() returns, the ready line comes first: the check after it reports a leadership won meanwhile.
    if (manager === null || now === leading) return;
    leading = now;
    emit({ leading, id: args.id });
    if (leading && args.fillTasks > 0 && !filling) {
      filling = true;
      fillStore(manager.store, args.dir, {
        tasks: args.fillTasks,
        services: args.fillServices,
        nodes: args.fillNodes,
      }).then(
        (result) => emit({ filled: true, ...result }),
        (error: unknown) => emit({ filled: false, error: error instanceof Error ? error.message : String(error) }),
      );
    }
  };
  manager = await Manager.start({
    onLeadershipChange,
    id: args.id,
    dir: args.dir,
    addr: args.addr,
    bootstrap: args.peers,
    tickMs: args.tickMs,
    electionTicks: args.electionTicks,
  });
  const started = manager;
  emit({ ready: true, id: args.id, addr: started.addr, pid: process.pid, startMs: performance.now() - t0 });
  onLeadershipChange(started.isLeading);
  const shutdown = async (): Promise<void> => {
    await started.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown());
  process.once("SIGINT", () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`manager-main: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
