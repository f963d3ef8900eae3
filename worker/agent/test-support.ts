// Helpers shared by this folder's tests: temporary state directories, task objects, and a silent log.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { swarm } from "../../proto/index.js";
import type { AgentLog } from "./task-db.js";

/** A log sink that keeps lines in memory instead of printing them. */
export function memoryLog(): { log: AgentLog; lines: { event: string; fields: Record<string, unknown> }[] } {
  const lines: { event: string; fields: Record<string, unknown> }[] = [];
  return { log: (event, fields) => lines.push({ event, fields }), lines };
}

/** A fresh temporary directory and the function that deletes it. */
export function tempDir(): { dir: string; cleanUp: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "swarm-agent-"));
  return { dir, cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A task as the scheduler assigns it, desired RUNNING unless told otherwise. */
export function newTask(
  id: string,
  desiredState: swarm.v1.TaskState = swarm.v1.TaskState.TASK_STATE_RUNNING,
): swarm.v1.Task.$Properties {
  return {
    id,
    serviceId: "svc1",
    slot: 1,
    nodeId: "node1",
    desiredState,
    spec: { container: { image: "busybox:latest", stopGracePeriodNs: 2e9 } },
    serviceAnnotations: { name: "web" },
    status: { state: swarm.v1.TaskState.TASK_STATE_ASSIGNED },
  };
}

/** Whether the states only move forward. */
export function strictlyIncreasing(states: readonly number[]): boolean {
  return states.every((s, i) => i === 0 || s > (states[i - 1] ?? -1));
}
