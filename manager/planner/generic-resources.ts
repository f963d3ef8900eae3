// Generic resources (GPUs, FPGAs, disks…) as the planner counts them, after SwarmKit's genericresource
// package. A node advertises units of a kind either by name (one entry per unit, e.g. a GPU's UUID)
// or by count (an amount of the kind). A task reserves a count of a kind; when it is placed it is
// assigned that many specific units: named ones by name, in the order the node advertises them, and
// the rest as a count of the node's counted amount. Assigned units stay the task's until it ends.
import type { GenericResourceView } from "./types.js";

/** What is still free of one kind on one node. */
interface FreeKind {
  /** Named units not assigned to any task, in the order the node advertises them. */
  named: string[];
  /** Counted units not assigned. */
  count: number;
}

/** The free generic resources of one node, by kind. */
export type FreeGenericResources = Map<string, FreeKind>;

/** A task's reservation of generic resources: a count per kind, kinds in first-seen order. */
export type GenericDemand = ReadonlyMap<string, number>;

/** Sums a task's generic reservations per kind; empty when it reserves none. */
export function genericDemandOf(reservations: readonly GenericResourceView[] | undefined): GenericDemand {
  const demand = new Map<string, number>();
  for (const r of reservations ?? []) {
    // A reservation names a count; a named entry (which the Control API refuses) counts as one unit.
    const count = r.value ? 1 : (r.count ?? 0);
    if (count > 0) demand.set(r.kind, (demand.get(r.kind) ?? 0) + count);
  }
  return demand;
}

/**
 * What remains free on a node that advertises `offered`, after the units `assigned` to its tasks.
 * A unit assigned but no longer advertised (the node changed its flags) is simply not free.
 */
export function freeGenericResources(
  offered: readonly GenericResourceView[],
  assigned: readonly (readonly GenericResourceView[])[],
): FreeGenericResources {
  const free: FreeGenericResources = new Map();
  for (const r of offered) {
    let kind = free.get(r.kind);
    if (kind === undefined) {
      kind = { named: [], count: 0 };
      free.set(r.kind, kind);
    }
    if (r.value) {
      if (!kind.named.includes(r.value)) kind.named.push(r.value);
    } else kind.count += r.count ?? 0;
  }
  for (const list of assigned) {
    for (const r of list) {
      const kind = free.get(r.kind);
      if (kind === undefined) continue;
      if (r.value) {
        const at = kind.named.indexOf(r.value);
        if (at !== -1) kind.named.splice(at, 1);
      } else kind.count = Math.max(0, kind.count - (r.count ?? 0));
    }
  }
  return free;
}

/** The first kind of `demand` the node has too few free units of, or undefined when all fit. */
export function missingGenericKind(free: FreeGenericResources | undefined, demand: GenericDemand): string | undefined {
  for (const [kind, wanted] of demand) {
    const have = free?.get(kind);
    if (have === undefined || have.named.length + have.count < wanted) return kind;
  }
  return undefined;
}

/**
 * Takes `demand` from `free` (which must hold enough: see missingGenericKind) and returns the units
 * taken: named units first, in advertised order, then one counted entry per kind for the rest.
 */
export function claimGenericResources(free: FreeGenericResources, demand: GenericDemand): GenericResourceView[] {
  const taken: GenericResourceView[] = [];
  for (const [kind, wanted] of demand) {
    const have = free.get(kind);
    if (have === undefined) continue;
    const named = have.named.splice(0, Math.min(wanted, have.named.length));
    for (const value of named) taken.push({ kind, value });
    const counted = wanted - named.length;
    if (counted > 0) {
      have.count -= counted;
      taken.push({ kind, count: counted });
    }
  }
  return taken;
}
