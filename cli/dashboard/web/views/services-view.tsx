// The services list: mode, replicas running/desired, image, published ports, the progress of an
// update or rollback, why tasks wait, and the actions on each service.
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { ServiceView } from "../../shared/view-models.js";
import { useActions } from "../components/action-dialog.js";
import { StateBadge } from "../components/bits.js";
import { hrefOf } from "../route.js";

/** The performance mark set when the services list first shows services. */
export const servicesShownMark = "swarm:services-shown";

/** Filters rows by a case-insensitive substring of the fields given. */
export function matches(filter: string, ...fields: string[]): boolean {
  const f = filter.trim().toLowerCase();
  return f === "" || fields.some((x) => x.toLowerCase().includes(f));
}

/** A filter box above a list. */
export function FilterBox({
  label,
  value,
  onInput,
}: {
  label: string;
  value: string;
  onInput: (v: string) => void;
}): JSX.Element {
  return (
    <label class="filter">
      <span>{label}</span>
      <input type="search" value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </label>
  );
}

/** The REPLICAS cell: a bar and "2/3". */
export function Replicas({ service }: { service: ServiceView }): JSX.Element {
  const { running, desired, text } = service.replicas;
  const pct = desired ? Math.min(100, Math.round((100 * running) / desired)) : running ? 100 : 0;
  return (
    <span class={`replicas ${running < desired ? "replicas-short" : ""}`}>
      <span class="replicas-bar" aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </span>
      <span data-testid="replicas">{text}</span>
    </span>
  );
}

/** The UPDATE cell: state, and tasks done of the total while it runs. */
export function UpdateCell({ service }: { service: ServiceView }): JSX.Element {
  const u = service.update;
  if (!u) return <span class="muted">–</span>;
  const running = u.state === "updating" || u.state === "rollback started";
  return (
    <span class="update-cell" title={u.message}>
      <StateBadge state={u.state} />
      {running && (
        <span class="update-progress">
          {" "}
          {u.done}/{u.total}
        </span>
      )}
      {u.message && <span class="update-message">{u.message}</span>}
    </span>
  );
}

/** The action buttons of a service. */
export function ServiceActions({ service }: { service: ServiceView }): JSX.Element {
  const { ask } = useActions();
  const replicated = service.mode === "replicated" || service.mode === "replicated job";
  return (
    <div class="actions" role="group" aria-label={`Actions on ${service.name}`}>
      {replicated && (
        <button type="button" class="button button-small" onClick={() => ask({ kind: "scale", service })}>
          Scale<span class="visually-hidden"> {service.name}</span>
        </button>
      )}
      <button type="button" class="button button-small" onClick={() => ask({ kind: "update-image", service })}>
        Update image<span class="visually-hidden"> of {service.name}</span>
      </button>
      <button
        type="button"
        class="button button-small"
        disabled={!service.canRollBack}
        title={service.canRollBack ? undefined : "no previous spec to roll back to"}
        onClick={() => ask({ kind: "rollback", service })}
      >
        Roll back<span class="visually-hidden"> {service.name}</span>
      </button>
      <button type="button" class="button button-small" onClick={() => ask({ kind: "force-update", service })}>
        Force update<span class="visually-hidden"> of {service.name}</span>
      </button>
      <button
        type="button"
        class="button button-small button-danger"
        onClick={() => ask({ kind: "remove-service", service })}
      >
        Remove<span class="visually-hidden"> {service.name}</span>
      </button>
    </div>
  );
}

/** The services list. */
export function ServicesView({ services }: { services: ReadonlyMap<string, ServiceView> }): JSX.Element {
  const [filter, setFilter] = useState("");
  useEffect(() => {
    // The page's own measure of its first load (read by the benchmark, and by any RUM tool).
    if (services.size > 0 && performance.getEntriesByName(servicesShownMark).length === 0)
      performance.mark(servicesShownMark);
  }, [services.size]);
  const rows = [...services.values()]
    .filter((s) => matches(filter, s.name, s.image, s.stack))
    .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
  return (
    <section aria-labelledby="view-title">
      <div class="view-head">
        <h1 id="view-title">Services</h1>
        <FilterBox label="Filter services" value={filter} onInput={setFilter} />
      </div>
      {services.size === 0 ? (
        <p class="empty">
          No services yet. Create one with <code>swarmctl service create</code>.
        </p>
      ) : (
        <div class="table-wrap">
          <table class="list" data-testid="services">
            <caption class="visually-hidden">Services, {rows.length} shown</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Mode</th>
                <th scope="col">Replicas</th>
                <th scope="col">Image</th>
                <th scope="col" class="wide">
                  Ports
                </th>
                <th scope="col">Update</th>
                <th scope="col" class="wide">
                  Waiting because
                </th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} data-service={s.name}>
                  <th scope="row">
                    <a href={hrefOf("service", s.id)}>{s.name}</a>
                    {s.stack && <span class="stack-tag">{s.stack}</span>}
                  </th>
                  <td>{s.mode}</td>
                  <td>
                    <Replicas service={s} />
                  </td>
                  <td class="mono">{s.image}</td>
                  <td class="wide mono">{s.ports.join(", ") || "–"}</td>
                  <td>
                    <UpdateCell service={s} />
                  </td>
                  <td class="wide">
                    {s.pending.length ? (
                      <ul class="reasons">
                        {s.pending.map((p) => (
                          <li key={p.reason}>
                            {p.count} × {p.reason}
                          </li>
                        ))}
                      </ul>
                    ) : s.lastError ? (
                      <span class="error-text">{s.lastError}</span>
                    ) : (
                      <span class="muted">–</span>
                    )}
                  </td>
                  <td>
                    <ServiceActions service={s} />
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
