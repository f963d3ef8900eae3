// Which runtime a task needs and which runtimes a node offers. A node running the process executor
// runs only process tasks (image "process://…"); a node with a Docker Engine runs only container
// images. Each node reports what it offers as engine plugins of type "Runtime" in its description
// (as Docker reports its volume and network plugins), and the scheduler places a task only on a node
// offering its runtime. A node that reports no runtime at all (an older agent, a test double) is
// taken to run anything, so mixed versions keep working.
import { isProcessImage } from "./process-image.js";

/** The runtimes a task can need. */
export const taskRuntimes = ["container", "process"] as const;

/** One of {@link taskRuntimes}. */
export type TaskRuntimeKind = (typeof taskRuntimes)[number];

/** The engine plugin type under which a node reports its runtimes. */
export const runtimePluginType = "Runtime";

/** The runtime a task with this image needs. */
export function runtimeOfImage(image: string): TaskRuntimeKind {
  return isProcessImage(image) ? "process" : "container";
}

/** The engine plugin entry announcing a runtime. */
export function runtimePlugin(kind: TaskRuntimeKind): { type: string; name: string } {
  return { type: runtimePluginType, name: kind };
}

/**
 * The runtimes a node's engine plugins announce, or undefined when they announce none (the node is
 * then taken to run anything).
 */
export function runtimesOfPlugins(
  plugins: readonly { type?: string | null; name?: string | null }[] | null | undefined,
): TaskRuntimeKind[] | undefined {
  const kinds = taskRuntimes.filter((kind) =>
    (plugins ?? []).some((p) => p.type === runtimePluginType && p.name === kind),
  );
  return kinds.length === 0 ? undefined : kinds;
}
