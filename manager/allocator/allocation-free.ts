// Which new tasks need nothing from the allocator. A task attached to no network but the predefined
// ones gets no address, and a service that neither holds nor needs a VIP keeps its endpoint as it
// is, so the allocator's NEW → PENDING write of such a task would only change its state and
// message. The orchestrator creates these tasks PENDING with the allocator's message instead,
// which saves one of the three writes (create, PENDING, ASSIGNED) of most tasks.
import { isPredefinedNetwork } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";

/** The message of a task handed to the scheduler: by the allocator, or created so by the orchestrator. */
export const pendingSchedulingMessage = "pending task scheduling";

/** Whether every attachment targets a predefined network (host, none), so none is an overlay. */
const onlyPredefined = (attachments: readonly swarm.v1.INetworkAttachmentConfig[] | null | undefined): boolean =>
  (attachments ?? []).every((a) => isPredefinedNetwork(a.target ?? ""));

/**
 * Whether a new task of this service needs no allocation: neither its task template nor the
 * service-level attachments name a network other than a predefined one (so no address for the
 * task and no VIP for the service, whatever networks exist), and the service holds no VIP (which
 * the allocator would release, changing the endpoint the task copies). Decided from the service
 * alone, without a lookup, so no network created or removed later can change the answer.
 */
export function needsNoAllocation(service: swarm.v1.IService): boolean {
  return (
    onlyPredefined(service.spec?.task?.networks) &&
    onlyPredefined(service.spec?.networks) &&
    (service.endpoint?.virtualIps?.length ?? 0) === 0
  );
}
