// Ports of a task that shares the node's network: a process, or a container on the host network.
// Such a task cannot listen on its target port as a container with a network of its own would (two
// replicas on a node would clash): for each ingress target port the executor picks a free port on
// the node's publish address and tells the program in its environment, as Nomad does with
// NOMAD_PORT_<label>: SWARM_PORT_<target>, SWARM_IP_<target> and SWARM_ADDR_<target> (ip:port)
// always, and PORT and HOST when the task has exactly one target port. The program must listen
// there; the executor reports the port in the task's port status, and the routing mesh forwards the
// published port to it.
import { createSocket } from "node:dgram";
import { createServer } from "node:net";
import { swarm } from "../../proto/index.js";
import type { TaskContext } from "./executor.js";

/** Address ports bind on when the context names none. */
export const portAddrDefault = "127.0.0.1";

/** Attempts at finding one port number free for every protocol of a target port. */
export const portAttemptsMax = 20;

/** One target port and the node port the program listens on for it. */
export interface PortBinding {
  /** The service's target port. */
  readonly targetPort: number;
  /** The port on the node's address the program listens on. */
  readonly nodePort: number;
  /** tcp or udp. */
  readonly protocol: "tcp" | "udp";
}

/** The task's ingress target ports (allocated endpoint ports first, else the spec's), without duplicates. */
export function ingressTargets(context: TaskContext): { targetPort: number; protocol: "tcp" | "udp" }[] {
  const endpoint = context.task.endpoint;
  const ports = (endpoint?.ports ?? []).length > 0 ? (endpoint?.ports ?? []) : (endpoint?.spec?.ports ?? []);
  const seen = new Set<string>();
  const targets: { targetPort: number; protocol: "tcp" | "udp" }[] = [];
  for (const p of ports) {
    if (Number(p.publishMode ?? 0) !== Number(swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS)) continue;
    const protocol = Number(p.protocol ?? 0) === Number(swarm.v1.PortConfig.Protocol.PROTOCOL_UDP) ? "udp" : "tcp";
    const key = `${Number(p.targetPort ?? 0)}/${protocol}`;
    if (Number(p.targetPort ?? 0) <= 0 || seen.has(key)) continue;
    seen.add(key);
    targets.push({ targetPort: Number(p.targetPort ?? 0), protocol });
  }
  return targets;
}

/** Binds a port (0: any) on host for a protocol; resolves with the port and a close function, or null if taken. */
function probe(
  host: string,
  port: number,
  protocol: "tcp" | "udp",
): Promise<{ port: number; close: () => Promise<void> } | null> {
  return new Promise((resolve) => {
    if (protocol === "tcp") {
      const server = createServer();
      server.once("error", () => resolve(null));
      server.listen({ host, port, exclusive: true }, () => {
        const bound = server.address();
        resolve({
          port: typeof bound === "object" && bound ? bound.port : 0,
          close: () => new Promise((done) => server.close(() => done())),
        });
      });
    } else {
      const socket = createSocket(host.includes(":") ? "udp6" : "udp4");
      socket.once("error", () => resolve(null));
      socket.bind({ address: host, port, exclusive: true }, () =>
        resolve({ port: socket.address().port, close: () => new Promise((done) => socket.close(() => done())) }),
      );
    }
  });
}

/**
 * Picks a free port on `host` for each target port: one number for all protocols of a target, so
 * SWARM_PORT_<target> names it. The ports are released before the program starts, which leaves a
 * short window for another program to take one; the kernel hands out ephemeral ports in turn, so
 * that is rare, and the task then fails to listen and is replaced.
 */
export async function allocatePorts(
  targets: readonly { targetPort: number; protocol: "tcp" | "udp" }[],
  host = portAddrDefault,
): Promise<PortBinding[]> {
  const byTarget = new Map<number, ("tcp" | "udp")[]>();
  for (const t of targets) byTarget.set(t.targetPort, [...(byTarget.get(t.targetPort) ?? []), t.protocol]);
  const bindings: PortBinding[] = [];
  for (const [targetPort, protocols] of byTarget) {
    let found: number | null = null;
    for (let attempt = 0; attempt < portAttemptsMax && found === null; attempt++) {
      const held: { close: () => Promise<void> }[] = [];
      let port = 0;
      for (const protocol of protocols) {
        const got = await probe(host, port, protocol);
        if (got === null) break;
        held.push(got);
        port = got.port;
      }
      if (held.length === protocols.length) found = port;
      await Promise.all(held.map((h) => h.close()));
    }
    if (found === null)
      throw new Error(`no free port on ${host} for target port ${targetPort} after ${portAttemptsMax} attempts`);
    for (const protocol of protocols) bindings.push({ targetPort, nodePort: found, protocol });
  }
  return bindings;
}

/** The environment telling the program where to listen (see the file header); `host` is the address the ports were picked on. */
export function portEnv(bindings: readonly PortBinding[], host = portAddrDefault): Record<string, string> {
  const env: Record<string, string> = {};
  const hostPort = (port: number): string => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);
  for (const b of bindings) {
    env[`SWARM_PORT_${b.targetPort}`] = String(b.nodePort);
    env[`SWARM_IP_${b.targetPort}`] = host;
    env[`SWARM_ADDR_${b.targetPort}`] = hostPort(b.nodePort);
  }
  const targets = new Set(bindings.map((b) => b.targetPort));
  const only = bindings[0];
  if (targets.size === 1 && only) {
    env.PORT = String(only.nodePort);
    env.HOST = host;
  }
  return env;
}

/** The bindings as the task's port status: ingress ports with the node port as the published one. */
export function portStatus(bindings: readonly PortBinding[]): swarm.v1.IPortConfig[] {
  return bindings.map((b) => ({
    protocol:
      b.protocol === "udp" ? swarm.v1.PortConfig.Protocol.PROTOCOL_UDP : swarm.v1.PortConfig.Protocol.PROTOCOL_TCP,
    targetPort: b.targetPort,
    publishedPort: b.nodePort,
    publishMode: swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS,
  }));
}
