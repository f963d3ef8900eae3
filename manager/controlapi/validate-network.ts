// Validation of networks and of services' attachments to them. Every check throws
// InvalidArgumentError naming the field by its path in the request; checks that need the cluster's
// state (other networks' subnets, nodes' own subnets, which services use a network) read it from
// the write transaction, so nothing is written unless every check passed.
import { InvalidArgumentError, isPredefinedNetwork } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import {
  type Cidr,
  cidrContains,
  cidrLast,
  cidrsOverlap,
  encryptedOption,
  formatCidr,
  holdsAddresses,
  isOverlayNetwork,
  mtuMaxOf,
  mtuMin,
  mtuOption,
  parseCidr,
  parseIpv4,
  vniMax,
  vxlanIdOption,
} from "../allocator/index.js";
import type { ReadTx } from "../store/index.js";
import { validateLabels, validateName } from "./validate.js";

/** Most driver options on one network. */
export const driverOptsMax = 64;
/** Longest driver option key or value, in characters. */
export const driverOptBytesMax = 1024;
/** Longest mask length of a network's subnet: a /30 still holds one address besides the gateway. */
export const subnetPrefixMax = 30;
/** Most aliases one service may have on one network. */
export const aliasesMax = 32;
/** Longest DNS name an alias may be (RFC 1035). */
export const dnsNameLengthMax = 253;

/** Option namespaces that belong to Docker's per-node bridge driver, never to an overlay. */
const bridgeOptionPrefixes = ["com.docker.network.bridge.", "com.docker.network.enable_ipv6"];
/** Docker's own option namespace: only the keys below mean something to an overlay here. */
const dockerOptionPrefix = "com.docker.network.";
const knownDockerOptions = new Set([mtuOption, vxlanIdOption]);
const dnsLabel = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;

/** Checks a network spec on its own (the request's shape); see checkNetworkAgainstCluster for the rest. */
export function validateNetworkSpec(
  spec: swarm.v1.INetworkSpec | null | undefined,
): asserts spec is swarm.v1.INetworkSpec {
  if (!spec) throw new InvalidArgumentError("spec", "is required");
  const name = spec.annotations?.name;
  validateName("spec.annotations.name", name);
  validateLabels("spec.annotations.labels", spec.annotations?.labels);
  if (isPredefinedNetwork(name ?? ""))
    throw new InvalidArgumentError("spec.annotations.name", `${name} is a predefined network`);
  const driver = spec.driver || "overlay";
  if (driver !== "overlay")
    throw new InvalidArgumentError(
      "spec.driver",
      `"${driver}" is not supported: cluster networks are overlays (bridge, host and macvlan networks belong to one node)`,
    );
  if (spec.ingress && spec.internal)
    throw new InvalidArgumentError("spec.internal", "the ingress network cannot be internal");
  if (spec.ingress && spec.attachable)
    throw new InvalidArgumentError("spec.attachable", "the ingress network cannot be attachable");
  validateIpam(spec.ipam ?? []);
  validateDriverOpts(spec);
}

