// Secrets and configs between Docker's JSON and swarm-ts's proto. Data travels as base64 (Go's
// []byte); a secret's data is never returned, a config's is. Secret drivers and templating, which
// swarm-ts does not have, are refused by name.
import type { swarm } from "../../proto/index.js";
import { InvalidFieldError } from "../http-error.js";
import { type Filters, filterValues, matchAny, matchLabels } from "./filters.js";
import { base64Out, type JsonOut, labelsOut, omitEmpty } from "./go-json.js";
import type { JsonObject } from "./json-reader.js";
import { metaOut } from "./service-out.js";

/** Filter keys of `GET /secrets` and `GET /configs`. */
export const dataFilterKeys = ["id", "label", "name", "names"] as const;

/** Converts a SecretSpec or ConfigSpec body; `kind` says which optional Docker fields exist. */
export function dataSpecIn(
  o: JsonObject,
  kind: "secret" | "config",
): { annotations: swarm.v1.Annotations.$Properties; data: Uint8Array } {
  const name = o.string("Name");
  if (!name) throw new InvalidFieldError(o.field("Name"), "is required");
  if (kind === "secret") o.refuse("Driver", "secret drivers (external secret stores)");
  o.refuse("Templating", `${kind} templating`);
  const spec = { annotations: { name, labels: o.stringMap("Labels") }, data: o.bytes("Data") };
  o.finish();
  return spec;
}

/** Docker's Secret (without its data). */
export function secretOut(secret: swarm.v1.Secret.$Properties): JsonOut {
  return {
    ID: secret.id ?? "",
    ...metaOut(secret.meta),
    Spec: { Name: omitEmpty(secret.spec?.annotations?.name), Labels: labelsOut(secret.spec?.annotations?.labels) },
  };
}

/** Docker's Config (with its data). */
export function configOut(config: swarm.v1.Config.$Properties): JsonOut {
  return {
    ID: config.id ?? "",
    ...metaOut(config.meta),
    Spec: {
      Name: omitEmpty(config.spec?.annotations?.name),
      Labels: labelsOut(config.spec?.annotations?.labels),
      Data: omitEmpty(base64Out(config.spec?.data)),
    },
  };
}

/** Whether a secret or config passes the list filters: `name` by prefix, `names` exactly. */
export function dataMatches(
  filters: Filters,
  object: { id?: string | null; spec?: { annotations?: swarm.v1.Annotations.$Properties | null } | null },
): boolean {
  const id = object.id ?? "";
  const name = object.spec?.annotations?.name ?? "";
  if (!matchAny(filterValues(filters, "id"), (v) => id.startsWith(v))) return false;
  if (!matchAny(filterValues(filters, "name"), (v) => name.startsWith(v))) return false;
  if (!matchAny(filterValues(filters, "names"), (v) => name === v)) return false;
  return matchLabels(filterValues(filters, "label"), object.spec?.annotations?.labels);
}
