// Test support: a TCP relay that hands the answers of its target to clients at a set rate, so a
// pull from a registry on loopback lasts long enough to be watched (a real pull over a slow link,
// without touching any interface's queueing discipline). Requests pass at full speed.
import { connect, createServer, type Socket } from "node:net";

/** A running relay. */
export interface SlowLink {
  /** `host:port` to use in place of the target's. */
  readonly host: string;
  /** Closes the listener and every relayed connection. */
  stop(): Promise<void>;
}

/**
 * Relays connections to `target` (`host:port`) from a free port of `listenAddr`, passing the
 * target's bytes on at `bytesPerSecond` (each chunk is held back for as long as its size takes).
 */
export async function startSlowLink(target: string, listenAddr: string, bytesPerSecond: number): Promise<SlowLink> {
  const colon = target.lastIndexOf(":");
  const targetHost = target.slice(0, colon);
  const targetPort = Number(target.slice(colon + 1));
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
    client.pipe(upstream);
    upstream.on("data", (chunk: Buffer) => {
      upstream.pause();
      client.write(chunk);
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          upstream.resume();
        },
        (chunk.length / bytesPerSecond) * 1000,
      );
      timers.add(timer);
    });
    upstream.on("end", () => client.end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, listenAddr, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    host: `${listenAddr}:${port}`,
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
