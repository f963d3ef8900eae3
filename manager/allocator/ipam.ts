// Address management of overlay networks (pure: no I/O, no clock; the leader's allocator drives it).
//
// - A network gets a subnet (the one asked for, or the first free block of the cluster's default
//   pools that overlaps no other network and no subnet a node reports as its own) and a VXLAN id.
// - On a network, every owner (a task, a service's VIP, a node's own address) holds at most one
//   address. Addresses are handed out next-fit: the search starts after the address handed out
//   last, so an address just freed is reused only after the range has wrapped. A task's address
//   gives its MAC (02:42 + the address), and ARP caches, FDB entries and clients' DNS caches may
//   still point at a freed address for a while: handing it straight to another task, possibly on
//   another node, would send them there.
// - The table is rebuilt from the store (networks with their cursors, services' VIPs, tasks not
//   finished, nodes' attachments), so a new leader continues where the last one stopped.
import type { swarm } from "../../proto/index.js";
import { addressOf, type Cidr, cidrContains, cidrLast, cidrsOverlap, parseCidr, parseIpv4 } from "./ipv4.js";
import { isOverlayNetwork, vniMax } from "./network-config.js";

const taskStateComplete = 576; // swarm.v1.TaskState.TASK_STATE_COMPLETE, the first terminal state

/** Whether a task still holds its addresses: it has not reached a terminal state. */
export function holdsAddresses(task: swarm.v1.ITask): boolean {
  return Number(task.status?.state ?? 0) < taskStateComplete;
}

/** Who holds an address: "task:<id>", "service:<id>" (its VIP) or "node:<id>". */
export type AddressOwner = `${"task" | "service" | "node"}:${string}`;

/** One network's addresses. */
export class AddressPool {
  /** Address → holder. */
  private readonly used = new Map<number, AddressOwner>();
  /** Holder → address (one per holder on a network). */
  private readonly byOwner = new Map<AddressOwner, number>();

  constructor(
    /** The network's id. */
    readonly networkId: string,
    /** The network's subnet. */
    readonly subnet: Cidr,
    /** First address handed out (the range's, else the one after the subnet's own address). */
    readonly first: number,
    /** Last address handed out (the range's, else the one before the broadcast address). */
    readonly last: number,
    /** Addresses never handed out: the gateway. */
    readonly reserved: ReadonlySet<number>,
    /** The address handed out last; the next search starts after it. */
    public cursor: number,
  ) {}

  /** Addresses the pool can hand out in all. */
  get capacity(): number {
    let n = Math.max(0, this.last - this.first + 1);
    for (const r of this.reserved) if (r >= this.first && r <= this.last) n--;
    return n;
  }

  /** Addresses held now. */
  get usedCount(): number {
    return this.used.size;
  }

  /** The holder of an address. */
  holder(addr: number): AddressOwner | undefined {
    return this.used.get(addr);
  }

  /** The address an owner holds. */
  addressOf(owner: AddressOwner): number | undefined {
    return this.byOwner.get(owner);
  }

  /**
   * Records that `owner` holds `addr` (rebuilding from the store, or following a commit). False when
   * the address is outside the pool, reserved, or held by someone else; an owner's previous address
   * on this network is released.
   */
  hold(addr: number, owner: AddressOwner): boolean {
    if (!cidrContains(this.subnet, addr) || this.reserved.has(addr)) return false;
    const holder = this.used.get(addr);
    if (holder !== undefined && holder !== owner) return false;
    this.release(owner);
    this.used.set(addr, owner);
    this.byOwner.set(owner, addr);
    return true;
  }

  /** Frees what `owner` holds; the cursor stays, so the address is reused only after a wrap. */
  release(owner: AddressOwner): void {
    const addr = this.byOwner.get(owner);
    if (addr === undefined) return;
    this.byOwner.delete(owner);
    if (this.used.get(addr) === owner) this.used.delete(addr);
  }

