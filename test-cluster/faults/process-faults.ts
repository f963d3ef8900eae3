// Process faults on a LocalCluster node: crash (kill -9) and come back, or freeze and thaw.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ClusterNode, cgroupRootSync, type LocalCluster } from "../cluster/local-cluster.js";

/** Crashes a node's swarmd with SIGKILL (its process-executor tasks live on, as after a crash). */
export async function crashNode(cluster: LocalCluster, node: ClusterNode): Promise<void> {
  cluster.signal(node, "SIGKILL");
  while (cluster.isRunning(node)) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Crashes a node and starts it again on its state dir. */
export async function crashAndRestart(cluster: LocalCluster, node: ClusterNode): Promise<void> {
  await crashNode(cluster, node);
  await cluster.restartNode(node);
}

/** Freezes a node's swarmd (SIGSTOP): sockets stay open but nothing answers. Returns a thaw function. */
export function pauseNode(cluster: LocalCluster, node: ClusterNode): () => void {
  cluster.signal(node, "SIGSTOP");
  return () => cluster.signal(node, "SIGCONT");
}

/**
 * Crashes a node as a machine crashes: SIGKILL to everything in its cgroup, swarmd and the tasks
 * it started alike (a plain crashNode leaves process-executor tasks running, as they would on a
 * machine whose daemon alone died). Falls back to crashNode where the node has no cgroup.
 */
export async function crashMachine(cluster: LocalCluster, node: ClusterNode): Promise<void> {
  if (node.cgroup) {
    await writeFile(join(cgroupRootSync, node.cgroup, "cgroup.kill"), "1");
  }
  await crashNode(cluster, node);
}
