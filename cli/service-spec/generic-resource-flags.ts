// `--generic-resource KIND=COUNT` of `service create` (and `--generic-resource-add`/`-rm` of
// `service update`), as Docker's: the service's tasks each reserve COUNT units of KIND (e.g. gpu=1),
// and the scheduler places them only where that many are free, assigning specific units.
import { Flags } from "@oclif/core";
import type { swarm } from "../../proto/index.js";
import { UsageError } from "../client/usage-error.js";

const many = (description: string, aliases: string[] = []) =>
  Flags.string({ description, multiple: true, multipleNonGreedy: true, ...(aliases.length ? { aliases } : {}) });

/** The flag of `service create`. */
export const genericResourceCreateFlags = {
  "generic-resource": many("reserve generic resources per task: KIND=COUNT (e.g. gpu=1)"),
};

/** The flags of `service update`: add (or set) and remove by kind. */
export const genericResourceUpdateFlags = {
  "generic-resource": many("add or set a generic resource reservation (KIND=COUNT)", ["generic-resource-add"]),
  "generic-resource-rm": many("remove a generic resource reservation (KIND)"),
};

/** Parses one `KIND=COUNT`; a count is a whole number from 1, as Docker's discrete resources. */
export function parseGenericResource(text: string): swarm.v1.GenericResource.$Properties {
  const at = text.indexOf("=");
  const kind = at === -1 ? "" : text.slice(0, at).trim();
  const value = at === -1 ? "" : text.slice(at + 1).trim();
  if (!kind || !/^[1-9]\d*$/.test(value))
    throw new UsageError(
      "--generic-resource",
      `${JSON.stringify(text)}: expected KIND=COUNT with a whole count from 1 (named units are the nodes': swarmd --node-generic-resource)`,
    );
  return { kind, count: Number(value) };
}

/**
 * The reservations after removals (`rm`, by kind) then additions (an added kind replaces the one
 * already there); undefined when neither flag was given.
 */
export function editGenericResources(
  current: readonly swarm.v1.GenericResource.$Properties[] | null | undefined,
  add: readonly string[],
  rm: readonly string[],
): swarm.v1.GenericResource.$Properties[] | undefined {
  if (add.length === 0 && rm.length === 0) return undefined;
  const removed = new Set(rm.map((k) => k.trim()));
  const out = (current ?? []).filter((g) => !removed.has(g.kind ?? ""));
  for (const text of add) {
    const added = parseGenericResource(text);
    const at = out.findIndex((g) => g.kind === added.kind);
    if (at === -1) out.push(added);
    else out[at] = added;
  }
  return out;
}
