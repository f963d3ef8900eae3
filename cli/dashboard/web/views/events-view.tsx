// The events feed: every change to the store as it happens, newest first, filtered by kind, and
// held still while the operator reads (new events wait in a counter until resumed).
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { clockText } from "../../shared/format.js";
import type { EventView } from "../../shared/view-models.js";
import { StateBadge } from "../components/bits.js";

const kinds = ["all", "service", "task", "node", "secret", "config", "network", "cluster"];

/** The events view. */
export function EventsView({ events }: { events: readonly EventView[] }): JSX.Element {
  const [kind, setKind] = useState("all");
  const [heldAt, setHeldAt] = useState<number | null>(null);
  const visible = events.filter((e) => (kind === "all" || e.kind === kind) && (heldAt === null || e.seq <= heldAt));
  const waiting = heldAt === null ? 0 : events.filter((e) => e.seq > heldAt).length;
  return (
    <section aria-labelledby="view-title">
      <div class="view-head">
        <h1 id="view-title">Events</h1>
        <div class="actions">
          <label class="field-inline">
            Kind
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            class="button"
            aria-pressed={heldAt !== null}
            onClick={() => setHeldAt(heldAt === null ? (events.at(-1)?.seq ?? 0) : null)}
          >
            {heldAt === null ? "Pause" : `Resume (${waiting} new)`}
          </button>
        </div>
      </div>
      {visible.length === 0 ? (
        <p class="empty">No events yet: changes appear here as they are committed.</p>
      ) : (
        <div class="table-wrap">
          <table class="list" data-testid="events">
            <caption class="visually-hidden">Events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time (UTC)</th>
                <th scope="col">Kind</th>
                <th scope="col">Action</th>
                <th scope="col">Name</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {[...visible].reverse().map((e) => (
                <tr key={e.seq}>
                  <td class="mono">{clockText(e.atMs).slice(11)}</td>
                  <td>{e.kind}</td>
                  <td>
                    <StateBadge state={e.action} />
                  </td>
                  <td>{e.name || <span class="mono">{e.id.slice(0, 12)}</span>}</td>
                  <td>{e.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
