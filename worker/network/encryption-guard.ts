// The encrypted networks' guard: a netfilter chain that drops every packet of an encrypted network
// about to leave the node any other way than it must, whatever state the rest of the data path is
// in. The data path alone keeps such traffic inside WireGuard only while everything is in place:
// the tunnel interface is up with its address and its route, the network's bridge holds its
// address and its route. In between — wireguard-go restarting (its new interface gets the address
// a moment before it is up, when the pool has no route yet), a route deleted, a pass removing and
// making links again, a network skipped because the tunnel failed — the kernel routes the same
// packets by whatever route is left, on a real node the default route: VXLAN of the tunnel
// addresses, DNATed connections to the network's tasks, ICMP errors quoting their packets, all in
// clear on the underlay. The guard does not depend on any of that state, so it holds through it:
//
//   -o lo -j RETURN                          the node's own addresses never leave it
//   -s <tunnel pool> ! -o <tunnel> -j DROP   encrypted VXLAN, and anything else from a tunnel address
//   -d <tunnel pool> ! -o <tunnel> -j DROP   and anything to one (ICMP errors quoting its packets)
//   -d <subnet> ! -o <bridge> -j DROP        an encrypted network's addresses are reached on its bridge only
//
// It lives in mangle POSTROUTING, which every packet leaving the node passes, forwarded or the
// node's own, after routing (so `-o` is the interface it would leave by) and before the masquerade
// (so the source is still the task's): no ACCEPT of the filter table and no rule order there can
// bypass it. Bridged frames (br_netfilter) leave by their bridge: a network's own traffic passes,
// and a task's egress to the outside (source in the subnet, destination elsewhere) is not overlay
// traffic and leaves as on a plain network. The agent widens the guard before a pass programs
// anything and narrows it only after the pass removed what the guard no longer covers
// (network-agent.ts), so a network's entries exist before its links and outlive them.
import type { CommandRunner } from "./command-runner.js";
import { canonicalSubnet } from "./ipv4.js";

/** What the guard covers. */
export interface GuardSpec {
  /** The node's tunnel interface. */
  readonly tunnel: string;
  /** The tunnel address ranges (CIDR) of the encrypted networks served; their traffic leaves only by the tunnel. */
  readonly pools: readonly string[];
  /** The encrypted networks: each subnet (CIDR) is reached by its bridge only. */
  readonly networks: readonly { readonly subnet: string; readonly bridge: string }[];
}

/** The rule letting the node's own traffic to itself pass: first whenever the chain holds anything. */
const loopbackRule = "-o lo -j RETURN";

/** How long iptables waits for the xtables lock, in seconds. */
const xtablesWaitS = 5;

/** The guard's rules for `spec` (without the chain name), in the order they go in: none for an empty spec. */
export function guardRules(spec: GuardSpec): string[] {
  const drops = new Set<string>();
  for (const pool of spec.pools) {
    const cidr = canonicalSubnet(pool);
    if (cidr === undefined) continue;
    drops.add(`-s ${cidr} ! -o ${spec.tunnel} -j DROP`);
    drops.add(`-d ${cidr} ! -o ${spec.tunnel} -j DROP`);
  }
  for (const n of spec.networks) {
    const cidr = canonicalSubnet(n.subnet);
    if (cidr !== undefined) drops.add(`-d ${cidr} ! -o ${n.bridge} -j DROP`);
  }
  return orderRules(drops);
}

/** Both rule sets at once (the loopback rule first, drops in a stable order). */
export function unionRules(a: readonly string[], b: readonly string[]): string[] {
  return orderRules(new Set([...a, ...b].filter((r) => r !== loopbackRule)));
}

function orderRules(drops: ReadonlySet<string>): string[] {
  return drops.size === 0 ? [] : [loopbackRule, ...[...drops].sort()];
}

