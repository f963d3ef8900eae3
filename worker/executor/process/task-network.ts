// The network side of a process task's removal, shared by the runtime and the executor.
import { deleteNetns, execRunner } from "../../network/index.js";
import type { TaskNetworking } from "../../network/index.js";
/**
 * Removes a task's namespace: through the network agent (which also drops its published ports),
 * or directly when none runs (`swarmd leave` removes tasks without one).
 */
export async function releaseNetwork(
  network: TaskNetworking | undefined,
  taskId: string,
  netns: string | undefined,
): Promise<void> {
  if (network !== undefined) await network.releaseTask(taskId);
  if (netns !== undefined) await deleteNetns(execRunner, netns);
}
