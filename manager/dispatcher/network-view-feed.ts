// The network views of every node with an open session, kept on the leader and pushed like the
// routing mesh's endpoint set: a complete view when a session opens, then, in the tick of each
// commit, the networks whose state changed (each replaced whole) and the ones a node no longer
// serves. It keeps an index of who is on each network (tasks holding an address there, nodes with
// their own address there, services attaching it), so a commit recomputes only the networks it
// touched, each once for all nodes.
import { holdsAddresses, serviceOverlays, taskHoldings } from "../allocator/index.js";
import type { swarm } from "../../proto/index.js";
import { type Log, silentLog } from "../../common/index.js";
import type { MemoryStore, ObjectsByKind, ReadTx, StoreCommit, StoreEvent } from "../store/index.js";
import {
  dataPathPortOf,
  type NetworkState,
  networkState,
  nodeNetworkView,
  servesNetwork,
  tunnelOf,
} from "./network-view.js";

type Task = ObjectsByKind["task"];
type Service = ObjectsByKind["service"];
type Node = ObjectsByKind["node"];
type Network = ObjectsByKind["network"];

/** Most task ids a trace event names (a commit may carry thousands). */
export const traceTaskIdsMax = 16;

/** A listener of one node's view changes. */
export type NetworkViewListener = (update: swarm.v1.INetworkViewUpdate) => void;

interface Members {
  readonly taskIds: Set<string>;
  readonly nodeIds: Set<string>;
  readonly serviceIds: Set<string>;
}

interface Subscriber {
  readonly nodeId: string;
  readonly listener: NetworkViewListener;
  /** Networks this node was last sent, and the data-path port it was told. */
  readonly sent: Set<string>;
  port: number;
}

/** Keeps the network views of subscribed nodes and sends each its changes. */
export class NetworkViewFeed {
  private readonly members = new Map<string, Members>();
  private readonly taskNets = new Map<string, Set<string>>();
  private readonly serviceNets = new Map<string, Set<string>>();
  private readonly nodeNets = new Map<string, Set<string>>();
  private readonly states = new Map<string, { state: NetworkState; json: string }>();
  private readonly subscribers = new Set<Subscriber>();
  private stopWatching: (() => void) | null = null;

  /** `log` gets the trace events a benchmark times the path of a task's status by (debug). */
  constructor(
    private readonly store: MemoryStore,
    private readonly log: Log = silentLog,
  ) {}

  /**
   * Sends `nodeId`'s complete view to `listener` now, then its changes. Returns the unsubscribe
   * function and `resend`, which sends the complete view again (a stream that fell behind drops
   * changes and catches up with it, so no backlog grows for a slow node).
   */
  subscribe(nodeId: string, listener: NetworkViewListener): { unsubscribe: () => void; resend: () => void } {
    if (!this.stopWatching) this.start();
    const subscriber: Subscriber = { nodeId, listener, sent: new Set(), port: 0 };
    this.subscribers.add(subscriber);
    const resend = (): void => {
      if (!this.subscribers.has(subscriber)) return;
      subscriber.sent.clear();
      const networks: swarm.v1.INodeNetwork[] = [];
      for (const [id, { state }] of this.states) {
        if (!servesNetwork(state, nodeId)) continue;
        networks.push(nodeNetworkView(state, nodeId));
        subscriber.sent.add(id);
      }
      subscriber.port = this.store.view((tx) => dataPathPortOf(tx, tx.get("node", nodeId)));
      listener({ complete: true, networks, removedNetworkIds: [], dataPathPort: subscriber.port });
    };
    resend();
    const unsubscribe = (): void => {
      if (!this.subscribers.delete(subscriber)) return;
      if (this.subscribers.size === 0) this.stop();
    };
    return { unsubscribe, resend };
  }

  /** Forgets every listener and stops watching (leadership lost). */
  close(): void {
    this.subscribers.clear();
    this.stop();
  }