/** The chain's rules, whether it exists, and POSTROUTING's jumps to it (how many, whether one is first), from `iptables-save -t mangle`. */
export function parseGuard(
  save: string,
  chain: string,
): { rules: string[]; exists: boolean; jumps: number; jumpFirst: boolean } {
  const rules: string[] = [];
  const jump = `-A POSTROUTING -j ${chain}`;
  let firstPostrouting: string | undefined;
  let exists = false;
  let jumps = 0;
  let inMangle = false;
  for (const raw of save.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("*")) inMangle = line === "*mangle";
    if (!inMangle) continue;
    if (line.startsWith(`:${chain} `)) exists = true;
    else if (line.startsWith(`-A ${chain} `)) rules.push(line.slice(`-A ${chain} `.length));
    else if (line.startsWith("-A POSTROUTING ")) {
      firstPostrouting ??= line;
      if (line === jump) jumps += 1;
    }
  }
  return { rules, exists, jumps, jumpFirst: firstPostrouting === jump };
}

/**
 * The `iptables-restore --noflush` input that makes `chain` hold exactly `rules`, jumped to first
 * from POSTROUTING (`jumps`: how many jumps exist now; `jumpFirst`: whether one is first), or that
 * removes the chain and its jumps when `rules` is empty. One commit: never a moment without it.
 */
export function renderGuard(chain: string, rules: readonly string[], jumps: number, jumpFirst: boolean): string {
  const lines = ["*mangle", `:${chain} - [0:0]`];
  if (rules.length === 0) {
    for (let i = 0; i < jumps; i++) lines.push(`-D POSTROUTING -j ${chain}`);
    lines.push(`-X ${chain}`);
  } else {
    if (!jumpFirst) {
      for (let i = 0; i < jumps; i++) lines.push(`-D POSTROUTING -j ${chain}`);
      lines.push(`-I POSTROUTING 1 -j ${chain}`);
    }
    lines.push(...rules.map((r) => `-A ${chain} ${r}`));
  }
  return [...lines, "COMMIT", ""].join("\n");
}

/** The node's guard chain; see the file header. */
export class EncryptionGuard {
  /** The rules the chain holds, as last read or written; undefined until the first read. */
  private held: string[] | undefined;
  /** Whether the chain is exactly as `held` says: whole, jumped to once and first (or absent with no jump). */
  private whole = false;
  /** Jumps from POSTROUTING to the chain, and whether one is the first rule there, as last read or written. */
  private jumps = 0;
  private jumpFirst = false;

  constructor(
    private readonly run: CommandRunner,
    /** The mangle chain's name (`SWARM-ENC-GUARD`, with the node prefix in tests). */
    readonly chain: string,
  ) {}

  /** The rules the chain holds (as last read or written). */
  rules(): readonly string[] {
    return this.held ?? [];
  }

  /**
   * The rules a pass keeps while it programs: `rules` and whatever the chain holds now (read from
   * the kernel on the first pass, so a chain an earlier run left stays until a pass no longer needs it).
   */
  async widened(rules: readonly string[]): Promise<string[]> {
    if (this.held === undefined) await this.read();
    return unionRules(this.held ?? [], rules);
  }

  /**
   * Makes the chain hold exactly `rules` (from {@link guardRules} or {@link unionRules}), jumped to
   * first from POSTROUTING; no rules remove it. `reread` reads the table back first, which repairs
   * whatever changed behind the agent's back (the agent's full passes). No process runs while
   * nothing changes.
   */
  async hold(rules: readonly string[], reread = false): Promise<void> {
    if (reread || this.held === undefined) await this.read();
    if (this.whole && sameRules(this.held ?? [], rules)) return;
    this.whole = false;
    await this.run(
      "iptables-restore",
      ["-w", String(xtablesWaitS), "--noflush"],
      renderGuard(this.chain, rules, this.jumps, this.jumps === 1 && this.jumpFirst),
    );
    this.held = [...rules];
    this.jumps = rules.length > 0 ? 1 : 0;
    this.jumpFirst = rules.length > 0;
    this.whole = true;
  }

  /** Takes the chain as `save` (`iptables-save` of the mangle table, or of all tables) shows it. */
  learn(save: string): void {
    const now = parseGuard(save, this.chain);
    this.held = now.rules;
    this.jumps = now.jumps;
    this.jumpFirst = now.jumpFirst;
    this.whole = now.rules.length > 0 ? now.jumps === 1 && now.jumpFirst : !now.exists && now.jumps === 0;
  }

  private async read(): Promise<void> {
    this.learn(await this.run("iptables-save", ["-t", "mangle"]));
  }
}

function sameRules(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}
