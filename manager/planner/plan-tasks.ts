// planTasks: the scheduler's pure core, modelled on SwarmKit's scheduler.
//
// Algorithm. Pending tasks are grouped by service and placement spec (the tasks of one service share
// a spec), and each group is placed in turn, so filters and ranking are set up once per group:
//  1. Static filters run once per (group, node), in order: node ready, availability active,
//     platform, runtime (container images or process tasks), overlay networks, their encryption, then constraints. A node is counted under the first filter it fails.
//  2. The nodes that pass form a spread tree: each placement preference splits a group of nodes by
//     the value of its attribute (nodes missing the label form their own group); the leaves hold a
//     min-heap of nodes ordered by (recent failures of the service when at or above the avoid
//     threshold, tasks of the service, tasks overall, node id). Each inner level keeps a min-heap of
//     its children ordered by (tasks of the service in the subtree, value).
//  3. Each task walks down the heaps' tops to the best node, then checks the dynamic filters in
//     order: CPU, memory, generic resources (GPUs…), host-mode ports, max replicas per node. Those only get stricter while a
//     group is placed, so a node that fails one is dropped from the group for good (and an emptied
//     subtree from its parent); otherwise the task is assigned and the counts along the path grow,
//     which re-sorts only the heaps' tops. A group costs O((tasks + nodes) log nodes). A task that
//     reserves generic resources is assigned specific units of the node's (generic-resources.ts).
//  4. When no node is left, the group's remaining tasks are unplaced with one reason built from the
//     per-filter counts. Placements update the shared node state at once, so later tasks and groups
//     of the same plan see their reservations, ports and counts.
import { InvalidArgumentError } from "../../common/index.js";
import {
  matchConstraint,
  parseConstraint,
  parseSpreadDescriptor,
  readAttribute,
  type Constraint,
  type NodeAttribute,
} from "./constraint.js";
import {
  explainRejections,
  platformMatches,
  runtimeMatches,
  type FilterKind,
  type RejectionCounts,
} from "./filters.js";
import {
  claimGenericResources,
  freeGenericResources,
  genericDemandOf,
  missingGenericKind,
  type FreeGenericResources,
  type GenericDemand,
} from "./generic-resources.js";
import { MinHeap } from "./heap.js";
import type {
  Assignment,
  GenericResourceView,
  NodeView,
  PendingTask,
  Plan,
  SchedulingView,
  Unplaced,
} from "./types.js";

/** Recent failures of a service on a node from which the node is ranked after others, as SwarmKit's maxFailures. */
export const recentFailuresAvoidMinDefault = 5;

/** A pending task created on its node already (a global service's) that reserves generic resources. */
export interface PinnedTask {
  /** Task id. */
  readonly id: string;
  /** The node the task was created for. */
  readonly nodeId: string;
  /** Generic resources the task reserves, as counts of kinds. */
  readonly genericReservations: readonly GenericResourceView[];
}

/** Options of planTasks. */
export interface PlanOptions {
  /** Recent failures of a service on a node at which the node is pushed after the others; default 5. */
  readonly recentFailuresAvoidMin?: number;
  /**
   * Tasks bound to their node that need generic resources there: each is assigned units of its
   * node's before any other task is planned, or left unplaced when too few are free.
   */
  readonly pinned?: readonly PinnedTask[];
}

/** Mutable per-node state shared by every group of one plan. */
interface NodeSlot {
  readonly view: NodeView;
  /** Position of the node id in sorted order, the final tie-breaker. */
  readonly rank: number;
  usedNanoCpus: number;
  usedMemoryBytes: number;
  totalTasks: number;
  readonly serviceTasks: Map<string, number>;
  readonly ports: Set<string>;
  /** Generic resources not yet assigned; absent when the node advertises none. */
  readonly generic: FreeGenericResources | undefined;
}

/** A node as one group ranks it. */
interface Candidate {
  readonly slot: NodeSlot;
  /** Failures of the service when at or above the threshold, else 0: fewer is better. */
  readonly avoid: number;
  serviceTasks: number;
}

interface Leaf {
  readonly leaf: true;
  readonly order: number;
  count: number;
  readonly heap: MinHeap<Candidate>;
}

