// A node's network view, computed on the leader from the store (pure: the caller says which tasks,
// nodes and services belong to a network). For each overlay network a node serves (one of its
// tasks or its own address is on it) the view holds everything the node programs: its own address,
// every address living on other nodes with that node's VXLAN endpoint, the services with their
// VIPs, aliases and live backends, and the task names for DNS. It is cut in two steps: the
// network's state, the same for every node, and each node's slice of it.
import { swarm } from "../../proto/index.js";
import {
  addressOf,
  formatCidr,
  formatIpv4,
  holdsAddresses,
  isEncryptedSpec,
  isOverlayNetwork,
  parseCidr,
  resolveNetworkConfig,
  serviceOverlays,
  wireguardPortDefault,
} from "../allocator/index.js";
import type { ObjectsByKind } from "../store/index.js";
import { nodeHost } from "./mesh-endpoints.js";

type Network = ObjectsByKind["network"];
type Service = ObjectsByKind["service"];
type Task = ObjectsByKind["task"];
type Node = ObjectsByKind["node"];

const State = swarm.v1.TaskState;

/** What the computation reads: a store transaction satisfies it. */
export interface NetworkViewSource {
  /** One object by id. */
  get(kind: "network", id: string): Network | undefined;
  get(kind: "service", id: string): Service | undefined;
  get(kind: "task", id: string): Task | undefined;
  get(kind: "node", id: string): Node | undefined;
  /** One network by name (attachments stored by name before they were stored by id). */
  byName(kind: "network", name: string): Network | undefined;
  /** The cluster object (its data-path port). */
  all(kind: "cluster"): ObjectsByKind["cluster"][];
}

/** Who is on a network: the caller keeps this index (see network-view-feed.ts). */
export interface NetworkMembers {
  /** Tasks holding (or having held) an address on the network. */
  readonly taskIds: Iterable<string>;
  /** Nodes with their own address on the network. */
  readonly nodeIds: Iterable<string>;
  /** Services whose spec attaches the network. */
  readonly serviceIds: Iterable<string>;
}

/** An address of the network and where it lives. */
interface Placed {
  readonly addr: string;
  readonly nodeId: string;
  /** Empty for a node's own address. */
  readonly taskId: string;
}

/** One network as every node sees it; each node's view is cut from it. */
export interface NetworkState {
  /** The network's own fields (no self address, no peers). */
  readonly base: swarm.v1.INodeNetwork;
  /** Every address living on a node: unfinished tasks' and nodes' own. */
  readonly placed: readonly Placed[];
  /** Nodes the addresses live on: VXLAN endpoint and port (encrypted networks: their tunnel too). */
  readonly vteps: ReadonlyMap<string, NodeReach>;
  /** Nodes that serve the network. */
  readonly nodeIds: ReadonlySet<string>;
}

/** How other nodes reach one node's addresses on a network. */
export interface NodeReach {
  /** Underlay address (the VXLAN endpoint of plain networks, the tunnel endpoint of encrypted ones). */
  readonly vtep: string;
  /** Data-path UDP port. */
  readonly port: number;
  /**
   * Encrypted networks: the node's tunnel (its address in interface form), absent until it has a
   * public key and a tunnel address.
   */
  readonly tunnel?: { readonly publicKey: string; readonly port: number; readonly addr: string };
}

/** A node's tunnel as its peers see it, or undefined while it has no key or no tunnel address. */
export function tunnelOf(node: Node | undefined): NodeReach["tunnel"] {
  const publicKey = node?.description?.wireguardPublicKey ?? "";
  const addr = node?.tunnelAddr ?? "";
  if (publicKey === "" || addressOf(addr) === null) return undefined;
  return { publicKey, port: Number(node?.description?.wireguardPort ?? 0) || wireguardPortDefault, addr };
}

