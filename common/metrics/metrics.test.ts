import test from "ava";
import { AssertionFailedError } from "../assert.js";
import { InvalidArgumentError } from "../errors.js";
import { MetricsRegistry, parseExposition } from "./index.js";

test("MetricsRegistry exposes counters, gauges and histograms in the 0.0.4 text format", (t) => {
  const registry = new MetricsRegistry();
  const proposals = registry.counter("swarm_raft_proposals_total", "Proposals made.");
  const byCode = registry.counter("swarm_calls_total", "Calls by code.", ["code"]);
  registry.gauge("swarm_store_objects", "Objects by kind.", {
    labelNames: ["kind"],
    collect: (set) => {
      set(3, { kind: "node" });
      set(1, { kind: "service" });
    },
  });
  const latency = registry.histogram("swarm_pass_seconds", "Pass duration.", [0.01, 0.1, 1]);
  registry.gauge("swarm_zero", "Unlabelled, never set.");
  registry.counter("swarm_none_total", "Labelled, never counted.", ["kind"]);
  proposals.inc();
  proposals.inc(2);
  byCode.incWith({ code: "OK" });
  byCode.incWith({ code: "UNAVAILABLE" }, 4);
  for (const v of [0.005, 0.05, 0.5, 5]) latency.observe(v);
  t.is(
    registry.expose(),
    [
      "# HELP swarm_raft_proposals_total Proposals made.",
      "# TYPE swarm_raft_proposals_total counter",
      "swarm_raft_proposals_total 3",
      "# HELP swarm_calls_total Calls by code.",
      "# TYPE swarm_calls_total counter",
      'swarm_calls_total{code="OK"} 1',
      'swarm_calls_total{code="UNAVAILABLE"} 4',
      "# HELP swarm_store_objects Objects by kind.",
      "# TYPE swarm_store_objects gauge",
      'swarm_store_objects{kind="node"} 3',
      'swarm_store_objects{kind="service"} 1',
      "# HELP swarm_pass_seconds Pass duration.",
      "# TYPE swarm_pass_seconds histogram",
      'swarm_pass_seconds_bucket{le="0.01"} 1',
      'swarm_pass_seconds_bucket{le="0.1"} 2',
      'swarm_pass_seconds_bucket{le="1"} 3',
      'swarm_pass_seconds_bucket{le="+Inf"} 4',
      "swarm_pass_seconds_sum 5.555",
      "swarm_pass_seconds_count 4",
      "# HELP swarm_zero Unlabelled, never set.",
      "# TYPE swarm_zero gauge",
      "swarm_zero 0",
      "# HELP swarm_none_total Labelled, never counted.",
      "# TYPE swarm_none_total counter",
      "",
    ].join("\n"),
  );
});

test("MetricsRegistry escapes help text and label values", (t) => {
  const registry = new MetricsRegistry();
  registry
    .gauge("swarm_x", "Back\\slash and\nnewline.", { labelNames: ["v"] })
    .set(Infinity, { v: 'a "quoted"\\path\nnext' });
  const text = registry.expose();
  t.is(
    text,
    [
      "# HELP swarm_x Back\\\\slash and\\nnewline.",
      "# TYPE swarm_x gauge",
      'swarm_x{v="a \\"quoted\\"\\\\path\\nnext"} +Inf',
      "",
    ].join("\n"),
  );
  t.deepEqual(parseExposition(text), [{ name: "swarm_x", labels: { v: 'a "quoted"\\path\nnext' }, value: Infinity }]);
});

test("MetricsRegistry refuses bad names, duplicate families, wrong labels and falling counters", (t) => {
  const registry = new MetricsRegistry();
  t.throws(() => registry.counter("swarm-bad", "x"), { instanceOf: AssertionFailedError });
  t.throws(() => registry.counter("swarm_l", "x", ["__reserved"]), { instanceOf: AssertionFailedError });
  const counter = registry.counter("swarm_c_total", "x", ["kind"]);
  t.throws(() => registry.counter("swarm_c_total", "x"), { instanceOf: AssertionFailedError });
  t.throws(() => counter.incWith({ other: "a" }), { instanceOf: AssertionFailedError });
  t.throws(() => counter.incWith({ kind: "a" }, -1), { instanceOf: AssertionFailedError });
  t.throws(() => registry.histogram("swarm_h", "x", [1, 1]), { instanceOf: AssertionFailedError });
});

test("a collected gauge drops series that no longer exist at the next scrape", (t) => {
  let states = ["RUNNING", "FAILED"];
  const registry = new MetricsRegistry();
  registry.gauge("swarm_tasks", "Tasks.", {
    labelNames: ["state"],
    collect: (set) => states.forEach((s) => set(1, { state: s })),
  });
  t.is(parseExposition(registry.expose()).length, 2);
  states = ["RUNNING"];
  t.deepEqual(parseExposition(registry.expose()), [{ name: "swarm_tasks", labels: { state: "RUNNING" }, value: 1 }]);
});

test("parseExposition names the line that does not parse", (t) => {
  const error = t.throws(() => parseExposition("# TYPE a counter\na 1\nnot a sample line\n"), {
    instanceOf: InvalidArgumentError,
  });
  t.regex(error.message, /line 3/);
});