interface Inner {
  readonly leaf: false;
  readonly order: number;
  count: number;
  readonly heap: MinHeap<Tree>;
}

type Tree = Leaf | Inner;

function candidateLess(a: Candidate, b: Candidate): boolean {
  if (a.avoid !== b.avoid) return a.avoid < b.avoid;
  if (a.serviceTasks !== b.serviceTasks) return a.serviceTasks < b.serviceTasks;
  if (a.slot.totalTasks !== b.slot.totalTasks) return a.slot.totalTasks < b.slot.totalTasks;
  return a.slot.rank < b.slot.rank;
}

function treeLess(a: Tree, b: Tree): boolean {
  if (a.count !== b.count) return a.count < b.count;
  return a.order < b.order;
}

function portKey(protocol: string, port: number): string {
  return `${protocol}/${port}`;
}

function buildTree(
  candidates: readonly Candidate[],
  spread: readonly NodeAttribute[],
  level: number,
  order: number,
): Tree {
  let count = 0;
  for (const c of candidates) count += c.serviceTasks;
  const attribute = spread[level];
  if (attribute === undefined) return { leaf: true, order, count, heap: new MinHeap(candidates, candidateLess) };
  const byValue = new Map<string | undefined, Candidate[]>();
  for (const c of candidates) {
    const value = readAttribute(c.slot.view, attribute);
    const list = byValue.get(value);
    if (list === undefined) byValue.set(value, [c]);
    else list.push(c);
  }
  // Values in sorted order break ties between equally loaded groups; nodes missing the label last.
  const values = [...byValue.keys()].sort((a, b) =>
    a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1,
  );
  const children = values.map((v, i) => buildTree(byValue.get(v) ?? [], spread, level + 1, i));
  return { leaf: false, order, count, heap: new MinHeap(children, treeLess) };
}

interface TaskGroup {
  readonly first: PendingTask;
  readonly tasks: PendingTask[];
}

const noDemand: GenericDemand = new Map();

