// Whether a task was made from its service's current spec, which is how far a rolling update got.
// The managers' rule: a task is out of date when its task template or published endpoint differs
// from the service's (the replica count and update settings do not matter). Specs compare by their
// encoding, so absent and default fields compare equal; the encoding is cached per spec object,
// since the store shares one decoded spec between the tasks of one version.
import { swarm } from "../../../proto/index.js";

const encodings = new WeakMap<object, string>();

function encoded(spec: swarm.v1.ITaskSpec | null | undefined, endpoint: swarm.v1.IEndpointSpec | null | undefined) {
  const key = spec ?? noSpec;
  let byEndpoint = encodings.get(key);
  if (byEndpoint === undefined) {
    byEndpoint = bytesText(swarm.v1.TaskSpec.encode(spec ?? {}).finish());
    encodings.set(key, byEndpoint);
  }
  const endpointText = endpoint?.ports?.length ? bytesText(swarm.v1.EndpointSpec.encode(endpoint).finish()) : "";
  return `${byEndpoint}|${endpointText}`;
}

const noSpec = {};

function bytesText(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return text;
}

/** Whether the task's spec is the one the service would give a new task now. */
export function isTaskCurrent(task: swarm.v1.ITask, service: swarm.v1.IService): boolean {
  return encoded(task.spec, task.endpoint?.spec) === encoded(service.spec?.task, service.endpoint?.spec);
}
