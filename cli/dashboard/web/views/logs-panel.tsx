// A service's logs, live: follow (keep streaming) or not, lines since a time, and a search that
// keeps the matching lines. The page keeps a bounded number of lines; the oldest go first.
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { clockText } from "../../shared/format.js";
import { apiPaths, type LogLine } from "../../shared/wire.js";
import { ErrorLine } from "../components/bits.js";

/** Lines the page keeps. */
export const pageLogLinesMax = 5_000;
/** Lines asked for from the end of each task's log. */
export const logTailDefault = 200;

const sinceChoices = [
  { value: "", label: "all kept" },
  { value: "1m", label: "last minute" },
  { value: "10m", label: "last 10 minutes" },
  { value: "1h", label: "last hour" },
];

/** The logs of one service. */
export function LogsPanel({ serviceId, serviceName }: { serviceId: string; serviceName: string }): JSX.Element {
  const [follow, setFollow] = useState(true);
  const [since, setSince] = useState("");
  const [search, setSearch] = useState("");
  const [lines, setLines] = useState<readonly LogLine[]>([]);
  const [state, setState] = useState<{ ended: boolean; error: string }>({ ended: false, error: "" });
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setLines([]);
    setState({ ended: false, error: "" });
    const query = new URLSearchParams({ service: serviceId, tail: String(logTailDefault), follow: follow ? "1" : "0" });
    if (since) query.set("since", since);
    const source = new EventSource(`${apiPaths.logs}?${query.toString()}`);
    source.addEventListener("lines", (e) => {
      const batch = JSON.parse((e as MessageEvent<string>).data) as LogLine[];
      setLines((old) => [...old, ...batch].slice(-pageLogLinesMax));
    });
    source.addEventListener("end", () => {
      source.close();
      setState({ ended: true, error: "" });
    });
    source.addEventListener("error", (e) => {
      // The server's own "error" event carries its line; a bare one means the connection was lost
      // (the browser would reconnect and repeat the tail, so the panel stops instead).
      const data = (e as MessageEvent<string | undefined>).data;
      source.close();
      setState({
        ended: true,
        error: data ? (JSON.parse(data) as { error: string }).error : "the log stream was lost; reopen it with Follow",
      });
    });
    return () => source.close();
  }, [serviceId, follow, since]);

  const shown = search ? lines.filter((l) => l.text.toLowerCase().includes(search.toLowerCase())) : lines;
  useEffect(() => {
    const el = box.current;
    if (el && follow) el.scrollTop = el.scrollHeight;
  }, [shown.length, follow]);

  return (
    <section class="logs" aria-labelledby="logs-title">
      <h2 id="logs-title">Logs</h2>
      <div class="logs-controls">
        <label class="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} />
          Follow
        </label>
        <label class="field-inline">
          Since
          <select value={since} onChange={(e) => setSince(e.currentTarget.value)}>
            {sinceChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label class="field-inline">
          Search
          <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        <span class="muted" aria-live="polite">
          {search ? `${shown.length} of ${lines.length} lines` : `${lines.length} lines`}
          {state.ended && !state.error ? " (complete)" : ""}
        </span>
      </div>
      {state.error && <ErrorLine text={state.error} />}
      <div class="log-box" ref={box} tabIndex={0} role="log" aria-label={`Logs of ${serviceName}`} data-testid="logs">
        {shown.length === 0 ? (
          <p class="muted">{state.ended ? "No lines." : "Waiting for lines…"}</p>
        ) : (
          shown.map((l, i) => (
            <div key={i} class={`log-line ${l.stream === "stderr" ? "log-stderr" : ""}`}>
              <span class="log-time">{clockText(l.atMs).slice(11)}</span>
              <span class="log-source">{l.source}</span>
              <span class="log-text">{l.text}</span>
            </div>
          ))
        )}
      </div>
    </section>
  );
}