function validateIpam(ipam: readonly swarm.v1.IIpamConfig[]): void {
  if (ipam.length > 1)
    throw new InvalidArgumentError("spec.ipam", `give at most one subnet per network, got ${ipam.length}`);
  const config = ipam[0];
  if (!config) return;
  const at = "spec.ipam[0]";
  const subnetText = config.subnet ?? "";
  if (subnetText === "") {
    if (config.range) throw new InvalidArgumentError(`${at}.range`, "needs a subnet");
    if (config.gateway) throw new InvalidArgumentError(`${at}.gateway`, "needs a subnet");
    return;
  }
  if (subnetText.includes(":")) throw new InvalidArgumentError(`${at}.subnet`, "IPv6 subnets are not supported");
  const subnet = parseCidr(subnetText);
  if (!subnet) {
    const loose = parseCidr(subnetText, false);
    throw new InvalidArgumentError(
      `${at}.subnet`,
      loose
        ? `"${subnetText}" has host bits set; did you mean ${formatCidr(loose)}?`
        : `"${subnetText}" is not an IPv4 subnet in CIDR form (e.g. 10.0.9.0/24)`,
    );
  }
  if (subnet.prefix > subnetPrefixMax)
    throw new InvalidArgumentError(
      `${at}.subnet`,
      `/${subnet.prefix} is too small: the mask may be at most /${subnetPrefixMax}`,
    );
  if (config.range) {
    const range = parseCidr(config.range);
    if (!range) throw new InvalidArgumentError(`${at}.range`, `"${config.range}" is not an IPv4 range in CIDR form`);
    if (!cidrsOverlap(range, subnet) || range.prefix < subnet.prefix)
      throw new InvalidArgumentError(`${at}.range`, `${config.range} is not inside the subnet ${subnetText}`);
  }
  if (config.gateway) {
    const gateway = parseIpv4(config.gateway);
    if (gateway === null) throw new InvalidArgumentError(`${at}.gateway`, `"${config.gateway}" is not an IPv4 address`);
    if (!cidrContains(subnet, gateway))
      throw new InvalidArgumentError(`${at}.gateway`, `${config.gateway} is not inside the subnet ${subnetText}`);
    if (gateway === subnet.base || gateway === cidrLast(subnet))
      throw new InvalidArgumentError(`${at}.gateway`, `${config.gateway} is the subnet's own or broadcast address`);
  }
}

function validateDriverOpts(spec: swarm.v1.INetworkSpec): void {
  const opts = spec.driverOpts ?? {};
  const keys = Object.keys(opts);
  if (keys.length > driverOptsMax)
    throw new InvalidArgumentError("spec.driverOpts", `at most ${driverOptsMax} options`);
  for (const key of keys) {
    const at = `spec.driverOpts["${key}"]`;
    const value = opts[key] ?? "";
    if (key === "") throw new InvalidArgumentError("spec.driverOpts", "an option name must not be empty");
    if (key.length > driverOptBytesMax || value.length > driverOptBytesMax)
      throw new InvalidArgumentError(at, `names and values are at most ${driverOptBytesMax} characters`);
    if (bridgeOptionPrefixes.some((p) => key.startsWith(p)))
      throw new InvalidArgumentError(at, "is an option of the bridge driver; overlay networks do not take it");
    if (key.startsWith(dockerOptionPrefix) && !knownDockerOptions.has(key))
      throw new InvalidArgumentError(
        at,
        `is not an overlay option here (known: ${[...knownDockerOptions].join(", ")})`,
      );
  }
  if (Object.hasOwn(opts, encryptedOption) && !["", "true", "false"].includes(opts[encryptedOption] ?? ""))
    throw new InvalidArgumentError(`spec.driverOpts["${encryptedOption}"]`, 'takes no value, "true" or "false"');
  if (Object.hasOwn(opts, mtuOption)) {
    const text = opts[mtuOption] ?? "";
    const mtu = Number(text);
    const max = mtuMaxOf(spec);
    if (!/^\d+$/.test(text) || mtu < mtuMin || mtu > max)
      throw new InvalidArgumentError(
        `spec.driverOpts["${mtuOption}"]`,
        `must be a whole number of bytes from ${mtuMin} to ${max} (a 9000-byte underlay minus the ${9000 - max}-byte overlay overhead), got "${text}"`,
      );
  }
  if (Object.hasOwn(opts, vxlanIdOption)) {
    const text = opts[vxlanIdOption] ?? "";
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > vniMax)
      throw new InvalidArgumentError(
        `spec.driverOpts["${vxlanIdOption}"]`,
        `must be one VXLAN id from 1 to ${vniMax}, got "${text}"`,
      );
  }
}

/**
 * Checks a new network against the cluster: its subnet overlaps no other network's and no subnet a
 * node reports as its own, and a VXLAN id it names is free.
 */
