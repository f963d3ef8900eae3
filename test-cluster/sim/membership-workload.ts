// The cluster simulator's membership workload: what operators do to nodes besides drain — promote a
// worker to manager, demote a manager, remove a node, pause one — written through the Control API's
// own node functions (so its refusals are the operators': never the last manager demoted, a manager
// never removed before its demotion, a node that is not down removed only when forced), and what the
// nodes do about it, as swarm-node does: a worker whose node object asks for a manager joins the raft
// group through the real RaftMembership.Join handler (a learner, made voter by raft once it has caught
// up) and starts a manager part of its own; a manager whose demotion the leader's RoleReconciler
// finished (it left raft first, then its node object says worker) stops its manager part. A promoted
// worker keeps its agent, as a Docker manager runs one. A node removed while its machine runs is
// gone for good: a fresh machine of the same zone joins in its place under a new node id.
//
// Its properties: `raft-membership` (once the faults stop, the leader's voters are exactly the raft
// ids of the store's manager nodes that are not being demoted) and the pause half of
// `eligible-nodes` (no task is newly placed on a node paused for longer than the grace).
import * as grpc from "@grpc/grpc-js";
import type { Random } from "../../common/index.js";
import {
  type MemoryStore,
  raftMembershipHandlers,
  recordManagerNode,
  removeNodeObject,
  nodeIdHeader,
  joinCallMsMax,
  type MembershipRaft,
  type StoreEvent,
  updateNodeSpec,
} from "../../manager/index.js";
import { roleChangeRetryMs } from "../../node/index.js";
import { type RaftMembershipServer, swarm } from "../../proto/index.js";
import type { Problem } from "./cluster-properties.js";

const Role = swarm.v1.NodeSpec.Role;
const Availability = swarm.v1.NodeSpec.Availability;

/** Period of the membership workload's operator steps while faults are on, in simulated ms. */
export const membershipStepMs = 1_200;
/** Most managers the workload promotes to (desired role manager), as operators keep an odd few. */
export const managersMax = 5;
/** Percent of node removals asked with force. */
export const forcedRemovalPercent = 30;
/**
 * How long after a pause applies a new placement on the node counts as a violation, in simulated
 * ms: a scheduler pass that read the node before the pause may commit just after it.
 */
export const pauseGraceMs = 1_000;

/** A manager of the simulated cluster as the membership workload sees it. */
export interface MembershipManager {
  /** Its raft member. */
  readonly raft: MembershipRaft;
  /** Its store. */
  readonly store: MemoryStore;
}

/** A simulated machine that runs an agent (and may be promoted). */
export interface MembershipWorker {
  /** Its node id. */
  readonly nodeId: string;
  /** Whether its agent is running. */
  readonly up: boolean;
}

/** What the membership workload needs of the simulator. */
export interface MembershipWorld {
  /** Random draws (the seed's stream). */
  readonly random: Random;
  /** The manager that leads now (and is not cut off), if any. */
  leader(): MembershipManager | undefined;
  /** The machines that run agents now. */
  workers(): readonly MembershipWorker[];
  /** Node ids of the managers whose manager part runs (not stopped by a demotion). */
  managerNodes(): readonly string[];
  /** Founding managers: node id, raft id and address, to record as their joins would have. */
  readonly founders: readonly { readonly nodeId: string; readonly raftId: number; readonly addr: string }[];
  /** Address a node's manager part listens on. */
  addrOf(nodeId: string): string;
  /** Starts the manager part of a node that joined raft with this id. */
  startManager(nodeId: string, raftId: number): void;
  /** Stops a node's manager part for good (its demotion finished). */
  stopManager(nodeId: string): void;
  /** A running machine whose node was removed: it goes, a fresh one of its zone joins. */
  replaceWorker(nodeId: string): void;
  /** Calls fn once, `ms` simulated ms from now. */
  after(ms: number, fn: () => void): void;
  /** Adds a line to the trace. */
  note(line: string): void;
}

/** The membership workload of one seed. */
export class MembershipWorkload {
  private foundersRecorded = false;
  /** Demotions the Control API refused because the remaining reachable managers would not form a quorum. */
  quorumRefusals = 0;
  private readonly joining = new Set<string>();
  private readonly handlers = new WeakMap<MembershipManager, RaftMembershipServer>();

  constructor(private readonly world: MembershipWorld) {}

