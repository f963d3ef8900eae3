// The cluster: its managers and the leader, raft health, counts, a few settings, the join
// commands (whose tokens stay on the server until asked for), and the two charts.
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { ChartPoint, ClusterView as Cluster, NodeView } from "../../shared/view-models.js";
import { ApiError, fetchJoinCommand } from "../api.js";
import { Ago, ErrorLine, StateBadge } from "../components/bits.js";
import { ResourcesChart, TasksChart } from "../components/charts.js";
import { useNow } from "../hooks.js";

/** One role's join command: hidden until asked for, then shown with a copy button. */
function JoinCommand({ role }: { role: "worker" | "manager" }) {
  const [command, setCommand] = useState<string | null>(null);
  const [error, setError] = useState("");
  const [copied, setCopied] = useState(false);
  const show = async (): Promise<void> => {
    try {
      setError("");
      setCommand(await fetchJoinCommand(role));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const copy = async (): Promise<void> => {
    if (!command) return;
    await navigator.clipboard?.writeText(command).catch(() => undefined);
    setCopied(true);
  };
  return (
    <div class="join" data-testid={`join-${role}`}>
      <h3>Add a {role}</h3>
      {command === null ? (
        <button type="button" class="button" onClick={() => void show()}>
          Show the {role} join command
        </button>
      ) : (
        <>
          <pre class="command">
            <code>{command}</code>
          </pre>
          <div class="actions">
            <button type="button" class="button button-small" onClick={() => void copy()}>
              {copied ? "Copied" : "Copy"}
            </button>
            <button
              type="button"
              class="button button-small"
              onClick={() => {
                setCommand(null);
                setCopied(false);
              }}
            >
              Hide
            </button>
          </div>
        </>
      )}
      {error && <ErrorLine text={error} />}
    </div>
  );
}

/** The cluster view. */
export function ClusterView(props: {
  cluster: Cluster | null;
  nodes: ReadonlyMap<string, NodeView>;
  chart: readonly ChartPoint[];
}): JSX.Element {
  const now = useNow();
  const { cluster } = props;
  if (!cluster) return <p class="loading">Waiting for the cluster object…</p>;
  const raft = cluster.raft;
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title">Cluster</h1>
      <ul class="cards">
        <li class={`card ${raft.healthy ? "" : "card-bad"}`} data-testid="raft-health">
          <span class="card-label">Raft</span>
          <span class="card-value">{raft.healthy ? "healthy" : "no quorum"}</span>
          <span class="card-sub">
            {raft.reachable} of {raft.managers} managers reachable; quorum {raft.quorum}; tolerates{" "}
            {Math.max(0, raft.faultTolerance)} failure{raft.faultTolerance === 1 ? "" : "s"}
          </span>
        </li>
        <li class="card">
          <span class="card-label">Leader</span>
          <span class="card-value" data-testid="leader">
            {cluster.leader ? cluster.leader.hostname : "none"}
          </span>
          <span class="card-sub mono">{cluster.leader?.addr ?? "electing…"}</span>
        </li>
        <li class="card">
          <span class="card-label">Nodes</span>
          <span class="card-value">
            {cluster.counts.readyNodes}/{cluster.counts.nodes}
          </span>
          <span class="card-sub">ready</span>
        </li>
        <li class="card">
          <span class="card-label">Tasks</span>
          <span class="card-value">
            {cluster.counts.runningTasks}/{cluster.counts.tasks}
          </span>
          <span class="card-sub">running, in {cluster.counts.services} services</span>
        </li>
      </ul>
      <h2>Managers</h2>
      <div class="table-wrap">
        <table class="list" data-testid="managers">
          <thead>
            <tr>
              <th scope="col">Hostname</th>
              <th scope="col">Status</th>
              <th scope="col">Node state</th>
              <th scope="col">Raft address</th>
              <th scope="col" class="wide">
                Raft id
              </th>
            </tr>
          </thead>
          <tbody>
            {cluster.managers.map((m) => (
              <tr key={m.nodeId}>
                <th scope="row">{m.hostname}</th>
                <td>
                  <StateBadge state={m.leader ? "leader" : m.reachability} />
                </td>
                <td>
                  <StateBadge state={m.state} />
                </td>
                <td class="mono">{m.addr}</td>
                <td class="wide mono">{m.raftId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="two-columns">
        <TasksChart points={props.chart} />
        <ResourcesChart nodes={[...props.nodes.values()]} />
      </div>
      <h2>Join the cluster</h2>
      <p>
        A join command holds the cluster's join token: anyone with it can add a node. It stays hidden until you ask for
        it.
      </p>
      <div class="two-columns">
        <JoinCommand role="worker" />
        <JoinCommand role="manager" />
      </div>
      <h2>Settings</h2>
      <dl class="facts">
        <div>
          <dt>Cluster ID</dt>
          <dd class="mono">{cluster.id}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <Ago ms={cluster.createdMs} now={now} />
          </dd>
        </div>
        {cluster.settings.map((s) => (
          <div key={s.name}>
            <dt>{s.name}</dt>
            <dd>{s.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
