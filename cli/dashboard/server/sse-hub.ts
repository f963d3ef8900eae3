// The pages' live streams (server-sent events): each page opens one, for the service it shows if
// any, and receives a snapshot, then every delta of the shared feed, then link changes. A page
// that stops reading is dropped once its unsent bytes pass a bound (it reconnects and gets a fresh
// snapshot), so one stuck tab cannot hold the server's memory.
import type { ServerResponse } from "node:http";
import type { Flush } from "../model/index.js";
import type { LinkStatus, SnapshotMessage, StreamMessage } from "../shared/wire.js";
import type { FeedListener } from "./cluster-feed.js";

/** Unsent bytes a page may have before it is dropped. */
export const streamBufferBytesMax = 8 * 1024 * 1024;
/** Pages streaming at once. */
export const streamsMax = 64;
/** Period of the keep-alive comment (proxies and browsers close silent streams). */
export const keepAliveMs = 15_000;

/** One page's stream. */
interface Stream {
  readonly res: ServerResponse;
  /** The service the page shows, or null. */
  readonly serviceId: string | null;
}

/** Writes the SSE head on a response. */
export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  res.write("retry: 1000\n\n");
}

/** One event as the stream carries it. */
export function eventFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Writes one event frame; false when the page fell too far behind (the caller ends its stream). */
export function writeFrame(res: ServerResponse, frame: string): boolean {
  if (res.writableLength > streamBufferBytesMax) return false;
  res.write(frame);
  return true;
}

/** Every page's stream. */
export class SseHub implements FeedListener {
  private readonly streams = new Set<Stream>();
  private readonly keepAlive: NodeJS.Timeout;

  constructor() {
    this.keepAlive = setInterval(() => {
      for (const s of this.streams) s.res.write(": keep-alive\n\n");
    }, keepAliveMs);
    this.keepAlive.unref();
  }

  /** Pages streaming now. */
  get size(): number {
    return this.streams.size;
  }

  /** Whether another page may stream. */
  get full(): boolean {
    return this.streams.size >= streamsMax;
  }

  /** Adds a page: its snapshot is sent at once; it leaves when its connection closes. */
  add(res: ServerResponse, serviceId: string | null, snapshot: (serviceId: string | null) => SnapshotMessage): void {
    const stream: Stream = { res, serviceId };
    startEventStream(res);
    this.streams.add(stream);
    res.on("close", () => this.streams.delete(stream));
    this.send(stream, snapshot(serviceId));
  }

  /** The services pages show. */
  watched(): ReadonlySet<string> {
    const ids = new Set<string>();
    for (const s of this.streams) if (s.serviceId) ids.add(s.serviceId);
    return ids;
  }

  /** Sends a flush to every page (with the changes of the service each shows). */
  onFlush(flush: Flush): void {
    // Most pages get the same delta: it is serialised once.
    const shared = flush.delta ? eventFrame("delta", flush.delta) : null;
    for (const s of this.streams) {
      const detail = s.serviceId ? flush.details.get(s.serviceId) : undefined;
      if (detail) this.send(s, { ...(flush.delta ?? { type: "delta", version: 0 }), detail });
      else if (shared) this.write(s, shared);
    }
  }

  /** Tells every page the link changed. */
  onLink(link: LinkStatus): void {
    for (const s of this.streams) this.send(s, { type: "link", link });
  }

  /** Ends every stream. */
  close(): void {
    clearInterval(this.keepAlive);
    for (const s of this.streams) s.res.end();
    this.streams.clear();
  }

  private send(stream: Stream, message: StreamMessage): void {
    this.write(stream, eventFrame(message.type, message));
  }

  private write(stream: Stream, frame: string): void {
    if (writeFrame(stream.res, frame)) return;
    this.streams.delete(stream);
    stream.res.destroy();
  }
}
