// The operator's registry credentials, read from the Docker CLI's config file as Docker reads it:
// `$DOCKER_CONFIG/config.json` (else `~/.docker/config.json`), `auths` keyed by registry
// ("https://index.docker.io/v1/" for Docker Hub, "host:port" or "https://host:port" for others),
// each with a base64 "user:password" `auth`, or an `identitytoken`. Credential helpers
// (`credsStore`, `credHelpers`) run programs swarmctl does not run: a registry they serve is refused
// with a message saying so, rather than sent without credentials.
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import {
  defaultRegistry,
  encodeRegistryAuth,
  parseImageReference,
  type RegistryCredentials,
  SwarmError,
} from "../../common/index.js";

/** The key Docker files Docker Hub's credentials under. */
export const dockerHubAuthKey = "https://index.docker.io/v1/";

/** Largest config file read, in bytes. */
export const dockerConfigBytesMax = 1024 * 1024;

/** The operator's credentials could not be read. */
export class RegistryCredentialsError extends SwarmError {
  constructor(message: string) {
    super("REGISTRY_CREDENTIALS", message);
  }
}

/** Where the Docker CLI keeps its config file. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env["DOCKER_CONFIG"] ?? join(homedir(), ".docker");
  return join(dir, "config.json");
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
}

interface DockerConfig {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** A config key as a bare registry host ("https://host:5000/v2/" → "host:5000"). */
function hostOfKey(key: string): string {
  const bare = key.replace(/^https?:\/\//, "").split("/")[0] ?? "";
  return bare === "index.docker.io" || bare === "registry-1.docker.io" ? defaultRegistry : bare;
}

/**
 * The operator's credentials for the registry of `image`, or undefined when the config file has
 * none for it; throws {@link RegistryCredentialsError} when they sit in a credential helper or the
 * file cannot be read.
 */
export async function registryCredentialsFor(
  image: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RegistryCredentials | undefined> {
  const registry = parseImageReference(image)?.registry;
  if (registry === undefined) throw new RegistryCredentialsError(`image ${image}: not a valid image reference`);
  const path = dockerConfigPath(env);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new RegistryCredentialsError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (text.length > dockerConfigBytesMax)
    throw new RegistryCredentialsError(`${path} is larger than ${dockerConfigBytesMax} bytes`);
  let config: DockerConfig;
  try {
    config = JSON.parse(text) as DockerConfig;
  } catch (error) {
    throw new RegistryCredentialsError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const helper =
    Object.entries(config.credHelpers ?? {}).find(([key]) => hostOfKey(key) === registry)?.[1] ?? config.credsStore;
  const entry = Object.entries(config.auths ?? {}).find(([key]) => hostOfKey(key) === registry)?.[1];
  const serveraddress = registry === defaultRegistry ? dockerHubAuthKey : registry;
  const fromEntry = entry === undefined ? undefined : credentialsOf(entry, serveraddress, path, registry);
  if (fromEntry !== undefined) {
    // With a credential store, Docker ignores what auths holds; refusing is clearer than guessing.
    if (helper !== undefined && helper !== "")
      throw new RegistryCredentialsError(helperRefusal(helper, registry, path));
    return fromEntry;
  }
  if (helper !== undefined && helper !== "") throw new RegistryCredentialsError(helperRefusal(helper, registry, path));
  return undefined;
}

function helperRefusal(helper: string, registry: string, path: string): string {
  return `the credentials for ${registry} are kept by the credential helper docker-credential-${helper} (${path}), which swarmctl does not run: log in with the helper removed from the config (credsStore/credHelpers), so that docker login writes them to auths`;
}

function credentialsOf(
  entry: AuthEntry,
  serveraddress: string,
  path: string,
  registry: string,
): RegistryCredentials | undefined {
  if (entry.identitytoken) return { identitytoken: entry.identitytoken, serveraddress };
  if (entry.registrytoken) return { registrytoken: entry.registrytoken, serveraddress };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0)
      throw new RegistryCredentialsError(`${path}: the auth of ${registry} is not base64 of user:password`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress };
  }
  if (entry.username) return { username: entry.username, password: entry.password ?? "", serveraddress };
  return undefined;
}

/** X-Registry-Auth for `image` from the operator's config file, or "" (with a warning) when it has none. */
export async function registryAuthFor(image: string, warn: (line: string) => void): Promise<string> {
  const credentials = await registryCredentialsFor(image);
  if (credentials === undefined) {
    const registry = parseImageReference(image)?.registry ?? image;
    warn(
      `no credentials for ${registry} in ${dockerConfigPath()}: the service is sent without registry credentials (docker login ${registry} first)`,
    );
    return "";
  }
  return encodeRegistryAuth(credentials);
}
