// The kinds of object the store holds and small accessors shared by the tables, the transactions
// and the watch events. Objects are the API's own message shapes (proto/), stored as plain data
// and never mutated once stored: every change stores a new object.
import type { swarm } from "../../proto/index.js";

/** Every object kind the store holds. */
export const objectKinds = ["cluster", "node", "service", "task", "secret", "config", "network"] as const;

/** An object kind. */
export type ObjectKind = (typeof objectKinds)[number];

/** The stored shape of each kind. */
export interface ObjectsByKind {
  cluster: swarm.v1.Cluster.$Properties;
  node: swarm.v1.Node.$Properties;
  service: swarm.v1.Service.$Properties;
  task: swarm.v1.Task.$Properties;
  secret: swarm.v1.Secret.$Properties;
  config: swarm.v1.Config.$Properties;
  network: swarm.v1.Network.$Properties;
}

/** Any stored object. */
export type StoredObject = ObjectsByKind[ObjectKind];

/** Kinds whose names are unique in the store (as in Docker: nodes and tasks may share names). */
export const uniquelyNamedKinds: ReadonlySet<ObjectKind> = new Set([
  "cluster",
  "service",
  "secret",
  "config",
  "network",
]);

/** The object's id. */
export function idOf(object: StoredObject): string {
  return object.id ?? "";
}

/** The object's name: its spec's annotations name (a task's own annotations name). */
export function nameOf(kind: ObjectKind, object: StoredObject): string {
  if (kind === "task") return (object as ObjectsByKind["task"]).annotations?.name ?? "";
  const spec = (object as { spec?: { annotations?: { name?: string | null } | null } | null }).spec;
  return spec?.annotations?.name ?? "";
}

/** The raft index at which the object was last written (0 before it is stored). */
export function versionOf(object: StoredObject): number {
  return object.meta?.version?.index ?? 0;
}
