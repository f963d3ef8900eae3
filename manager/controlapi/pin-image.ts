// Digest pinning: on create and update (when the caller asks, as Docker's QueryRegistry) the
// manager asks the image's registry which manifest the tag names now and stores
// `image:tag@sha256:…`, so every node runs the same bytes however the tag moves later. The manager
// does it rather than each CLI so that every client gets it (swarmctl, stacks, the Engine API's
// older clients, any gRPC caller) with the service's own credentials. A resolve runs before the
// store transaction, on the API call's own promise, bounded in time and in number: it never holds
// up raft, and an unreachable registry costs at most the timeout, after which the service is stored
// unpinned with a warning, as Docker does.
import {
  decodeRegistryAuth,
  inspectDistribution,
  isProcessImage,
  parseImageReference,
  pinnedImage,
  resolveTimeoutMsDefault,
  type RegistryCredentials,
} from "../../common/index.js";
import type { swarm } from "../../proto/index.js";

/** Resolves that many images at once at most; a call beyond it stays unpinned with a warning. */
export const imageResolvesInFlightMax = 32;

/** Asks a registry for the digest `image` names now ("sha256:…"); throws when it cannot tell. */
export type ImageResolver = (image: string, credentials: RegistryCredentials | undefined) => Promise<string>;

/** The default resolver: the registry client with its default timeout. */
export const registryImageResolver: ImageResolver = async (image, credentials) =>
  (await inspectDistribution(image, { timeoutMs: resolveTimeoutMsDefault, ...(credentials ? { credentials } : {}) }))
    .digest;

/** The warning of an image that could not be pinned, as Docker words it (on one line). */
export function unpinnedWarning(image: string, reason: string): string {
  return `image ${image} could not be accessed on a registry to record its digest (${reason}); each node will access ${image} independently, possibly leading to different nodes running different versions of the image`;
}

/** Pins service specs' images, counting the resolves in flight. */
export class ImagePinner {
  private inFlight = 0;

  constructor(private readonly resolver: ImageResolver = registryImageResolver) {}

  /**
   * `spec` with its image pinned to the registry's current digest, and the warnings to give the
   * caller. Process images, images pinned already and malformed ones (validation names those) are
   * left as they are.
   */
  async pin(
    spec: swarm.v1.ServiceSpec.$Properties,
  ): Promise<{ spec: swarm.v1.ServiceSpec.$Properties; warnings: string[] }> {
    const container = spec.task?.container;
    const image = container?.image ?? "";
    const reference = parseImageReference(image);
    if (!container || isProcessImage(image) || reference === undefined || reference.digest !== undefined)
      return { spec, warnings: [] };
    if (this.inFlight >= imageResolvesInFlightMax)
      return { spec, warnings: [unpinnedWarning(image, "too many image resolves in flight on the manager")] };
    this.inFlight += 1;
    try {
      const credentials = decodeRegistryAuth(
        container.pullOptions?.registryAuth ?? "",
        "spec.task.container.pullOptions.registryAuth",
      );
      const digest = await this.resolver(image, credentials);
      const pinned = pinnedImage(reference, digest);
      return { spec: { ...spec, task: { ...spec.task, container: { ...container, image: pinned } } }, warnings: [] };
    } catch (error) {
      return { spec, warnings: [unpinnedWarning(image, error instanceof Error ? error.message : String(error))] };
    } finally {
      this.inFlight -= 1;
    }
  }
}
