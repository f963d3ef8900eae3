// Shared by the Control handlers: finding an object the way the Docker CLI lets users name it, the
// version a write must quote, and the error for writes the cluster's state forbids.
import { InvalidArgumentError, NotFoundError, SwarmError } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import { nameOf, type ObjectKind, type ObjectsByKind, type ReadTx } from "../store/index.js";

/** A write refused because of the cluster's state (e.g. a secret still in use). */
export class FailedPreconditionError extends SwarmError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super("FAILED_PRECONDITION", message, { context });
  }
}

/** Finds an object by id, name or unique id prefix. */
export function resolve<K extends ObjectKind>(
  tx: ReadTx,
  kind: K,
  ref: string | null | undefined,
  field: string,
): ObjectsByKind[K] {
  if (!ref) throw new InvalidArgumentError(field, "is required");
  const exact = tx.get(kind, ref);
  if (exact) return exact;
  const all = tx.all(kind);
  const named = all.filter((o) => nameOf(kind, o) === ref);
  if (named.length === 1) return named[0]!;
  const prefixed = all.filter((o) => (o.id ?? "").startsWith(ref));
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1 || named.length > 1)
    throw new InvalidArgumentError(field, `"${ref}" matches more than one ${kind}`);
  throw new NotFoundError(kind, ref);
}

/** The version a write quotes, required. */
export function requireVersion(field: string, version: swarm.v1.Version.$Properties | null | undefined): number {
  const index = version?.index;
  if (!index) throw new InvalidArgumentError(field, "is required: pass the version you read");
  return index;
}
