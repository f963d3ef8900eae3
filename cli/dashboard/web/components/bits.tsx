// Small pieces every view uses: state badges, relative times, labels, resource meters.
import type { JSX } from "preact";
import { agoText, clockText, percentOf } from "../../shared/format.js";

const tones: Record<string, string> = {
  running: "ok",
  ready: "ok",
  active: "ok",
  reachable: "ok",
  complete: "ok",
  completed: "ok",
  "rollback completed": "ok",
  leader: "ok",
  failed: "bad",
  rejected: "bad",
  down: "bad",
  unreachable: "bad",
  drain: "bad",
  orphaned: "bad",
  paused: "bad",
  "rollback paused": "bad",
  shutdown: "muted",
  remove: "muted",
  unknown: "muted",
  create: "ok",
  update: "info",
  updating: "info",
  "rollback started": "info",
};

/** A state word in a colour that matches its meaning (the word itself carries it too). */
export function StateBadge({ state }: { state: string }): JSX.Element {
  return <span class={`badge badge-${tones[state] ?? "warn"}`}>{state}</span>;
}

/** "5 seconds ago", with the exact time on hover and for assistive technology. */
export function Ago({ ms, now }: { ms: number; now: number }): JSX.Element {
  if (!ms) return <span class="muted">–</span>;
  return (
    <time dateTime={new Date(ms).toISOString()} title={`${clockText(ms)} UTC`}>
      {agoText(ms, now)}
    </time>
  );
}

/** Labels as key=value chips. */
export function Labels({ labels }: { labels: Readonly<Record<string, string>> }): JSX.Element {
  const entries = Object.entries(labels);
  if (!entries.length) return <span class="muted">–</span>;
  return (
    <ul class="chips" aria-label="labels">
      {entries.map(([k, v]) => (
        <li key={k} class="chip">
          {v === "" ? k : `${k}=${v}`}
        </li>
      ))}
    </ul>
  );
}

/** A bar showing `used` of `total`, with the numbers written out. */
export function Meter({
  label,
  used,
  total,
  text,
}: {
  label: string;
  used: number;
  total: number;
  text: string;
}): JSX.Element {
  const pct = Math.min(100, percentOf(used, total));
  return (
    <div class="meter-cell">
      <div
        class={`meter ${pct >= 90 ? "meter-high" : ""}`}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={text}
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      <span class="meter-text">{text}</span>
    </div>
  );
}

/** One line of error, as swarmctl prints it. */
export function ErrorLine({ text }: { text: string }): JSX.Element {
  return (
    <p class="error-line" role="alert">
      Error: {text}
    </p>
  );
}
