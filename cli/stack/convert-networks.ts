// Networks, as `docker stack deploy` has them. A top-level network the stack owns becomes the
// overlay `NAME_key` (or its `name:`), created with the stack when a service uses it; an external
// one must exist (`external: true`, optionally `name:`), e.g. Docker's predefined `host`:
//
//   networks:
//     back: { driver_opts: { encrypted: "" }, ipam: { config: [{ subnet: 10.20.0.0/16 }] } }
//     hostnet: { external: true, name: host }
//   services:
//     db: { networks: { back: { aliases: [database] } } }
//     web: {}                                  # joins NAME_default, as in Compose
//     edge: { network_mode: host }             # the predefined host network
//
// A service that names no network joins `default` (created as NAME_default). On every network
// but host and none the service's short name is an alias beside its own `aliases`, so the other
// services reach it as `db` as well as `NAME_db`. Attachments name networks by their Compose key
// here; namespaceStack turns the keys into the cluster names.
import { asText } from "./as-text.js";
import { isDict, stringList, stringMap, type ConvertContext, type Dict } from "./convert-context.js";
import { external } from "./external.js";
import { defaultNetworkKey, type StackNetwork } from "./model.js";
import type { PathStep } from "./stack-file-error.js";
import { parseBoolean } from "./units.js";
import type { swarm } from "../../proto/index.js";

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
const ipamKeys = new Set(["driver", "config", "options"]);
const ipamConfigKeys = new Set(["subnet", "ip_range", "gateway"]);
const attachmentKeys = new Set(["aliases"]);
/** The networks every node has; a service on one of them gets no aliases. */
const predefined = new Set(["host", "none"]);

/** The top-level `networks`. */
export function convertNetworks(ctx: ConvertContext): StackNetwork[] {
  const networks = isDict(ctx.root.networks) ? ctx.root.networks : {};
  return Object.entries(networks).map(([key, raw]) => {
    const path: PathStep[] = ["networks", key];
    const network = isDict(raw) ? raw : {};
    ctx.warnUnknown(network, path, networkKeys);
    const ext = external(ctx, network.external, [...path, "external"]);
    const fixedName =
      network.name !== undefined ? asText(network.name) : (ext.name ?? (ext.external ? key : undefined));
    if (ext.external) return { key, objectName: fixedName ?? key, external: true };
    return {
      key,
      ...(fixedName !== undefined ? { objectName: fixedName } : {}),
      external: false,
      spec: networkSpec(ctx, network, path),
    };
  });
}

/** The spec of a network the stack creates (its name and the stack's label are added later). */
function networkSpec(ctx: ConvertContext, network: Dict, path: readonly PathStep[]): swarm.v1.INetworkSpec {
  const driver = network.driver === undefined ? "overlay" : asText(network.driver);
  if (driver !== "overlay")
    ctx.fail(
      [...path, "driver"],
      `"${driver}" is not supported: a stack's networks span the cluster, so they are overlays`,
    );
  if (network.enable_ipv6 !== undefined && ctx.read(network.enable_ipv6, [...path, "enable_ipv6"], parseBoolean))
    ctx.warn([...path, "enable_ipv6"], "is not supported: the network is IPv4 only");
  const spec: swarm.v1.INetworkSpec = { driver: "overlay" };
  const labels = stringMap(network.labels);
  if (Object.keys(labels).length > 0) spec.annotations = { labels };
  const driverOpts = stringMap(network.driver_opts);
  if (Object.keys(driverOpts).length > 0) spec.driverOpts = driverOpts;
  for (const [key, field] of [
    ["attachable", "attachable"],
    ["internal", "internal"],
  ] as const) {
    if (network[key] !== undefined && ctx.read(network[key], [...path, key], parseBoolean)) spec[field] = true;
  }
  const ipam = network.ipam;
  if (isDict(ipam)) {
    ctx.warnUnknown(ipam, [...path, "ipam"], ipamKeys);
    if (ipam.driver !== undefined && asText(ipam.driver) !== "default")
      ctx.warn([...path, "ipam", "driver"], "is not supported: the managers allocate every address");
    if (ipam.options !== undefined) ctx.warn([...path, "ipam", "options"], "is not supported and is ignored");
    const configs: unknown[] = Array.isArray(ipam.config) ? ipam.config : [];
    if (configs.length > 1) ctx.fail([...path, "ipam", "config"], "give at most one subnet per network");
    const config = configs[0];
    if (isDict(config)) {
      const at: PathStep[] = [...path, "ipam", "config", 0];
      ctx.warnUnknown(config, at, ipamConfigKeys);
      spec.ipam = [
        {
          ...(config.subnet !== undefined ? { subnet: asText(config.subnet) } : {}),
          ...(config.ip_range !== undefined ? { range: asText(config.ip_range) } : {}),
          ...(config.gateway !== undefined ? { gateway: asText(config.gateway) } : {}),
        },
      ];
    }
  }
  return spec;
}

/**
 * A service's network attachments: its `networks` (a list of keys, or a map of key → {aliases}),
 * or `network_mode: host|none`, or the stack's default network. Targets are Compose keys (or
 * host/none); the service's short name is added as an alias on every network but those two.
 */
export function convertServiceNetworks(
  ctx: ConvertContext,
  name: string,
  service: Dict,
  path: readonly PathStep[],
  declared: ReadonlyMap<string, StackNetwork>,
): swarm.v1.NetworkAttachmentConfig.$Properties[] {
  const value = service.networks;
  const at: PathStep[] = [...path, "networks"];
  if (service.network_mode !== undefined) {
    const mode = asText(service.network_mode);
    if (value !== undefined) ctx.fail([...path, "network_mode"], "cannot be combined with networks");
    if (predefined.has(mode)) return [{ target: mode }];
    ctx.warn(
      [...path, "network_mode"],
      `"${mode}" is not supported (host and none are); the service joins the default network`,
    );
  }
  // Each entry: the network's key, its options, and where it is written (a list item or a map key).
  const entries: [string, unknown, PathStep][] = Array.isArray(value)
    ? value.map((key, i) => [asText(key), null, i])
    : isDict(value)
      ? Object.entries(value).map(([k, v]) => [k, v, k])
      : [];
  if (entries.length === 0) entries.push([defaultNetworkKey, null, defaultNetworkKey]);
  const attachments: swarm.v1.NetworkAttachmentConfig.$Properties[] = [];
  for (const [key, options, step] of entries) {
    const network = declared.get(key);
    // Compose's implicit network: every service is on it unless it names others.
    if (network === undefined && key !== defaultNetworkKey)
      ctx.fail([...at, step], `network ${JSON.stringify(key)} is not declared in the top-level networks`);
    if (isDict(options)) ctx.warnUnknown(options, [...at, key], attachmentKeys);
    const aliases = isDict(options) ? stringList(options.aliases) : [];
    const onPredefined = network?.external === true && predefined.has(network.objectName ?? "");
    const all = onPredefined ? [] : [...new Set([...aliases, name])];
    attachments.push({ target: key, ...(all.length > 0 ? { aliases: all } : {}) });
  }
  return attachments;
}