  private start(): void {
    const unwatch = this.store.watch((commit) => this.onCommit(commit));
    const unrestore = this.store.onRestore(() => this.rebuild(true));
    this.stopWatching = () => {
      unwatch();
      unrestore();
    };
    this.rebuild(false);
  }

  private stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.members.clear();
    this.taskNets.clear();
    this.serviceNets.clear();
    this.nodeNets.clear();
    this.states.clear();
  }

  /** Indexes the whole store and computes every network's state; with `send`, tells subscribers. */
  private rebuild(send: boolean): void {
    const before = new Set(this.states.keys());
    this.members.clear();
    this.taskNets.clear();
    this.serviceNets.clear();
    this.nodeNets.clear();
    this.states.clear();
    const touched = this.store.view((tx) => {
      for (const t of tx.all("task")) this.indexTask(t.id ?? "", t);
      for (const s of tx.all("service")) this.indexService(tx, s.id ?? "", s);
      for (const n of tx.all("node")) this.indexNode(n.id ?? "", n);
      return new Set([...before, ...tx.all("network").map((n) => n.id ?? "")]);
    });
    this.refresh(touched, send, true);
  }

  private membersOf(networkId: string): Members {
    let m = this.members.get(networkId);
    if (!m) this.members.set(networkId, (m = { taskIds: new Set(), nodeIds: new Set(), serviceIds: new Set() }));
    return m;
  }

  /** Re-indexes one owner: its old networks lose it, its new ones gain it; both go into `touched`. */
  private reindex(
    index: Map<string, Set<string>>,
    pick: (m: Members) => Set<string>,
    id: string,
    now: Set<string>,
    touched: Set<string>,
  ): void {
    for (const n of index.get(id) ?? []) {
      touched.add(n);
      if (!now.has(n)) pick(this.membersOf(n)).delete(id);
    }
    for (const n of now) {
      touched.add(n);
      pick(this.membersOf(n)).add(id);
    }
    if (now.size > 0) index.set(id, now);
    else index.delete(id);
  }

  private indexTask(id: string, task: Task | null, touched = new Set<string>()): void {
    const now = task && holdsAddresses(task) ? new Set(taskHoldings(task).keys()) : new Set<string>();
    this.reindex(this.taskNets, (m) => m.taskIds, id, now, touched);
  }

  private indexService(tx: ReadTx, id: string, service: Service | null, touched = new Set<string>()): void {
    const now = new Set(service ? serviceOverlays(tx, service.spec).map((a) => a.networkId) : []);
    for (const v of service?.endpoint?.virtualIps ?? []) if (v.networkId) touched.add(v.networkId);
    this.reindex(this.serviceNets, (m) => m.serviceIds, id, now, touched);
  }

  private indexNode(id: string, node: Node | null, touched = new Set<string>()): void {
    const now = new Set((node?.attachments ?? []).map((a) => a.networkId ?? "").filter((n) => n !== ""));
    this.reindex(this.nodeNets, (m) => m.nodeIds, id, now, touched);
  }

  private onCommit(commit: StoreCommit): void {
    const taskIds = commit.events.flatMap((e) => (e.kind === "task" ? [e.object.id ?? ""] : []));
    if (taskIds.length > 0)
      this.log("debug", "trace.network-view-commit", { taskIds: taskIds.slice(0, traceTaskIdsMax) });
    const touched = new Set<string>();
    let allNetworks = false;
    const portChanged = new Set<string>();
    this.store.view((tx) => {
      for (const e of commit.events) {
        const removed = e.action === "remove";
        const id = e.object.id ?? "";
        if (e.kind === "task") {
          // Touches the task's networks even when they stay: its state (running, draining) makes backends.
          this.indexTask(id, removed ? null : (e.object as Task), touched);
        } else if (e.kind === "service") {
          const before: Service | null = e.old;
          this.indexService(tx, id, removed ? null : e.object, touched);
          for (const v of before?.endpoint?.virtualIps ?? []) touched.add(v.networkId ?? "");
        } else if (e.kind === "node") {
          this.indexNode(id, removed ? null : (e.object as Node), touched);
          if (nodeReachChanged(e)) {
            // Its address, liveness or port changes every network one of its tasks is on.
            for (const t of tx.tasks({ nodeId: id }))
              for (const n of this.taskNets.get(t.id ?? "") ?? []) touched.add(n);
            portChanged.add(id);
          }
        } else if (e.kind === "network") {
          if (removed || e.action === "create" || networkChanged(e)) touched.add(id);
        } else if (e.kind === "cluster") {
          allNetworks = true;
        }
      }
    });
    touched.delete("");
    if (allNetworks) {
      this.rebuild(true);
      this.sendPorts(null);
      return;
    }
    this.refresh(touched, true, false);
    if (portChanged.size > 0) this.sendPorts(portChanged);
  }

  /** Recomputes the touched networks and sends each subscriber what changed for it. */
  private refresh(touched: ReadonlySet<string>, send: boolean, force: boolean): void {
    if (touched.size === 0) return;
    const changed: string[] = [];
    this.store.view((tx) => {
      for (const id of touched) {
        const members = this.members.get(id) ?? { taskIds: [], nodeIds: [], serviceIds: [] };
        const state = networkState(tx, id, members);
        const before = this.states.get(id);
        if (!state) {
          if (this.states.delete(id) || force) changed.push(id);
          if (this.members.get(id)?.taskIds.size === 0 && !tx.get("network", id)) this.members.delete(id);
          continue;
        }
        const json = JSON.stringify([state.base, state.placed, [...state.vteps]]);
        if (!force && before?.json === json) continue;
        this.states.set(id, { state, json });
        changed.push(id);
      }
    });
    if (!send || changed.length === 0) return;
    for (const s of this.subscribers) {
      const networks: swarm.v1.INodeNetwork[] = [];
      const removedNetworkIds: string[] = [];
      for (const id of changed) {
        const state = this.states.get(id)?.state;
        if (state && servesNetwork(state, s.nodeId)) {
          networks.push(nodeNetworkView(state, s.nodeId));
          s.sent.add(id);
        } else if (s.sent.delete(id)) removedNetworkIds.push(id);
      }
      if (networks.length > 0 || removedNetworkIds.length > 0)
        s.listener({ complete: false, networks, removedNetworkIds, dataPathPort: s.port });
    }
  }

  /** Tells subscribed nodes (all, or those named) their data-path port when it changed. */
  private sendPorts(nodeIds: ReadonlySet<string> | null): void {
    for (const s of this.subscribers) {
      if (nodeIds && !nodeIds.has(s.nodeId)) continue;
      const port = this.store.view((tx) => dataPathPortOf(tx, tx.get("node", s.nodeId)));
      if (port === s.port) continue;
      s.port = port;
      s.listener({ complete: false, networks: [], removedNetworkIds: [], dataPathPort: port });
    }
  }
}

/**
 * Whether a node event changed how others reach it: its address, its liveness, its data-path port,
 * or its tunnel (public key, port, tunnel address) for encrypted networks.
 */
function nodeReachChanged(e: StoreEvent): boolean {
  if (e.action !== "update") return true;
  const node = e.object as Node;
  const old = e.old as Node | null;
  return (
    old?.status?.addr !== node.status?.addr ||
    old?.status?.state !== node.status?.state ||
    Number(old?.description?.dataPathPort ?? 0) !== Number(node.description?.dataPathPort ?? 0) ||
    JSON.stringify(tunnelOf(old ?? undefined)) !== JSON.stringify(tunnelOf(node))
  );
}

/** Whether a network event changed what nodes program (the allocator's cursor writes do not). */
function networkChanged(e: StoreEvent): boolean {
  const network: Network = e.object;
  const old: Network | null = e.old;
  return (
    JSON.stringify([network.spec, network.ipam, network.vni, network.mtu]) !==
    JSON.stringify([old?.spec, old?.ipam, old?.vni, old?.mtu])
  );
}
