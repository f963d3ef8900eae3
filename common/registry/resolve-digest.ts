// Asks an image's registry which manifest a tag names now: its digest, media type, size and (for a
// multi-platform image) platforms. This is what Docker's `GET /distribution/{name}/json` answers,
// and what pinning a service's image to a digest needs. The registry's auth challenge is followed
// as Docker's does: basic auth with the credentials given, or a bearer token fetched from the
// challenge's realm (with those credentials, or an identity token as an OAuth refresh token).
import { createHash } from "node:crypto";
import { SwarmError } from "../errors.js";
import { type ImageReference, parseImageReference, registryEndpoint } from "./image-reference.js";
import type { RegistryCredentials } from "./registry-auth.js";
import { registryRequest, type RegistryTarget } from "./registry-http.js";

/** How long a resolve may take by default, in ms; past it the image stays unpinned. */
export const resolveTimeoutMsDefault = 10_000;

/** The manifest types asked for, newest first, as Docker's client asks. */
const manifestTypes = [
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
];

/** A platform a multi-platform image offers. */
export interface ImagePlatform {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
}

/** What the registry holds for a reference. */
export interface DistributionInfo {
  /** The parsed reference. */
  readonly reference: ImageReference;
  /** The manifest's digest, "sha256:…". */
  readonly digest: string;
  /** The manifest's media type. */
  readonly mediaType: string;
  /** The manifest's size in bytes. */
  readonly size: number;
  /** Platforms of a manifest list or index; empty for a single manifest. */
  readonly platforms: readonly ImagePlatform[];
}

/** Why a registry could not answer: codes REGISTRY_UNREACHABLE, REGISTRY_UNAUTHORIZED, IMAGE_NOT_FOUND, INVALID_REFERENCE. */
export class RegistryError extends SwarmError {
  constructor(
    code: "REGISTRY_UNREACHABLE" | "REGISTRY_UNAUTHORIZED" | "IMAGE_NOT_FOUND" | "INVALID_REFERENCE",
    image: string,
    problem: string,
  ) {
    super(code, `${image}: ${problem}`, { context: { image } });
  }
}

/** Options of {@link inspectDistribution}. */
export interface InspectDistributionOptions {
  /** Credentials for the image's registry. */
  readonly credentials?: RegistryCredentials;
  /** Deadline, in ms ({@link resolveTimeoutMsDefault}). */
  readonly timeoutMs?: number;
  /** Directory of per-registry CA certificates (Docker's certs.d by default). */
  readonly certsDir?: string;
}

/** Asks the registry what `image` names now; throws {@link RegistryError} when it cannot tell. */
export async function inspectDistribution(
  image: string,
  options: InspectDistributionOptions = {},
): Promise<DistributionInfo> {
  const reference = parseImageReference(image);
  if (reference === undefined) throw new RegistryError("INVALID_REFERENCE", image, "invalid reference format");
  const timeoutMs = options.timeoutMs ?? resolveTimeoutMsDefault;
  const signal = AbortSignal.timeout(timeoutMs);
  const target: RegistryTarget = {
    host: registryEndpoint(reference.registry),
    signal,
    ...(options.certsDir !== undefined ? { certsDir: options.certsDir } : {}),
  };
  const ref = reference.digest ?? reference.tag ?? "latest";
  const path = `/v2/${reference.path}/manifests/${ref}`;
  const headers: Record<string, string> = { Accept: manifestTypes.join(", ") };
  try {
    let answer = await registryRequest(target, path, headers);
    if (answer.status === 401) {
      const authorization = await authorize(target, reference, answer.headers["www-authenticate"], options.credentials);
      if (authorization === undefined)
        throw new RegistryError(
          "REGISTRY_UNAUTHORIZED",
          image,
          `the registry ${reference.registry} asks for credentials and none were given (log in, then pass --with-registry-auth)`,
        );
      answer = await registryRequest(target, path, { ...headers, Authorization: authorization });
    }
    if (answer.status === 401 || answer.status === 403)
      throw new RegistryError(
        "REGISTRY_UNAUTHORIZED",
        image,
        `the registry ${reference.registry} refused the credentials (HTTP ${answer.status}); log in again`,
      );
    if (answer.status === 404)
      throw new RegistryError(
        "IMAGE_NOT_FOUND",
        image,
        `manifest unknown: the registry ${reference.registry} has no ${ref}`,
      );
    if (answer.status !== 200)
      throw new RegistryError(
        "REGISTRY_UNREACHABLE",
        image,
        `the registry ${reference.registry} answered HTTP ${answer.status}`,
      );
    const computed = `sha256:${createHash("sha256").update(answer.body).digest("hex")}`;
    const header = answer.headers["docker-content-digest"];
    const digest = typeof header === "string" && /^sha256:[a-f0-9]{64}$/.test(header) ? header : computed;
    const mediaType = String(answer.headers["content-type"] ?? "").split(";")[0] ?? "";
    return { reference, digest, mediaType, size: answer.body.length, platforms: platformsOf(answer.body) };
  } catch (error) {
    if (error instanceof RegistryError) throw error;
    const why = signal.aborted ? `no answer within ${timeoutMs} ms` : networkProblem(error);
    throw new RegistryError(
      "REGISTRY_UNREACHABLE",
      image,
      `the registry ${reference.registry} cannot be reached: ${why}`,
    );
  }
}

