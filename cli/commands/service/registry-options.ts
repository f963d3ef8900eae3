// What `--with-registry-auth` and image pinning add to a service spec before it is sent.
import { isProcessImage, unpinnedImage } from "../../../common/index.js";
import type { swarm } from "../../../proto/index.js";
import { registryAuthFor } from "../../client/docker-config.js";

/** Prints one warning line on stderr, as Docker's CLI prints the daemon's warnings. */
export function warnLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Puts the operator's credentials for the spec's image registry into the spec (nothing for a process image). */
export async function withRegistryAuth(
  spec: swarm.v1.ServiceSpec.$Properties,
  warn: (line: string) => void,
): Promise<void> {
  const container = spec.task?.container;
  const image = container?.image ?? "";
  if (!container || image === "" || isProcessImage(image)) return;
  const registryAuth = await registryAuthFor(image, warn);
  if (registryAuth !== "") container.pullOptions = { registryAuth };
}

/** Drops the digest of the spec's image, so the manager pins its tag again. */
export function unpinImage(spec: swarm.v1.ServiceSpec.$Properties): void {
  const container = spec.task?.container;
  if (container?.image) container.image = unpinnedImage(container.image);
}
