// What netfilter holds now, from `iptables-save` (nat and filter tables): which chains exist, which
// built-in chains jump to ours, and which backends each VIP currently DNATs to. The last tells the
// agent which backends a pass removes, even after a restart, so their UDP flows can be cleared.

/** The parts of one table the agent reads. */
export interface IptablesTable {
  /** Chains that exist. */
  readonly chains: ReadonlySet<string>;
  /** Rules as iptables-save prints them, without the leading "-A ". */
  readonly rules: readonly string[];
}

/** The nat and filter tables. */
export interface IptablesState {
  /** The nat table. */
  readonly nat: IptablesTable;
  /** The filter table. */
  readonly filter: IptablesTable;
}

/** Parses `iptables-save` output; tables other than nat and filter are ignored. */
export function parseIptablesSave(text: string): IptablesState {
  const tables: Record<string, { chains: Set<string>; rules: string[] }> = {
    nat: { chains: new Set(), rules: [] },
    filter: { chains: new Set(), rules: [] },
  };
  let current: { chains: Set<string>; rules: string[] } | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("*")) current = tables[line.slice(1)];
    else if (current === undefined) continue;
    else if (line.startsWith(":")) current.chains.add(line.slice(1).split(" ")[0] ?? "");
    else if (line.startsWith("-A ")) current.rules.push(line.slice(3));
  }
  return { nat: tables.nat!, filter: tables.filter! };
}

/** Whether built-in chain `from` jumps to `to` with a plain `-j` rule. */
export function hasJump(table: IptablesTable, from: string, to: string): boolean {
  return table.rules.includes(`${from} -j ${to}`);
}

/** Every rule of `from` that jumps to `to` (any matches), as `-D` arguments. */
export function jumpsTo(table: IptablesTable, to: string): string[] {
  return table.rules.filter((r) => r.endsWith(` -j ${to}`) && !r.startsWith(`${to} `));
}

/** The first word of a rule: its chain. */
function chainOf(rule: string): string {
  return rule.slice(0, rule.indexOf(" "));
}

/**
 * The backends each VIP DNATs to now: from the rules `-d VIP/32 … -j <vip chain>` in the services
 * chain and the `--to-destination` of that chain's rules.
 */
export function currentVipBackends(nat: IptablesTable, servicesChain: string): Map<string, Set<string>> {
  const byChain = new Map<string, Set<string>>();
  for (const rule of nat.rules) {
    const to = /--to-destination ([0-9.]+)/.exec(rule);
    if (to === null) continue;
    const chain = chainOf(rule);
    let set = byChain.get(chain);
    if (set === undefined) byChain.set(chain, (set = new Set()));
    set.add(to[1] ?? "");
  }
  const byVip = new Map<string, Set<string>>();
  for (const rule of nat.rules) {
    if (chainOf(rule) !== servicesChain) continue;
    const m = /-d ([0-9.]+)\/32 .*-j (\S+)$/.exec(rule);
    if (m === null) continue;
    byVip.set(m[1] ?? "", byChain.get(m[2] ?? "") ?? new Set());
  }
  return byVip;
}

/**
 * The tables as they are after `iptables-restore --noflush` of `input` over `current`: declared
 * chains exist and hold exactly the input's rules, `-X` chains are gone, `-I` jumps are added, and
 * everything else is untouched. Lets the agent skip reading the tables back between full passes.
 */
export function afterRestore(current: IptablesState, input: string): IptablesState {
  const out: Record<"nat" | "filter", { chains: Set<string>; rules: string[] }> = {
    nat: { chains: new Set(current.nat.chains), rules: [...current.nat.rules] },
    filter: { chains: new Set(current.filter.chains), rules: [...current.filter.rules] },
  };
  let table: { chains: Set<string>; rules: string[] } | undefined;
  for (const line of input.split("\n")) {
    if (line.startsWith("*")) table = line === "*nat" ? out.nat : line === "*filter" ? out.filter : undefined;
    if (table === undefined) continue;
    if (line.startsWith(":")) {
      const chain = line.slice(1).split(" ")[0] ?? "";
      table.chains.add(chain);
      // Declaring a chain in --noflush mode flushes it.
      table.rules = table.rules.filter((r) => chainOf(r) !== chain);
    } else if (line.startsWith("-X ")) {
      const chain = line.slice(3);
      table.chains.delete(chain);
    } else if (line.startsWith("-A ")) {
      table.rules.push(line.slice(3));
    } else if (line.startsWith("-I ")) {
      const m = /^-I (\S+) \d+ (.*)$/.exec(line);
      if (m !== null) table.rules.unshift(`${m[1]} ${m[2]}`);
    } else if (line.startsWith("-D ")) {
      const rule = line.slice(3);
      const at = table.rules.indexOf(rule);
      if (at >= 0) table.rules.splice(at, 1);
    }
  }
  return { nat: out.nat, filter: out.filter };
}