  /**
   * Hands `owner` an address, next-fit from the cursor, wrapping once; the owner keeps the one it
   * holds. Null when every address is taken.
   */
  allocate(owner: AddressOwner): number | null {
    const held = this.byOwner.get(owner);
    if (held !== undefined) return held;
    const size = this.last - this.first + 1;
    if (size <= 0) return null;
    const start = this.cursor >= this.first && this.cursor <= this.last ? this.cursor + 1 : this.first;
    for (let i = 0; i < size; i++) {
      const addr = this.first + ((start - this.first + i) % size);
      if (this.reserved.has(addr) || this.used.has(addr)) continue;
      this.used.set(addr, owner);
      this.byOwner.set(owner, addr);
      this.cursor = addr;
      return addr;
    }
    return null;
  }
}

/** The pool of a network, or null when it is not an overlay with a valid subnet. */
export function poolOf(network: swarm.v1.INetwork): AddressPool | null {
  if (!isOverlayNetwork(network)) return null;
  const config = network.ipam?.[0];
  const subnet = parseCidr(config?.subnet ?? "", false);
  if (!subnet || subnet.prefix > 30) return null;
  const range = config?.range ? parseCidr(config.range, false) : null;
  const inner = { first: subnet.base + 1, last: cidrLast(subnet) - 1 };
  const first = range ? Math.max(inner.first, range.base) : inner.first;
  const last = range ? Math.min(inner.last, cidrLast(range)) : inner.last;
  const gateway = parseIpv4(config?.gateway ?? "");
  const cursor = parseIpv4(network.lastAllocated ?? "") ?? 0;
  return new AddressPool(network.id ?? "", subnet, first, last, new Set(gateway === null ? [] : [gateway]), cursor);
}

/** What an owner holds, network id → address. */
export type Holdings = ReadonlyMap<string, number>;

/** A task's addresses, network id → address (none once it has finished). */
export function taskHoldings(task: swarm.v1.ITask): Holdings {
  const out = new Map<string, number>();
  if (!holdsAddresses(task)) return out;
  for (const a of task.networks ?? []) {
    const addr = addressOf(a.addresses?.[0] ?? "");
    if (addr !== null && a.networkId) out.set(a.networkId, addr);
  }
  return out;
}

/** A service's VIPs, network id → address. */
export function serviceHoldings(service: swarm.v1.IService): Holdings {
  const out = new Map<string, number>();
  for (const v of service.endpoint?.virtualIps ?? []) {
    const addr = addressOf(v.addr ?? "");
    if (addr !== null && v.networkId) out.set(v.networkId, addr);
  }
  return out;
}

/** A node's own addresses, network id → address. */
export function nodeHoldings(node: swarm.v1.INode): Holdings {
  const out = new Map<string, number>();
  for (const a of node.attachments ?? []) {
    const addr = addressOf(a.addresses?.[0] ?? "");
    if (addr !== null && a.networkId) out.set(a.networkId, addr);
  }
  return out;
}

/** What the table is rebuilt from: a store transaction satisfies it. */
export interface AddressSource {
  /** Every object of a kind. */
  all(kind: "network"): swarm.v1.INetwork[];
  all(kind: "service"): swarm.v1.IService[];
  all(kind: "task"): swarm.v1.ITask[];
  all(kind: "node"): swarm.v1.INode[];
}

/** Every overlay network's addresses. */
export class AddressTable {
  private readonly pools = new Map<string, AddressPool>();
  /** Owner → networks it holds an address on, so a change of one owner touches only its pools. */
  private readonly owners = new Map<AddressOwner, Set<string>>();

  /** The pool of a network. */
  pool(networkId: string): AddressPool | undefined {
    return this.pools.get(networkId);
  }

  /**
   * Adds a network's pool (a network's subnet, range and gateway never change, so a known network
   * keeps its pool, whose cursor may be ahead of the stored one while a write is in flight).
   */
  addNetwork(network: swarm.v1.INetwork): void {
    const id = network.id ?? "";
    if (this.pools.has(id)) return;
    const pool = poolOf(network);
    if (pool) this.pools.set(id, pool);
  }

  /** Drops a network's pool and everything held on it. */
  removeNetwork(networkId: string): void {
    if (!this.pools.delete(networkId)) return;
    for (const networks of this.owners.values()) networks.delete(networkId);
  }

