// Registry credentials in Docker's X-Registry-Auth form: base64url (padded or not) of a JSON
// object with username and password, or an identity token, and the server address.
import { InvalidArgumentError } from "../errors.js";

/** Longest encoded credentials accepted, in bytes (a Docker Hub identity token is about 2 KiB). */
export const registryAuthBytesMax = 16 * 1024;

/** Credentials for one registry. */
export interface RegistryCredentials {
  /** User name, for basic auth and token requests. */
  readonly username?: string;
  /** Password or access token. */
  readonly password?: string;
  /** OAuth refresh token a credential store or `docker login` with a token gave. */
  readonly identitytoken?: string;
  /** Bearer token to send to the registry as is. */
  readonly registrytoken?: string;
  /** The registry these belong to. */
  readonly serveraddress?: string;
}

/** The fields of {@link RegistryCredentials}, the only ones kept from a decoded header. */
const credentialKeys = ["username", "password", "identitytoken", "registrytoken", "serveraddress"] as const;

/**
 * Encodes credentials as X-Registry-Auth: URL-safe base64 *with* padding, as Docker's CLI writes
 * it, because the engine decodes it with Go's padded URL encoding and fails on a missing "=".
 */
export function encodeRegistryAuth(credentials: RegistryCredentials): string {
  return Buffer.from(JSON.stringify(credentials)).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

/**
 * Decodes X-Registry-Auth; throws InvalidArgumentError naming `field` when it is too long or not
 * base64 JSON of an object. Empty text (or Docker's "{}") gives undefined: no credentials.
 */
export function decodeRegistryAuth(encoded: string, field: string): RegistryCredentials | undefined {
  if (encoded === "") return undefined;
  if (Buffer.byteLength(encoded) > registryAuthBytesMax)
    throw new InvalidArgumentError(field, `is longer than ${registryAuthBytesMax} bytes`);
  let value: unknown;
  try {
    // base64url and base64 both decode here; Buffer ignores padding.
    value = JSON.parse(Buffer.from(encoded.replace(/\+/g, "-").replace(/\//g, "_"), "base64url").toString("utf8"));
  } catch {
    throw new InvalidArgumentError(field, "is not base64-encoded JSON registry credentials");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InvalidArgumentError(field, "is not base64-encoded JSON registry credentials");
  const credentials: Record<string, string> = {};
  for (const key of credentialKeys) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === "string" && v !== "") credentials[key] = v;
  }
  return Object.keys(credentials).length === 0 ? undefined : credentials;
}
