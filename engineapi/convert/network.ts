// Networks between Docker's JSON and swarm-ts's proto, in one place so new network features
// (driver options, internal networks…) extend one file. Docker shows networks in two forms: the
// engine form of `GET /networks` (`Id`, `Scope`, `IPAM.Config`) and the swarm form embedded in
// tasks' attachments (`ID`, `Spec.DriverConfiguration`). Every swarm-ts network is a swarm-scoped
// overlay network; the predefined `host` and `none` are listed as the local networks Docker has.
// Driver options (`--opt encrypted`, the MTU, a VXLAN id), `--internal`, `--attachable` and one
// subnet with its gateway and range pass to the manager, which checks them as it checks swarmctl's;
// what swarm-ts cannot honour (bridge networks, IPv6, config-only networks, IPAM drivers) is
// refused by name. The network's VXLAN id shows as Docker shows it, in the overlay driver's options.
import { isPredefinedNetwork, predefinedNetworks, type PredefinedNetwork } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import { HttpError, InvalidFieldError, UnsupportedFieldError } from "../http-error.js";
import { type Filters, filterBool, filterValues, matchAny, matchLabels } from "./filters.js";
import { type JsonOut, labelsOut, omitEmpty, omitEmptyMap } from "./go-json.js";
import type { JsonObject } from "./json-reader.js";
import { formatTime, goZeroTime } from "./json-time.js";
import { metaOut } from "./service-out.js";

type Network = swarm.v1.Network.$Properties;

/** The driver of every network swarm-ts creates. */
export const overlayDriver = "overlay";

/** The overlay driver option Docker reports a network's VXLAN id in. */
export const vxlanIdOption = "com.docker.network.driver.overlay.vxlanid_list";

/** Filter keys of `GET /networks`. */
export const networkFilterKeys = ["driver", "id", "label", "name", "scope", "type", "dangling"] as const;

/** Converts the body of `POST /networks/create`. */
export function networkCreateIn(o: JsonObject): swarm.v1.NetworkSpec.$Properties {
  const name = o.string("Name");
  if (!name) throw new InvalidFieldError(o.field("Name"), "is required");
  if (isPredefinedNetwork(name)) throw new HttpError(403, `${name} is a pre-defined network and cannot be created`);
  const driver = o.string("Driver") || overlayDriver;
  if (driver !== overlayDriver)
    throw new UnsupportedFieldError(
      o.field("Driver"),
      `driver "${driver}"`,
      "swarm-ts networks are swarm-scoped overlay networks: use -d overlay",
    );
  const scope = o.string("Scope");
  if (scope !== "" && scope !== "swarm")
    throw new UnsupportedFieldError(o.field("Scope"), `scope "${scope}"`, 'every network is "swarm"-scoped');
  o.raw("CheckDuplicate"); // deprecated: names are unique in swarm-ts anyway
  o.refuse("EnableIPv6", "IPv6 networks");
  // Every network has IPv4: only an explicit `false` asks for what swarm-ts cannot do.
  if (o.boolOrNull("EnableIPv4") === false)
    throw new UnsupportedFieldError(o.field("EnableIPv4"), "IPv6-only networks");
  o.refuse("ConfigOnly", "config-only networks");
  o.refuse("ConfigFrom", "networks configured from another network");
  const spec: swarm.v1.NetworkSpec.$Properties = {
    annotations: { name, labels: o.stringMap("Labels") },
    driver,
    ingress: o.bool("Ingress"),
    attachable: o.bool("Attachable"),
    internal: o.bool("Internal"),
    driverOpts: o.stringMap("Options"),
  };
  const ipam = o.object("IPAM");
  if (ipam) {
    const ipamDriver = ipam.string("Driver");
    if (ipamDriver !== "" && ipamDriver !== "default")
      throw new UnsupportedFieldError(ipam.field("Driver"), `IPAM driver "${ipamDriver}"`);
    ipam.refuse("Options", "IPAM driver options");
    spec.ipam = ipam.objects("Config").map((c) => {
      const config = { subnet: c.string("Subnet"), gateway: c.string("Gateway"), range: c.string("IPRange") };
      c.refuse("AuxiliaryAddresses", "auxiliary addresses");
      c.finish();
      return config;
    });
    ipam.finish();
  }
  o.finish();
  return spec;
}

