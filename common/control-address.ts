// Where an operator's swarmctl finds a manager's Control API. swarmd serves it on a unix socket in
// its state directory (mode 0600, so only root reaches it without a client certificate), and
// swarmctl connects there unless `--host` or SWARM_HOST names another manager.
import { join } from "node:path";

/** State directory of swarmd when `--state-dir` is not given. */
export const defaultStateDir = "/var/lib/swarmd";

/** Environment variable naming the manager swarmctl talks to (`unix:///path` or `host:port`). */
export const swarmHostEnv = "SWARM_HOST";

/** The control socket inside a state directory. */
export function controlSocketPath(stateDir: string): string {
  return join(stateDir, "control.sock");
}

/** The gRPC target of a unix socket path (grpc-js wants `unix:` plus an absolute path). */
export function unixTarget(path: string): string {
  return `unix://${path}`;
}

/**
 * Trailer in which a manager names itself (its node id) on every Control answer, also on calls it
 * forwarded to the leader, so a client on a unix socket knows which node it talks to.
 */
export const servingNodeTrailer = "swarm-node-id";

/**
 * Trailer in which a manager gives the stable code of an operating error (e.g. "SEQUENCE_CONFLICT":
 * the write was based on an old read), so clients can act on it without parsing the message.
 */
export const errorCodeTrailer = "swarm-error-code";
