// The allocator component (leader only): gives services their VIPs on the overlays they attach to,
// gives nodes their own address on each overlay one of their tasks is on, gives new tasks their
// service's endpoint and an address per overlay, and moves them from NEW to PENDING, which hands
// them to the scheduler.
//
// It is the only writer of addresses, so two of them can never pick the same one: the table of
// addresses lives in this component (rebuilt from the store when it starts, and after a failed
// write, which may have left reservations nobody holds), follows every commit (a finished task, a
// removed service or an emptied node frees its addresses) and hands addresses out next-fit (see
// ipam.ts). A task that finds its network exhausted stays NEW with the reason as its message, and
// is tried again when an address on any network is freed.
import { swarm } from "../../proto/index.js";
import { CoalescedPass, type ComponentOptions, type LeaderComponent, runWatching } from "../component.js";
import {
  type MemoryStore,
  type ObjectsByKind,
  type StoreCommit,
  type StoreEvent,
  updateEach,
  type WriteTx,
} from "../store/index.js";
import {
  type AddressTable,
  addressTableOf,
  holdsAddresses,
  nodeHoldings,
  serviceHoldings,
  taskHoldings,
} from "./ipam.js";
import {
  allocateNodeAttachments,
  allocateServiceVips,
  allocateTaskNetworks,
  pendingTask,
  saveCursors,
  type TouchedNetworks,
} from "./network-allocation.js";
import { vipNetworkIds } from "./service-networks.js";
import { type Log, silentLog } from "../../common/index.js";
import { afterWriteFailure } from "../write-failure.js";

type Task = ObjectsByKind["task"];
type Service = ObjectsByKind["service"];
type Node = ObjectsByKind["node"];

/** Most tasks made PENDING in one transaction. */
export const tasksPerTransactionMax = 2_000;
/** Most services or nodes given addresses in one transaction. */
export const ownersPerTransactionMax = 2_000;

const isNew = (t: Task): boolean =>
  (t.status?.state ?? 0) === swarm.v1.TaskState.TASK_STATE_NEW &&
  Number(t.desiredState ?? 0) <= Number(swarm.v1.TaskState.TASK_STATE_RUNNING);

/** Log sink of the allocator: one event with its fields. */
/** Moves NEW tasks to PENDING with their service's endpoint and their addresses. */
export class TaskAllocator implements LeaderComponent {
  private readonly pass: CoalescedPass;
  private readonly log: Log;
  /** NEW tasks seen in commits since the last pass: only they need looking at, not every task. */
  private readonly fresh = new Set<string>();
  /** Services whose VIPs may not match their networks. */
  private readonly services = new Set<string>();
  /** Nodes whose own addresses may not match the networks of their tasks. */
  private readonly nodes = new Set<string>();
  /** Tasks, services and nodes that found a network exhausted: tried again when an address is freed. */
  private readonly waiting = new Set<`${"task" | "service" | "node"}:${string}`>();
  /** Every node must be looked at (a network was removed). */
  private allNodes = false;
  /** The first pass (and one after a failure) scans everything: commits before it were not seen. */
  private scanAll = true;
  /** The addresses in use; null until the next pass rebuilds it from the store. */
  private table: AddressTable | null = null;

  constructor(
    private readonly store: MemoryStore,
    options: ComponentOptions = {},
  ) {
    this.log = options.log ?? silentLog;
    this.pass = new CoalescedPass(() => this.allocate(), { clock: options.clock });
  }

  /** Runs until the signal aborts. */
  run(signal: AbortSignal): Promise<void> {
    this.scanAll = true;
    this.table = null;
    return runWatching(this.store, signal, this.pass, (commit) => this.onCommit(commit));
  }

