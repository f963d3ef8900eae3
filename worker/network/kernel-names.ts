// Names of everything the network agent creates in the kernel. A production node uses the plain
// names (`sw-<netid:10>`, `vx-<netid:10>`, `SWARM-NET`); several nodes sharing one network
// namespace (test clusters on one host) each get a short prefix, so no node ever reads or deletes
// another's links and chains. Interface names are at most 15 characters, chain names at most 28.
import { createHash } from "node:crypto";
import { InvalidArgumentError } from "../../common/index.js";

/** Longest node prefix: it and `sw-` and ten characters of the network id make 15. */
export const nodePrefixLengthMax = 2;

/** Characters of the network id kept in interface names (Docker keeps as many). */
export const networkIdChars = 10;

/** Longest Linux interface name (IFNAMSIZ − 1). */
export const interfaceNameLengthMax = 15;

/** Characters of the hash naming a service's VIP chain. */
const vipChainHashChars = 10;

/** Hashes computed before: names are asked for on every pass, and hashing is the costly part. */
const hashCache = new Map<string, string>();

/** Most hashes kept (a node's tasks and services; the cache starts afresh when full). */
const hashCacheMax = 100_000;

/** A short hash of `text` in base 36, `chars` long. */
function hashOf(text: string, chars: number): string {
  const key = `${chars}/${text}`;
  const cached = hashCache.get(key);
  if (cached !== undefined) return cached;
  const digest = createHash("sha256").update(text).digest();
  const hash = digest.readBigUInt64BE(0).toString(36).padStart(chars, "0").slice(0, chars);
  if (hashCache.size >= hashCacheMax) hashCache.clear();
  hashCache.set(key, hash);
  return hash;
}

/** The names one node's agent uses. */
export class KernelNames {
  /** The node prefix ("" in production). */
  readonly prefix: string;
  /** The nat chain holding one jump per VIP, jumped to from PREROUTING and OUTPUT. */
  readonly natServices: string;
  /** The nat chain of published ports of tasks in their own namespace (PREROUTING, OUTPUT). */
  readonly natPublish: string;
  /** The nat chain of masquerades (hairpin, egress, loopback publish), jumped to from POSTROUTING. */
  readonly natPost: string;
  /** The filter chain accepting bridged and egress traffic of agent bridges (FORWARD). */
  readonly filterForward: string;
  /** The filter chain for traffic to the node itself (INPUT): DNS accepted, backend-less VIPs refused. */
  readonly filterInput: string;
  /** The filter chain refusing backend-less VIPs for the node's own processes (OUTPUT). */
  readonly filterOutput: string;
  /** The mangle chain keeping encrypted networks' traffic off every interface but theirs (POSTROUTING). */
  readonly mangleGuard: string;
  private readonly chainSuffix: string;

  constructor(prefix = "") {
    if (!new RegExp(`^[a-z0-9]{0,${nodePrefixLengthMax}}$`).test(prefix))
      throw new InvalidArgumentError(
        "network.prefix",
        `${JSON.stringify(prefix)} must be up to ${nodePrefixLengthMax} lowercase letters or digits`,
      );
    this.prefix = prefix;
    this.chainSuffix = prefix === "" ? "" : `-${prefix.toUpperCase()}`;
    this.natServices = `SWARM-NET${this.chainSuffix}`;
    this.natPublish = `SWARM-NET-PUB${this.chainSuffix}`;
    this.natPost = `SWARM-NET-POST${this.chainSuffix}`;
    this.filterForward = `SWARM-NET-FWD${this.chainSuffix}`;
    this.filterInput = `SWARM-NET-IN${this.chainSuffix}`;
    this.filterOutput = `SWARM-NET-OUT${this.chainSuffix}`;
    this.mangleGuard = `SWARM-ENC-GUARD${this.chainSuffix}`;
  }

  /** The bridge of a network. */
  bridge(networkId: string): string {
    return `${this.prefix}sw-${networkId.slice(0, networkIdChars)}`;
  }

  /** The VXLAN device of a network. */
  vxlan(networkId: string): string {
    return `${this.prefix}vx-${networkId.slice(0, networkIdChars)}`;
  }

  /** The node-side end of a task's veth on one network (unique per task and network). */
  taskVeth(taskId: string, networkId: string): string {
    const head = `${this.prefix}ve`;
    return `${head}${hashOf(`${taskId}/${networkId}`, interfaceNameLengthMax - head.length).toLowerCase()}`;
  }

  /** The nat chain spreading one service's VIP on one network over its backends. */
  vipChain(networkId: string, serviceId: string): string {
    return `SWARM-VIP${this.chainSuffix}-${hashOf(`${networkId}/${serviceId}`, vipChainHashChars).toUpperCase()}`;
  }

  /** Whether `name` is a bridge this node's agent made (for a network it may no longer serve). */
  isOwnBridge(name: string): boolean {
    return new RegExp(`^${this.prefix}sw-[a-z0-9]{${networkIdChars}}$`).test(name);
  }

  /** Whether `name` is a VXLAN device this node's agent made. */
  isOwnVxlan(name: string): boolean {
    return new RegExp(`^${this.prefix}vx-[a-z0-9]{${networkIdChars}}$`).test(name);
  }

  /** Whether `chain` is one of this node's per-service VIP chains. */
  isOwnVipChain(chain: string): boolean {
    return new RegExp(`^SWARM-VIP${this.chainSuffix}-[0-9A-Z]{${vipChainHashChars}}$`).test(chain);
  }

  /** The nat chains that always exist while the agent runs, with the built-in chains that jump to them. */
  natHooks(): readonly { readonly from: string; readonly to: string }[] {
    return [
      { from: "PREROUTING", to: this.natServices },
      { from: "OUTPUT", to: this.natServices },
      { from: "PREROUTING", to: this.natPublish },
      { from: "OUTPUT", to: this.natPublish },
      { from: "POSTROUTING", to: this.natPost },
    ];
  }

  /** The filter chains that always exist while the agent runs, with the built-in chains that jump to them. */
  filterHooks(): readonly { readonly from: string; readonly to: string }[] {
    return [
      { from: "FORWARD", to: this.filterForward },
      { from: "INPUT", to: this.filterInput },
      { from: "OUTPUT", to: this.filterOutput },
    ];
  }
}
