// Pulling a task's image through the engine: by digest when the service is pinned (so the node
// gets exactly the manifest the manager recorded, whatever the tag names now), with the service's
// registry credentials when it has them (sent to the engine as X-Registry-Auth for this call only,
// never stored), reporting "pulling x: 3/5 layers" as the layers land, and turning the engine's
// failures into messages that say what the operator can do.
import type Docker from "dockerode";
import { parseImageReference, realClock, registryAuthBytesMax } from "../../../common/index.js";
import { ImageUnavailableError } from "../errors.js";
import { engineMessage, engineStatus } from "./engine.js";

/** Least time between two progress reports of one pull, in ms (each becomes a status update in raft). */
export const pullProgressReportMs = 1000;

/** Longest line of the engine's pull progress kept while reading it, in bytes. */
export const pullProgressLineBytesMax = 64 * 1024;

/** How a pull is run. */
export interface PullOptions {
  /** The service's registry credentials (X-Registry-Auth), if any. */
  readonly registryAuth?: string;
  /** Ends the pull. */
  readonly signal: AbortSignal;
  /** Receives "pulling x: n/m layers", at most every {@link pullProgressReportMs}. */
  readonly progress?: (message: string) => void;
  /** The clock, for tests. */
  readonly nowMs?: () => number;
}

/** One message of the engine's pull progress. */
interface PullEvent {
  readonly status?: string;
  readonly id?: string;
  readonly error?: string;
  readonly errorDetail?: { readonly message?: string };
}

/** Counts the layers of a pull from its progress messages. */
export class LayerCount {
  private readonly layers = new Set<string>();
  private readonly done = new Set<string>();

  /** Takes one progress message. */
  add(event: PullEvent): void {
    const id = event.id ?? "";
    const status = event.status ?? "";
    // Messages about the tag or the digest carry the reference as id, not a layer's short id.
    if (!/^[a-f0-9]{12}$/.test(id)) return;
    this.layers.add(id);
    if (status === "Pull complete" || status === "Already exists") this.done.add(id);
  }

  /** "n/m layers". */
  toString(): string {
    return `${this.done.size}/${this.layers.size} layers`;
  }
}

/** The `fromImage` and `tag` of the engine's pull for `image`: by digest when it has one. */
export function pullTarget(image: string): { fromImage: string; tag?: string } {
  const reference = parseImageReference(image);
  if (reference?.digest !== undefined) {
    // "name:tag@digest" pulls "name@digest": the tag is for people, the digest is what runs.
    const named = reference.named;
    const colon = named.lastIndexOf(":");
    const name = colon > named.lastIndexOf("/") ? named.slice(0, colon) : named;
    return { fromImage: `${name}@${reference.digest}` };
  }
  if (reference?.tag !== undefined) {
    const named = reference.named;
    return { fromImage: named.slice(0, named.lastIndexOf(":")), tag: reference.tag };
  }
  return { fromImage: image, tag: "latest" };
}

/**
 * Pulls `image`; throws {@link ImageUnavailableError} with an actionable reason when the engine
 * cannot, the signal's reason when aborted.
 */
export async function pullImage(docker: Docker, image: string, options: PullOptions): Promise<void> {
  const { signal } = options;
  const auth = options.registryAuth ?? "";
  const withAuth = auth !== "" && auth.length <= registryAuthBytesMax;
  try {
    const stream = (await docker.createImage({
      ...pullTarget(image),
      abortSignal: signal,
      ...(withAuth ? { authconfig: { base64: auth } } : {}),
    })) as AsyncIterable<Buffer | string>;
    const layers = new LayerCount();
    const now = options.nowMs ?? ((): number => realClock.monotonicMs());
    let lastReportMs = -Infinity;
    for await (const event of pullEvents(stream)) {
      const message = event.errorDetail?.message ?? event.error;
      if (message !== undefined) throw new Error(message);
      layers.add(event);
      if (options.progress !== undefined && now() - lastReportMs >= pullProgressReportMs) {
        lastReportMs = now();
        options.progress(`pulling ${image}: ${String(layers)}`);
      }
    }
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new ImageUnavailableError(image, pullFailure(engineMessage(error), engineStatus(error), withAuth));
  }
}

/** The engine's reason for a failed pull, with what the operator can do about it. */
export function pullFailure(reason: string, status: number | undefined, withAuth: boolean): string {
  const text = reason.trim();
  if (/unauthorized|authentication required|no basic auth credentials|denied|forbidden/i.test(text))
    return withAuth
      ? `the registry refused the service's credentials (${text}): log in again (docker login) and update the service with --with-registry-auth`
      : `the registry asks for credentials and the service has none (${text}): log in (docker login) and create or update the service with --with-registry-auth`;
  if (/manifest unknown|not found|no such image/i.test(text) || status === 404)
    return `not found in its registry (${text}): check the image's name, tag and registry`;
  if (/invalid reference|repository name must|invalid/i.test(text) || status === 400)
    return `not a valid image reference (${text})`;
  return `the pull failed (${text}): check that the node reaches the registry`;
}

/** The engine's progress stream as messages, one JSON object a line. */
async function* pullEvents(stream: AsyncIterable<Buffer | string>): AsyncIterable<PullEvent> {
  let pending = "";
  for await (const chunk of stream) {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    if (pending.length > pullProgressLineBytesMax) throw new Error("the engine's pull progress has an overlong line");
    for (const line of lines) if (line.trim() !== "") yield JSON.parse(line) as PullEvent;
  }
  if (pending.trim() !== "") yield JSON.parse(pending) as PullEvent;
}
