// Which overlay networks a service or task is on, and which of them give the service a VIP. The
// Control API stores attachments by network id; an attachment stored by name (before that rule)
// is still found by name.
import { isPredefinedNetwork } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { isOverlayNetwork } from "./network-config.js";

/** What the lookups read: a store transaction satisfies it. */
export interface NetworkLookup {
  /** One network by id. */
  get(kind: "network", id: string): swarm.v1.INetwork | undefined;
  /** One network by name. */
  byName(kind: "network", name: string): swarm.v1.INetwork | undefined;
}

/** One overlay attachment: the network and the DNS aliases asked for on it. */
export interface OverlayAttachment {
  /** The network. */
  readonly network: swarm.v1.INetwork;
  /** The network's id. */
  readonly networkId: string;
  /** Aliases of the service on the network. */
  readonly aliases: readonly string[];
}

/** The attachments of a task template (or the older service-level field when the template has none). */
function attachmentConfigs(
  task: swarm.v1.ITaskSpec | null | undefined,
  legacy: readonly swarm.v1.INetworkAttachmentConfig[] = [],
): readonly swarm.v1.INetworkAttachmentConfig[] {
  const own = task?.networks ?? [];
  return own.length > 0 ? own : legacy;
}

/** The overlay networks among attachments, each once, in the order given. */
export function overlayAttachmentsOf(
  lookup: NetworkLookup,
  task: swarm.v1.ITaskSpec | null | undefined,
  legacy: readonly swarm.v1.INetworkAttachmentConfig[] = [],
): OverlayAttachment[] {
  const out: OverlayAttachment[] = [];
  const seen = new Set<string>();
  for (const a of attachmentConfigs(task, legacy)) {
    const target = a.target ?? "";
    if (target === "" || isPredefinedNetwork(target)) continue;
    const network = lookup.get("network", target) ?? lookup.byName("network", target);
    if (!network || !isOverlayNetwork(network) || seen.has(network.id ?? "")) continue;
    seen.add(network.id ?? "");
    out.push({ network, networkId: network.id ?? "", aliases: a.aliases ?? [] });
  }
  return out;
}

/** A service's overlay attachments. */
export function serviceOverlays(
  lookup: NetworkLookup,
  spec: swarm.v1.IServiceSpec | null | undefined,
): OverlayAttachment[] {
  return overlayAttachmentsOf(lookup, spec?.task, spec?.networks ?? []);
}

/** Whether a service is reached by VIP (the default) rather than DNS round robin. */
export function usesVip(spec: swarm.v1.IServiceSpec | null | undefined): boolean {
  return Number(spec?.endpoint?.mode ?? 0) === Number(swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_VIP);
}

/** Network ids a service must hold a VIP on: its overlays, none in dnsrr mode. */
export function vipNetworkIds(lookup: NetworkLookup, spec: swarm.v1.IServiceSpec | null | undefined): string[] {
  return usesVip(spec) ? serviceOverlays(lookup, spec).map((a) => a.networkId) : [];
}

/**
 * The VIPs a service keeps after an update of its spec: those of networks it still needs one on.
 * New networks get theirs from the allocator; a dropped VIP is freed when the update commits.
 */
export function keptVirtualIps(
  lookup: NetworkLookup,
  previous: swarm.v1.IEndpoint | null | undefined,
  spec: swarm.v1.IServiceSpec | null | undefined,
): swarm.v1.IVirtualIp[] {
  const wanted = new Set(vipNetworkIds(lookup, spec));
  return (previous?.virtualIps ?? []).filter((v) => wanted.has(v.networkId ?? "")).map((v) => ({ ...v }));
}
