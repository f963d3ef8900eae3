// Whether a node may hold a service's tasks, as the simulator's properties judge it: up, active,
// and satisfying every placement constraint the workload writes (node.labels.K, engine.labels.K,
// node.role, node.hostname, node.id; == and !=). It is written apart from the planner's matcher on
// purpose, so a bug there is not also a bug in the check.
import { swarm } from "../../proto/index.js";

type Node = swarm.v1.Node.$Properties;

/** The value of a constraint's attribute on a node, or undefined when the node has none (an absent label). */
function attributeOf(node: Node, key: string): string | undefined {
  const lower = key.toLowerCase();
  if (lower === "node.id") return node.id ?? "";
  if (lower === "node.hostname") return node.description?.hostname ?? "";
  if (lower === "node.role")
    return Number(node.role ?? 0) === Number(swarm.v1.NodeSpec.Role.ROLE_MANAGER) ? "manager" : "worker";
  if (lower.startsWith("node.labels.")) return node.spec?.annotations?.labels?.[key.slice("node.labels.".length)];
  if (lower.startsWith("engine.labels.")) return node.description?.engine?.labels?.[key.slice("engine.labels.".length)];
  throw new Error(`the simulator's checks do not know the constraint key ${key}`);
}

/** Whether a node satisfies one constraint ("KEY==VALUE" or "KEY!=VALUE"; values compare without case, as Docker's). */
export function satisfies(node: Node, constraint: string): boolean {
  const match = /^\s*([\w.-]+)\s*(==|!=)\s*(.*?)\s*$/.exec(constraint);
  if (!match) throw new Error(`the simulator's checks cannot read the constraint ${constraint}`);
  const [, key = "", operator, value = ""] = match;
  const actual = attributeOf(node, key);
  const equal = actual !== undefined && actual.toLowerCase() === value.toLowerCase();
  return operator === "==" ? equal : !equal;
}

/**
 * Why a node cannot hold the service's tasks, or null when it can. A node that must take new tasks
 * must be active; one that keeps the tasks it runs may be paused (Docker's pause stops placement
 * only), not drained.
 */
export function ineligibility(
  node: Node | undefined,
  spec: swarm.v1.ServiceSpec.$Properties,
  keeping = false,
): string | null {
  if (!node) return "is not in the store";
  if (Number(node.status?.state ?? 0) !== Number(swarm.v1.NodeStatus.State.STATE_READY)) return "is not ready";
  const availability = Number(node.spec?.availability ?? 0);
  const Availability = swarm.v1.NodeSpec.Availability;
  if (availability === Number(Availability.AVAILABILITY_DRAIN)) return "is drained";
  if (!keeping && availability !== Number(Availability.AVAILABILITY_ACTIVE)) return "is not active";
  for (const c of spec.task?.placement?.constraints ?? []) if (!satisfies(node, c)) return `fails ${c}`;
  return null;
}

/** Whether a node can take new tasks of the service. */
export function isEligible(node: Node | undefined, spec: swarm.v1.ServiceSpec.$Properties): boolean {
  return ineligibility(node, spec) === null;
}

/** Whether a node may keep the service's tasks it runs (it may be paused). */
export function mayKeep(node: Node | undefined, spec: swarm.v1.ServiceSpec.$Properties): boolean {
  return ineligibility(node, spec, true) === null;
}