  private onCommit(commit: StoreCommit): void {
    let freed = false;
    for (const e of commit.events) {
      if (e.kind === "task") freed = this.onTask(e) || freed;
      else if (e.kind === "service") freed = this.onService(e) || freed;
      else if (e.kind === "node") freed = this.onNode(e) || freed;
      else if (e.kind === "network") {
        if (e.action === "create") this.table?.addNetwork(e.object);
        else if (e.action === "remove") {
          this.table?.removeNetwork(e.object.id ?? "");
          this.allNodes = true;
        }
      }
    }
    if (freed && this.waiting.size > 0) {
      for (const key of this.waiting) {
        const [kind, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
        (kind === "task" ? this.fresh : kind === "service" ? this.services : this.nodes).add(id);
      }
      this.waiting.clear();
    }
    if (this.fresh.size > 0 || this.services.size > 0 || this.nodes.size > 0 || this.allNodes) this.pass.request();
  }

  /** Follows a task event; true when it freed addresses. */
  private onTask(e: StoreEvent): boolean {
    const removed = e.action === "remove";
    const task = removed ? null : (e.object as Task);
    // A removal's event carries the object as it was, and no old one.
    const prev = removed ? (e.object as Task) : (e.old as Task | null);
    const now = task ? taskHoldings(task) : new Map<string, number>();
    const before = prev ? taskHoldings(prev) : new Map<string, number>();
    this.table?.sync(`task:${e.object.id ?? ""}`, now);
    if (task && isNew(task)) this.fresh.add(task.id ?? "");
    // A task on no overlay, before and after (most of them), changes no node's networks.
    if (before.size === 0 && now.size === 0) return false;
    // A node serves a network while one of its unfinished tasks holds an address on it.
    const wasOn = [...before.keys()].sort().join();
    const isOn = [...now.keys()].sort().join();
    const wasNode = prev?.nodeId ?? "";
    const isNode = task?.nodeId ?? "";
    if ((wasOn !== "" || isOn !== "") && (wasOn !== isOn || wasNode !== isNode)) {
      if (wasNode) this.nodes.add(wasNode);
      if (isNode) this.nodes.add(isNode);
    }
    return before.size > now.size;
  }

  /** Follows a service event; true when its VIPs changed (freed ones, or new ones tasks wait for). */
  private onService(e: StoreEvent): boolean {
    const removed = e.action === "remove";
    const service = e.object as Service;
    const id = service.id ?? "";
    const prev = removed ? service : e.old;
    const now = removed ? new Map<string, number>() : serviceHoldings(service);
    const before = prev ? serviceHoldings(prev) : new Map<string, number>();
    this.table?.sync(`service:${id}`, now);
    if (!removed) {
      const wanted = this.store.view((tx) => vipNetworkIds(tx, service.spec));
      if (wanted.length !== now.size || wanted.some((n) => !now.has(n))) this.services.add(id);
    }
    return before.size !== now.size;
  }

  /** Follows a node event; true when it freed addresses. */
  private onNode(e: StoreEvent): boolean {
    const removed = e.action === "remove";
    const node = e.object as Node;
    const prev = removed ? node : (e.old as Node | null);
    const now = removed ? new Map<string, number>() : nodeHoldings(node);
    const before = prev ? nodeHoldings(prev) : new Map<string, number>();
    this.table?.sync(`node:${node.id ?? ""}`, now);
    return before.size > now.size;
  }

  private rebuild(): AddressTable {
    const { table, conflicts } = this.store.view((tx) => addressTableOf(tx));
    if (conflicts.length > 0) this.log("warn", "allocator.address-conflicts", { conflicts: conflicts.slice(0, 20) });
    this.table = table;
    return table;
  }

  private async allocate(): Promise<void> {
    let table = this.table;
    if (this.scanAll || !table) {
      this.scanAll = false;
      table = this.rebuild();
      // Only what may need an address is looked at: a cluster without overlays costs one scan.
      this.store.view((tx) => {
        for (const t of tx.all("task")) {
          if (isNew(t)) this.fresh.add(t.id ?? "");
          else if (t.nodeId && (t.networks?.length ?? 0) > 0 && holdsAddresses(t)) this.nodes.add(t.nodeId);
        }
        for (const s of tx.all("service"))
          if ((s.endpoint?.virtualIps?.length ?? 0) > 0 || vipNetworkIds(tx, s.spec).length > 0)
            this.services.add(s.id ?? "");
      });
      this.allNodes = true;
    }
    if (this.allNodes) {
      this.allNodes = false;
      // Nodes holding addresses (some may be on a removed network); nodes that need one are above.
      for (const n of this.store.view((tx) => tx.all("node")))
        if ((n.attachments?.length ?? 0) > 0) this.nodes.add(n.id ?? "");
    }
    const services = [...this.services];
    const nodes = [...this.nodes];
    const fresh = [...this.fresh];
    this.services.clear();
    this.nodes.clear();
    this.fresh.clear();
    try {
      // Transactions bounded in size and count keep raft entries small when thousands of objects
      // appear at once.
      await this.inTransactions(table, services, ownersPerTransactionMax, (tx, touched, id) =>
        this.allocateService(tx, table, touched, id),
      );
      await this.inTransactions(table, nodes, ownersPerTransactionMax, (tx, touched, id) =>
        this.allocateNode(tx, table, touched, id),
      );
      await this.inTransactions(table, fresh, tasksPerTransactionMax, (tx, touched, id) =>
        this.allocateTask(tx, table, touched, id),
      );
    } catch (error) {
      afterWriteFailure(error, this.log, "allocator.write-failed", { tasks: fresh.length });
      // A concurrent write won: look at everything again, from a table rebuilt from the store.
      this.scanAll = true;
      this.pass.requestAfterFailure(error);
    }
  }

  /**
   * Runs `allocate` for every id in transactions that fit one raft entry (updateEach), each saving
   * the cursors of the networks its own allocations moved.
   */
  private async inTransactions(
    table: AddressTable,
    ids: readonly string[],
    idsMax: number,
    allocate: (tx: WriteTx, touched: TouchedNetworks, id: string) => void,
  ): Promise<void> {
    const touched: TouchedNetworks = new Set();
    await updateEach(
      this.store,
      ids,
      (tx, id) => allocate(tx, touched, id),
      idsMax,
      (tx) => saveCursors(tx, table, touched),
    );
  }

  private allocateService(tx: WriteTx, table: AddressTable, touched: TouchedNetworks, id: string): void {
    const service = tx.get("service", id);
    if (!service) return;
    const reason = allocateServiceVips(tx, table, touched, service);
    if (reason !== null) {
      this.waiting.add(`service:${id}`);
      this.log("warn", "allocator.exhausted", { serviceId: id, reason });
    }
  }

  private allocateNode(tx: WriteTx, table: AddressTable, touched: TouchedNetworks, id: string): void {
    const node = tx.get("node", id);
    if (!node) return;
    const reason = allocateNodeAttachments(tx, table, touched, node);
    if (reason !== null) {
      this.waiting.add(`node:${id}`);
      this.log("warn", "allocator.exhausted", { nodeId: id, reason });
    }
  }

  private allocateTask(tx: WriteTx, table: AddressTable, touched: TouchedNetworks, id: string): void {
    const task = tx.get("task", id);
    if (task === undefined || !isNew(task)) return;
    const service = tx.get("service", task.serviceId ?? "");
    const outcome = allocateTaskNetworks(tx, table, touched, task, service);
    if ("reason" in outcome) {
      this.waiting.add(`task:${id}`);
      // Written once: the task's own update must not make it look fresh again and again.
      if (task.status?.message !== outcome.reason)
        tx.update("task", { ...task, status: { ...task.status, message: outcome.reason } });
      return;
    }
    tx.update("task", pendingTask(task, service, outcome.networks));
  }
}
