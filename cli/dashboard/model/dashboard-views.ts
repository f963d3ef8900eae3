// Everything the pages show, kept current as the store changes: the mirror of the store, the
// views computed from it, and what changed since the last flush. Changes are applied as they
// arrive and only mark what they touch (a task marks its service and its node); a flush recomputes
// the marked rows and returns them as one delta, which the server sends to every page. Pure: the
// caller gives the time and decides when to flush.
import type {
  ChartPoint,
  ClusterView,
  DataView,
  EventView,
  NetworkView,
  NodeView,
  ServiceView,
  StackView,
  TaskView,
} from "../shared/view-models.js";
import type { DeltaMessage, DetailDelta, DetailSnapshot, LinkStatus, SnapshotMessage } from "../shared/wire.js";
import { type ChartSeries, chartPoint } from "./chart-sample.js";
import { clusterView } from "./cluster-view.js";
import { CollectionState } from "./collection-diff.js";
import { configViews, secretViews, stackViews } from "./data-views.js";
import { eventView } from "./event-views.js";
import { networkViews } from "./network-views.js";
import { nodeView } from "./node-views.js";
import { serviceSpecJson } from "./service-spec-json.js";
import { serviceView } from "./service-views.js";
import { type MirrorLists, type MirrorObjects, StoreMirror } from "./store-mirror.js";
import { TaskTransitions } from "./task-transitions.js";
import { taskViews } from "./task-views.js";
import type { WatchChange } from "./watch-events.js";

/** Events the feed keeps (and a new page receives). */
export const feedEventsMax = 500;

/** What one flush sends: the shared delta, and the changes of each service on show. */
export interface Flush {
  /** The delta for every page, or null when nothing changed. */
  readonly delta: DeltaMessage | null;
  /** Changes of each watched service that changed. */
  readonly details: ReadonlyMap<string, DetailDelta>;
}

/** The views of one store. */
export class DashboardViews {
  readonly mirror = new StoreMirror();
  private readonly transitions = new TaskTransitions();
  private readonly nodes = new CollectionState<NodeView>((n) => n.id);
  private readonly services = new CollectionState<ServiceView>((s) => s.id);
  private readonly secrets = new CollectionState<DataView>((s) => s.id);
  private readonly configs = new CollectionState<DataView>((c) => c.id);
  private readonly stacks = new CollectionState<StackView>((s) => s.name);
  private readonly networks = new CollectionState<NetworkView>((n) => n.id);
  private cluster: ClusterView | null = null;
  private clusterText = "null";
  private readonly feed: EventView[] = [];
  private newEvents: EventView[] = [];
  private seq = 0;
  private newPoints: ChartPoint[] = [];
  /** Each watched service's last task rows and spec text. */
  private readonly details = new Map<string, { tasks: CollectionState<TaskView>; serviceText: string }>();

  private readonly dirtyNodes = new Set<string>();
  private readonly dirtyServices = new Set<string>();
  private dirtyData = false;
  private dirtyCluster = false;
  private allDirty = true;

  constructor(private readonly chart: ChartSeries) {}

  /** Replaces the whole store (first sync, or resync); the next flush recomputes everything. */
  reset(lists: MirrorLists, version: number): void {
    this.mirror.reset(lists, version);
    this.transitions.clear();
    for (const task of this.mirror.all("task").values()) this.transitions.record(task);
    this.allDirty = true;
  }

