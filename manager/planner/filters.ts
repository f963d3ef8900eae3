// The node filters, in the order the scheduler applies them, and the text that explains why a task
// found no node. A node that fails several filters is counted once, under the first it fails, as
// SwarmKit's pipeline does, so the counts in a reason add up to the number of nodes.
import type { TaskRuntimeKind } from "../../common/index.js";
import type { GenericResourceView, PlatformView } from "./types.js";

/** What of a task the explanation of its rejections names. */
export interface ExplainedTask {
  /** The runtime its image needs; absent, container images. */
  readonly runtime?: TaskRuntimeKind;
  /** The generic resources it reserves, whose kinds a "too few" reason names. */
  readonly genericReservations?: readonly GenericResourceView[];
}

/** Why a node was rejected for a task, in filter order. */
export type FilterKind =
  | "notReady"
  | "notActive"
  | "platform"
  | "runtime"
  | "network"
  | "encryption"
  | "cpu"
  | "memory"
  | "generic"
  | "constraints"
  | "hostPort"
  | "maxReplicas";

/** Every filter kind in the order the filters run and the reason lists them. */
export const filterKinds: readonly FilterKind[] = [
  "notReady",
  "notActive",
  "platform",
  "runtime",
  "network",
  "encryption",
  "cpu",
  "memory",
  "generic",
  "constraints",
  "hostPort",
  "maxReplicas",
];

/** How many nodes each filter rejected; absent kinds rejected none. */
export type RejectionCounts = Partial<Record<FilterKind, number>>;

function nodes(n: number): string {
  return n === 1 ? "1 node" : `${n} nodes`;
}

/** What a task's runtime is called in a reason, and what a node that lacks it runs instead. */
function runtimeWords(runtime: TaskRuntimeKind): { wanted: string; other: string } {
  return runtime === "process"
    ? { wanted: "process tasks", other: "container images" }
    : { wanted: "container images", other: "process tasks" };
}

/** The kinds of generic resource a task reserves, as a reason names them: "gpu" or "gpu or ssd". */
function genericKinds(task: ExplainedTask): string {
  const kinds = [...new Set((task.genericReservations ?? []).map((g) => g.kind))];
  return kinds.length === 0 ? "generic resources" : kinds.join(" or ");
}

function describe(kind: FilterKind, n: number, task: ExplainedTask): string {
  const runtime = task.runtime ?? "container";
  switch (kind) {
    case "notReady":
      return `${nodes(n)} not ready`;
    case "notActive":
      return `${nodes(n)} not available for new tasks`;
    case "platform":
      return `unsupported platform on ${nodes(n)}`;
    case "runtime":
      return `${nodes(n)} ${n === 1 ? "runs" : "run"} ${runtimeWords(runtime).other} only`;
    case "network":
      return `${nodes(n)} cannot join overlay networks`;
    case "encryption":
      return `${nodes(n)} cannot encrypt overlay traffic`;
    case "cpu":
      return `insufficient CPU on ${nodes(n)}`;
    case "memory":
      return `insufficient memory on ${nodes(n)}`;
    case "generic":
      return `${nodes(n)} ${n === 1 ? "has" : "have"} too few ${genericKinds(task)}`;
    case "constraints":
      return `scheduling constraints not satisfied on ${nodes(n)}`;
    case "hostPort":
      return `host-mode port already in use on ${nodes(n)}`;
    case "maxReplicas":
      return `max replicas per node reached on ${nodes(n)}`;
  }
}

/**
 * Builds Docker's style of explanation from per-filter rejection counts, e.g.
 * "no suitable node (insufficient memory on 2 nodes, 1 node not available for new tasks)".
 * Filters are listed in the order they run; with no counts at all the cluster has no nodes. When
 * the task's runtime alone ruled every node out, it says so first: "no node runs container images
 * (2 nodes run process tasks only)".
 */
export function explainRejections(counts: RejectionCounts, task: ExplainedTask = {}): string {
  const runtime = task.runtime ?? "container";
  const parts: string[] = [];
  for (const kind of filterKinds) {
    const n = counts[kind] ?? 0;
    if (n > 0) parts.push(describe(kind, n, task));
  }
  if (parts.length === 0) return "no suitable node (no nodes in the cluster)";
  const onlyRuntime = filterKinds.every((kind) => kind === "runtime" || (counts[kind] ?? 0) === 0);
  if (onlyRuntime) return `no node runs ${runtimeWords(runtime).wanted} (${parts.join(", ")})`;
  return `no suitable node (${parts.join(", ")})`;
}

/** Whether a node offers the runtime a task needs; a node or task that names none matches any. */
export function runtimeMatches(
  offered: readonly TaskRuntimeKind[] | undefined,
  wanted: TaskRuntimeKind | undefined,
): boolean {
  return offered === undefined || wanted === undefined || offered.includes(wanted);
}

// Docker images and engines name the same architectures differently; compare canonical names.
const architectureAliases: Readonly<Record<string, string>> = {
  x86_64: "amd64",
  "x86-64": "amd64",
  aarch64: "arm64",
  armhf: "arm",
  armel: "arm",
  armv7l: "arm",
  armv6l: "arm",
  i386: "386",
  i686: "386",
};

function canonicalArchitecture(arch: string): string {
  const lower = arch.toLowerCase();
  return architectureAliases[lower] ?? lower;
}

/** Whether a node's platform is one of `wanted`; an empty list or an empty field means any. */
export function platformMatches(node: PlatformView, wanted: readonly PlatformView[]): boolean {
  if (wanted.length === 0) return true;
  const os = node.os.toLowerCase();
  const arch = canonicalArchitecture(node.architecture);
  return wanted.some(
    (p) =>
      (p.os === "" || p.os.toLowerCase() === os) &&
      (p.architecture === "" || canonicalArchitecture(p.architecture) === arch),
  );
}
