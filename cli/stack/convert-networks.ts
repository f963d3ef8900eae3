// Networks. A stack may attach services to networks that exist outside it, as Docker's stacks do
// to reach the predefined `host` network:
//
//   networks:
//     hostnet: { external: true, name: host }
//   services:
//     web: { networks: [hostnet] }
//
// Such an attachment becomes a TaskSpec network (by the external name). Networks the stack would
// create itself (overlays) are warned about and ignored: tasks then use the engine's default
// network, as when a service names no network.
import { asText } from "./as-text.js";
import { isDict, stringList, type ConvertContext, type Dict } from "./convert-context.js";
import { external } from "./external.js";
import type { PathStep } from "./stack-file-error.js";
import type { swarm } from "../../proto/index.js";

/** A top-level network: the Compose key, and the cluster network's name when external. */
export interface StackNetwork {
  readonly name: string;
  /** The cluster network attached to; absent for a network the stack would create (ignored). */
  readonly externalName?: string;
}

const networkKeys = new Set([
  "name",
  "external",
  "driver",
  "driver_opts",
  "attachable",
  "internal",
  "ipam",
  "labels",
  "enable_ipv6",
]);
const attachmentKeys = new Set(["aliases"]);

/** The top-level `networks`. */
export function convertNetworks(ctx: ConvertContext): StackNetwork[] {
  const networks = isDict(ctx.root.networks) ? ctx.root.networks : {};
  return Object.entries(networks).map(([name, raw]) => {
    const path: PathStep[] = ["networks", name];
    const network = isDict(raw) ? raw : {};
    ctx.warnUnknown(network, path, networkKeys);
    const ext = external(ctx, network.external, [...path, "external"]);
    if (!ext.external) {
      ctx.warn(
        path,
        "is not created: networks of the stack's own are not supported (its services use the engine's default network)",
      );
      return { name };
    }
    return { name, externalName: network.name !== undefined ? asText(network.name) : (ext.name ?? name) };
  });
}

/** A service's `networks` (a list of keys, or a map of key → {aliases}) as TaskSpec attachments. */
export function convertServiceNetworks(
  ctx: ConvertContext,
  service: Dict,
  path: readonly PathStep[],
  declared: ReadonlyMap<string, StackNetwork>,
): swarm.v1.NetworkAttachmentConfig.$Properties[] {
  const value = service.networks;
  const at: PathStep[] = [...path, "networks"];
  // Each entry: the network's key, its options, and where it is written (a list item or a map key).
  const entries: [string, unknown, PathStep][] = Array.isArray(value)
    ? value.map((key, i) => [asText(key), null, i])
    : isDict(value)
      ? Object.entries(value).map(([k, v]) => [k, v, k])
      : [];
  const attachments: swarm.v1.NetworkAttachmentConfig.$Properties[] = [];
  for (const [key, options, step] of entries) {
    const network = declared.get(key);
    // Compose's implicit network: every service is on it unless it names others.
    if (network === undefined && key !== "default")
      ctx.fail([...at, step], `network ${JSON.stringify(key)} is not declared in the top-level networks`);
    if (network?.externalName === undefined) continue;
    if (isDict(options)) ctx.warnUnknown(options, [...at, key], attachmentKeys);
    const aliases = isDict(options) ? stringList(options.aliases) : [];
    attachments.push({ target: network.externalName, ...(aliases.length > 0 ? { aliases } : {}) });
  }
  return attachments;
}
