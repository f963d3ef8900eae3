// Secrets and configs: names and metadata, the services that use them. Their data never reaches
// the page (the server does not hold it either).
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { DataView as Data } from "../../shared/view-models.js";
import { Ago, Labels } from "../components/bits.js";
import { useNow } from "../hooks.js";
import { FilterBox, matches } from "./services-view.js";

/** The secrets or configs view. */
export function DataView({
  kind,
  items,
}: {
  kind: "secret" | "config";
  items: ReadonlyMap<string, Data>;
}): JSX.Element {
  const now = useNow();
  const [filter, setFilter] = useState("");
  const title = kind === "secret" ? "Secrets" : "Configs";
  const rows = [...items.values()]
    .filter((d) => matches(filter, d.name, d.id))
    .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section aria-labelledby="view-title">
      <div class="view-head">
        <h1 id="view-title">{title}</h1>
        <FilterBox label={`Filter ${kind}s`} value={filter} onInput={setFilter} />
      </div>
      {kind === "secret" && <p class="muted">Names and metadata only: a secret's data never leaves the managers.</p>}
      {items.size === 0 ? (
        <p class="empty">
          No {kind}s. Create one with <code>swarmctl {kind} create</code>.
        </p>
      ) : (
        <div class="table-wrap">
          <table class="list" data-testid={`${kind}s`}>
            <caption class="visually-hidden">
              {title}, {rows.length} shown
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" class="wide">
                  ID
                </th>
                <th scope="col">Used by</th>
                <th scope="col" class="wide">
                  Labels
                </th>
                <th scope="col">Created</th>
                <th scope="col" class="wide">
                  Updated
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.name}</th>
                  <td class="wide mono">{d.id.slice(0, 12)}</td>
                  <td>{d.usedBy.length ? d.usedBy.join(", ") : <span class="muted">–</span>}</td>
                  <td class="wide">
                    <Labels labels={d.labels} />
                  </td>
                  <td>
                    <Ago ms={d.createdMs} now={now} />
                  </td>
                  <td class="wide">
                    <Ago ms={d.updatedMs} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
