// Compose profiles in a stack: a service that names `profiles` is part of the stack only when one
// of them is active (`--profile`, or COMPOSE_PROFILES), as `docker compose` decides; "*" activates
// every profile. Docker's own `stack deploy` refuses the key outright; swarm-ts follows the Compose
// specification instead, so files written for `docker compose` deploy as their authors meant.

type Dict = Record<string, unknown>;

/** The profile that activates every profile, as Compose's `--profile "*"`. */
export const allProfiles = "*";

/**
 * Removes from the merged tree the services whose profiles are all inactive, and the `profiles`
 * key of the others (it says nothing once the choice is made). `active` may hold empty strings
 * (an empty COMPOSE_PROFILES), which activate nothing.
 */
export function applyProfiles(tree: Dict, active: readonly string[]): void {
  const services = tree.services;
  if (services === null || typeof services !== "object" || Array.isArray(services)) return;
  const on = new Set(active.map((p) => p.trim()).filter((p) => p !== ""));
  for (const [name, service] of Object.entries(services as Dict)) {
    if (service === null || typeof service !== "object" || Array.isArray(service)) continue;
    const profiles = (service as Dict).profiles;
    if (!Array.isArray(profiles)) continue;
    const enabled = profiles.length === 0 || on.has(allProfiles) || profiles.some((p) => on.has(String(p)));
    if (enabled) delete (service as Dict).profiles;
    else delete (services as Dict)[name];
  }
}
