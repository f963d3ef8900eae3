// Whether a task was made from an older version of its service's spec, so a rolling update must
// replace it. The comparison is on the encoded task template and published endpoint (Docker's
// rule: changing the image, env, resources, placement or published ports redeploys; changing only
// the replica count or the update settings does not).
import { swarm } from "../../proto/index.js";
import type { ObjectsByKind } from "../store/index.js";

type Service = ObjectsByKind["service"];
type Task = ObjectsByKind["task"];

/** A key that changes exactly when a new task of the service would differ from its current tasks. */
export function serviceSpecKey(service: Service): string {
  return partsKey(service.spec?.task, service.endpoint?.spec);
}

function specKey(task: swarm.v1.TaskSpec.$Properties, endpoint: swarm.v1.EndpointSpec.$Properties | null): string {
  // Encoding then decoding drops default values (absent and 0 compare equal); sorted keys make map
  // fields compare equal whatever order their entries were written in.
  const canonicalTask = swarm.v1.TaskSpec.decode(swarm.v1.TaskSpec.encode(task).finish());
  const canonicalEndpoint = endpoint
    ? swarm.v1.EndpointSpec.decode(swarm.v1.EndpointSpec.encode(endpoint).finish())
    : null;
  return stableStringify([canonicalTask, canonicalEndpoint]);
}

/** JSON with object keys sorted, so equal values give equal strings. */
function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v) || v instanceof Uint8Array) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/**
 * Store objects are replaced, never changed in place, so a key can be cached with the parts it is
 * made of. Keyed by the spec and endpoint objects rather than by the task or service: the store
 * decodes equal task specs as one shared object (within a batch, and from one batch to the next),
 * so the key is computed once per distinct spec, not once per task or per service version.
 */
const partKeys = new WeakMap<object, WeakMap<object, string>>();
/** Stands for an absent spec or endpoint in the maps. */
const noPart = {};

function partsKey(
  task: swarm.v1.TaskSpec.$Properties | null | undefined,
  endpoint: swarm.v1.EndpointSpec.$Properties | null | undefined,
): string {
  const taskPart = task ?? noPart;
  const endpointPart = endpoint ?? noPart;
  let byEndpoint = partKeys.get(taskPart);
  if (!byEndpoint) partKeys.set(taskPart, (byEndpoint = new WeakMap()));
  let key = byEndpoint.get(endpointPart);
  if (key === undefined) byEndpoint.set(endpointPart, (key = specKey(task ?? {}, endpoint ?? null)));
  return key;
}

/** Whether the task's spec differs from what the service would create now. */
export function isTaskDirty(task: Task, serviceKey: string): boolean {
  return partsKey(task.spec, task.endpoint?.spec) !== serviceKey;
}
