// Published ports of the routing mesh. An ingress port is cluster-wide: every node answers on it,
// so two services can never share one. A port the operator names is reserved if free; a port left
// at 0 gets the lowest free port of the dynamic range: the cluster's `published_port_range`, or
// 30000–32767 as Docker's. A service keeps the dynamic port it holds when the range changes.
// Host-mode ports are per node and checked by the scheduler, not here.
import { SwarmError } from "../../common/index.js";
import { swarm } from "../../proto/index.js";

/** First port of the dynamic range. */
export const dynamicPortFirst = 30000;
/** Last port of the dynamic range. */
export const dynamicPortLast = 32767;

/** An inclusive range of port numbers. */
export interface DynamicPortRange {
  /** First port. */
  readonly first: number;
  /** Last port. */
  readonly last: number;
}

/** The dynamic range when the cluster sets none (Docker's). */
export const dynamicPortRangeDefault: DynamicPortRange = { first: dynamicPortFirst, last: dynamicPortLast };

/**
 * The dynamic range a cluster's `published_port_range` gives; Docker's when it gives none, or one
 * the API would refuse (a store written before the API checked it).
 */
export function dynamicPortRangeOf(range: swarm.v1.PortRange.$Properties | null | undefined): DynamicPortRange {
  const first = Number(range?.start ?? 0);
  const last = Number(range?.end ?? 0);
  const valid = Number.isInteger(first) && Number.isInteger(last) && first >= 1 && first <= last && last <= 65_535;
  return valid ? { first, last } : dynamicPortRangeDefault;
}

/** A published port is already taken by another service, or the range is exhausted. */
export class PortConflictError extends SwarmError {
  constructor(message: string, context: Record<string, unknown>) {
    super("FAILED_PRECONDITION", message, { context });
  }
}

const ingress = swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS;
const key = (protocol: number, port: number): string => `${protocol}/${port}`;

/** Ingress ports in use: "protocol/port" → service id. */
export type PortTable = Map<string, string>;

/** Builds the table of ingress ports from the services' allocated endpoints. */
export function portTableOf(services: readonly swarm.v1.Service.$Properties[]): PortTable {
  const table: PortTable = new Map();
  for (const s of services) {
    for (const p of s.endpoint?.ports ?? []) {
      if ((p.publishMode ?? ingress) === ingress && p.publishedPort)
        table.set(key(p.protocol ?? 0, p.publishedPort), s.id ?? "");
    }
  }
  return table;
}

/**
 * Allocates the endpoint of a service from its spec. Ports the service already holds stay its
 * own; `table` is updated in place. Throws PortConflictError naming the port and its holder.
 */
export function allocateEndpoint(
  serviceId: string,
  spec: swarm.v1.EndpointSpec.$Properties | null | undefined,
  previous: swarm.v1.Endpoint.$Properties | null | undefined,
  table: PortTable,
  options: { readonly dynamicRange?: DynamicPortRange } = {},
): swarm.v1.Endpoint.$Properties {
  const range = options.dynamicRange ?? dynamicPortRangeDefault;
  // Release what the service held, then take what the new spec asks for.
  for (const p of previous?.ports ?? []) {
    const k = key(p.protocol ?? 0, p.publishedPort ?? 0);
    if (table.get(k) === serviceId) table.delete(k);
  }
  const held = new Map(
    (previous?.ports ?? []).map((p) => [`${p.protocol ?? 0}/${p.targetPort ?? 0}`, p.publishedPort ?? 0]),
  );
  const ports: swarm.v1.PortConfig.$Properties[] = [];
  const taken: string[] = [];
  const rollback = (): void => {
    for (const k of taken) table.delete(k);
  };
  for (const p of spec?.ports ?? []) {
    const protocol = p.protocol ?? 0;
    if ((p.publishMode ?? ingress) !== ingress) {
      ports.push({ ...p });
      continue;
    }
    let port = p.publishedPort ?? 0;
    if (port === 0) {
      // Keep the dynamic port the service already had for this target, if still free.
      const kept = held.get(`${protocol}/${p.targetPort ?? 0}`) ?? 0;
      port = kept && !table.has(key(protocol, kept)) ? kept : lowestFree(table, protocol, range);
      if (port === 0) {
        rollback();
        throw new PortConflictError(`no free port left in ${range.first}-${range.last}`, { serviceId });
      }
    } else if (table.has(key(protocol, port)) && table.get(key(protocol, port)) !== serviceId) {
      rollback();
      throw new PortConflictError(`port ${port} is already published by service ${table.get(key(protocol, port))}`, {
        port,
        holder: table.get(key(protocol, port)),
      });
    }
    table.set(key(protocol, port), serviceId);
    taken.push(key(protocol, port));
    ports.push({ ...p, publishedPort: port });
  }
  return { spec: spec ?? {}, ports };
}

function lowestFree(table: PortTable, protocol: number, range: DynamicPortRange): number {
  for (let port = range.first; port <= range.last; port++) if (!table.has(key(protocol, port))) return port;
  return 0;
}
