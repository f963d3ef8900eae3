// Waits for a service to converge after create/update/scale/rollback, polling the service and its
// tasks (the Watch API is not needed for a once-a-fraction-of-a-second view) and drawing progress.
import { SwarmError } from "../../common/index.js";
import type { Connection } from "../client/connection.js";
import { type ProgressGoal, progressOf } from "./progress-model.js";
import { ProgressWriter } from "./render-progress.js";

/** Time between two readings. */
export const progressPollMs = 200;

/** A service that will not converge: its tasks keep failing or its update paused. */
export class ConvergeError extends SwarmError {
  constructor(serviceName: string, reason: string) {
    super("NOT_CONVERGED", `service ${serviceName} did not converge: ${reason}`, { context: { serviceName } });
  }
}

/** Polls until the service converges (resolves) or cannot (rejects with ConvergeError), drawing progress on `stream`. */
export async function waitConverged(
  connection: Connection,
  serviceId: string,
  options: { goal: ProgressGoal; sinceMs: number; stream: { write(text: string): unknown; isTTY?: boolean } },
): Promise<void> {
  const writer = new ProgressWriter(options.stream);
  for (;;) {
    const { service } = await connection.call("getService", { serviceId });
    const { tasks } = await connection.call("listTasks", {
      filters: { serviceIds: [service.id] },
    });
    const progress = progressOf({ service, tasks, goal: options.goal, sinceMs: options.sinceMs });
    writer.show(progress);
    if (progress.failure) throw new ConvergeError(service.spec?.annotations?.name ?? serviceId, progress.failure);
    if (progress.converged) {
      options.stream.write("verify: Service converged\n");
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, progressPollMs));
  }
}
