// One service: its row's facts and actions, its tasks with their state history and errors, its
// live logs, and its spec as `swarmctl service inspect` prints it.
import type { JSX } from "preact";
import type { ServiceDetail, TaskView } from "../../shared/view-models.js";
import { Ago, Labels, StateBadge } from "../components/bits.js";
import { useNow } from "../hooks.js";
import { hrefOf } from "../route.js";
import { LogsPanel } from "./logs-panel.js";
import { Replicas, ServiceActions, UpdateCell } from "./services-view.js";

/** The service view; `detail` null while loading. */
export function ServiceView(props: {
  id: string;
  detail: { readonly service: ServiceDetail | null; readonly tasks: ReadonlyMap<string, TaskView> } | null;
}): JSX.Element {
  const now = useNow();
  const { detail } = props;
  if (!detail) return <p class="loading">Loading the service…</p>;
  if (!detail.service)
    return (
      <section aria-labelledby="view-title">
        <h1 id="view-title">No such service</h1>
        <p>
          There is no service {props.id} (any more). <a href={hrefOf("services")}>Back to the services</a>
        </p>
      </section>
    );
  const { service: s, spec } = detail.service;
  const tasks = [...detail.tasks.values()].sort(
    (a, b) =>
      (a.slot || Number.MAX_SAFE_INTEGER) - (b.slot || Number.MAX_SAFE_INTEGER) ||
      a.group.localeCompare(b.group) ||
      Number(b.current) - Number(a.current) ||
      b.createdMs - a.createdMs,
  );
  return (
    <section aria-labelledby="view-title" data-testid="service-view">
      <p class="crumbs">
        <a href={hrefOf("services")}>Services</a> /
      </p>
      <div class="view-head">
        <h1 id="view-title">{s.name}</h1>
        <ServiceActions service={s} />
      </div>
      <dl class="facts">
        <div>
          <dt>Mode</dt>
          <dd>{s.mode}</dd>
        </div>
        <div>
          <dt>Replicas</dt>
          <dd>
            <Replicas service={s} />
          </dd>
        </div>
        <div>
          <dt>Image</dt>
          <dd class="mono">{s.image}</dd>
        </div>
        <div>
          <dt>Ports</dt>
          <dd class="mono">{s.ports.join(", ") || "–"}</dd>
        </div>
        <div>
          <dt>Networks</dt>
          <dd data-testid="service-networks">
            {s.networks.length ? (
              <ul class="inline-list">
                {s.networks.map((n) => (
                  <li key={n.networkId}>
                    <a href={hrefOf("networks")}>{n.network}</a>
                    {n.addr && <span class="mono muted"> VIP {n.addr}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              "–"
            )}
          </dd>
        </div>
        <div>
          <dt>Update</dt>
          <dd>
            <UpdateCell service={s} />
          </dd>
        </div>
        <div>
          <dt>Stack</dt>
          <dd>{s.stack || "–"}</dd>
        </div>
        <div>
          <dt>Labels</dt>
          <dd>
            <Labels labels={s.labels} />
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <Ago ms={s.createdMs} now={now} />
          </dd>
        </div>
        <div>
          <dt>ID</dt>
          <dd class="mono">{s.id}</dd>
        </div>
      </dl>
      {s.pending.length > 0 && (
        <div class="notice" role="status">
          <h2>Tasks waiting for a node</h2>
          <ul>
            {s.pending.map((p) => (
              <li key={p.reason}>
                {p.count} × {p.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h2>Tasks</h2>
      <div class="table-wrap">
        <table class="list" data-testid="tasks">
          <caption class="visually-hidden">Tasks of {s.name}, the newest of each slot first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Desired</th>
              <th scope="col">Node</th>
              <th scope="col" class="wide">
                Addresses
              </th>
              <th scope="col">Since</th>
              <th scope="col">Error</th>
              <th scope="col" class="wide">
                History
              </th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((t) => (
              <tr key={t.id} class={t.current ? "" : "task-old"} data-task={t.id}>
                <th scope="row" class="mono">
                  {t.current ? t.name : `\\_ ${t.name}`}
                </th>
                <td>
                  <StateBadge state={t.state} />
                  {t.message && t.state !== "running" && <span class="task-message">{t.message}</span>}
                </td>
                <td>{t.desired}</td>
                <td>{t.nodeName || <span class="muted">–</span>}</td>
                <td class="wide mono">
                  {t.addresses.length ? (
                    t.addresses.map((a) => (
                      <span key={`${a.networkId} ${a.addr}`} class="block" title={a.network}>
                        {a.addr} <span class="muted">{a.network}</span>
                      </span>
                    ))
                  ) : (
                    <span class="muted">–</span>
                  )}
                </td>
                <td>
                  <Ago ms={t.sinceMs} now={now} />
                </td>
                <td>
                  {t.error ? <span class="error-text">{t.error}</span> : <span class="muted">–</span>}
                  {t.exitCode !== null && t.exitCode !== 0 && <span class="muted"> (exit {t.exitCode})</span>}
                </td>
                <td class="wide">
                  <ol class="history" aria-label={`states of ${t.name}`}>
                    {t.history.map((h, i) => (
                      <li key={i} title={h.atMs ? new Date(h.atMs).toISOString() : ""}>
                        {h.state}
                      </li>
                    ))}
                  </ol>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LogsPanel serviceId={s.id} serviceName={s.name} />
      <details class="spec">
        <summary>Spec</summary>
        <pre data-testid="spec">
          <code>{JSON.stringify(spec, null, 2)}</code>
        </pre>
      </details>
    </section>
  );
}