/** The UDP port of a node's VXLAN devices: its own, else the cluster's. */
export function dataPathPortOf(source: NetworkViewSource, node: Node | undefined): number {
  const own = Number(node?.description?.dataPathPort ?? 0);
  return own > 0 ? own : resolveNetworkConfig(source.all("cluster")[0]?.spec?.network).dataPathPort;
}

/** A task's name as DNS knows it: "<service>.<slot>.<task id>" (global: "<service>.<node id>.<task id>"). */
export function taskDnsName(task: Task): string {
  const base = task.annotations?.name || `${task.serviceAnnotations?.name ?? ""}.${task.slot || task.nodeId || ""}`;
  return `${base}.${task.id ?? ""}`;
}

/** A task's address on a network (plain), or "". */
function taskAddr(task: Task, networkId: string): string {
  const a = (task.networks ?? []).find((n) => n.networkId === networkId);
  const addr = addressOf(a?.addresses?.[0] ?? "");
  return addr === null ? "" : formatIpv4(addr);
}

function sortedIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort();
}

/**
 * The state of one network, or null when it is gone or carries no overlay traffic. Tasks count
 * while they have not finished and are on a node; backends are RUNNING (so healthy, when they
 * have a healthcheck) on nodes not DOWN, and draining once desired to stop.
 */
export function networkState(
  source: NetworkViewSource,
  networkId: string,
  members: NetworkMembers,
): NetworkState | null {
  const network = source.get("network", networkId);
  if (!network || !isOverlayNetwork(network) || !network.vni) return null;
  const subnet = parseCidr(network.ipam?.[0]?.subnet ?? "", false);
  const encrypted = isEncryptedSpec(network.spec);
  const placed: Placed[] = [];
  const vteps = new Map<string, NodeReach>();
  const nodeIds = new Set<string>();
  const nodes = new Map<string, Node | undefined>();
  const nodeOf = (id: string): Node | undefined => {
    if (!nodes.has(id)) nodes.set(id, source.get("node", id));
    return nodes.get(id);
  };
  const place = (addr: string, nodeId: string, taskId: string): void => {
    placed.push({ addr, nodeId, taskId });
    nodeIds.add(nodeId);
    if (vteps.has(nodeId)) return;
    const node = nodeOf(nodeId);
    const tunnel = encrypted ? tunnelOf(node) : undefined;
    vteps.set(nodeId, {
      vtep: nodeHost(node?.status?.addr ?? ""),
      port: dataPathPortOf(source, node),
      ...(tunnel ? { tunnel } : {}),
    });
  };
  for (const nodeId of sortedIds(members.nodeIds)) {
    const attachment = (nodeOf(nodeId)?.attachments ?? []).find((a) => a.networkId === networkId);
    const addr = addressOf(attachment?.addresses?.[0] ?? "");
    if (addr !== null) place(formatIpv4(addr), nodeId, "");
  }
  const tasks: swarm.v1.INetworkTask[] = [];
  const byService = new Map<string, Task[]>();
  for (const taskId of sortedIds(members.taskIds)) {
    const task = source.get("task", taskId);
    if (!task || !holdsAddresses(task) || !task.nodeId) continue;
    const addr = taskAddr(task, networkId);
    if (addr === "") continue;
    place(addr, task.nodeId, taskId);
    const aliases = (task.networks ?? []).find((n) => n.networkId === networkId)?.aliases ?? [];
    tasks.push({
      taskId,
      name: taskDnsName(task),
      addr,
      serviceId: task.serviceId ?? "",
      nodeId: task.nodeId,
      ...(aliases.length > 0 ? { aliases: [...aliases] } : {}),
    });
    const list = byService.get(task.serviceId ?? "");
    if (list) list.push(task);
    else byService.set(task.serviceId ?? "", [task]);
  }
  const services: swarm.v1.INetworkService[] = [];
  for (const serviceId of sortedIds(members.serviceIds)) {
    const service = source.get("service", serviceId);
    const attachment = serviceOverlays(source, service?.spec).find((a) => a.networkId === networkId);
    if (!service || !attachment) continue;
    const name = service.spec?.annotations?.name ?? "";
    const mode = service.spec?.endpoint?.mode ?? swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_VIP;
    const vip = addressOf((service.endpoint?.virtualIps ?? []).find((v) => v.networkId === networkId)?.addr ?? "");
    const backends = (byService.get(serviceId) ?? [])
      .filter((t) => Number(t.status?.state ?? 0) === Number(State.TASK_STATE_RUNNING))
      .filter(
        (t) => Number(nodeOf(t.nodeId ?? "")?.status?.state ?? 0) !== Number(swarm.v1.NodeStatus.State.STATE_DOWN),
      )
      .map((t) => ({
        taskId: t.id ?? "",
        addr: taskAddr(t, networkId),
        ...(Number(t.desiredState ?? 0) > Number(State.TASK_STATE_RUNNING) ? { draining: true } : {}),
      }));
    const aliases = [...new Set(attachment.aliases)].filter((a) => a !== name);
    services.push({
      serviceId,
      name,
      ...(aliases.length > 0 ? { aliases } : {}),
      ...(Number(mode) === 0 ? {} : { mode }),
      ...(vip === null ? {} : { vip: formatIpv4(vip) }),
      backends,
    });
  }
  const base: swarm.v1.INodeNetwork = {
    networkId,
    name: network.spec?.annotations?.name ?? "",
    subnet: subnet ? formatCidr(subnet) : "",
    vni: Number(network.vni ?? 0),
    mtu: Number(network.mtu ?? 0),
    ...(network.spec?.internal ? { internal: true } : {}),
    ...(encrypted ? { encrypted: true } : {}),
    services,
    tasks,
  };
  return { base, placed, vteps, nodeIds };
}

