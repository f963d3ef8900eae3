// A service's spec as the page shows it: plain JSON as `swarmctl service inspect` prints it (enums
// by name, defaults left out). The spec of a service holds no secret data: secrets are referenced
// by id and name only.
import { swarm } from "../../../proto/index.js";
import { plain } from "../../output/plain.js";

/** The service's spec as plain JSON. */
export function serviceSpecJson(service: swarm.v1.IService): unknown {
  return plain(swarm.v1.ServiceSpec, (service.spec ?? {}) as swarm.v1.ServiceSpec);
}
