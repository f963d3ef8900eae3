// The allocator's network work inside one write transaction: services' VIPs, nodes' own addresses
// and tasks' addresses, drawn from the leader's AddressTable, with each touched network's cursor
// written back so a new leader continues after it. Each function returns what it could not do and
// why, in words an operator reads in `service ps` or the logs.
import { swarm } from "../../proto/index.js";
import type { ObjectsByKind, WriteTx } from "../store/index.js";
import { pendingSchedulingMessage } from "./allocation-free.js";
import { type AddressOwner, type AddressTable, holdsAddresses } from "./ipam.js";
import { formatCidr, formatInterfaceAddress, formatIpv4 } from "./ipv4.js";
import { isEncryptedSpec } from "./network-config.js";
import { overlayAttachmentsOf, vipNetworkIds } from "./service-networks.js";
import { tunnelExhaustedReason, withTunnelAddr } from "./tunnel-addresses.js";

type Service = ObjectsByKind["service"];
type Task = ObjectsByKind["task"];
type Node = ObjectsByKind["node"];

/** Networks whose cursor moved in a transaction: their objects are written once at its end. */
export type TouchedNetworks = Set<string>;

/** The words for an exhausted network, naming it. */
export function exhaustedReason(tx: WriteTx, table: AddressTable, networkId: string, what: string): string {
  const network = tx.get("network", networkId);
  const pool = table.pool(networkId);
  const name = network?.spec?.annotations?.name || networkId;
  const subnet = pool ? ` (${formatCidr(pool.subnet)})` : "";
  return `no free address on network ${name}${subnet} for ${what}: all ${pool?.capacity ?? 0} are in use`;
}

function allocate(
  table: AddressTable,
  touched: TouchedNetworks,
  networkId: string,
  owner: AddressOwner,
): string | null {
  const pool = table.pool(networkId);
  const before = pool?.addressOf(owner);
  const addr = table.allocate(networkId, owner);
  if (addr === null || !pool) return null;
  if (before === undefined) touched.add(networkId);
  return formatInterfaceAddress(addr, pool.subnet);
}

/**
 * Gives a service a VIP on each overlay it needs one on and drops the others. Returns the reason
 * when a network is exhausted (the service is retried when addresses are freed).
 */
export function allocateServiceVips(
  tx: WriteTx,
  table: AddressTable,
  touched: TouchedNetworks,
  service: Service,
): string | null {
  const id = service.id ?? "";
  const owner: AddressOwner = `service:${id}`;
  const wanted = vipNetworkIds(tx, service.spec).filter((n) => table.pool(n) !== undefined);
  const have = service.endpoint?.virtualIps ?? [];
  const kept = have.filter((v) => wanted.includes(v.networkId ?? ""));
  for (const v of have) if (!wanted.includes(v.networkId ?? "")) table.release(v.networkId ?? "", owner);
  let reason: string | null = null;
  const added: swarm.v1.IVirtualIp[] = [];
  for (const networkId of wanted) {
    if (kept.some((v) => v.networkId === networkId)) continue;
    const addr = allocate(table, touched, networkId, owner);
    if (addr === null)
      reason ??= exhaustedReason(
        tx,
        table,
        networkId,
        `the virtual IP of service ${service.spec?.annotations?.name ?? id}`,
      );
    else added.push({ networkId, addr });
  }
  if (added.length === 0 && kept.length === have.length) return reason;
  const order = new Map(wanted.map((n, i) => [n, i]));
  const virtualIps = [...kept, ...added].sort(
    (a, b) => (order.get(a.networkId ?? "") ?? 0) - (order.get(b.networkId ?? "") ?? 0),
  );
  tx.update("service", {
    ...service,
    endpoint: { spec: service.spec?.endpoint ?? {}, ports: [], ...service.endpoint, virtualIps },
  });
  return reason;
}

/** Overlay networks a node serves: those its unfinished tasks hold addresses on. */
export function networksServedBy(tx: WriteTx, table: AddressTable, nodeId: string): string[] {
  const ids = new Set<string>();
  for (const task of tx.tasks({ nodeId }))
    if (holdsAddresses(task))
      for (const a of task.networks ?? []) if (a.networkId && table.pool(a.networkId)) ids.add(a.networkId);
  return [...ids].sort();
}

/**
 * Gives a node its own address on each overlay one of its tasks is on, and frees the ones no task
 * needs any more; a node serving an encrypted network gets its tunnel address too. Returns the
 * reason when a network (or the tunnel pool) is exhausted.
 */
