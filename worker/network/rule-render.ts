// Renders the node's netfilter rules as one `iptables-restore --noflush` input: service VIPs as
// kube-proxy's iptables mode does them (one chain per service, `statistic random` per backend with
// probability 1/(n−i), the last unconditional), DNAT without SNAT so backends see the client's
// address, a masquerade only where a connection would otherwise break (hairpin, node-local
// sources, egress), REJECT for a VIP with no backend, and FORWARD/INPUT accepts for agent bridges.
// Every chain of ours is declared (which flushes it) and refilled, stale VIP chains are deleted,
// and missing jumps from the built-in chains are inserted first: the whole table changes in one
// atomic commit, so no packet ever sees half a rule set. Pure; see rule-render.test.ts.
import type { IptablesState } from "./iptables-state.js";
import { hasJump, jumpsTo } from "./iptables-state.js";
import type { KernelNames } from "./kernel-names.js";
import { byCodePoint } from "./code-point-order.js";

/** One service VIP on one network. */
export interface VipRule {
  /** The service's id. */
  readonly serviceId: string;
  /** For the rule comment. */
  readonly serviceName: string;
  /** The VIP. */
  readonly vip: string;
  /** Addresses of the backends taking new connections, in a stable order. */
  readonly backends: readonly string[];
}

/** One network's rules. */
export interface NetworkRules {
  /** The network's id. */
  readonly networkId: string;
  /** For rule comments. */
  readonly networkName: string;
  /** The bridge. */
  readonly bridge: string;
  /** The subnet, canonical CIDR. */
  readonly subnet: string;
  /** The node's address on the network (the DNS listener). */
  readonly selfAddr: string;
  /** No egress. */
  readonly internal: boolean;
  /** Docker made the bridge: Docker's own FORWARD and masquerade rules cover it. */
  readonly dockerBridge: boolean;
  /** The VIPs. */
  readonly vips: readonly VipRule[];
  /** Addresses of this node's own tasks on the network (hairpin masquerades). */
  readonly localBackends: readonly string[];
}

/** A published port of a task in its own network namespace: DNAT from the node's publish address. */
export interface PublishRule {
  /** The node's publish address. */
  readonly addr: string;
  /** tcp or udp. */
  readonly protocol: "tcp" | "udp";
  /** The node port. */
  readonly port: number;
  /** The task's address. */
  readonly taskAddr: string;
  /** The port the task listens on. */
  readonly targetPort: number;
}

/** Digits of the statistic probabilities (kube-proxy prints as many). */
const probabilityDigits = 10;