export function checkNetworkAgainstCluster(tx: ReadTx, spec: swarm.v1.INetworkSpec): void {
  const subnet = parseCidr(spec.ipam?.[0]?.subnet ?? "");
  if (subnet) {
    const field = "spec.ipam[0].subnet";
    for (const other of tx.all("network")) {
      for (const config of other.ipam ?? []) {
        const taken = parseCidr(config.subnet ?? "", false);
        if (taken && cidrsOverlap(taken, subnet))
          throw new InvalidArgumentError(
            field,
            `${formatCidr(subnet)} overlaps ${formatCidr(taken)} of network ${other.spec?.annotations?.name ?? other.id ?? ""}`,
          );
      }
    }
    for (const node of tx.all("node")) {
      const local = localSubnetOverlap(node, subnet);
      if (local)
        throw new InvalidArgumentError(
          field,
          `${formatCidr(subnet)} overlaps ${formatCidr(local)}, which node ${node.description?.hostname || node.id || ""} already uses`,
        );
    }
  }
  const vni = spec.driverOpts?.[vxlanIdOption];
  if (vni) {
    const holder = tx.all("network").find((n) => Number(n.vni ?? 0) === Number(vni));
    if (holder)
      throw new InvalidArgumentError(
        `spec.driverOpts["${vxlanIdOption}"]`,
        `VXLAN id ${vni} is used by network ${holder.spec?.annotations?.name ?? holder.id ?? ""}`,
      );
  }
}

function localSubnetOverlap(node: swarm.v1.INode, subnet: Cidr): Cidr | null {
  for (const text of node.description?.localSubnets ?? []) {
    const local = parseCidr(text, false);
    if (local && cidrsOverlap(local, subnet)) return local;
  }
  return null;
}

/**
 * Who keeps a network from being removed: services whose spec attaches it (by id or by name) and
 * tasks that still hold an address on it (a removed service's tasks while they stop).
 */
export function networkUsers(tx: ReadTx, network: swarm.v1.INetwork): { services: string[]; tasks: string[] } {
  const id = network.id ?? "";
  const name = network.spec?.annotations?.name ?? "";
  const services = tx
    .all("service")
    .filter((s) => attachmentsOf(s.spec).some((a) => a.target === id || a.target === name))
    .map((s) => s.spec?.annotations?.name ?? s.id ?? "");
  const tasks = tx
    .all("task")
    .filter((t) => holdsAddresses(t) && (t.networks ?? []).some((a) => a.networkId === id))
    .map((t) => t.annotations?.name || t.id || "");
  return { services, tasks };
}

/** A service's network attachments: the task template's, or the older service-level field. */
export function attachmentsOf(
  spec: swarm.v1.IServiceSpec | null | undefined,
): readonly swarm.v1.INetworkAttachmentConfig[] {
  const task = spec?.task?.networks ?? [];
  return task.length > 0 ? task : (spec?.networks ?? []);
}

/**
 * A service spec with its network attachments checked and named by network id, as Docker stores
 * them: each target (id, name or unique id prefix) must name an existing network other than the
 * ingress network, or a predefined one (host, none, kept by name). Aliases must be DNS names. The
 * older service-level `networks` field moves into the task template.
 */
