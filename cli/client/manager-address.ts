// Where and how swarmctl reaches a manager, without grpc-js: `--host` / SWARM_HOST (or the local
// control socket) as a gRPC target, and the operator's TLS files read for a TCP target. The grpc-js
// connection (connection.ts) and the lean list path (cli/lean/), which speaks HTTP/2 itself, both
// start from here, so both reach the same manager with the same certificate and fail the same way.
import { readFileSync } from "node:fs";
import { controlSocketPath, defaultStateDir, swarmHostEnv, unixTarget } from "../../common/index.js";
import { certPathOf, tlsFilesIn } from "./cert-path.js";
import type { ConnectionOptions } from "./global-options.js";
import { UsageError } from "./usage-error.js";

/** Deadline of one unary call. */
export const callMsMax = 30_000;

/**
 * The name every manager's certificate carries (its role, as a SAN): managers are reached by
 * address, so TLS checks this name instead of the address (manager/ca's ManagerRole).
 */
export const managerTlsName = "swarm-manager";

/** The gRPC target for the options and environment: `--host`, then SWARM_HOST, then the local control socket. */
export function controlTarget(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): string {
  const host = options.host || env[swarmHostEnv] || unixTarget(controlSocketPath(defaultStateDir));
  if (host.startsWith("unix://")) {
    if (!host.slice("unix://".length).startsWith("/"))
      throw new UsageError("--host", `"${host}": a unix socket needs an absolute path (unix:///path)`);
    return host;
  }
  const hostPort = host.startsWith("tcp://") ? host.slice("tcp://".length) : host;
  if (!/^[^\s/:]+:\d{1,5}$/.test(hostPort) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(hostPort)) {
    throw new UsageError("--host", `"${host}" is neither unix:///path nor host:port`);
  }
  return hostPort;
}

/** The operator's TLS material, read: the cluster's root CA, the operator's certificate and key. */
export interface OperatorTls {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
}

/**
 * The operator's TLS material for a target. The local socket needs none (it is root's, mode 0600). Over
 * TCP a manager admits only certificates of its cluster's CA: the files named by the flags, else those
 * in SWARM_CERT_PATH or ~/.swarm-ts. Null without any: the connection is attempted without TLS (test
 * managers that serve plain loopback), and a real manager refuses it.
 */
export function operatorTls(
  options: ConnectionOptions,
  target = "",
  env: NodeJS.ProcessEnv = process.env,
): OperatorTls | null {
  const given = [options.tlsCaCert, options.tlsCert, options.tlsKey].filter((f) => f);
  if (given.length > 0 && given.length < 3)
    throw new UsageError(
      "--tlscacert/--tlscert/--tlskey",
      "give all three, or none (then SWARM_CERT_PATH or ~/.swarm-ts is used)",
    );
  if (target.startsWith("unix:")) return null;
  const files =
    given.length === 3
      ? { ca: options.tlsCaCert!, cert: options.tlsCert!, key: options.tlsKey! }
      : tlsFilesIn(certPathOf(env));
  if (!files) return null;
  const read = (flag: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new UsageError(flag, `cannot read ${path}: ${(error as Error).message}`);
    }
  };
  // In the order grpc-js's createSsl reads them, so the first unreadable file is the one named.
  const ca = read("--tlscacert", files.ca);
  const key = read("--tlskey", files.key);
  const cert = read("--tlscert", files.cert);
  return { ca, cert, key };
}
