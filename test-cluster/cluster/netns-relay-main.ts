// The relay of a local cluster with a network of its own (cluster-netns.ts): loopback addresses of
// the host answer for the cluster's nodes on the ports it names, as they would were the cluster on
// the host's network. Two processes joined by a Unix socket (files cross namespaces, TCP does
// not): `outer` listens on the host's addresses and sends each connection, after a line naming its
// destination, through the socket; `inner`, started by `outer` inside the cluster's switch
// namespace, connects to the node there and pipes both ways.
//   outer --netns NS --socket PATH --listen HOST:PORT=NODE:PORT[,…]
//   inner --socket PATH
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** Longest destination line the inner relay reads, in bytes. */
const headerBytesMax = 64;

/** How long `outer` waits for `inner`'s socket, in ms. */
const innerReadyMsMax = 15_000;

/** Joins two sockets: either side's end or error ends both. */
function pipeBoth(a: Socket, b: Socket): void {
  a.pipe(b);
  b.pipe(a);
  const close = (): void => {
    a.destroy();
    b.destroy();
  };
  a.on("error", close);
  b.on("error", close);
  a.on("close", close);
  b.on("close", close);
}

function runInner(socketPath: string): void {
  rmSync(socketPath, { force: true });
  const server = createServer((client) => {
    let header = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      header = Buffer.concat([header, chunk]);
      const end = header.indexOf(10);
      if (end < 0) {
        if (header.length > headerBytesMax) client.destroy();
        return;
      }
      client.off("data", onData);
      client.pause();
      const [host = "", port = "0"] = header.subarray(0, end).toString("utf8").split(" ");
      const target = connect({ host, port: Number(port) }, () => {
        const rest = header.subarray(end + 1);
        if (rest.length > 0) target.write(rest);
        pipeBoth(client, target);
        client.resume();
      });
      target.on("error", () => client.destroy());
    };
    client.on("data", onData);
    client.on("error", () => client.destroy());
  });
  server.listen(socketPath);
  const stop = (): void => {
    server.close();
    rmSync(socketPath, { force: true });
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

async function runOuter(netns: string, socketPath: string, listen: readonly string[]): Promise<void> {
  const inner = spawn(
    "nsenter",
    [
      `--net=/run/netns/${netns}`,
      "--",
      process.execPath,
      fileURLToPath(import.meta.url),
      "inner",
      "--socket",
      socketPath,
    ],
    { stdio: "ignore" },
  );
  const end = Date.now() + innerReadyMsMax;
  while (!existsSync(socketPath)) {
    if (Date.now() > end || inner.exitCode !== null) {
      process.stderr.write(`netns relay: the inner relay in ${netns} did not start\n`);
      inner.kill("SIGKILL");
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const servers: Server[] = listen.map((pair) => {
    const [from = "", to = ""] = pair.split("=");
    const [host = "", port = "0"] = from.split(":");
    const [toHost = "", toPort = "0"] = to.split(":");
    const server = createServer((client) => {
      const through = connect(socketPath, () => {
        through.write(`${toHost} ${toPort}\n`);
        pipeBoth(client, through);
      });
      through.on("error", () => client.destroy());
      client.on("error", () => through.destroy());
    });
    server.listen(Number(port), host);
    return server;
  });
  const stop = (): void => {
    for (const s of servers) s.close();
    inner.kill("SIGTERM");
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  inner.once("exit", () => process.exit(1));
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { netns: { type: "string" }, socket: { type: "string" }, listen: { type: "string" } },
});
if (positionals[0] === "inner" && values.socket) runInner(values.socket);
else if (positionals[0] === "outer" && values.socket && values.netns && values.listen)
  await runOuter(values.netns, values.socket, values.listen.split(","));
else {
  process.stderr.write(
    "usage: netns-relay-main outer --netns NS --socket PATH --listen HOST:PORT=NODE:PORT[,…] | inner --socket PATH\n",
  );
  process.exitCode = 2;
}