  /** Applies the events of one watch message. */
  apply(changes: readonly WatchChange[], version: number, nowMs: number): void {
    for (const c of changes) {
      const change = this.mirror.apply(c.kind, c.action, c.object);
      if (!change) continue;
      this.pushEvent(eventView(change, ++this.seq, nowMs));
      switch (change.kind) {
        case "task": {
          const task = change.object as MirrorObjects["task"];
          const old = change.old as MirrorObjects["task"] | null;
          if (change.action === "remove") this.transitions.forget(task.id ?? "");
          else this.transitions.record(task);
          this.dirtyServices.add(task.serviceId ?? "");
          if (task.nodeId) this.dirtyNodes.add(task.nodeId);
          if (old?.nodeId) this.dirtyNodes.add(old.nodeId);
          this.dirtyCluster = true;
          break;
        }
        case "service":
          this.dirtyServices.add(change.object.id ?? "");
          this.dirtyData = true;
          this.dirtyCluster = true;
          break;
        case "node":
          this.dirtyNodes.add(change.object.id ?? "");
          // Task rows name their node: a renamed node changes them.
          for (const id of this.details.keys()) this.dirtyServices.add(id);
          this.dirtyCluster = true;
          break;
        case "network":
          // Service and task rows name their networks: a renamed or removed network changes them.
          for (const id of this.mirror.all("service").keys()) this.dirtyServices.add(id);
          this.dirtyData = true;
          break;
        case "secret":
        case "config":
          this.dirtyData = true;
          break;
        case "cluster":
          this.dirtyCluster = true;
          break;
      }
    }
    this.mirror.version = Math.max(this.mirror.version, version);
  }

  /** Takes a chart sample at `atMs`. */
  sample(atMs: number): void {
    const point = chartPoint(this.mirror, atMs);
    this.chart.push(point);
    this.newPoints.push(point);
  }

  /** Whether anything waits for a flush. */
  get pending(): boolean {
    return (
      this.allDirty ||
      this.dirtyNodes.size > 0 ||
      this.dirtyServices.size > 0 ||
      this.dirtyData ||
      this.dirtyCluster ||
      this.newEvents.length > 0 ||
      this.newPoints.length > 0
    );
  }

  /** Recomputes what changed; `watched` are the services pages have on show. */
  flush(watched: ReadonlySet<string>): Flush {
    const all = this.allDirty;
    const nodeIds = all ? [...this.mirror.all("node").keys()] : [...this.dirtyNodes];
    const serviceIds = all ? [...this.mirror.all("service").keys()] : [...this.dirtyServices];
    const nodes = this.patch(this.nodes, all, nodeIds, (id) => {
      const node = this.mirror.get("node", id);
      return node ? nodeView(this.mirror, node) : null;
    });
    const services = this.patch(this.services, all, serviceIds, (id) => {
      const service = this.mirror.get("service", id);
      return service ? serviceView(this.mirror, service) : null;
    });
    const dataDirty = all || this.dirtyData;
    const secrets = dataDirty ? this.secrets.update(secretViews(this.mirror)) : null;
    const configs = dataDirty ? this.configs.update(configViews(this.mirror)) : null;
    const networks = dataDirty ? this.networks.update(networkViews(this.mirror)) : null;
    const stacks =
      dataDirty || services.upsert.length || services.remove.length
        ? this.stacks.update(stackViews(this.mirror, this.services.current, this.secrets.current, this.configs.current))
        : null;
    let cluster: ClusterView | null | undefined;
    if (all || this.dirtyCluster || nodes.upsert.length || nodes.remove.length) {
      const next = clusterView(this.mirror, this.nodes.current);
      const text = JSON.stringify(next);
      if (text !== this.clusterText) [cluster, this.clusterText] = [next, text];
      this.cluster = next;
    }

    const details = new Map<string, DetailDelta>();
    for (const [id] of this.details) if (!watched.has(id)) this.details.delete(id);
    for (const id of watched) {
      const known = this.details.get(id);
      if (known && !all && !this.dirtyServices.has(id)) continue;
      const delta = this.detailDelta(id);
      if (delta) details.set(id, delta);
    }

    const upsert: Record<string, unknown[]> = {};
    const remove: Record<string, string[]> = {};
    const add = (name: string, d: { upsert: unknown[]; remove: string[] } | null): void => {
      if (d?.upsert.length) upsert[name] = d.upsert;
      if (d?.remove.length) remove[name] = d.remove;
    };
    add("nodes", nodes);
    add("services", services);
    add("secrets", secrets);
    add("configs", configs);
    add("stacks", stacks);
    add("networks", networks);
    const delta: DeltaMessage = {
      type: "delta",
      version: this.mirror.version,
      ...(Object.keys(upsert).length ? { upsert } : {}),
      ...(Object.keys(remove).length ? { remove } : {}),
      ...(cluster !== undefined ? { cluster } : {}),
      ...(this.newEvents.length ? { events: this.newEvents } : {}),
      ...(this.newPoints.length ? { chart: this.newPoints } : {}),
    };
    this.newEvents = [];
    this.newPoints = [];
    this.dirtyNodes.clear();
    this.dirtyServices.clear();
    this.dirtyData = false;
    this.dirtyCluster = false;
    this.allDirty = false;
    const empty = Object.keys(delta).length === 2;
    return { delta: empty ? null : delta, details };
  }

