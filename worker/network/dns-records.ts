// The names the node's DNS server answers, built from the network view, and the pure lookup that
// decides each answer. Names live per network and a querier only sees the networks it is attached
// to (found from its source address), as Docker scopes them:
//
//   <service>, each alias   → the VIP (vip mode) or the live tasks' addresses, shuffled (dnsrr)
//   tasks.<service|alias>   → the live tasks' addresses, shuffled
//   <task name>, task alias → the task's address
//   <name>.<network name>   → the same, on that network only
//   PTR of a task or VIP    → its names
//
// "Live" is RUNNING, healthy when the task has a healthcheck, and not draining. A name that looks
// like a cluster name (one label, `tasks.<x>`, `<x>.<network>`, an address in a scoped subnet) but
// is unknown gets an authoritative NXDOMAIN; everything else goes to the host's resolvers.
import { aRecordsWire } from "./dns-fast-answer.js";
import { addrOfReverseName, subnetContains } from "./ipv4.js";
import type { NetworkView, OverlayNetwork } from "./view.js";
import { byCodePoint } from "./code-point-order.js";

/**
 * TTL of task addresses and dnsrr answers, in seconds. Tasks come and go with every update or
 * failure; Docker's 600 s kept clients on dead tasks for ten minutes. The server sits on the node
 * and answers in microseconds, so asking again is cheap.
 */
export const dnsTaskTtlS = 5;

/**
 * TTL of VIP answers, in seconds. A VIP lives as long as its service, but a service removed and
 * created again (a `stack rm` and `deploy`) gets a new one, and the old address then leads
 * nowhere: clients that cache for a minute would time out for a minute. Ten seconds bounds that
 * at the cost of one more local query per client every ten seconds.
 */
export const dnsVipTtlS = 10;

/** One name's answer on one network. */
export interface NameRecord {
  /** Addresses (empty: the name exists with no address now, e.g. a dnsrr service with no live task). */
  readonly addrs: readonly string[];
  /** TTL in seconds. */
  readonly ttlS: number;
  /** Shuffle the addresses on every answer (round robin). */
  readonly shuffle: boolean;
  /** The addresses as A records on the wire, built once per view (dns-fast-answer.ts). */
  readonly wire: Buffer;
}

/** A record of `addrs`, with its wire form. */
export function nameRecord(addrs: readonly string[], ttlS: number, shuffle: boolean): NameRecord {
  return { addrs, ttlS, shuffle, wire: aRecordsWire(addrs, ttlS) };
}

/** The names of one network. */
interface NetworkNames {
  readonly id: string;
  readonly name: string;
  readonly subnet: string;
  readonly names: Map<string, NameRecord>;
  readonly ptr: Map<string, string[]>;
}

/** What a query gets. */
export type Lookup =
  | { readonly kind: "addrs"; readonly record: NameRecord }
  | { readonly kind: "ptr"; readonly names: readonly string[]; readonly ttlS: number }
  | { readonly kind: "nodata" }
  | { readonly kind: "nxdomain" }
  | { readonly kind: "forward" };

/** Lowercase, no trailing dot. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** The DNS names of a view; immutable, rebuilt on every view. */
export class DnsRecords {
  private readonly networks = new Map<string, NetworkNames>();
  /** The networks of each task address, sorted; a node's own address maps to its one network. */
  private readonly scopes = new Map<string, readonly string[]>();
  private readonly networkOfSelf = new Map<string, string>();

  constructor(view: NetworkView) {
    const networksOfTask = new Map<string, Set<string>>();
    for (const net of view.networks)
      for (const t of net.tasks) {
        let set = networksOfTask.get(t.taskId);
        if (set === undefined) networksOfTask.set(t.taskId, (set = new Set()));
        set.add(net.id);
      }
    for (const net of view.networks) {
      this.networks.set(net.id, namesOf(net));
      this.networkOfSelf.set(net.self.addr, net.id);
      this.scopes.set(net.self.addr, [net.id]);
      for (const t of net.tasks)
        this.scopes.set(t.addr, [...(networksOfTask.get(t.taskId) ?? [net.id])].sort(byCodePoint));
    }
  }

  /** The network a listen address (a node's own address) serves, if any. */
  networkOfListener(addr: string): string | undefined {
    return this.networkOfSelf.get(addr);
  }