  /**
   * Makes the table show exactly `holdings` for `owner` (after a commit, or rebuilding): addresses
   * it no longer holds are freed, the ones it holds are recorded. Returns the network ids whose
   * address for the owner could not be recorded (outside the pool, or held by another owner).
   */
  sync(owner: AddressOwner, holdings: Holdings): string[] {
    // Nothing held before or now: every task event of a cluster without overlays.
    if (holdings.size === 0 && !this.owners.has(owner)) return [];
    const rejected: string[] = [];
    const networks = this.owners.get(owner) ?? new Set<string>();
    for (const networkId of networks) {
      if (holdings.get(networkId) === this.pools.get(networkId)?.addressOf(owner)) continue;
      this.pools.get(networkId)?.release(owner);
      networks.delete(networkId);
    }
    for (const [networkId, addr] of holdings) {
      const pool = this.pools.get(networkId);
      if (!pool) continue;
      if (pool.hold(addr, owner)) networks.add(networkId);
      else rejected.push(networkId);
    }
    if (networks.size > 0) this.owners.set(owner, networks);
    else this.owners.delete(owner);
    return rejected;
  }

  /** Gives `owner` an address on a network (the one it holds, if any); null when the pool is exhausted or unknown. */
  allocate(networkId: string, owner: AddressOwner): number | null {
    const pool = this.pools.get(networkId);
    const addr = pool?.allocate(owner) ?? null;
    if (addr === null) return null;
    let networks = this.owners.get(owner);
    if (!networks) this.owners.set(owner, (networks = new Set()));
    networks.add(networkId);
    return addr;
  }

  /** Frees what `owner` holds on one network. */
  release(networkId: string, owner: AddressOwner): void {
    this.pools.get(networkId)?.release(owner);
    const networks = this.owners.get(owner);
    networks?.delete(networkId);
    if (networks?.size === 0) this.owners.delete(owner);
  }
}

/**
 * Builds the table from the store: every overlay network's pool with its stored cursor, the VIPs of
 * services, the addresses of tasks that have not finished and the nodes' own addresses. Returns
 * the owners whose address could not be recorded (two holders of one address, which only a bug
 * could write), so the caller can report them.
 */
export function addressTableOf(source: AddressSource): { table: AddressTable; conflicts: string[] } {
  const table = new AddressTable();
  for (const network of source.all("network")) table.addNetwork(network);
  const conflicts: string[] = [];
  const record = (owner: AddressOwner, holdings: Holdings): void => {
    for (const networkId of table.sync(owner, holdings)) conflicts.push(`${owner} on ${networkId}`);
  };
  for (const s of source.all("service")) record(`service:${s.id ?? ""}`, serviceHoldings(s));
  for (const n of source.all("node")) record(`node:${n.id ?? ""}`, nodeHoldings(n));
  for (const t of source.all("task")) if (holdsAddresses(t)) record(`task:${t.id ?? ""}`, taskHoldings(t));
  return { table, conflicts };
}

/**
 * The first block of mask length `size` in the pools (in order) that overlaps none of `taken`, or
 * null. A pool shorter than `size` bits is skipped.
 */
export function allocateSubnet(pools: readonly Cidr[], size: number, taken: readonly Cidr[]): Cidr | null {
  const sorted = [...taken].sort((a, b) => a.base - b.base);
  const step = 2 ** (32 - size);
  for (const pool of pools) {
    if (size < pool.prefix) continue;
    const end = cidrLast(pool);
    let candidate = pool.base;
    while (candidate + step - 1 <= end) {
      const block = { base: candidate, prefix: size };
      const clash = sorted.find((t) => cidrsOverlap(t, block));
      if (!clash) return block;
      // Jump past the clashing block, to the next aligned candidate.
      const after = cidrLast(clash) + 1;
      candidate = Math.max(candidate + step, Math.ceil(after / step) * step);
    }
  }
  return null;
}

/** The lowest VXLAN id from `first` up that no network uses, or null when all are taken. */
export function allocateVni(used: ReadonlySet<number>, first: number): number | null {
  for (let vni = first; vni <= vniMax; vni++) if (!used.has(vni)) return vni;
  return null;
}
