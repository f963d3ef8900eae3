// The two charts: tasks by state over time (stacked areas, drawn as SVG), and the resources each
// node has reserved against what it has. Each says in words what it shows, for those who do not
// see it.
import type { JSX } from "preact";
import { bytesText, cpusText, percentOf } from "../../shared/format.js";
import { type ChartPoint, type NodeView, taskPhases } from "../../shared/view-models.js";
import { nodeLabels } from "../node-labels.js";
import { Meter } from "./bits.js";

const width = 600;
const height = 160;
const pad = { left: 36, right: 8, top: 8, bottom: 20 };

/** Stacked areas of the tasks the managers want, by phase, over the sampled window. */
export function TasksChart({ points }: { points: readonly ChartPoint[] }): JSX.Element {
  const last = points.at(-1);
  const summary = last ? taskPhases.map((p) => `${last.counts[p]} ${p}`).join(", ") : "no samples yet";
  if (points.length < 2 || !last)
    return (
      <figure class="chart">
        <figcaption>Tasks by state: {summary}</figcaption>
        <p class="muted">The chart fills in as samples arrive (one every 2 seconds).</p>
      </figure>
    );
  const t0 = points[0]!.atMs;
  const span = Math.max(1, last.atMs - t0);
  const max = Math.max(1, ...points.map((p) => taskPhases.reduce((sum, phase) => sum + p.counts[phase], 0)));
  const x = (ms: number): number => pad.left + ((ms - t0) / span) * (width - pad.left - pad.right);
  const y = (n: number): number => height - pad.bottom - (n / max) * (height - pad.top - pad.bottom);
  const below = points.map(() => 0);
  const areas = taskPhases.map((phase) => {
    const top = points.map((p, i) => below[i]! + p.counts[phase]);
    const upper = points.map((p, i) => `${x(p.atMs).toFixed(1)},${y(top[i]!).toFixed(1)}`);
    const lower = points.map((p, i) => `${x(p.atMs).toFixed(1)},${y(below[i]!).toFixed(1)}`).reverse();
    top.forEach((v, i) => (below[i] = v));
    return <polygon key={phase} class={`area area-${phase}`} points={[...upper, ...lower].join(" ")} />;
  });
  const minutes = Math.round(span / 60_000);
  return (
    <figure class="chart">
      <figcaption>
        Tasks by state over the last {minutes >= 1 ? `${minutes} min` : `${Math.round(span / 1000)} s`}: {summary}
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Tasks by state: ${summary}`}
        data-testid="tasks-chart"
      >
        <line class="axis" x1={pad.left} y1={y(0)} x2={width - pad.right} y2={y(0)} />
        <line class="axis" x1={pad.left} y1={y(max)} x2={width - pad.right} y2={y(max)} />
        <text class="tick" x={pad.left - 4} y={y(max) + 4} text-anchor="end">
          {max}
        </text>
        <text class="tick" x={pad.left - 4} y={y(0) + 4} text-anchor="end">
          0
        </text>
        {areas}
      </svg>
      <ul class="legend">
        {taskPhases.map((phase) => (
          <li key={phase}>
            <span class={`swatch area-${phase}`} aria-hidden="true" />
            {phase} {last.counts[phase]}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** Nodes listed by the resources chart before "and N more". */
export const resourceNodesShownMax = 24;

/** Reserved against total CPU and memory of each node, the busiest first. */
export function ResourcesChart({ nodes }: { nodes: readonly NodeView[] }): JSX.Element {
  const sorted = [...nodes].sort(
    (a, b) =>
      percentOf(b.resources.reservedMemoryBytes, b.resources.memoryBytes) -
        percentOf(a.resources.reservedMemoryBytes, a.resources.memoryBytes) ||
      a.hostname.localeCompare(b.hostname, "en", { numeric: true }),
  );
  const shown = sorted.slice(0, resourceNodesShownMax);
  const labels = nodeLabels(nodes);
  return (
    <figure class="chart">
      <figcaption>Resources reserved by tasks, per node</figcaption>
      <table class="resources" data-testid="resources-chart">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">CPU reserved</th>
            <th scope="col">Memory reserved</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((n) => (
            <tr key={n.id}>
              <th scope="row">{labels.get(n.id)}</th>
              <td>
                <Meter
                  label={`CPU reserved on ${labels.get(n.id)}`}
                  used={n.resources.reservedNanoCpus}
                  total={n.resources.nanoCpus}
                  text={`${cpusText(n.resources.reservedNanoCpus)} of ${cpusText(n.resources.nanoCpus)}`}
                />
              </td>
              <td>
                <Meter
                  label={`Memory reserved on ${labels.get(n.id)}`}
                  used={n.resources.reservedMemoryBytes}
                  total={n.resources.memoryBytes}
                  text={`${bytesText(n.resources.reservedMemoryBytes)} of ${bytesText(n.resources.memoryBytes)}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > shown.length && <p class="muted">and {sorted.length - shown.length} more nodes</p>}
    </figure>
  );
}