/** Whether a node serves the network (it must program it). */
export function servesNetwork(state: NetworkState, nodeId: string): boolean {
  return state.nodeIds.has(nodeId);
}

/**
 * One node's view of a network: its own address and every address on other nodes as a peer. On an
 * encrypted network the view also names this node's tunnel address and the other nodes' tunnels;
 * an address whose node has no tunnel yet is no peer (its traffic would have to go in clear).
 */
export function nodeNetworkView(state: NetworkState, nodeId: string): swarm.v1.INodeNetwork {
  let selfAddr = "";
  const peers: swarm.v1.INetworkPeer[] = [];
  const encrypted = state.base.encrypted === true;
  const tunnelPeers = new Map<string, swarm.v1.ITunnelPeer>();
  for (const p of state.placed) {
    if (p.nodeId === nodeId) {
      if (p.taskId === "") selfAddr = p.addr;
      continue;
    }
    const vtep = state.vteps.get(p.nodeId);
    // A node whose address is unknown cannot be reached: it is no peer until it reports one.
    if (!vtep || vtep.vtep === "") continue;
    if (encrypted) {
      if (!vtep.tunnel) continue;
      if (!tunnelPeers.has(p.nodeId))
        tunnelPeers.set(p.nodeId, {
          nodeId: p.nodeId,
          publicKey: vtep.tunnel.publicKey,
          endpointHost: vtep.vtep,
          endpointPort: vtep.tunnel.port,
          tunnelAddr: formatIpv4(addressOf(vtep.tunnel.addr) ?? 0),
        });
    }
    peers.push({
      addr: p.addr,
      nodeId: p.nodeId,
      vtep: vtep.vtep,
      port: vtep.port,
      ...(p.taskId ? { taskId: p.taskId } : {}),
    });
  }
  const selfTunnel = encrypted ? state.vteps.get(nodeId)?.tunnel?.addr : undefined;
  return {
    ...state.base,
    ...(selfAddr ? { selfAddr } : {}),
    peers,
    ...(selfTunnel ? { tunnelAddr: selfTunnel } : {}),
    ...(encrypted ? { tunnelPeers: [...tunnelPeers.values()] } : {}),
  };
}
