// Helpers for the mesh's tests: loopback servers that name themselves, free ports, service sets.
import { createServer, connect, type Server, type Socket } from "node:net";
import { createSocket } from "node:dgram";
import type { MeshEndpoint, MeshPort, MeshService } from "./mesh-types.js";

/** The target port every test service uses. */
export const testTargetPort = 80;

/** A TCP port free on `host` right now (it may be taken again before it is used; good enough on loopback). */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP server that greets each connection with `name\n`, then echoes; it keeps its sockets for counting. */
export interface NamedServer {
  readonly name: string;
  readonly port: number;
  readonly server: Server;
  /** Bytes received before the first echo, per connection (what a PROXY header lands in). */
  readonly firstBytes: Buffer[];
  close(): Promise<void>;
}

/** Starts a NamedServer on 127.0.0.1. */
export async function namedServer(name: string, options: { greet?: boolean } = {}): Promise<NamedServer> {
  const sockets = new Set<Socket>();
  const firstBytes: Buffer[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.once("data", (chunk) => firstBytes.push(chunk));
    if (options.greet !== false) socket.write(`${name}\n`);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    name,
    port,
    server,
    firstBytes,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A UDP server on 127.0.0.1 that answers each datagram with `name:` and the datagram. */
export async function udpEchoServer(name: string): Promise<{ port: number; close(): void }> {
  const socket = createSocket("udp4");
  socket.on("message", (msg, rinfo) =>
    socket.send(Buffer.concat([Buffer.from(`${name}:`), msg]), rinfo.port, rinfo.address),
  );
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return { port: socket.address().port, close: () => socket.close() };
}

/** An endpoint on 127.0.0.1 serving the test target port at `port`. */
export function endpointOf(taskId: string, port: number, draining = false): MeshEndpoint {
  return { taskId, addr: "127.0.0.1", ports: { [testTargetPort]: port }, draining };
}

/** A one-port service. */
export function serviceOf(
  publishedPort: number,
  endpoints: readonly MeshEndpoint[],
  extra: { balancing?: MeshService["balancing"]; port?: Partial<MeshPort>; serviceId?: string } = {},
): MeshService {
  return {
    serviceId: extra.serviceId ?? "svc1",
    name: "web",
    balancing: extra.balancing ?? "round-robin",
    ports: [{ protocol: "tcp", publishedPort, targetPort: testTargetPort, ...extra.port }],
    endpoints,
  };
}

/** Connects to host:port and resolves with the socket and the first line it receives. */
export function dialLine(host: string, port: number): Promise<{ socket: Socket; line: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let buffered = "";
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString();
      const at = buffered.indexOf("\n");
      if (at < 0) return;
      socket.off("data", onData);
      socket.off("error", reject);
      resolve({ socket, line: buffered.slice(0, at) });
    };
    socket.on("data", onData);
    socket.once("error", reject);
    socket.once("close", () => reject(new Error("closed before a line")));
  });
}

/** Sends `text` on the socket and resolves with the next `text.length` bytes it receives. */
export function roundTrip(socket: Socket, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = "";
    const onData = (chunk: Buffer): void => {
      got += chunk.toString();
      if (got.length < text.length) return;
      socket.off("data", onData);
      resolve(got);
    };
    socket.on("data", onData);
    socket.once("error", reject);
    socket.write(text);
  });
}

/** Resolves when the socket has closed, with whether it saw an error (a reset). */
export function closed(socket: Socket): Promise<boolean> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve(false);
    let errored = false;
    socket.on("error", () => (errored = true));
    socket.once("close", () => resolve(errored));
  });
}