  /** Operator steps: promote, demote, remove or pause a node (one a call, drawn from the seed). */
  step(): void {
    const l = this.world.leader();
    if (!l || !this.foundersRecorded) return;
    const nodes = l.store.view((tx) => tx.all("node"));
    const random = this.world.random;
    const roll = random.nextInt(100);
    const desiredManagers = nodes.filter((n) => Number(n.spec?.desiredRole ?? 0) === Number(Role.ROLE_MANAGER));
    if (roll < 30) {
      // Promote a machine that runs an agent (a promotion of a machine that is gone would wait for good).
      const running = new Set(this.world.workers().map((w) => w.nodeId));
      const candidates = nodes.filter(
        (n) => running.has(n.id ?? "") && Number(n.spec?.desiredRole ?? 0) === Number(Role.ROLE_WORKER),
      );
      const node = candidates[random.nextInt(candidates.length)];
      if (!node || desiredManagers.length >= managersMax) return;
      this.setRole(l, node, Role.ROLE_MANAGER, "promotes");
    } else if (roll < 60) {
      const node = desiredManagers[random.nextInt(desiredManagers.length)];
      if (node) this.setRole(l, node, Role.ROLE_WORKER, "demotes");
    } else if (roll < 80) {
      const node = nodes[random.nextInt(nodes.length)];
      if (!node) return;
      const force = random.nextInt(100) < forcedRemovalPercent;
      const id = node.id ?? "";
      const machine = this.world.workers().some((w) => w.nodeId === id);
      this.world.note(`removes node ${id}${force ? " (forced)" : ""}`);
      removeNodeObject(l.store, { nodeId: id, force }).then(
        () => {
          this.world.note(`node ${id} removed`);
          if (machine) this.world.replaceWorker(id);
        },
        (error: unknown) => this.world.note(`removal of ${id} refused: ${String(error)}`),
      );
    } else {
      // Pause one node while none is drained or paused (the drain step activates it again), so
      // every zone keeps a node that takes new tasks.
      if (nodes.some((n) => Number(n.spec?.availability ?? 0) !== Number(Availability.AVAILABILITY_ACTIVE))) return;
      const node = nodes[random.nextInt(nodes.length)];
      if (!node) return;
      this.world.note(`pauses ${node.id}`);
      updateNodeSpec(l.store, {
        nodeId: node.id ?? "",
        nodeVersion: node.meta?.version ?? { index: 0 },
        spec: { ...node.spec, availability: Availability.AVAILABILITY_PAUSE },
      }).catch((error: unknown) => this.world.note(`pause of ${node.id} refused: ${String(error)}`));
    }
  }

  private setRole(
    l: MembershipManager,
    node: swarm.v1.Node.$Properties,
    role: swarm.v1.NodeSpec.Role,
    verb: string,
  ): void {
    this.world.note(`${verb} ${node.id}`);
    updateNodeSpec(
      l.store,
      {
        nodeId: node.id ?? "",
        nodeVersion: node.meta?.version ?? { index: 0 },
        spec: { ...node.spec, desiredRole: role },
      },
      // As the manager gives it: the leader's voters and the members it heard from lately.
      () =>
        l.raft.status().role === "leader"
          ? { voters: l.raft.status().voters, reachable: l.raft.reachableMembers() }
          : null,
    ).catch((error: unknown) => {
      if (/loss of quorum/.test(String(error))) this.quorumRefusals++;
      this.world.note(`${verb} ${node.id} refused: ${String(error)}`);
    });
  }

  /**
   * What the nodes do about their roles (every few simulated ms, faults or not): founders are
   * recorded until they are; a machine whose node asks for a manager joins; a manager whose
   * demotion finished stops its manager part.
   */
  followRoles(): void {
    const l = this.world.leader();
    if (!l) return;
    const nodes = new Map(l.store.view((tx) => tx.all("node")).map((n) => [n.id ?? "", n]));
    if (!this.foundersRecorded) {
      // The founders bootstrapped raft together; their node objects are what their joins would
      // have written (recordManagerNode, as the join handler writes it).
      const missing = this.world.founders.filter((f) => !nodes.has(f.nodeId));
      if (missing.length === 0) this.foundersRecorded = true;
      for (const f of missing)
        recordManagerNode(l.store, { nodeId: f.nodeId, raftId: f.raftId, addr: f.addr }).catch(() => undefined);
      return;
    }
    for (const nodeId of this.world.managerNodes()) {
      const node = nodes.get(nodeId);
      if (
        node &&
        Number(node.role ?? 0) === Number(Role.ROLE_WORKER) &&
        Number(node.spec?.desiredRole ?? 0) === Number(Role.ROLE_WORKER)
      ) {
        this.world.note(`${nodeId} stops its manager part`);
        this.world.stopManager(nodeId);
      }
    }
    const managing = new Set(this.world.managerNodes());
    for (const w of this.world.workers()) {
      const node = nodes.get(w.nodeId);
      if (!w.up || !node || managing.has(w.nodeId) || this.joining.has(w.nodeId)) continue;
      if (Number(node.spec?.desiredRole ?? 0) !== Number(Role.ROLE_MANAGER)) continue;
      this.join(l, w.nodeId);
    }
  }