export function allocateNodeAttachments(
  tx: WriteTx,
  table: AddressTable,
  touched: TouchedNetworks,
  node: Node,
): string | null {
  const id = node.id ?? "";
  const owner: AddressOwner = `node:${id}`;
  const wanted = networksServedBy(tx, table, id);
  const have = node.attachments ?? [];
  const kept = have.filter((a) => wanted.includes(a.networkId ?? ""));
  for (const a of have) if (!wanted.includes(a.networkId ?? "")) table.release(a.networkId ?? "", owner);
  let reason: string | null = null;
  const added: swarm.v1.INetworkAttachment[] = [];
  for (const networkId of wanted) {
    if (kept.some((a) => a.networkId === networkId)) continue;
    const addr = allocate(table, touched, networkId, owner);
    if (addr === null) reason ??= exhaustedReason(tx, table, networkId, `node ${node.description?.hostname || id}`);
    else added.push({ networkId, addresses: [addr] });
  }
  const encrypted = wanted.some((networkId) => isEncryptedSpec(tx.get("network", networkId)?.spec));
  const tunneled = encrypted ? withTunnelAddr(tx, node) : node;
  if (tunneled === null) reason ??= tunnelExhaustedReason(node);
  if (added.length === 0 && kept.length === have.length && (tunneled ?? node) === node) return reason;
  const attachments = [...kept, ...added].sort((a, b) => (a.networkId ?? "").localeCompare(b.networkId ?? ""));
  tx.update("node", { ...(tunneled ?? node), attachments });
  return reason;
}

/**
 * A NEW task's addresses, one per overlay it attaches to, or the reason it must wait: a network
 * is exhausted, or its service has no VIP there yet. On a refusal nothing stays taken for it.
 */
export function allocateTaskNetworks(
  tx: WriteTx,
  table: AddressTable,
  touched: TouchedNetworks,
  task: Task,
  service: Service | undefined,
): { networks: swarm.v1.INetworkAttachment[] } | { reason: string } {
  const id = task.id ?? "";
  const owner: AddressOwner = `task:${id}`;
  const vips = new Set((service?.endpoint?.virtualIps ?? []).map((v) => v.networkId ?? ""));
  const needsVip = new Set(service ? vipNetworkIds(tx, service.spec) : []);
  const networks: swarm.v1.INetworkAttachment[] = [];
  for (const a of overlayAttachmentsOf(tx, task.spec)) {
    if (!table.pool(a.networkId)) continue;
    const name = a.network.spec?.annotations?.name || a.networkId;
    let reason: string | null = null;
    if (needsVip.has(a.networkId) && !vips.has(a.networkId)) {
      const pool = table.pool(a.networkId);
      const serviceName = service?.spec?.annotations?.name ?? "";
      reason =
        pool && pool.usedCount >= pool.capacity
          ? exhaustedReason(tx, table, a.networkId, `the virtual IP of service ${serviceName}`)
          : `waiting for the virtual IP of service ${serviceName} on network ${name}`;
    }
    const addr = reason === null ? allocate(table, touched, a.networkId, owner) : null;
    if (reason === null && addr === null) reason = exhaustedReason(tx, table, a.networkId, "the task");
    if (reason !== null) {
      for (const done of networks) table.release(done.networkId ?? "", owner);
      return { reason };
    }
    networks.push({
      networkId: a.networkId,
      addresses: [addr!],
      ...(a.aliases.length > 0 ? { aliases: [...a.aliases] } : {}),
    });
  }
  return { networks };
}

/** Writes the cursor of each touched network, so the next leader continues after it. */
export function saveCursors(tx: WriteTx, table: AddressTable, touched: TouchedNetworks): void {
  for (const networkId of touched) {
    const network = tx.get("network", networkId);
    const pool = table.pool(networkId);
    if (!network || !pool || pool.cursor === 0) continue;
    const lastAllocated = formatIpv4(pool.cursor);
    if (network.lastAllocated !== lastAllocated) tx.update("network", { ...network, lastAllocated });
  }
  touched.clear();
}

/** A NEW task made PENDING with its service's endpoint and its addresses. */
export function pendingTask(task: Task, service: Service | undefined, networks: swarm.v1.INetworkAttachment[]): Task {
  return {
    ...task,
    ...(service?.endpoint ? { endpoint: service.endpoint } : {}),
    ...(networks.length > 0 ? { networks } : {}),
    status: { ...task.status, state: swarm.v1.TaskState.TASK_STATE_PENDING, message: pendingSchedulingMessage },
  };
}