  /**
   * The networks a querier sees: those of the task with the source address, else (a source the
   * view does not know yet, e.g. a task that started before the view named it) the network of
   * the address the query arrived on.
   */
  scopeOf(source: string, listener: string): readonly string[] {
    const first = this.networkOfSelf.get(listener);
    const scope = this.scopes.get(source);
    if (scope === undefined) return first === undefined ? [] : (this.scopes.get(listener) ?? [first]);
    // The network the query came in on first: its answer wins when a name exists on several.
    if (first === undefined || scope[0] === first || !scope.includes(first)) return scope;
    return [first, ...scope.filter((id) => id !== first)];
  }

  /** The answer to a question of `type` ("A", "AAAA", "PTR", …) about `name` within `scope`. */
  lookup(rawName: string, type: string, scope: readonly string[]): Lookup {
    const name = normalizeName(rawName);
    const nets = scope.map((id) => this.networks.get(id)).filter((n): n is NetworkNames => n !== undefined);
    const reverse = addrOfReverseName(name);
    if (reverse !== undefined) {
      for (const net of nets) {
        if (!subnetContains(net.subnet, reverse)) continue;
        const names = net.ptr.get(reverse);
        if (names === undefined) return { kind: "nxdomain" };
        return type === "PTR" ? { kind: "ptr", names, ttlS: dnsTaskTtlS } : { kind: "nodata" };
      }
      return { kind: "forward" };
    }
    let clusterName = !name.includes(".") || /^tasks\.[^.]+$/.test(name);
    for (const net of nets) {
      const suffix = `.${net.name}`;
      const candidates = name.endsWith(suffix) ? [name, name.slice(0, -suffix.length)] : [name];
      if (candidates.length > 1) clusterName = true;
      for (const candidate of candidates) {
        const record = net.names.get(candidate);
        if (record === undefined) continue;
        return type === "A" ? { kind: "addrs", record } : { kind: "nodata" };
      }
    }
    return clusterName && nets.length > 0 ? { kind: "nxdomain" } : { kind: "forward" };
  }
}

/** Builds one network's names; earlier kinds win a clash (service names, then aliases, then tasks). */
function namesOf(net: OverlayNetwork): NetworkNames {
  const names = new Map<string, NameRecord>();
  const ptr = new Map<string, string[]>();
  const set = (name: string, record: NameRecord): void => {
    const key = normalizeName(name);
    if (key !== "" && !names.has(key)) names.set(key, record);
  };
  const addPtr = (addr: string, name: string): void => {
    const list = ptr.get(addr) ?? [];
    if (!list.includes(name)) list.push(name);
    ptr.set(addr, list);
  };
  const services = [...net.services].sort((a, b) => byCodePoint(a.name, b.name));
  const mainOf = new Map<string, NameRecord>();
  for (const s of services) {
    const live = s.backends.filter((b) => b.healthy && !b.draining).map((b) => b.addr);
    const byVip = s.mode === "vip" && s.vip !== undefined;
    const main: NameRecord = byVip ? nameRecord([s.vip], dnsVipTtlS, false) : nameRecord(live, dnsTaskTtlS, true);
    mainOf.set(s.id, main);
    set(s.name, main);
    if (byVip) addPtr(s.vip, `${normalizeName(s.name)}.${net.name}`);
  }
  for (const s of services) {
    const live = s.backends.filter((b) => b.healthy && !b.draining).map((b) => b.addr);
    const tasks = nameRecord(live, dnsTaskTtlS, true);
    const main = mainOf.get(s.id);
    for (const alias of s.aliases) if (main !== undefined) set(alias, main);
    for (const n of [s.name, ...s.aliases]) set(`tasks.${n}`, tasks);
  }
  for (const t of [...net.tasks].sort((a, b) => byCodePoint(a.name, b.name))) {
    const record = nameRecord([t.addr], dnsTaskTtlS, false);
    set(t.name, record);
    for (const alias of t.aliases) set(alias, record);
    addPtr(t.addr, `${normalizeName(t.name)}.${net.name}`);
  }
  return { id: net.id, name: normalizeName(net.name), subnet: net.subnet, names, ptr };
}
