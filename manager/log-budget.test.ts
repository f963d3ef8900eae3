// Goal: a rationed log writes each event's first lines of a window, counts the rest, and says how
// many it left out on the next line it writes; events are rationed apart and debug passes freely.
import test from "ava";
import { FakeClock, type LogLevel } from "../common/index.js";
import { budgetedLog } from "./log-budget.js";

function collect() {
  const lines: { level: LogLevel; event: string; fields: Record<string, unknown> }[] = [];
  return {
    lines,
    log: (level: LogLevel, event: string, fields: Record<string, unknown>) => lines.push({ level, event, fields }),
  };
}

test("budgeted log writes an event's ration per window and counts the rest", (t) => {
  const clock = new FakeClock(0);
  const { lines, log } = collect();
  const budgeted = budgetedLog(log, { clock, linesPerWindow: 3, windowMs: 1_000 });
  for (let i = 0; i < 100; i++) budgeted("warn", "dispatcher.session-expired", { i });
  t.deepEqual(
    lines.map((l) => l.fields["i"]),
    [0, 1, 2],
  );
  clock.ms = 1_000;
  budgeted("warn", "dispatcher.session-expired", { i: 100 });
  t.deepEqual(lines[3]?.fields, { i: 100, suppressed: 97 });
  budgeted("warn", "dispatcher.session-expired", { i: 101 });
  t.deepEqual(lines[4]?.fields, { i: 101 }, "the count is told once");
});

test("budgeted log rations events apart and lets debug lines through", (t) => {
  const clock = new FakeClock(0);
  const { lines, log } = collect();
  const budgeted = budgetedLog(log, { clock, linesPerWindow: 1, windowMs: 1_000 });
  budgeted("info", "a", {});
  budgeted("info", "a", {});
  budgeted("info", "b", {});
  for (let i = 0; i < 5; i++) budgeted("debug", "a", {});
  t.deepEqual(
    lines.map((l) => `${l.level} ${l.event}`),
    ["info a", "info b", "debug a", "debug a", "debug a", "debug a", "debug a"],
  );
});
