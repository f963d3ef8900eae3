// HTTP front of the test key-value store: JSON over loopback, one request per operation.
//   POST /kv            {op:"put"|"cas", key, value, expected?, client, seq} → 200 KvResult
//   GET  /kv?key=K      linearizable read (read barrier, then local) → 200 {value}
//   GET  /status        the member's raft status
// A follower answers 421 {leader} so the client can go to the leader; 400 names a bad field;
// 503 means no leader or the write's outcome is unknown (the client retries with the same seq).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { InvalidArgumentError } from "../../common/index.js";
import { NotLeaderError } from "../core/index.js";
import type { RaftNode } from "../node/index.js";
import { encodeKvCommand, type KvResult, type KvState, parseKvCommand } from "./kv-state.js";

/** Largest request body accepted. */
export const requestBytesMax = 64 * 1024;

/** Serves the KV over HTTP on addr ("host:port"); resolves with the bound address. */
export async function serveKvHttp(
  node: RaftNode<KvResult>,
  state: KvState,
  addr: string,
): Promise<{ server: Server; addr: string }> {
  const server = createServer((req, res) => {
    handle(node, state, req, res).catch((error: unknown) => reply(res, 500, { error: String(error) }));
  });
  server.keepAliveTimeout = 60_000;
  const [host, port] = splitAddr(addr);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  return { server, addr: `${bound.address}:${bound.port}` };
}

async function handle(
  node: RaftNode<KvResult>,
  state: KvState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://kv");
  try {
    if (req.method === "POST" && url.pathname === "/kv") {
      const command = parseKvCommand(JSON.parse(await readBody(req)));
      const result = await node.propose(encodeKvCommand(command));
      reply(res, 200, result);
    } else if (req.method === "GET" && url.pathname === "/kv") {
      const key = url.searchParams.get("key");
      if (!key) throw new InvalidArgumentError("key", "query parameter is required");
      await node.readBarrier();
      reply(res, 200, { value: state.get(key) });
    } else if (req.method === "GET" && url.pathname === "/status") {
      reply(res, 200, node.status());
    } else {
      reply(res, 404, { error: `no route ${req.method} ${url.pathname}` });
    }
  } catch (error) {
    if (error instanceof NotLeaderError) reply(res, 421, { error: error.message, leader: error.leader });
    else if (error instanceof InvalidArgumentError) reply(res, 400, { error: error.message, field: error.field });
    else if (error instanceof SyntaxError) reply(res, 400, { error: `body: ${error.message}`, field: "body" });
    else reply(res, 503, { error: error instanceof Error ? error.message : String(error) });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > requestBytesMax) {
        reject(new InvalidArgumentError("body", `larger than ${requestBytesMax} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Splits "host:port". */
export function splitAddr(addr: string): [string, number] {
  const at = addr.lastIndexOf(":");
  const port = Number(addr.slice(at + 1));
  if (at < 0 || !Number.isInteger(port)) throw new InvalidArgumentError("addr", `"${addr}" is not host:port`);
  return [addr.slice(0, at), port];
}
