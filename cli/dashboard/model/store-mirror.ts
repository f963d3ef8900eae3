// The dashboard server's copy of the store: every object the Watch API streams, kept by kind and
// id, with the indexes the views need (tasks by service and by node). It is filled from the list
// calls and then kept current by watch events. The lists and the watch overlap (the watch opens
// first, the lists are read a little later), so an event may carry an object older than the one
// already held: each object's version (the raft index of its last change) decides, and an older
// one is ignored. Secret data and the cluster's keys never enter the mirror.
import type { swarm } from "../../../proto/index.js";

/** Kinds of stored objects the mirror holds. */
export const mirrorKinds = ["node", "service", "task", "secret", "config", "network", "cluster"] as const;
/** One kind of {@link mirrorKinds}. */
export type MirrorKind = (typeof mirrorKinds)[number];

/** The object type of each kind. */
export interface MirrorObjects {
  node: swarm.v1.INode;
  service: swarm.v1.IService;
  task: swarm.v1.ITask;
  secret: swarm.v1.ISecret;
  config: swarm.v1.IConfig;
  network: swarm.v1.INetwork;
  cluster: swarm.v1.ICluster;
}

/** What a change does. */
export type MirrorAction = "create" | "update" | "remove";

/** One applied change, with the object before it (null for a creation). */
export interface MirrorChange<K extends MirrorKind = MirrorKind> {
  readonly kind: K;
  readonly action: MirrorAction;
  readonly object: MirrorObjects[K];
  readonly old: MirrorObjects[K] | null;
}

/** Every object of a store, as the list calls return them. */
export type MirrorLists = { readonly [K in MirrorKind]: readonly MirrorObjects[K][] };

/** The version (raft index) of an object's last change. */
export function versionOf(object: { meta?: swarm.v1.IMeta | null }): number {
  return Number(object.meta?.version?.index ?? 0);
}

/** The mirror. */
export class StoreMirror {
  private readonly tables = new Map<MirrorKind, Map<string, MirrorObjects[MirrorKind]>>(
    mirrorKinds.map((k) => [k, new Map()]),
  );
  private readonly byService = new Map<string, Set<string>>();
  private readonly byNode = new Map<string, Set<string>>();
  /** The store version the mirror reflects (the last watch message's, or the lists'). */
  version = 0;

  /** The objects of one kind, by id. */
  all<K extends MirrorKind>(kind: K): ReadonlyMap<string, MirrorObjects[K]> {
    return this.tables.get(kind) as Map<string, MirrorObjects[K]>;
  }

  /** One object, if held. */
  get<K extends MirrorKind>(kind: K, id: string): MirrorObjects[K] | undefined {
    return this.all(kind).get(id);
  }

  /** The ids of the tasks of a service. */
  tasksOfService(serviceId: string): ReadonlySet<string> {
    return this.byService.get(serviceId) ?? noIds;
  }

  /** The ids of the tasks assigned to a node. */
  tasksOfNode(nodeId: string): ReadonlySet<string> {
    return this.byNode.get(nodeId) ?? noIds;
  }

  /** The tasks of a service, as objects. */
  serviceTasks(serviceId: string): swarm.v1.ITask[] {
    const tasks = this.all("task");
    return [...this.tasksOfService(serviceId)].map((id) => tasks.get(id)!);
  }

  /** The one cluster object, if any. */
  get cluster(): swarm.v1.ICluster | null {
    return this.all("cluster").values().next().value ?? null;
  }

  /** Replaces everything with the lists (a first sync, or a resync after the watch history was lost). */
  reset(lists: MirrorLists, version: number): void {
    for (const table of this.tables.values()) table.clear();
    this.byService.clear();
    this.byNode.clear();
    for (const kind of mirrorKinds) for (const object of lists[kind]) this.put(kind, object);
    this.version = version;
  }

  /**
   * Applies one watch event; returns the change, or null when the event is older than what the
   * mirror holds (an overlap of the lists and the watch) or removes what it does not hold.
   */
  apply<K extends MirrorKind>(kind: K, action: MirrorAction, object: MirrorObjects[K]): MirrorChange<K> | null {
    const id = object.id ?? "";
    const old = this.get(kind, id) ?? null;
    if (action === "remove") {
      if (!old) return null;
      this.delete(kind, id);
      return { kind, action, object: old, old };
    }
    // An equal version is the same write seen twice (in the lists and in the watch).
    if (old && (versionOf(old) > versionOf(object) || (versionOf(old) === versionOf(object) && versionOf(old) > 0)))
      return null;
    this.put(kind, object);
    return { kind, action: old ? "update" : "create", object: this.get(kind, id)!, old };
  }

  private put<K extends MirrorKind>(kind: K, object: MirrorObjects[K]): void {
    const id = object.id ?? "";
    const clean = sanitize(kind, object);
    const table = this.tables.get(kind)!;
    if (kind === "task") {
      const previous = table.get(id) as swarm.v1.ITask | undefined;
      if (previous) this.unindex(previous);
      this.index(clean as swarm.v1.ITask);
    }
    table.set(id, clean);
  }

  private delete(kind: MirrorKind, id: string): void {
    const table = this.tables.get(kind)!;
    const old = table.get(id);
    if (kind === "task" && old) this.unindex(old as swarm.v1.ITask);
    table.delete(id);
  }

  private index(task: swarm.v1.ITask): void {
    add(this.byService, task.serviceId ?? "", task.id ?? "");
    if (task.nodeId) add(this.byNode, task.nodeId, task.id ?? "");
  }

  private unindex(task: swarm.v1.ITask): void {
    drop(this.byService, task.serviceId ?? "", task.id ?? "");
    if (task.nodeId) drop(this.byNode, task.nodeId, task.id ?? "");
  }
}

const noIds: ReadonlySet<string> = new Set();

function add(index: Map<string, Set<string>>, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
}

function drop(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) index.delete(key);
}

/**
 * The object as the mirror keeps it: a secret without its data, the cluster without its keys, a
 * node without its certificate. The API already leaves the secrets' data and the keys out; the
 * mirror does not rely on it.
 */
export function sanitize<K extends MirrorKind>(kind: K, object: MirrorObjects[K]): MirrorObjects[K] {
  switch (kind) {
    case "secret": {
      const secret = object as swarm.v1.ISecret;
      const { data: _data, ...spec } = secret.spec ?? {};
      return { ...secret, spec };
    }
    case "cluster": {
      const { unlockKey: _u, rootCaKeyPem: _k, networkKeys: _n, ...cluster } = object as swarm.v1.ICluster;
      return cluster;
    }
    case "node": {
      const { certificate: _c, ...node } = object as swarm.v1.INode;
      return node as MirrorObjects[K];
    }
    default:
      return object;
  }
}
