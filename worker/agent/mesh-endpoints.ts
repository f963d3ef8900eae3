// The routing mesh's endpoint set as the agent holds it: the managers send it on the session
// stream (complete first, then per-service replacements and removals), and the agent hands the
// whole set, in the mesh's own types, to whoever feeds the mesh.
import { swarm } from "../../proto/index.js";
import type { MeshEndpoint, MeshPort, MeshService } from "../mesh/mesh-types.js";

const UDP = Number(swarm.v1.PortConfig.Protocol.PROTOCOL_UDP);
const proxyVersions: Readonly<Record<number, MeshPort["proxyProtocol"]>> = {
  [swarm.v1.PortConfig.ProxyProtocol.PROXY_PROTOCOL_V1]: "v1",
  [swarm.v1.PortConfig.ProxyProtocol.PROXY_PROTOCOL_V2]: "v2",
};
const LeastConnections = Number(swarm.v1.EndpointSpec.Balancing.BALANCING_LEAST_CONNECTIONS);

/** One service of the wire format in the mesh's types. */
export function toMeshService(s: swarm.v1.IServiceEndpoints): MeshService {
  const ports: MeshPort[] = (s.ports ?? []).map((p) => {
    const proxyProtocol = proxyVersions[Number(p.proxyProtocol ?? 0)];
    return {
      protocol: Number(p.protocol ?? 0) === UDP ? "udp" : "tcp",
      publishedPort: Number(p.publishedPort ?? 0),
      targetPort: Number(p.targetPort ?? 0),
      ...(proxyProtocol ? { proxyProtocol } : {}),
    };
  });
  const endpoints: MeshEndpoint[] = (s.endpoints ?? []).map((e) => {
    const byTarget: Record<number, number> = {};
    // The mesh keys a task's ports by target alone; when one target is published over TCP and UDP
    // the task reports both, and the first (TCP sorts first) wins.
    for (const p of e.ports ?? []) byTarget[Number(p.targetPort ?? 0)] ??= Number(p.publishedPort ?? 0);
    return { taskId: e.taskId ?? "", addr: e.addr ?? "", ports: byTarget, draining: e.draining === true };
  });
  const balancing = Number(s.balancing ?? 0) === LeastConnections ? "least-connections" : "round-robin";
  return { serviceId: s.serviceId ?? "", name: s.name ?? "", ports, endpoints, balancing };
}

/** The endpoint set, kept up to date from the session's updates. */
export class EndpointSet {
  private readonly services = new Map<string, MeshService>();

  /** Applies one update: a complete one replaces the set, others replace or drop single services. */
  apply(update: swarm.v1.IEndpointsUpdate): void {
    if (update.complete === true) this.services.clear();
    for (const id of update.removedServiceIds ?? []) this.services.delete(id);
    for (const s of update.services ?? []) this.services.set(s.serviceId ?? "", toMeshService(s));
  }

  /** Every service, ordered by id. */
  list(): MeshService[] {
    return [...this.services.values()].sort((a, b) => a.serviceId.localeCompare(b.serviceId));
  }
}
