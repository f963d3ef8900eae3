// Networks as `swarmctl network ls` and `network inspect` show them (driver, subnets, VXLAN id,
// attachable, internal, encrypted), with the services on each and their virtual IPs; and the
// networks of one service or task, by name. Services attach by network id (older specs by name).
import { msFromTimestamp } from "../../../common/index.js";
import type { swarm } from "../../../proto/index.js";
import type { NetworkAddress, NetworkView } from "../shared/view-models.js";
import { stackLabel } from "./stack-label.js";
import type { StoreMirror } from "./store-mirror.js";

/** Driver option that asks for an encrypted overlay (`--opt encrypted`). */
export const encryptedOption = "encrypted";

/** The network an attachment names (by id, else by name), if the mirror holds it. */
export function networkOf(mirror: StoreMirror, target: string): swarm.v1.INetwork | undefined {
  const byId = mirror.get("network", target);
  if (byId) return byId;
  for (const n of mirror.all("network").values()) if (n.spec?.annotations?.name === target) return n;
  return undefined;
}

/** A network's name, or its id when the mirror does not hold it (any more). */
function networkName(mirror: StoreMirror, id: string): string {
  return networkOf(mirror, id)?.spec?.annotations?.name ?? id;
}

/** The networks a service's tasks attach to (the template's, else the older service-level list). */
function attachmentTargets(spec: swarm.v1.IServiceSpec | null | undefined): string[] {
  const own = spec?.task?.networks ?? [];
  return (own.length ? own : (spec?.networks ?? [])).map((a) => a.target ?? "").filter((t) => t !== "");
}

/** A service's networks with its virtual IP on each ("" where it has none, e.g. with DNS round robin). */
export function serviceNetworks(mirror: StoreMirror, service: swarm.v1.IService): NetworkAddress[] {
  const vips = new Map((service.endpoint?.virtualIps ?? []).map((v) => [v.networkId ?? "", v.addr ?? ""]));
  const out: NetworkAddress[] = [];
  const seen = new Set<string>();
  for (const target of attachmentTargets(service.spec)) {
    const id = networkOf(mirror, target)?.id ?? target;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ networkId: id, network: networkName(mirror, id), addr: vips.get(id) ?? "" });
  }
  // A VIP on a network the spec no longer names (the allocator has not caught up yet) still shows.
  for (const [id, addr] of vips) if (!seen.has(id)) out.push({ networkId: id, network: networkName(mirror, id), addr });
  return out;
}

/** A task's addresses, one entry per network and address. */
export function taskAddresses(mirror: StoreMirror, task: swarm.v1.ITask): NetworkAddress[] {
  return (task.networks ?? []).flatMap((a) =>
    (a.addresses ?? []).map((addr) => ({
      networkId: a.networkId ?? "",
      network: networkName(mirror, a.networkId ?? ""),
      addr,
    })),
  );
}

/** One network's view, with the services attached to it. */
function networkView(network: swarm.v1.INetwork, services: NetworkView["services"]): NetworkView {
  const spec = network.spec;
  const labels = spec?.annotations?.labels ?? {};
  const options = spec?.driverOpts ?? {};
  return {
    id: network.id ?? "",
    name: spec?.annotations?.name ?? "",
    driver: spec?.driver || "overlay",
    subnets: (network.ipam?.length ? network.ipam : (spec?.ipam ?? [])).map((c) => ({
      subnet: c.subnet ?? "",
      gateway: c.gateway ?? "",
      range: c.range ?? "",
    })),
    vni: Number(network.vni ?? 0),
    mtu: Number(network.mtu ?? 0),
    ingress: spec?.ingress === true,
    attachable: spec?.attachable === true,
    internal: spec?.internal === true,
    encrypted: encryptedOption in options,
    options: { ...options },
    labels: { ...labels },
    stack: labels[stackLabel] ?? "",
    createdMs: msFromTimestamp(network.meta?.createdAt),
    services,
  };
}

/** Every network's view, by name, each with the services on it by name. */
export function networkViews(mirror: StoreMirror): NetworkView[] {
  const onNetwork = new Map<string, { id: string; name: string; addr: string }[]>();
  for (const service of mirror.all("service").values()) {
    const name = service.spec?.annotations?.name ?? "";
    for (const n of serviceNetworks(mirror, service)) {
      const list = onNetwork.get(n.networkId) ?? [];
      list.push({ id: service.id ?? "", name, addr: n.addr });
      onNetwork.set(n.networkId, list);
    }
  }
  return [...mirror.all("network").values()]
    .map((n) =>
      networkView(
        n,
        (onNetwork.get(n.id ?? "") ?? []).sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true })),
      ),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}