export function resolveServiceNetworks(
  tx: ReadTx,
  spec: swarm.v1.ServiceSpec.$Properties,
): swarm.v1.ServiceSpec.$Properties {
  const fromService = (spec.task?.networks ?? []).length === 0 && (spec.networks ?? []).length > 0;
  const base = fromService ? "spec.networks" : "spec.task.networks";
  const attachments = attachmentsOf(spec);
  if (attachments.length === 0) return spec;
  const networks = tx.all("network");
  const seen = new Set<string>();
  const resolved = attachments.map((a, i) => {
    const target = a.target ?? "";
    const at = `${base}[${i}]`;
    validateAliases(`${at}.aliases`, a.aliases ?? []);
    if (isPredefinedNetwork(target)) return { ...a, target };
    const exact = networks.find((n) => n.id === target);
    const named = networks.filter((n) => n.spec?.annotations?.name === target);
    const prefixed = networks.filter((n) => (n.id ?? "").startsWith(target));
    const found =
      exact ?? (named.length === 1 ? named[0] : named.length === 0 && prefixed.length === 1 ? prefixed[0] : undefined);
    if (!found) {
      if (named.length > 1 || prefixed.length > 1)
        throw new InvalidArgumentError(`${at}.target`, `"${target}" matches more than one network`);
      throw new InvalidArgumentError(`${at}.target`, `network ${target} not found`);
    }
    if (found.spec?.ingress)
      throw new InvalidArgumentError(
        `${at}.target`,
        "the ingress network is the routing mesh's; services cannot attach to it",
      );
    if (!isOverlayNetwork(found))
      throw new InvalidArgumentError(`${at}.target`, `network ${target} is not an overlay network`);
    const id = found.id ?? "";
    if (seen.has(id)) throw new InvalidArgumentError(`${at}.target`, `network ${target} is attached twice`);
    seen.add(id);
    return { ...a, target: id };
  });
  const { networks: _legacy, ...rest } = spec;
  return { ...rest, task: { ...spec.task, networks: resolved } };
}

function validateAliases(field: string, aliases: readonly string[]): void {
  if (aliases.length > aliasesMax) throw new InvalidArgumentError(field, `at most ${aliasesMax} aliases`);
  for (const [i, alias] of aliases.entries()) {
    if (alias.length === 0 || alias.length > dnsNameLengthMax || !alias.split(".").every((l) => dnsLabel.test(l)))
      throw new InvalidArgumentError(`${field}[${i}]`, `"${alias}" is not a DNS name`);
  }
}

/** Lowest data-path port an operator may choose (Docker's: ports below are privileged or well known). */
export const dataPathPortMin = 1024;
/** Highest data-path port an operator may choose (Docker's: above is the ephemeral range). */
export const dataPathPortMax = 49151;
/** Most default address pools a cluster may name. */
export const addrPoolsMax = 64;

/**
 * Checks the cluster's overlay settings (`swarmd init --default-addr-pool ...`, cluster update):
 * pools are IPv4 blocks that do not overlap, each large enough for one subnet of the mask length;
 * the data-path port and the first VXLAN id are in range. `field` is the settings' path.
 */
export function validateNetworkConfig(field: string, config: swarm.v1.INetworkConfig | null | undefined): void {
  if (!config) return;
  const pools = config.defaultAddrPools ?? [];
  if (pools.length > addrPoolsMax)
    throw new InvalidArgumentError(`${field}.defaultAddrPools`, `at most ${addrPoolsMax} pools`);
  const size = Number(config.subnetSize ?? 0);
  if (size !== 0 && (size < 1 || size > subnetPrefixMax))
    throw new InvalidArgumentError(
      `${field}.subnetSize`,
      `must be a mask length from 1 to ${subnetPrefixMax}, got ${size}`,
    );
  const parsed: Cidr[] = [];
  for (const [i, text] of pools.entries()) {
    const at = `${field}.defaultAddrPools[${i}]`;
    const pool = parseCidr(text);
    if (!pool)
      throw new InvalidArgumentError(at, `"${text}" is not an IPv4 block in CIDR form with its host bits zero`);
    if (size !== 0 && pool.prefix > size)
      throw new InvalidArgumentError(at, `${text} is smaller than one /${size} subnet (the mask length)`);
    const clash = parsed.find((p) => cidrsOverlap(p, pool));
    if (clash) throw new InvalidArgumentError(at, `${text} overlaps the pool ${formatCidr(clash)}`);
    parsed.push(pool);
  }
  const port = Number(config.dataPathPort ?? 0);
  if (port !== 0 && (port < dataPathPortMin || port > dataPathPortMax))
    throw new InvalidArgumentError(
      `${field}.dataPathPort`,
      `must be from ${dataPathPortMin} to ${dataPathPortMax}, got ${port}`,
    );
  const vni = Number(config.vniFirst ?? 0);
  if (vni < 0 || vni > vniMax) throw new InvalidArgumentError(`${field}.vniFirst`, `must be from 1 to ${vniMax}`);
}
