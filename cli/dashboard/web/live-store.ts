// The page's copy of what the server streams: a snapshot, then deltas applied to it. Every change
// makes a new state object (and new maps for the collections it touched), so components re-render
// by comparing references. Applying a message twice changes nothing, so a snapshot and a delta
// that overlap are harmless.
import type {
  ChartPoint,
  ClusterView,
  CollectionName,
  Collections,
  EventView,
  ServiceDetail,
  TaskView,
} from "../shared/view-models.js";
import type { DeltaMessage, LinkStatus, SnapshotMessage, StreamMessage } from "../shared/wire.js";

/** The performance mark set when the first snapshot arrives. */
export const snapshotMark = "swarm:snapshot";

/** Events the page keeps. */
export const pageEventsMax = 500;
/** Chart samples the page keeps. */
export const pageChartPointsMax = 180;

/** The collections as maps by key. */
export type CollectionMaps = { readonly [K in CollectionName]: ReadonlyMap<string, Collections[K][number]> };

/** Everything the page shows. */
export interface LiveState {
  /** Whether the first snapshot arrived. */
  readonly loaded: boolean;
  readonly link: LinkStatus;
  /** Whether the page's own stream to the dashboard server is up. */
  readonly streaming: boolean;
  readonly version: number;
  readonly collections: CollectionMaps;
  readonly cluster: ClusterView | null;
  readonly events: readonly EventView[];
  readonly chart: readonly ChartPoint[];
  /**
   * The service the stream was opened for: null until its snapshot arrives (or when the stream is
   * for no service); its `service` is null when there is no such service (any more).
   */
  readonly detail: { readonly service: ServiceDetail | null; readonly tasks: ReadonlyMap<string, TaskView> } | null;
}

const keyOf: { [K in CollectionName]: (row: Collections[K][number]) => string } = {
  nodes: (r) => r.id,
  services: (r) => r.id,
  secrets: (r) => r.id,
  configs: (r) => r.id,
  stacks: (r) => r.name,
  networks: (r) => r.id,
};

/** The state before anything arrived. */
export function emptyState(): LiveState {
  return {
    loaded: false,
    link: { target: "", connected: false, error: "" },
    streaming: false,
    version: 0,
    collections: {
      nodes: new Map(),
      services: new Map(),
      secrets: new Map(),
      configs: new Map(),
      stacks: new Map(),
      networks: new Map(),
    },
    cluster: null,
    events: [],
    chart: [],
    detail: null,
  };
}

/** The state after one message. */
export function applyMessage(state: LiveState, message: StreamMessage): LiveState {
  switch (message.type) {
    case "snapshot":
      return fromSnapshot(message, state.streaming);
    case "link":
      return { ...state, link: message.link };
    case "delta":
      return applyDelta(state, message);
  }
}

/** Rows by their key. */
function byKey<R>(rows: readonly R[], key: (row: R) => string): ReadonlyMap<string, R> {
  return new Map(rows.map((r) => [key(r), r]));
}

function fromSnapshot(m: SnapshotMessage, streaming: boolean): LiveState {
  const c = m.collections;
  return {
    loaded: true,
    link: m.link,
    streaming,
    version: m.version,
    collections: {
      nodes: byKey(c.nodes, keyOf.nodes),
      services: byKey(c.services, keyOf.services),
      secrets: byKey(c.secrets, keyOf.secrets),
      configs: byKey(c.configs, keyOf.configs),
      stacks: byKey(c.stacks, keyOf.stacks),
      networks: byKey(c.networks, keyOf.networks),
    },
    cluster: m.cluster,
    events: m.events.slice(-pageEventsMax),
    chart: m.chart.slice(-pageChartPointsMax),
    detail: m.detail
      ? {
          service: { service: m.detail.service, spec: m.detail.spec },
          tasks: new Map(m.detail.tasks.map((t) => [t.id, t])),
        }
      : { service: null, tasks: new Map() },
  };
}

function applyDelta(state: LiveState, m: DeltaMessage): LiveState {
  let collections = state.collections;
  for (const name of Object.keys(keyOf) as CollectionName[]) {
    const upsert = (m.upsert?.[name] ?? []) as readonly unknown[];
    const remove = m.remove?.[name] ?? [];
    if (!upsert.length && !remove.length) continue;
    const key = keyOf[name] as (row: unknown) => string;
    const map = new Map(collections[name] as ReadonlyMap<string, unknown>);
    for (const row of upsert) map.set(key(row), row);
    for (const k of remove) map.delete(k);
    collections = { ...collections, [name]: map };
  }
  let events = state.events;
  if (m.events?.length) {
    const last = events.at(-1)?.seq ?? 0;
    events = [...events, ...m.events.filter((e) => e.seq > last)].slice(-pageEventsMax);
  }
  let chart = state.chart;
  if (m.chart?.length) {
    const last = chart.at(-1)?.atMs ?? 0;
    chart = [...chart, ...m.chart.filter((p) => p.atMs > last)].slice(-pageChartPointsMax);
  }
  let detail = state.detail;
  if (m.detail && detail) {
    let tasks = detail.tasks;
    if (m.detail.upsertTasks?.length || m.detail.removeTasks?.length) {
      const map = new Map(tasks);
      for (const t of m.detail.upsertTasks ?? []) map.set(t.id, t);
      for (const id of m.detail.removeTasks ?? []) map.delete(id);
      tasks = map;
    }
    detail = { service: m.detail.service === undefined ? detail.service : m.detail.service, tasks };
  }
  return {
    ...state,
    version: Math.max(state.version, m.version),
    collections,
    ...(m.cluster !== undefined ? { cluster: m.cluster } : {}),
    events,
    chart,
    detail,
  };
}

/** A store the components subscribe to, fed by one EventSource at a time. */
export class LiveStore {
  private state = emptyState();
  private readonly listeners = new Set<() => void>();
  private source: EventSource | null = null;
  private serviceId: string | null = null;

  /** The current state. */
  get(): LiveState {
    return this.state;
  }

  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Streams with the given service on show (reopening the stream only when it changes). */
  follow(serviceId: string | null): void {
    if (this.source && this.serviceId === serviceId) return;
    this.source?.close();
    this.serviceId = serviceId;
    const url = `/api/stream${serviceId ? `?service=${encodeURIComponent(serviceId)}` : ""}`;
    const source = new EventSource(url);
    this.source = source;
    const on = (event: MessageEvent<string>): void => {
      if (this.source !== source) return;
      if (event.type === "snapshot" && performance.getEntriesByName(snapshotMark).length === 0)
        performance.mark(snapshotMark);
      this.set(applyMessage({ ...this.state, streaming: true }, JSON.parse(event.data) as StreamMessage));
    };
    for (const type of ["snapshot", "delta", "link"]) source.addEventListener(type, on as EventListener);
    // The browser reconnects by itself; until then the page says the dashboard server is gone.
    source.onerror = () => {
      if (this.source === source && this.state.streaming) this.set({ ...this.state, streaming: false });
    };
    // Until the new stream's snapshot arrives, no service's detail is known.
    if (this.state.detail) this.set({ ...this.state, detail: null });
  }

  /** Closes the stream. */
  close(): void {
    this.source?.close();
    this.source = null;
  }

  private set(state: LiveState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
}
