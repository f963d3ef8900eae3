// The bodies of `POST /swarm/init` and `POST /swarm/join` (moby's InitRequest and JoinRequest),
// read strictly: what swarm-ts cannot honour is refused naming the field, never dropped. The init
// request's Spec is Docker's "only what the operator set" form: the CLI sends zero for every flag
// left alone, and the daemon keeps its defaults for those, so the spec is merged onto the new
// cluster's own (see {@link initSpecOverlay}).
import { InvalidFieldError } from "../http-error.js";
import type { SwarmAddresses, SwarmInitRequest, SwarmJoinRequest } from "../routes/route.js";
import { isEmptyJson, type JsonObject } from "./json-reader.js";

/** Availabilities a node may start with, as Docker spells them. */
const availabilities = ["active", "pause", "drain"] as const;

/** Largest UDP port. */
const portMax = 65_535;

/** Longest prefix a network subnet may have from the pools (Docker's bound). */
const subnetSizeMax = 29;

/** Most managers a join may name. */
export const remoteAddrsMax = 64;

/** Reads a host:port field; "" stays "" (the daemon's own setting). */
function hostPort(o: JsonObject, name: string): string {
  const value = o.string(name).trim();
  if (value === "") return "";
  const colon = value.lastIndexOf(":");
  const port = Number(value.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port < 1 || port > portMax)
    throw new InvalidFieldError(o.field(name), `"${value}" is not host:port`);
  return value;
}

/** The addresses and availability both requests share. */
function addressesIn(o: JsonObject): SwarmAddresses {
  const availability = o.string("Availability");
  if (availability !== "" && !(availabilities as readonly string[]).includes(availability))
    throw new InvalidFieldError(o.field("Availability"), `must be one of ${availabilities.join(", ")}`);
  o.refuse("DataPathAddr", "overlay traffic uses the advertise address; a separate data path address is not offered");
  return {
    listenAddr: hostPort(o, "ListenAddr"),
    advertiseAddr: hostPort(o, "AdvertiseAddr"),
    availability: availability as SwarmAddresses["availability"],
  };
}

/** `POST /swarm/init`'s body; its Spec is returned raw, for {@link initSpecOverlay}. */
export function swarmInitIn(o: JsonObject): { request: SwarmInitRequest; spec: unknown } {
  const addresses = addressesIn(o);
  o.refuse(
    "ForceNewCluster",
    "a new cluster from a manager's own state is made with `swarmd init --force-new-cluster`",
  );
  const spec = o.raw("Spec");
  const request: SwarmInitRequest = {
    ...addresses,
    defaultAddrPools: o.strings("DefaultAddrPool"),
    subnetSize: o.int("SubnetSize", { min: 0, max: subnetSizeMax }),
    dataPathPort: o.int("DataPathPort", { min: 0, max: portMax }),
    autolock: o.bool("AutoLockManagers"),
  };
  o.finish();
  return { request, spec };
}

/** `POST /swarm/join`'s body. */
export function swarmJoinIn(o: JsonObject): SwarmJoinRequest {
  const addresses = addressesIn(o);
  const remoteAddrs = o.strings("RemoteAddrs").map((a) => a.trim());
  if (remoteAddrs.length === 0 || remoteAddrs.some((a) => a === ""))
    throw new InvalidFieldError(o.field("RemoteAddrs"), "name at least one manager, host:port");
  if (remoteAddrs.length > remoteAddrsMax)
    throw new InvalidFieldError(o.field("RemoteAddrs"), `may name at most ${remoteAddrsMax} managers`);
  const joinToken = o.string("JoinToken").trim();
  if (joinToken === "") throw new InvalidFieldError(o.field("JoinToken"), "is required");
  o.finish();
  return { ...addresses, remoteAddrs, joinToken };
}

/**
 * The init request's Spec laid over the new cluster's spec as `GET /swarm` shows it: every value
 * the operator left at zero keeps the cluster's, as Docker's daemon merges it; null when the spec
 * sets nothing.
 */
export function initSpecOverlay(
  spec: unknown,
  current: Readonly<Record<string, unknown>>,
): Record<string, unknown> | null {
  if (isEmptyJson(spec)) return null;
  return overlay(current, spec) as Record<string, unknown>;
}

/** `over` laid onto `base`: objects merge key by key, empty values keep the base's. */
function overlay(base: unknown, over: unknown): unknown {
  if (isEmptyJson(over)) return base;
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(over) || !isObject(base)) return over;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const baseKey = Object.keys(base).find((k) => k.toLowerCase() === key.toLowerCase()) ?? key;
    merged[baseKey] = overlay(base[baseKey], value);
  }
  return merged;
}