function ipamConfigOut(network: Network): JsonOut[] {
  const configs = (network.ipam?.length ?? 0) > 0 ? network.ipam : network.spec?.ipam;
  return (configs ?? []).map((c) => ({
    Subnet: omitEmpty(c.subnet),
    IPRange: omitEmpty(c.range),
    Gateway: omitEmpty(c.gateway),
  }));
}

/** Docker's engine form of a swarm-ts network (`GET /networks`, `GET /networks/{id}`). */
export function engineNetworkOut(network: Network): JsonOut {
  const spec = network.spec;
  return {
    Name: spec?.annotations?.name ?? "",
    Id: network.id ?? "",
    Created: formatTime(network.meta?.createdAt),
    Scope: "swarm",
    Driver: spec?.driver || overlayDriver,
    EnableIPv6: false,
    IPAM: { Driver: "default", Options: {}, Config: ipamConfigOut(network) },
    Internal: spec?.internal ?? false,
    Attachable: spec?.attachable ?? false,
    Ingress: spec?.ingress ?? false,
    ConfigFrom: { Network: "" },
    ConfigOnly: false,
    Containers: {},
    Options: driverStateOptions(network),
    Labels: labelsOut(spec?.annotations?.labels),
  };
}

/** The driver options a network runs with: its spec's, and its VXLAN id as Docker reports it. */
function driverStateOptions(network: Network): Record<string, string> {
  const options: Record<string, string> = { ...network.spec?.driverOpts };
  const vni = Number(network.vni ?? 0);
  if (vni > 0) options[vxlanIdOption] = String(vni);
  return options;
}

/** Docker's engine form of a predefined network (`host`, `none`): local, never removable. */
export function predefinedNetworkOut(name: PredefinedNetwork): JsonOut {
  return {
    Name: name,
    Id: name,
    Created: goZeroTime,
    Scope: "local",
    Driver: name === "host" ? "host" : "null",
    EnableIPv6: false,
    IPAM: { Driver: "default", Options: {}, Config: [] },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: "" },
    ConfigOnly: false,
    Containers: {},
    Options: {},
    Labels: {},
  };
}

/** Docker's swarm form of a network (inside a task's `NetworksAttachments`). */
export function swarmNetworkOut(network: Network): JsonOut {
  const spec = network.spec;
  const driver = spec?.driver || overlayDriver;
  const ipam = { Driver: { Name: "default" }, Configs: omitEmpty(ipamConfigOut(network)) };
  return {
    ID: network.id ?? "",
    ...metaOut(network.meta),
    Spec: {
      Name: spec?.annotations?.name ?? "",
      Labels: labelsOut(spec?.annotations?.labels),
      DriverConfiguration: { Name: driver, Options: omitEmptyMap(spec?.driverOpts) },
      Internal: omitEmpty(spec?.internal),
      Attachable: omitEmpty(spec?.attachable),
      Ingress: omitEmpty(spec?.ingress),
      IPAMOptions: ipam,
      Scope: "swarm",
    },
    DriverState: { Name: driver, Options: omitEmptyMap(driverStateOptions(network)) },
    IPAMOptions: ipam,
  };
}

/** The predefined networks as the list shows them, after the cluster's. */
export function predefinedNetworkNames(): readonly PredefinedNetwork[] {
  return predefinedNetworks;
}

/**
 * Whether an engine-form network passes `GET /networks` filters. `name` matches a part of the name
 * (Docker matches a regular expression; a substring is its common use and cannot be abused);
 * `dangling=true` keeps networks no service uses, `inUse` says whether one does.
 */
export function networkMatches(filters: Filters, network: JsonOut, inUse: boolean): boolean {
  const name = String(network.Name);
  const id = String(network.Id);
  const builtin = isPredefinedNetwork(name);
  if (!matchAny(filterValues(filters, "driver"), (v) => v === network.Driver)) return false;
  if (!matchAny(filterValues(filters, "id"), (v) => id.startsWith(v))) return false;
  if (!matchAny(filterValues(filters, "name"), (v) => name.includes(v))) return false;
  if (!matchAny(filterValues(filters, "scope"), (v) => v === network.Scope)) return false;
  if (!matchAny(filterValues(filters, "type"), (v) => (v === "builtin" ? builtin : v === "custom" ? !builtin : false)))
    return false;
  if (!matchLabels(filterValues(filters, "label"), network.Labels as Record<string, string>)) return false;
  const dangling = filterValues(filters, "dangling");
  if (dangling.length > 0 && !dangling.some((v) => filterBool("dangling", v) === (!inUse && !builtin))) return false;
  return true;
}