function groupTasks(pending: readonly PendingTask[]): TaskGroup[] {
  const groups = new Map<string, TaskGroup>();
  // Tasks of one service usually share their spec objects; reuse the last signature when they do.
  let lastTask: PendingTask | undefined;
  let lastSignature = "";
  for (const task of pending) {
    let signature: string;
    if (
      lastTask !== undefined &&
      lastTask.placement === task.placement &&
      lastTask.hostPorts === task.hostPorts &&
      lastTask.runtime === task.runtime &&
      lastTask.overlay === task.overlay &&
      lastTask.genericReservations === task.genericReservations &&
      lastTask.encrypted === task.encrypted &&
      lastTask.reservations.nanoCpus === task.reservations.nanoCpus &&
      lastTask.reservations.memoryBytes === task.reservations.memoryBytes
    ) {
      signature = lastSignature;
    } else {
      const p = task.placement;
      signature = JSON.stringify([
        task.reservations.nanoCpus,
        task.reservations.memoryBytes,
        p.constraints,
        p.preferences,
        p.maxReplicas,
        p.platforms.map((x) => [x.os, x.architecture]),
        task.hostPorts.map((x) => [x.protocol, x.port]),
        task.runtime ?? "",
        task.overlay === true,
        (task.genericReservations ?? []).map((g) => [g.kind, g.value ?? "", g.count ?? 0]),
        task.encrypted === true,
      ]);
    }
    lastTask = task;
    lastSignature = signature;
    const key = `${task.serviceId}\u0000${signature}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: task, tasks: [task] });
    else group.tasks.push(task);
  }
  return [...groups.values()];
}

function buildSlots(view: SchedulingView): NodeSlot[] {
  const sorted = [...view.nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted.map((node, rank) => {
    const slot: NodeSlot = {
      view: node,
      rank,
      usedNanoCpus: 0,
      usedMemoryBytes: 0,
      totalTasks: 0,
      serviceTasks: new Map(),
      ports: new Set(),
      generic:
        node.genericResources === undefined || node.genericResources.length === 0
          ? undefined
          : freeGenericResources(
              node.genericResources,
              node.tasks.map((t) => t.genericResources ?? []),
            ),
    };
    for (const t of node.tasks) {
      slot.usedNanoCpus += t.reservations.nanoCpus;
      slot.usedMemoryBytes += t.reservations.memoryBytes;
      slot.totalTasks += 1;
      slot.serviceTasks.set(t.serviceId, (slot.serviceTasks.get(t.serviceId) ?? 0) + 1);
      for (const p of t.hostPorts) slot.ports.add(portKey(p.protocol, p.port));
    }
    return slot;
  });
}

function resourceRejection(slot: NodeSlot, task: PendingTask, demand: GenericDemand): FilterKind | undefined {
  const total = slot.view.resources;
  if (task.reservations.nanoCpus > 0 && slot.usedNanoCpus + task.reservations.nanoCpus > total.nanoCpus) return "cpu";
  if (task.reservations.memoryBytes > 0 && slot.usedMemoryBytes + task.reservations.memoryBytes > total.memoryBytes)
    return "memory";
  if (demand.size > 0 && missingGenericKind(slot.generic, demand) !== undefined) return "generic";
  return undefined;
}

function dynamicRejection(c: Candidate, task: PendingTask, demand: GenericDemand): FilterKind | undefined {
  const resources = resourceRejection(c.slot, task, demand);
  if (resources !== undefined) return resources;
  for (const p of task.hostPorts) if (c.slot.ports.has(portKey(p.protocol, p.port))) return "hostPort";
  const max = task.placement.maxReplicas;
  if (max > 0 && c.serviceTasks >= max) return "maxReplicas";
  return undefined;
}

function bump(counts: RejectionCounts, kind: FilterKind): void {
  counts[kind] = (counts[kind] ?? 0) + 1;
}

function parsePlacement(task: PendingTask): { constraints: Constraint[]; spread: NodeAttribute[] } | string {
  try {
    const constraints = task.placement.constraints.map((c, i) =>
      parseConstraint(c, { field: `placement.constraints[${i}]` }),
    );
    const spread = task.placement.preferences.map((d, i) =>
      parseSpreadDescriptor(d, { field: `placement.preferences[${i}]` }),
    );
    return { constraints, spread };
  } catch (error) {
    if (error instanceof InvalidArgumentError) return `invalid placement: ${error.message}`;
    throw error;
  }
}

/** Places one group of identical tasks; appends to the plan's lists. */
function placeGroup(
  group: TaskGroup,
  slots: readonly NodeSlot[],
  avoidMin: number,
  assignments: Assignment[],
  unplaced: Unplaced[],
): void {
  const spec = group.first;
  const serviceId = spec.serviceId;
  const parsed = parsePlacement(spec);
  if (typeof parsed === "string") {
    for (const task of group.tasks) unplaced.push({ taskId: task.id, reason: parsed });
    return;
  }
  const demand = spec.genericReservations === undefined ? noDemand : genericDemandOf(spec.genericReservations);
  const counts: RejectionCounts = {};
  const constraintRejected: NodeSlot[] = [];
  const candidates: Candidate[] = [];
  for (const slot of slots) {
    const node = slot.view;
    if (node.state !== "ready") bump(counts, "notReady");
    else if (node.availability !== "active") bump(counts, "notActive");
    else if (!platformMatches(node.platform, spec.placement.platforms)) bump(counts, "platform");
    else if (!runtimeMatches(node.runtimes, spec.runtime)) bump(counts, "runtime");
    else if (spec.overlay === true && node.overlay === false) bump(counts, "network");
    else if (spec.encrypted === true && node.encrypted === false) bump(counts, "encryption");
    else if (!parsed.constraints.every((c) => matchConstraint(node, c))) constraintRejected.push(slot);
    else {
      const failures = node.recentFailures?.get(serviceId) ?? 0;
      candidates.push({
        slot,
        avoid: failures >= avoidMin ? failures : 0,
        serviceTasks: slot.serviceTasks.get(serviceId) ?? 0,
      });
    }
  }
  const root = buildTree(candidates, parsed.spread, 0, 0);
  let reason: string | undefined;
  const path: Tree[] = [];
  for (const task of group.tasks) {
    let placed: Candidate | undefined;
    while (reason === undefined && placed === undefined) {
      path.length = 0;
      let cur: Tree = root;
      let leafTop: Candidate | undefined;
      for (;;) {
        path.push(cur);
        if (cur.leaf) {
          leafTop = cur.heap.peek();
          break;
        }
        const next: Tree | undefined = cur.heap.peek();
        if (next === undefined) break;
        cur = next;
      }
      if (leafTop === undefined) {
        // Only the root can be empty here: emptied subtrees are removed from their parents below.
        // Resource use only grew, so a node rejected by constraints is now reported under the
        // resource filter when it no longer fits, keeping Docker's filter order in the counts.
        for (const slot of constraintRejected) bump(counts, resourceRejection(slot, task, demand) ?? "constraints");
        reason = explainRejections(counts, spec);
        break;
      }
      const rejection = dynamicRejection(leafTop, task, demand);
      if (rejection === undefined) {
        placed = leafTop;
        break;
      }
      bump(counts, rejection);
      // The node fails this group's tasks for good: drop it, then any subtree it leaves empty.
      for (let i = path.length - 1; i >= 0; i--) {
        const level = path[i] as Tree;
        level.heap.pop();
        if (level.heap.size > 0 || i === 0) break;
      }
    }
    if (placed === undefined) {
      unplaced.push({ taskId: task.id, reason: reason ?? explainRejections(counts, spec) });
      continue;
    }
    const slot = placed.slot;
    slot.usedNanoCpus += task.reservations.nanoCpus;
    slot.usedMemoryBytes += task.reservations.memoryBytes;
    slot.totalTasks += 1;
    placed.serviceTasks += 1;
    slot.serviceTasks.set(serviceId, placed.serviceTasks);
    for (const p of task.hostPorts) slot.ports.add(portKey(p.protocol, p.port));
    for (const level of path) level.count += 1;
    for (let i = path.length - 1; i >= 0; i--) (path[i] as Tree).heap.topIncreased();
    if (demand.size > 0 && slot.generic !== undefined)
      assignments.push({
        taskId: task.id,
        nodeId: slot.view.id,
        genericResources: claimGenericResources(slot.generic, demand),
      });
    else assignments.push({ taskId: task.id, nodeId: slot.view.id });
  }
}

/** Assigns pinned tasks the generic resources they reserve on their own node, in order. */
function placePinned(
  pinned: readonly PinnedTask[],
  slots: readonly NodeSlot[],
  assignments: Assignment[],
  unplaced: Unplaced[],
): void {
  const byId = new Map(slots.map((slot) => [slot.view.id, slot]));
  for (const task of pinned) {
    const slot = byId.get(task.nodeId);
    const demand = genericDemandOf(task.genericReservations);
    if (slot !== undefined && demand.size > 0 && missingGenericKind(slot.generic, demand) === undefined) {
      const genericResources = claimGenericResources(slot.generic ?? (new Map() as FreeGenericResources), demand);
      assignments.push({ taskId: task.id, nodeId: task.nodeId, genericResources });
    } else if (slot !== undefined && demand.size === 0) {
      assignments.push({ taskId: task.id, nodeId: task.nodeId });
    } else {
      // The node's record is gone: the global orchestrator removes its tasks soon.
      const counts: RejectionCounts = slot === undefined ? { notReady: 1 } : { generic: 1 };
      unplaced.push({ taskId: task.id, reason: explainRejections(counts, task) });
    }
  }
}

/**
 * Decides a node for each pending task, or explains why none fits. Pure and deterministic: the same
 * view and tasks give the same plan. The view is not modified; tasks placed earlier in the plan
 * count for later ones (reservations, host ports, per-service counts and spread). Groups of tasks
 * are placed in the order their first task appears in `pending`, and tasks within a group in order.
 */
export function planTasks(view: SchedulingView, pending: readonly PendingTask[], options: PlanOptions = {}): Plan {
  const avoidMin = options.recentFailuresAvoidMin ?? recentFailuresAvoidMinDefault;
  const slots = buildSlots(view);
  const assignments: Assignment[] = [];
  const unplaced: Unplaced[] = [];
  if (options.pinned !== undefined && options.pinned.length > 0)
    placePinned(options.pinned, slots, assignments, unplaced);
  for (const group of groupTasks(pending)) placeGroup(group, slots, avoidMin, assignments, unplaced);
  return { assignments, unplaced };
}