/** The `iptables-restore --noflush` input that makes our chains hold exactly these rules. */
export function renderRules(
  networks: readonly NetworkRules[],
  publish: readonly PublishRule[],
  current: IptablesState,
  names: KernelNames,
): string {
  const nat: string[] = [];
  const vipChains = new Set<string>();
  const hairpins = new Set<string>();
  for (const net of networks) {
    for (const v of net.vips) {
      if (v.backends.length === 0) continue;
      const chain = names.vipChain(net.networkId, v.serviceId);
      vipChains.add(chain);
      nat.push(
        `-A ${names.natServices} -d ${v.vip}/32 ${comment(`${v.serviceName} on ${net.networkName}`)} -j ${chain}`,
      );
      v.backends.forEach((b, i) => {
        const left = v.backends.length - i;
        const spread =
          left > 1 ? `-m statistic --mode random --probability ${(1 / left).toFixed(probabilityDigits)} ` : "";
        nat.push(`-A ${chain} ${spread}-j DNAT --to-destination ${b}`);
      });
    }
    for (const addr of net.localBackends) hairpins.add(`${net.bridge} ${addr}`);
  }
  for (const p of [...publish].sort(comparePublish)) {
    nat.push(
      `-A ${names.natPublish} ${p.addr === "0.0.0.0" ? "-m addrtype --dst-type LOCAL" : `-d ${p.addr}/32`} -p ${p.protocol} -m ${p.protocol} --dport ${p.port} -j DNAT --to-destination ${p.taskAddr}:${p.targetPort}`,
    );
  }
  for (const net of networks) {
    // A task reaching itself through its VIP: its own address as source would be dropped as a
    // martian on the way back in, so the node stands in as the source.
    for (const h of [...hairpins].filter((x) => x.startsWith(`${net.bridge} `)).sort()) {
      const addr = h.slice(h.indexOf(" ") + 1);
      nat.push(`-A ${names.natPost} -s ${addr}/32 -d ${addr}/32 -m conntrack --ctstate DNAT -j MASQUERADE`);
    }
    // A connection the node itself opened to a VIP or a published port (loopback or VIP source)
    // must come back to the node: the backend would answer the VIP's owner on its own node.
    nat.push(
      `-A ${names.natPost} -o ${net.bridge} -m addrtype --src-type LOCAL -m conntrack --ctstate DNAT -j MASQUERADE`,
    );
    // Egress leaves the node masqueraded. Nodes sharing one namespace (test clusters) have bridges
    // on the same subnet, and frames another node's bridge forwards pass POSTROUTING too (bridge
    // netfilter): only routed packets are egress, or one node would masquerade another's traffic.
    if (!net.internal && !net.dockerBridge)
      nat.push(
        `-A ${names.natPost} -s ${net.subnet} ! -o ${net.bridge}${names.prefix ? " -m physdev ! --physdev-is-bridged" : ""} -j MASQUERADE`,
      );
  }

  const filter: string[] = [];
  for (const net of networks) {
    if (!net.dockerBridge) {
      filter.push(`-A ${names.filterForward} -i ${net.bridge} -o ${net.bridge} -j ACCEPT`);
      // Published ports DNATed into the bridge from outside.
      filter.push(`-A ${names.filterForward} -o ${net.bridge} -m conntrack --ctstate DNAT -j ACCEPT`);
      if (net.internal) {
        filter.push(`-A ${names.filterForward} -i ${net.bridge} -j DROP`);
        filter.push(`-A ${names.filterForward} -o ${net.bridge} -j DROP`);
      } else {
        filter.push(`-A ${names.filterForward} -i ${net.bridge} -j ACCEPT`);
        filter.push(`-A ${names.filterForward} -o ${net.bridge} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`);
      }
    }
    for (const proto of ["udp", "tcp"])
      filter.push(
        `-A ${names.filterInput} -i ${net.bridge} -d ${net.selfAddr}/32 -p ${proto} -m ${proto} --dport 53 -j ACCEPT`,
      );
    // A VIP without a backend is a local address: refuse at once rather than let clients time out.
    for (const v of net.vips) {
      if (v.backends.length > 0) continue;
      for (const chain of [names.filterInput, names.filterOutput]) {
        filter.push(`-A ${chain} -d ${v.vip}/32 -p tcp -j REJECT --reject-with tcp-reset`);
        filter.push(`-A ${chain} -d ${v.vip}/32 ! -p icmp -j REJECT --reject-with icmp-port-unreachable`);
      }
    }
  }

  const staleVip = [...current.nat.chains].filter((c) => names.isOwnVipChain(c) && !vipChains.has(c)).sort();
  const natChains = [names.natServices, names.natPublish, names.natPost, ...[...vipChains].sort(), ...staleVip];
  const filterChains = [names.filterForward, names.filterInput, names.filterOutput];
  return [
    "*nat",
    ...natChains.map((c) => `:${c} - [0:0]`),
    ...names
      .natHooks()
      .filter((h) => !hasJump(current.nat, h.from, h.to))
      .map((h) => `-I ${h.from} 1 -j ${h.to}`),
    ...nat,
    ...staleVip.map((c) => `-X ${c}`),
    "COMMIT",
    "*filter",
    ...filterChains.map((c) => `:${c} - [0:0]`),
    ...names
      .filterHooks()
      .filter((h) => !hasJump(current.filter, h.from, h.to))
      .map((h) => `-I ${h.from} 1 -j ${h.to}`),
    ...filter,
    "COMMIT",
    "",
  ].join("\n");
}

/** The input that removes every chain of ours and every jump to them. */
export function renderRemoval(current: IptablesState, names: KernelNames): string {
  const natOwn = [
    names.natServices,
    names.natPublish,
    names.natPost,
    ...[...current.nat.chains].filter((c) => names.isOwnVipChain(c)).sort(),
  ].filter((c) => current.nat.chains.has(c));
  const filterOwn = [names.filterForward, names.filterInput, names.filterOutput].filter((c) =>
    current.filter.chains.has(c),
  );
  const section = (table: "nat" | "filter", own: readonly string[]): string[] => {
    const state = current[table];
    const builtins = new Set(own);
    const jumps = own.flatMap((c) => jumpsTo(state, c)).filter((r) => !builtins.has(r.slice(0, r.indexOf(" "))));
    return [
      `*${table}`,
      ...own.map((c) => `:${c} - [0:0]`),
      ...jumps.map((r) => `-D ${r}`),
      ...own.map((c) => `-X ${c}`),
      "COMMIT",
    ];
  };
  return [...section("nat", natOwn), ...section("filter", filterOwn), ""].join("\n");
}

/** A rule comment (quoted; quotes and backslashes in names are dropped). */
function comment(text: string): string {
  return `-m comment --comment "${text.replace(/["\\]/g, "")}"`;
}

function comparePublish(a: PublishRule, b: PublishRule): number {
  return byCodePoint(a.addr, b.addr) || byCodePoint(a.protocol, b.protocol) || a.port - b.port;
}