  /**
   * Everything as of the last flush, for a new page; `serviceId` names the service it shows. Call
   * {@link flush} first, so the deltas that follow start where this ends.
   */
  snapshot(serviceId: string | null, link: LinkStatus): SnapshotMessage {
    return {
      type: "snapshot",
      version: this.mirror.version,
      link,
      collections: {
        nodes: this.nodes.current,
        services: this.services.current,
        secrets: this.secrets.current,
        configs: this.configs.current,
        stacks: this.stacks.current,
        networks: this.networks.current,
      },
      cluster: this.cluster,
      events: [...this.feed],
      chart: [...this.chart.all()],
      detail: serviceId ? this.detailSnapshot(serviceId) : null,
    };
  }

  /** The detail of a service for a new page (and starts following it, if no page did). */
  private detailSnapshot(serviceId: string): DetailSnapshot | null {
    if (!this.details.has(serviceId)) this.detailDelta(serviceId);
    const service = this.services.current.find((s) => s.id === serviceId);
    const raw = this.mirror.get("service", serviceId);
    if (!service || !raw) return null;
    return { service, spec: serviceSpecJson(raw), tasks: this.details.get(serviceId)?.tasks.current ?? [] };
  }

  private detailDelta(serviceId: string): DetailDelta | null {
    let state = this.details.get(serviceId);
    if (!state) {
      state = { tasks: new CollectionState<TaskView>((t) => t.id), serviceText: "" };
      this.details.set(serviceId, state);
    }
    const raw = this.mirror.get("service", serviceId);
    const row = this.services.current.find((s) => s.id === serviceId) ?? null;
    const service = raw && row ? { service: row, spec: serviceSpecJson(raw) } : null;
    const serviceText = JSON.stringify(service);
    const tasks = state.tasks.update(taskViews(this.mirror, serviceId, this.transitions));
    const changed = serviceText !== state.serviceText;
    state.serviceText = serviceText;
    if (!changed && !tasks.upsert.length && !tasks.remove.length) return null;
    return {
      ...(changed ? { service } : {}),
      ...(tasks.upsert.length ? { upsertTasks: tasks.upsert } : {}),
      ...(tasks.remove.length ? { removeTasks: tasks.remove } : {}),
    };
  }

  private patch<T>(
    state: CollectionState<T>,
    all: boolean,
    ids: readonly string[],
    compute: (id: string) => T | null,
  ): { upsert: T[]; remove: string[] } {
    if (all) return state.update(ids.map(compute).filter((x): x is T => x !== null));
    if (ids.length === 0) return { upsert: [], remove: [] };
    return state.patch(ids, compute);
  }

  private pushEvent(event: EventView): void {
    this.feed.push(event);
    if (this.feed.length > feedEventsMax) this.feed.shift();
    this.newEvents.push(event);
    if (this.newEvents.length > feedEventsMax) this.newEvents.shift();
  }
}
