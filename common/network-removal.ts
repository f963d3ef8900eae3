// Removing a stack's network right after its services: their tasks are still stopping and hold
// addresses on it, and the managers refuse to remove it until they have stopped, so the removal
// is retried for a while. Used by `stack rm`, by a refused deploy undoing what it created, and by
// the Engine API's network removal (`docker stack rm` removes networks right after services).
import { status as grpcStatus, type ServiceError } from "@grpc/grpc-js";
import { realClock } from "./clock.js";

/** How long a network's removal waits for its last tasks to stop before giving up. */
export const networkRemoveMsMax = 60_000;
/** Pause between two attempts to remove a network whose tasks are stopping. */
export const networkRemoveRetryMs = 250;

/** Runs `remove` until it succeeds, retrying while the managers answer that tasks are still stopping. */
export async function removeNetworkWhenFree(remove: () => Promise<unknown>): Promise<void> {
  const end = realClock.now() + networkRemoveMsMax;
  for (;;) {
    try {
      await remove();
      return;
    } catch (error) {
      const e = error as Partial<ServiceError>;
      const stopping = e.code === grpcStatus.FAILED_PRECONDITION && /still stopping/.test(e.details ?? "");
      if (!stopping || realClock.now() > end) throw error;
      await realClock.sleep(networkRemoveRetryMs);
    }
  }
}
