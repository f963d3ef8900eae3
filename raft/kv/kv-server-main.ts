// One member of the test key-value cluster as an OS process: WAL on disk with fsync, gRPC between
// members, HTTP for clients. Used by the real-process test and the raft benchmark.
//   tsx raft/kv/kv-server-main.ts --id 1 --dir DIR --raft 127.0.0.1:7001 --http 127.0.0.1:8001 \
//       --peers 1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003 [--tick-ms 50] [--election-ticks 10]
//       [--via 2=127.0.0.1:9102,...]   (tests: reach member 2 through a fault proxy instead)
// Prints one JSON line {"ready":true,...} once it serves; exits cleanly on SIGTERM.
import * as grpc from "@grpc/grpc-js";
import { InvalidArgumentError } from "../../common/index.js";
import { RaftNode } from "../node/index.js";
import { openWal } from "../storage/index.js";
import { GrpcTransport } from "../transport/index.js";
import { serveKvHttp } from "./kv-http.js";
import { type KvResult, KvState } from "./kv-state.js";

interface Args {
  id: number;
  dir: string;
  raft: string;
  http: string;
  peers: Map<number, string>;
  tickMs: number;
  electionTicks: number;
  snapshotInterval: number;
  via: Map<number, string>;
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string, fallback?: string): string => {
    const at = argv.indexOf(`--${name}`);
    const value = at >= 0 ? argv[at + 1] : fallback;
    if (value === undefined) throw new InvalidArgumentError(name, "is required");
    return value;
  };
  const int = (name: string, fallback: string): number => {
    const n = Number(get(name, fallback));
    if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(name, "must be a positive integer");
    return n;
  };
  const idMap = (name: string, text: string): Map<number, string> => {
    const out = new Map<number, string>();
    for (const pair of text.split(",").filter(Boolean)) {
      const [id, addr] = pair.split("=");
      if (!id || !addr || !Number.isSafeInteger(Number(id)))
        throw new InvalidArgumentError(name, `bad entry "${pair}", want id=host:port`);
      out.set(Number(id), addr);
    }
    return out;
  };
  const peers = idMap("peers", get("peers"));
  const via = idMap("via", get("via", ""));
  return {
    id: int("id", ""),
    dir: get("dir"),
    raft: get("raft"),
    http: get("http"),
    peers,
    tickMs: int("tick-ms", "50"),
    electionTicks: int("election-ticks", "10"),
    snapshotInterval: int("snapshot-interval", "10000"),
    via,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (event: string, fields: Record<string, unknown>): void => {
    process.stderr.write(`${JSON.stringify({ member: args.id, event, ...fields })}\n`);
  };
  const { wal, recovered } = await openWal(args.dir, { log });
  const state = new KvState();
  let node: RaftNode<KvResult> | null = null;
  const transport = new GrpcTransport({
    id: args.id,
    credentials: { server: grpc.ServerCredentials.createInsecure(), channel: grpc.credentials.createInsecure() },
    onMessage: (m) => node?.step(m),
    log,
  });
  await transport.listen(args.raft);
  // Route peers through fault proxies when the test asks for it.
  const routed = {
    send: (messages: Parameters<GrpcTransport["send"]>[0]) => transport.send(messages),
    addPeer: (id: number, addr: string) => transport.addPeer(id, args.via.get(id) ?? addr),
    removePeer: (id: number) => transport.removePeer(id),
  };
  node = new RaftNode<KvResult>({
    id: args.id,
    addr: args.raft,
    storage: wal,
    transport: routed,
    recovered,
    stateMachine: state,
    bootstrap: args.peers,
    tickMs: args.tickMs,
    electionTicks: args.electionTicks,
    snapshotIntervalEntries: args.snapshotInterval,
    trailingEntries: Math.min(5_000, args.snapshotInterval),
    log,
  });
  node.start();
  const http = await serveKvHttp(node, state, args.http);
  process.stdout.write(
    `${JSON.stringify({ ready: true, id: args.id, raft: args.raft, http: http.addr, pid: process.pid })}\n`,
  );
  const shutdown = async (): Promise<void> => {
    http.server.close();
    await node?.stop();
    await transport.close();
    await wal.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown());
  process.once("SIGINT", () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`kv-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
