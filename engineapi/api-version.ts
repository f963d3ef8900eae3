// The Engine API versions swarm-ts serves. A client learns the server's version from the
// `Api-Version` header of `/_ping`, uses the lower of that and its own maximum, and prefixes every
// path with `/vX.Y`. swarm-ts claims 1.44: the lowest version every 29.x client accepts, and the one
// that carries `HealthConfig.StartInterval`; older clients (20.10 speaks 1.41) step down by
// themselves. Behaviour that changed between versions is keyed on the request's version.
import { HttpError } from "./http-error.js";

/** An API version as a comparable number: major * 1000 + minor (1.44 → 1044). */
export type ApiVersion = number;

/** The version swarm-ts claims (the `Api-Version` header and `/version`'s `ApiVersion`). */
export const apiVersionMax: ApiVersion = 1044;

/** The oldest version it serves (`/version`'s `MinAPIVersion`). */
export const apiVersionMin: ApiVersion = 1040;

/** First version whose `GET /services` honours `status=true`. */
export const serviceStatusSince: ApiVersion = 1041;

/** First version whose logs answer with the multiplexed-stream content type. */
export const multiplexedContentTypeSince: ApiVersion = 1042;

/** First version that keeps `HealthConfig.StartInterval` and reads `TaskTemplate.Networks` only. */
export const startIntervalSince: ApiVersion = 1044;

/** "1.44" for 1044. */
export function formatApiVersion(version: ApiVersion): string {
  return `${Math.floor(version / 1000)}.${version % 1000}`;
}

/** 1044 for "1.44"; NaN when the text is no version. */
export function parseApiVersion(text: string): ApiVersion {
  const match = /^(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return Number.NaN;
  return Number(match[1]) * 1000 + Number(match[2]);
}

/**
 * Splits a request path into the version it asks for (unversioned paths get the maximum, as Docker
 * serves them) and the path without its prefix. Versions outside the served range are refused
 * with Docker's words, as 400.
 */
export function splitVersionPrefix(path: string): { version: ApiVersion; path: string } {
  const match = /^\/v([0-9.]+)(\/.*)?$/.exec(path);
  if (!match) return { version: apiVersionMax, path };
  const text = match[1] ?? "";
  const version = parseApiVersion(text);
  if (Number.isNaN(version)) throw new HttpError(400, `invalid API version "${text}"`);
  if (version < apiVersionMin)
    throw new HttpError(
      400,
      `client version ${text} is too old. Minimum supported API version is ${formatApiVersion(apiVersionMin)}, please upgrade your client to a newer version`,
    );
  if (version > apiVersionMax)
    throw new HttpError(
      400,
      `client version ${text} is too new. Maximum supported API version is ${formatApiVersion(apiVersionMax)}`,
    );
  return { version, path: match[2] ?? "/" };
}
