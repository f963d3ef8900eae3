// The nodes: state, availability, role and manager status, labels, the resources their tasks
// reserve against what they have, the tasks on them, and the actions on each node.
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { bytesText, cpusText } from "../../shared/format.js";
import type { NodeView } from "../../shared/view-models.js";
import { useActions } from "../components/action-dialog.js";
import { Labels, Meter, StateBadge } from "../components/bits.js";
import { hrefOf } from "../route.js";
import { FilterBox, matches } from "./services-view.js";

/** The action buttons of a node: the availabilities it is not in, and promote or demote. */
function NodeActions({ node }: { node: NodeView }) {
  const { ask } = useActions();
  const labels = { active: "Activate", pause: "Pause", drain: "Drain" } as const;
  return (
    <div class="actions" role="group" aria-label={`Actions on ${node.hostname}`}>
      {(["drain", "pause", "active"] as const)
        .filter((a) => a !== node.availability)
        .map((availability) => (
          <button
            key={availability}
            type="button"
            class={`button button-small ${availability === "drain" ? "button-danger" : ""}`}
            onClick={() => ask({ kind: "availability", node, availability })}
          >
            {labels[availability]}
            <span class="visually-hidden"> {node.hostname}</span>
          </button>
        ))}
      {node.role === "worker" ? (
        <button type="button" class="button button-small" onClick={() => ask({ kind: "promote", node })}>
          Promote<span class="visually-hidden"> {node.hostname}</span>
        </button>
      ) : (
        <button type="button" class="button button-small" onClick={() => ask({ kind: "demote", node })}>
          Demote<span class="visually-hidden"> {node.hostname}</span>
        </button>
      )}
    </div>
  );
}

/** The manager status cell, as `swarmctl node ls` writes it. */
function ManagerCell({ node }: { node: NodeView }) {
  if (!node.manager) return <span class="muted">–</span>;
  return <StateBadge state={node.manager.leader ? "leader" : node.manager.reachability} />;
}

/** The nodes list. */
export function NodesView({ nodes }: { nodes: ReadonlyMap<string, NodeView> }): JSX.Element {
  const [filter, setFilter] = useState("");
  const rows = [...nodes.values()]
    .filter((n) => matches(filter, n.hostname, n.id, n.role, ...Object.entries(n.labels).map(([k, v]) => `${k}=${v}`)))
    .sort(
      (a, b) =>
        Number(b.role === "manager") - Number(a.role === "manager") ||
        a.hostname.localeCompare(b.hostname, "en", { numeric: true }),
    );
  return (
    <section aria-labelledby="view-title">
      <div class="view-head">
        <h1 id="view-title">Nodes</h1>
        <FilterBox label="Filter nodes" value={filter} onInput={setFilter} />
      </div>
      <div class="table-wrap">
        <table class="list" data-testid="nodes">
          <caption class="visually-hidden">Nodes, {rows.length} shown</caption>
          <thead>
            <tr>
              <th scope="col">Hostname</th>
              <th scope="col">State</th>
              <th scope="col">Availability</th>
              <th scope="col">Role</th>
              <th scope="col">Manager</th>
              <th scope="col" class="wide">
                Labels
              </th>
              <th scope="col" class="wide">
                CPU reserved
              </th>
              <th scope="col" class="wide">
                Memory reserved
              </th>
              <th scope="col">Tasks</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => (
              <tr key={n.id} data-node-id={n.id}>
                <th scope="row">
                  {n.hostname}
                  <span class="sub mono">{n.id.slice(0, 12)}</span>
                  <span class="sub">
                    {n.addr} {n.engine && `· ${n.engine}`} {n.platform && `· ${n.platform}`}
                  </span>
                </th>
                <td>
                  <StateBadge state={n.state} />
                  {n.message && n.state !== "ready" && <span class="task-message">{n.message}</span>}
                </td>
                <td data-testid="availability">
                  <StateBadge state={n.availability} />
                </td>
                <td>{n.role}</td>
                <td>
                  <ManagerCell node={n} />
                </td>
                <td class="wide">
                  <Labels labels={n.labels} />
                </td>
                <td class="wide">
                  <Meter
                    label={`CPU reserved on ${n.hostname}`}
                    used={n.resources.reservedNanoCpus}
                    total={n.resources.nanoCpus}
                    text={`${cpusText(n.resources.reservedNanoCpus)} of ${cpusText(n.resources.nanoCpus)}`}
                  />
                </td>
                <td class="wide">
                  <Meter
                    label={`Memory reserved on ${n.hostname}`}
                    used={n.resources.reservedMemoryBytes}
                    total={n.resources.memoryBytes}
                    text={`${bytesText(n.resources.reservedMemoryBytes)} of ${bytesText(n.resources.memoryBytes)}`}
                  />
                </td>
                <td>
                  {n.tasks.total === 0 ? (
                    <span class="muted">none</span>
                  ) : (
                    <details class="node-tasks">
                      <summary>
                        {n.tasks.running}/{n.tasks.total} running
                      </summary>
                      <ul>
                        {n.tasks.shown.map((t) => (
                          <li key={t.id}>
                            <a href={hrefOf("service", t.serviceId)}>{t.name}</a> <StateBadge state={t.state} />
                          </li>
                        ))}
                        {n.tasks.total > n.tasks.shown.length && (
                          <li class="muted">and {n.tasks.total - n.tasks.shown.length} more</li>
                        )}
                      </ul>
                    </details>
                  )}
                </td>
                <td>
                  <NodeActions node={n} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
