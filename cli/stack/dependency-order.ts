// Orders services by depends_on into waves: every service's dependencies are in earlier waves.

/** depends_on forms a cycle; `cycle` lists it with the first service repeated at the end. */
export class DependencyCycle extends Error {
  constructor(readonly cycle: readonly string[]) {
    super(`depends_on forms a cycle: ${cycle.join(" -> ")}`);
  }
}

/**
 * Groups services into waves (Kahn's algorithm by levels); names in a wave keep the input order.
 * Dependencies on names not in `services` are ignored. Throws DependencyCycle.
 */
export function dependencyWaves(
  services: readonly { readonly name: string; readonly dependsOn: readonly string[] }[],
): string[][] {
  const known = new Set(services.map((s) => s.name));
  const deps = new Map(services.map((s) => [s.name, s.dependsOn.filter((d) => known.has(d))]));
  const placed = new Set<string>();
  const waves: string[][] = [];
  while (placed.size < services.length) {
    const wave = services
      .filter((s) => !placed.has(s.name) && (deps.get(s.name) ?? []).every((d) => placed.has(d)))
      .map((s) => s.name);
    if (wave.length === 0)
      throw new DependencyCycle(
        findCycle(
          services.map((s) => s.name).filter((n) => !placed.has(n)),
          deps,
        ),
      );
    for (const name of wave) placed.add(name);
    waves.push(wave);
  }
  return waves;
}

/** A cycle among the unplaced services: follow unplaced dependencies until a name repeats. */
function findCycle(unplaced: readonly string[], deps: ReadonlyMap<string, readonly string[]>): string[] {
  const left = new Set(unplaced);
  const path: string[] = [];
  let current = unplaced[0];
  while (current !== undefined && !path.includes(current)) {
    path.push(current);
    current = (deps.get(current) ?? []).find((d) => left.has(d));
  }
  return current === undefined ? path : [...path.slice(path.indexOf(current)), current];
}