/** The failure of a request, in words (the system error's code when it has one). */
function networkProblem(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" && !message.includes(code) ? `${code} ${message}` : message;
}

/** Platforms of a manifest list or index. */
function platformsOf(body: Buffer): ImagePlatform[] {
  try {
    const manifest = JSON.parse(body.toString("utf8")) as { manifests?: { platform?: Partial<ImagePlatform> }[] };
    return (manifest.manifests ?? [])
      .map((m) => m.platform)
      .filter((p): p is ImagePlatform => typeof p?.os === "string" && typeof p.architecture === "string")
      .map((p) => ({ os: p.os, architecture: p.architecture, ...(p.variant ? { variant: p.variant } : {}) }));
  } catch {
    return [];
  }
}

/** Parses `Bearer realm="…",service="…"` into its scheme and parameters. */
function parseChallenge(header: string | undefined): { scheme: string; params: Map<string, string> } | undefined {
  if (header === undefined) return undefined;
  const space = header.indexOf(" ");
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params = new Map<string, string>();
  for (const match of header.slice(space + 1).matchAll(/(\w+)="([^"]*)"/g)) params.set(match[1] ?? "", match[2] ?? "");
  return { scheme, params };
}

/** The Authorization header answering the registry's challenge, or undefined without credentials to answer it. */
async function authorize(
  target: RegistryTarget,
  reference: ImageReference,
  header: string | undefined,
  credentials: RegistryCredentials | undefined,
): Promise<string | undefined> {
  const challenge = parseChallenge(header);
  const basic =
    credentials?.username !== undefined
      ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password ?? ""}`).toString("base64")}`
      : undefined;
  if (challenge?.scheme === "basic") return basic;
  if (challenge?.scheme !== "bearer") return undefined;
  if (credentials?.registrytoken !== undefined) return `Bearer ${credentials.registrytoken}`;
  const realm = challenge.params.get("realm");
  if (realm === undefined || !/^https?:\/\//.test(realm)) return undefined;
  const url = new URL(realm);
  const service = challenge.params.get("service");
  if (service !== undefined) url.searchParams.set("service", service);
  url.searchParams.set("scope", `repository:${reference.path}:pull`);
  let answer;
  if (credentials?.identitytoken !== undefined) {
    // Docker's OAuth flow: the identity token is a refresh token for the token service.
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: credentials.identitytoken,
      service: service ?? "",
      scope: `repository:${reference.path}:pull`,
      client_id: "swarm-ts",
    });
    answer = await registryRequest(
      target,
      `${url.origin}${url.pathname}`,
      { "Content-Type": "application/x-www-form-urlencoded" },
      "POST",
      form.toString(),
    );
  } else {
    answer = await registryRequest(target, url.toString(), basic !== undefined ? { Authorization: basic } : {});
  }
  if (answer.status !== 200) return undefined;
  const token = JSON.parse(answer.body.toString("utf8")) as { token?: string; access_token?: string };
  const value = token.token ?? token.access_token;
  return value ? `Bearer ${value}` : undefined;
}
