// Serves a node's metrics over plain HTTP (`GET /metrics`), as Prometheus scrapes them. Opt-in: it
// listens only on the address the operator gives with `swarmd --metrics-addr`.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InvalidArgumentError } from "../common/index.js";
import { exposition004ContentType } from "../common/metrics/index.js";

/** The path Prometheus scrapes by default. */
export const metricsPath = "/metrics";

/** A running metrics endpoint. */
export interface MetricsServer {
  /** `host:port` it listens on (the port is the real one when 0 was asked). */
  readonly addr: string;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

/** Splits `host:port` (IPv6 as `[::1]:9100`); throws InvalidArgumentError naming `field`. */
export function parseMetricsAddr(field: string, value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(value);
  const port = Number(match?.[3]);
  if (!match || port > 65_535) throw new InvalidArgumentError(field, `must be host:port, got "${value}"`);
  return { host: match[1] ?? match[2] ?? "", port };
}

/** Listens on `addr` and answers every `GET /metrics` with `scrape()`; other paths get 404. */
export async function serveMetrics(addr: string, scrape: () => Promise<string>): Promise<MetricsServer> {
  const { host, port } = parseMetricsAddr("metrics-addr", addr);
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "").split("?")[0];
    if (path !== metricsPath || (request.method !== "GET" && request.method !== "HEAD")) {
      response
        .writeHead(path === metricsPath ? 405 : 404, { "Content-Type": "text/plain" })
        .end(`try GET ${metricsPath}\n`);
      return;
    }
    scrape().then(
      (text) =>
        response
          .writeHead(200, { "Content-Type": exposition004ContentType })
          .end(request.method === "HEAD" ? undefined : text),
      (error: unknown) => response.writeHead(500, { "Content-Type": "text/plain" }).end(`${String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  return {
    addr: `${bound.family === "IPv6" ? `[${bound.address}]` : bound.address}:${bound.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
