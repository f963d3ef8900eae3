// Image references as Docker reads them: "[registry[:port]/]path[:tag][@digest]". A name without a
// registry lives on Docker Hub ("docker.io", path "library/<name>" for a single component), a
// name without tag or digest means ":latest". Only what pinning and pulling need is parsed here;
// anything else is left to the engine.

/** The registry of names that name none. */
export const defaultRegistry = "docker.io";

/** Where Docker Hub's registry API answers. */
export const defaultRegistryEndpoint = "registry-1.docker.io";

/** Longest image reference accepted (Docker's name limit is 255 characters; tag and digest add to it). */
export const imageReferenceCharsMax = 512;

/** A parsed image reference. */
export interface ImageReference {
  /** The registry host ("docker.io", "127.0.0.1:5000", "registry.example.com"). */
  readonly registry: string;
  /** The repository path inside it ("library/redis", "team/app"). */
  readonly path: string;
  /** The tag, when given ("latest" is not filled in). */
  readonly tag?: string;
  /** The digest, "sha256:<64 hex>", when given. */
  readonly digest?: string;
  /** The reference as written, minus its digest: what a pinned image keeps before "@". */
  readonly named: string;
}

const pathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^[\w][\w.-]{0,127}$/;
const digestPattern = /^sha256:[a-f0-9]{64}$/;

/** Parses `image`; undefined when it is not a valid reference. */
export function parseImageReference(image: string): ImageReference | undefined {
  if (image === "" || image.length > imageReferenceCharsMax || image.includes("://")) return undefined;
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) return undefined;
  }
  const named = rest;
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagPattern.test(tag)) return undefined;
  }
  const parts = rest.split("/");
  let registry = defaultRegistry;
  const first = parts[0] ?? "";
  // As Docker: the first component is a registry when it has a dot or a port, or is "localhost".
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    registry = first;
    parts.shift();
  }
  if (parts.length === 0 || !parts.every((p) => pathComponent.test(p))) return undefined;
  if (registry === defaultRegistry && parts.length === 1) parts.unshift("library");
  return {
    registry,
    path: parts.join("/"),
    ...(tag !== undefined ? { tag } : {}),
    ...(digest ? { digest } : {}),
    named,
  };
}

/** `image` pinned to `digest`: "name:tag@sha256:…" (the tag kept for people reading it, as Docker). */
export function pinnedImage(reference: ImageReference, digest: string): string {
  return `${reference.named}@${digest}`;
}

/** `image` without its digest ("x:1@sha256:…" → "x:1"), so a pinned service can be pinned again. */
export function unpinnedImage(image: string): string {
  const at = image.indexOf("@");
  return at >= 0 ? image.slice(0, at) : image;
}

/** The host the registry's API answers on (Docker Hub's differs from its name). */
export function registryEndpoint(registry: string): string {
  return registry === defaultRegistry || registry === "index.docker.io" ? defaultRegistryEndpoint : registry;
}