  /**
   * Asks the leader's RaftMembership.Join handler to admit a node, then starts its manager part. As
   * swarm-node's join, the call gives up after {@link joinCallMsMax} (a leader that crashed after
   * admitting the learner never answers) and a failed one is tried again {@link roleChangeRetryMs}
   * later: the retry gets the same raft id back. A join left waiting for good would keep a learner
   * that never runs in raft, and the node would never become the manager its object says it is.
   */
  private join(l: MembershipManager, nodeId: string): void {
    let handlers = this.handlers.get(l);
    if (!handlers) {
      // The channel is only for passing a call to the leader; the simulator calls the leader itself.
      handlers = raftMembershipHandlers(l.raft, grpc.credentials.createInsecure(), l.store, {}, this.world.random);
      this.handlers.set(l, handlers);
    }
    this.joining.add(nodeId);
    this.world.note(`${nodeId} joins raft`);
    let settled = false;
    const retryLater = (): void => this.world.after(roleChangeRetryMs, () => this.joining.delete(nodeId));
    this.world.after(joinCallMsMax, () => {
      if (settled) return;
      settled = true;
      this.world.note(`${nodeId} join timed out`);
      retryLater();
    });
    const metadata = new grpc.Metadata();
    metadata.set(nodeIdHeader, nodeId);
    const call = { request: { addr: this.world.addrOf(nodeId) }, metadata } as unknown as Parameters<
      RaftMembershipServer["join"]
    >[0];
    handlers.join(call, (error, response) => {
      if (settled) return;
      settled = true;
      const raftId = Number(response?.raftId ?? 0);
      if (error || !raftId) {
        this.world.note(`${nodeId} join failed: ${error?.details ?? "no raft id"}`);
        retryLater();
        return;
      }
      this.joining.delete(nodeId);
      this.world.note(`${nodeId} joined as raft member ${raftId}`);
      this.world.startManager(nodeId, raftId);
    });
  }
}

/** Node id → simulated ms at which this store applied its pause (the pause property's memory). */
export type PausedSince = Map<string, number>;

/**
 * The pause half of `eligible-nodes`, over one commit of a leader's store: a task newly placed (its
 * node set where it had none) on a node paused for at least {@link pauseGraceMs}, other than a
 * global task restarted where its predecessor ended. Also keeps
 * `pausedSince` up to date from the commit's node events.
 */
export function pausePlacementProblem(
  events: readonly StoreEvent[],
  store: MemoryStore,
  pausedSince: PausedSince,
  nowMs: number,
  check: boolean,
): Problem | null {
  const paused = Number(Availability.AVAILABILITY_PAUSE);
  for (const e of events) {
    if (e.kind !== "node") continue;
    const node = e.object as swarm.v1.Node.$Properties;
    if (e.action !== "remove" && Number(node.spec?.availability ?? 0) === paused) {
      if (!pausedSince.has(node.id ?? "")) pausedSince.set(node.id ?? "", nowMs);
    } else pausedSince.delete(node.id ?? "");
  }
  if (!check) return null;
  for (const e of events) {
    if (e.kind !== "task" || e.action === "remove") continue;
    const task = e.object as swarm.v1.Task.$Properties;
    const before = e.old as swarm.v1.Task.$Properties | undefined;
    if (!task.nodeId || before?.nodeId) continue;
    const since = pausedSince.get(task.nodeId);
    if (since === undefined || nowMs - since < pauseGraceMs) continue;
    const nodeId = task.nodeId;
    const [node, others] = store.view((tx) => [
      tx.get("node", nodeId),
      tx.tasks({ serviceId: task.serviceId ?? "" }).filter((t) => t.nodeId === nodeId && t.id !== task.id),
    ]);
    if (Number(node?.spec?.availability ?? 0) !== paused) continue;
    // A global task that ended is restarted where it ran, paused or not (Docker's restart
    // supervisor does so): the node keeps what it had.
    const restart =
      (task.slot ?? 0) === 0 &&
      others.length > 0 &&
      others.every((t) => Number(t.status?.state ?? 0) > Number(swarm.v1.TaskState.TASK_STATE_RUNNING));
    if (restart) continue;
    return {
      property: "eligible-nodes",
      detail: `task ${task.id} of ${task.serviceId} placed on ${task.nodeId}, paused ${nowMs - since} ms before`,
    };
  }
  return null;
}

/**
 * `raft-membership`: the leader's voters are exactly the raft ids of the store's manager nodes
 * that are not being demoted (role and desired role manager).
 */
export function raftMembershipProblem(voters: readonly number[], store: MemoryStore): Problem | null {
  const managers = store
    .view((tx) => tx.all("node"))
    .filter(
      (n) =>
        Number(n.role ?? 0) === Number(Role.ROLE_MANAGER) &&
        Number(n.spec?.desiredRole ?? 0) === Number(Role.ROLE_MANAGER),
    )
    .map((n) => Number(n.managerStatus?.raftId ?? 0))
    .sort((a, b) => a - b);
  const sorted = [...voters].sort((a, b) => a - b);
  if (managers.join() === sorted.join()) return null;
  return {
    property: "raft-membership",
    detail: `raft voters ${sorted.join(", ") || "none"}, store's managers ${managers.join(", ") || "none"}`,
  };
}
