// What the manager would refuse in the middle of a deploy, checked while planning, before the
// first object is created: names it cannot take, services of the same name that belong to
// something else, networks that do not exist, and subnets that overlap another network's.
// (Published ports: published-ports.ts; secrets, configs and external networks: planStack itself.)
// A node's own subnets are not known here: the manager refuses an overlap with one, and the
// deploy then removes what it created.
import { isPredefinedNetwork } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import { parseSubnet, subnetsOverlap } from "./ipv4-subnet.js";
import { stackNamespaceLabel, type NamedStack } from "./namespace.js";
import { StackFileError } from "./stack-file-error.js";

/** Longest object name the cluster takes (a DNS label, as Docker's service names). */
export const objectNameLengthMax = 63;

const objectNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

function checkName(name: string, path: (string | number)[], noun: string): void {
  if (name.length > objectNameLengthMax)
    throw new StackFileError(
      undefined,
      path,
      `the ${noun} would be named ${name}, longer than the cluster takes (at most ${objectNameLengthMax} characters)`,
    );
  if (!objectNamePattern.test(name))
    throw new StackFileError(
      undefined,
      path,
      `the ${noun} would be named ${JSON.stringify(name)}: a name must start with a letter or digit and contain only letters, digits, "_", "." and "-"`,
    );
}

/** Refuses object names the cluster would refuse. */
export function checkNames(named: NamedStack): void {
  for (const s of named.services) checkName(s.name, ["services", s.key], "service");
  for (const s of named.secrets) if (!s.external) checkName(s.name, ["secrets", s.key], "secret");
  for (const c of named.configs) if (!c.external) checkName(c.name, ["configs", c.key], "config");
  for (const n of named.networks) if (!n.external) checkName(n.name, ["networks", n.key], "network");
}

/** Refuses a stack service whose name is taken by a service that is not part of this stack. */
export function checkOwnership(
  stack: string,
  named: NamedStack,
  current: readonly swarm.v1.Service.$Properties[],
): void {
  const byName = new Map(current.map((s) => [s.spec?.annotations?.name ?? "", s]));
  for (const service of named.services) {
    const existing = byName.get(service.name);
    const owner = existing?.spec?.annotations?.labels?.[stackNamespaceLabel];
    if (existing && owner !== stack)
      throw new StackFileError(
        undefined,
        ["services", service.key],
        `service ${service.name} exists and is not part of stack ${stack}${owner ? ` (it belongs to stack ${owner})` : ""}; remove or rename it first`,
      );
  }
}

/**
 * Refuses a service attached to a network that neither the cluster has nor the stack creates, and
 * a network the stack creates whose subnet is not IPv4 CIDR or overlaps the subnet of a network
 * that exists or of another network of the stack (the managers refuse both, part-way through).
 */
export function checkNetworks(named: NamedStack, networks: readonly swarm.v1.Network.$Properties[]): void {
  const existing = new Set(networks.map((n) => n.spec?.annotations?.name ?? ""));
  const created = named.networks.filter((n) => !n.external && n.spec && !existing.has(n.name));
  // External networks that do not exist are refused by planStack, naming the network's own key.
  const known = new Set([
    ...networks.flatMap((n) => [n.id ?? "", n.spec?.annotations?.name ?? ""]),
    ...named.networks.map((n) => n.name),
  ]);
  for (const service of named.services) {
    for (const attachment of service.spec.task?.networks ?? []) {
      const target = attachment.target ?? "";
      if (!isPredefinedNetwork(target) && !known.has(target))
        throw new StackFileError(
          undefined,
          ["services", service.key, "networks"],
          `network ${target} not found: create it first (external networks are not created by the stack)`,
        );
    }
  }
  // Subnets taken: every existing network's allocated ones, then each stack network's as it is checked.
  const taken = networks.flatMap((n) =>
    (n.ipam ?? []).flatMap((c) => {
      const subnet = parseSubnet(c.subnet ?? "");
      return subnet ? [{ subnet, text: c.subnet ?? "", owner: n.spec?.annotations?.name ?? n.id ?? "" }] : [];
    }),
  );
  for (const network of created) {
    const text = network.spec?.ipam?.[0]?.subnet ?? "";
    if (text === "") continue;
    const path = ["networks", network.key, "ipam", "config", 0, "subnet"];
    const subnet = parseSubnet(text);
    if (!subnet)
      throw new StackFileError(undefined, path, `"${text}" is not an IPv4 subnet in CIDR form (e.g. 10.0.9.0/24)`);
    const clash = taken.find((t) => subnetsOverlap(t.subnet, subnet));
    if (clash)
      throw new StackFileError(
        undefined,
        path,
        `${text} of network ${network.name} overlaps ${clash.text} of network ${clash.owner}`,
      );
    taken.push({ subnet, text, owner: network.name });
  }
}
