// The routing mesh's endpoint set, computed on the leader from the store and pushed to every node
// over its session. For each service with ingress-published ports, the endpoints are its tasks that
// run (RUNNING already means healthy when the task has a healthcheck) on a node that is not DOWN and
// that reported where their target ports are reachable (port status). A running task whose desired
// state is past RUNNING is still listed, marked draining, so open connections finish. The set is
// kept per service: each commit recomputes only the services it touches, and only services whose
// endpoints really changed are sent.
import { swarm } from "../../proto/index.js";
import type { MemoryStore, ObjectsByKind, StoreCommit } from "../store/index.js";

type Service = ObjectsByKind["service"];
type Task = ObjectsByKind["task"];
type Node = ObjectsByKind["node"];

const State = swarm.v1.TaskState;
const Ingress = swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS;

/** What the computation reads: a store transaction satisfies it. */
export interface EndpointsView {
  /** One service or node by id. */
  get(kind: "service", id: string): Service | undefined;
  get(kind: "node", id: string): Node | undefined;
  /** Tasks of one service. */
  tasks(query: { serviceId: string }): Task[];
}

/** The host part of a node's status address ("127.0.0.3", "ipv4:127.0.0.3:40112", "[::1]:5" → "::1"). */
export function nodeHost(addr: string): string {
  let host = addr.replace(/^ipv[46]:/, "");
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracket) return bracket[1] ?? "";
  // One colon means host:port; more mean a bare IPv6 address.
  if (host.split(":").length === 2) host = host.slice(0, host.lastIndexOf(":"));
  return host;
}

/** A service's ingress ports with their published numbers (after the allocator filled them). */
export function ingressPorts(service: Service): swarm.v1.PortConfig.$Properties[] {
  return (service.endpoint?.ports ?? [])
    .filter((p) => Number(p.publishMode ?? 0) === Number(Ingress) && Number(p.publishedPort ?? 0) > 0)
    .map((p) => ({
      protocol: p.protocol ?? swarm.v1.PortConfig.Protocol.PROTOCOL_TCP,
      targetPort: Number(p.targetPort ?? 0),
      publishedPort: Number(p.publishedPort ?? 0),
      publishMode: Ingress,
      ...(Number(p.proxyProtocol ?? 0) === 0 ? {} : { proxyProtocol: p.proxyProtocol! }),
    }));
}

/** One task as an endpoint, or null when it cannot take traffic. */
function taskEndpoint(
  view: EndpointsView,
  task: Task,
  targets: ReadonlySet<string>,
): swarm.v1.TaskEndpoint.$Properties | null {
  if (Number(task.status?.state ?? 0) !== Number(State.TASK_STATE_RUNNING)) return null;
  const node = view.get("node", task.nodeId ?? "");
  if (!node || Number(node.status?.state ?? 0) === Number(swarm.v1.NodeStatus.State.STATE_DOWN)) return null;
  const addr = nodeHost(node.status?.addr ?? "");
  if (addr === "") return null;
  const ports = (task.status?.portStatus?.ports ?? [])
    .filter(
      (p) =>
        Number(p.publishMode ?? 0) === Number(Ingress) && Number(p.publishedPort ?? 0) > 0 && targets.has(portKey(p)),
    )
    .map((p) => ({
      protocol: p.protocol ?? swarm.v1.PortConfig.Protocol.PROTOCOL_TCP,
      targetPort: Number(p.targetPort ?? 0),
      publishedPort: Number(p.publishedPort ?? 0),
      publishMode: Ingress,
    }))
    .sort((a, b) => a.targetPort - b.targetPort || Number(a.protocol) - Number(b.protocol));
  if (ports.length === 0) return null;
  return {
    taskId: task.id ?? "",
    addr,
    ports,
    draining: Number(task.desiredState ?? 0) > Number(State.TASK_STATE_RUNNING),
  };
}

function portKey(p: swarm.v1.IPortConfig): string {
  return `${Number(p.targetPort ?? 0)}/${Number(p.protocol ?? 0)}`;
}

/**
 * The endpoints of one service, or null when it has none to route to: it is gone or publishes no
 * ingress port. A service with ingress ports and no live task has an empty endpoint list, so nodes
 * keep listening and refuse connections rather than forget the port.
 */
