// `GET /events`: Docker's event stream, one JSON object per line, flushed as each event happens.
// `since` replays the recent events the hub still holds; `until` in the past replays and ends,
// in the future streams until then. A client that stops reading is disconnected once
// `eventBytesBufferedMax` are waiting for it, so no client makes the manager buffer without bound.
import { type Cancel, realClock } from "../../common/index.js";
import { eventFilterKeys, eventJson, eventMatches } from "../convert/events.js";
import { parseFilters } from "../convert/filters.js";
import { parseUnixTime } from "../convert/json-time.js";
import type { EventRecord } from "../events/event-hub.js";
import { HttpError } from "../http-error.js";
import { jsonContentType } from "../http/respond.js";
import { route, type Route } from "./route.js";

/** Bytes of events that may wait for a slow client before it is disconnected. */
export const eventBytesBufferedMax = 1024 * 1024;

/** A `since`/`until` value as nanoseconds since the epoch; null when absent. */
function timeParam(query: URLSearchParams, name: string): bigint | null {
  const text = query.get(name) ?? "";
  if (text === "") return null;
  const time = parseUnixTime(text);
  if (!time) throw new HttpError(400, `invalid ${name} value "${text}"`);
  return BigInt(time.seconds) * 1_000_000_000n + BigInt(time.nanos);
}

/** Now as nanoseconds since the epoch. */
function nowNs(): bigint {
  return BigInt(realClock.now()) * 1_000_000n;
}

/** The events route. */
export const eventRoutes: readonly Route[] = [
  route("GET", /^\/events$/, false, async (context, { events }) => {
    const filters = parseFilters(context.query.get("filters"), eventFilterKeys);
    const since = timeParam(context.query, "since");
    const until = timeParam(context.query, "until");
    const startNs = nowNs();
    if (since !== null && until !== null && until < since) throw new HttpError(400, "`since` must be before `until`");
    const { response } = context;
    const send = (record: EventRecord): void => {
      if (until !== null && record.event.timeNano > until) return;
      if (!eventMatches(filters, record.event, record.labels)) return;
      response.write(`${eventJson(record.event)}\n`);
      if (response.writableLength > eventBytesBufferedMax) response.destroy();
    };
    // History and subscription are taken in one turn, so no event falls between them.
    const replay =
      since === null ? [] : events.recent(since, until ?? BigInt(Number.MAX_SAFE_INTEGER) * 1_000_000_000n);
    const unsubscribe = until !== null && until <= startNs ? () => undefined : events.subscribe(send);
    if (!unsubscribe) throw new HttpError(503, "too many clients are following events");
    response.writeHead(200, { "Content-Type": jsonContentType });
    response.flushHeaders();
    for (const record of replay) send(record);
    if (until !== null && until <= startNs) {
      response.end();
      return "streamed";
    }
    let cancel: Cancel = () => undefined;
    await new Promise<void>((resolve) => {
      if (until !== null) cancel = realClock.after(Number((until - nowNs()) / 1_000_000n), resolve);
      context.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    cancel();
    unsubscribe();
    response.end();
    return "streamed";
  }),
];
