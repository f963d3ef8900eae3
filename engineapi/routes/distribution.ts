// `GET /distribution/{name}/json`: what the image's registry holds for a reference now. The docker
// CLI asks it before `service create/update` and `stack deploy` to pin image digests, with the
// operator's credentials in X-Registry-Auth; on any error it keeps the tag and warns. The answer
// comes from the same registry client the managers pin with, so the CLI and `swarmctl` see the same.
import { decodeRegistryAuth, inspectDistribution, RegistryError } from "../../common/index.js";
import { HttpError } from "../http-error.js";
import { ok, route, type RequestContext, type Route } from "./route.js";

/** The HTTP status Docker gives for each registry failure. */
const statusOfCode: Readonly<Record<string, number>> = {
  INVALID_REFERENCE: 400,
  REGISTRY_UNAUTHORIZED: 401,
  IMAGE_NOT_FOUND: 404,
  REGISTRY_UNREACHABLE: 500,
};

/** The X-Registry-Auth header's credentials, if any; a malformed header is a 400. */
export function registryCredentialsOf(context: RequestContext): ReturnType<typeof decodeRegistryAuth> {
  const header = context.request.headers["x-registry-auth"];
  const text = Array.isArray(header) ? (header[0] ?? "") : (header ?? "");
  try {
    return decodeRegistryAuth(text, "X-Registry-Auth");
  } catch (error) {
    throw new HttpError(400, error instanceof Error ? error.message : String(error));
  }
}

/** The distribution route. */
export const distributionRoutes: readonly Route[] = [
  route("GET", /^\/distribution\/(.+)\/json$/, false, async (context) => {
    const image = decodeURIComponent(context.params[0] ?? "");
    const credentials = registryCredentialsOf(context);
    try {
      const info = await inspectDistribution(image, credentials ? { credentials } : {});
      return ok({
        Descriptor: { mediaType: info.mediaType, digest: info.digest, size: info.size },
        Platforms: info.platforms.map((p) => ({
          architecture: p.architecture,
          os: p.os,
          ...(p.variant ? { variant: p.variant } : {}),
        })),
      });
    } catch (error) {
      if (error instanceof RegistryError) throw new HttpError(statusOfCode[error.code] ?? 500, error.message);
      throw error;
    }
  }),
];