export function serviceEndpoints(view: EndpointsView, serviceId: string): swarm.v1.ServiceEndpoints.$Properties | null {
  const service = view.get("service", serviceId);
  if (!service) return null;
  const ports = ingressPorts(service);
  if (ports.length === 0) return null;
  const targets = new Set(ports.map(portKey));
  const endpoints = view
    .tasks({ serviceId })
    .map((task) => taskEndpoint(view, task, targets))
    .filter((e): e is swarm.v1.TaskEndpoint.$Properties => e !== null)
    .sort((a, b) => (a.taskId ?? "").localeCompare(b.taskId ?? ""));
  const balancing = service.spec?.endpoint?.balancing ?? swarm.v1.EndpointSpec.Balancing.BALANCING_ROUND_ROBIN;
  return {
    serviceId,
    name: service.spec?.annotations?.name ?? "",
    ports,
    endpoints,
    ...(Number(balancing) === 0 ? {} : { balancing }),
  };
}

/** Ids of the services whose endpoints a commit may have changed. */
export function touchedServices(view: { tasks(query: { nodeId: string }): Task[] }, commit: StoreCommit): Set<string> {
  const ids = new Set<string>();
  for (const e of commit.events) {
    if (e.kind === "service") ids.add(e.object.id ?? "");
    else if (e.kind === "task") ids.add((e.object as Task).serviceId ?? "");
    else if (e.kind === "node") {
      // A node's address or liveness changes every endpoint on it.
      const node = e.object as Node;
      const old = e.old as Node | null;
      if (
        e.action !== "update" ||
        old?.status?.addr !== node.status?.addr ||
        old?.status?.state !== node.status?.state
      ) {
        for (const task of view.tasks({ nodeId: node.id ?? "" })) ids.add(task.serviceId ?? "");
      }
    }
  }
  ids.delete("");
  return ids;
}

/** A listener of endpoint changes: services added or replaced, ids of services dropped. */
export type EndpointsListener = (update: swarm.v1.EndpointsUpdate.$Properties) => void;

/**
 * Keeps the current endpoint set of the cluster while someone listens, and tells listeners what
 * changed after each commit. Watches the store only while it has listeners.
 */
export class MeshEndpoints {
  private readonly current = new Map<string, { value: swarm.v1.ServiceEndpoints.$Properties; json: string }>();
  private readonly listeners = new Set<EndpointsListener>();
  private stopWatching: (() => void) | null = null;

  constructor(private readonly store: MemoryStore) {}

  /** Calls `listener` with the complete set now, then with every change; returns the unsubscribe function. */
  subscribe(listener: EndpointsListener): () => void {
    if (!this.stopWatching) this.start();
    this.listeners.add(listener);
    listener({ complete: true, services: [...this.current.values()].map((c) => c.value), removedServiceIds: [] });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Forgets every listener and stops watching (leadership lost). */
  close(): void {
    this.listeners.clear();
    this.stop();
  }

  private start(): void {
    const unwatch = this.store.watch((commit) => this.refresh(this.store.view((tx) => touchedServices(tx, commit))));
    const unrestore = this.store.onRestore(() =>
      this.refresh(
        new Set([...this.current.keys(), ...this.store.view((tx) => tx.all("service")).map((s) => s.id ?? "")]),
      ),
    );
    this.stopWatching = () => {
      unwatch();
      unrestore();
    };
    this.current.clear();
    const all = this.store.view((tx) => tx.all("service").map((s) => serviceEndpoints(tx, s.id ?? "")));
    for (const value of all) if (value) this.current.set(value.serviceId ?? "", { value, json: JSON.stringify(value) });
  }

  private stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.current.clear();
  }

  private refresh(serviceIds: ReadonlySet<string>): void {
    if (serviceIds.size === 0) return;
    const services: swarm.v1.ServiceEndpoints.$Properties[] = [];
    const removedServiceIds: string[] = [];
    this.store.view((tx) => {
      for (const id of serviceIds) {
        const value = serviceEndpoints(tx, id);
        const before = this.current.get(id);
        if (!value) {
          if (before && this.current.delete(id)) removedServiceIds.push(id);
          continue;
        }
        const json = JSON.stringify(value);
        if (before?.json === json) continue;
        this.current.set(id, { value, json });
        services.push(value);
      }
    });
    if (services.length === 0 && removedServiceIds.length === 0) return;
    for (const listener of this.listeners) listener({ complete: false, services, removedServiceIds });
  }
}
