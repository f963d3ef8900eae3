import test from "ava";
import { AssertionFailedError, type LogLevel, SwarmError } from "../common/index.js";
import { afterWriteFailure } from "./write-failure.js";

function collect(): {
  events: { level: LogLevel; event: string; fields: Record<string, unknown> }[];
  log: Parameters<typeof afterWriteFailure>[1];
} {
  const events: { level: LogLevel; event: string; fields: Record<string, unknown> }[] = [];
  return { events, log: (level, event, fields) => void events.push({ level, event, fields }) };
}

test("afterWriteFailure logs a concurrent write at debug with its context", (t) => {
  const { events, log } = collect();
  afterWriteFailure(new SwarmError("SEQUENCE_CONFLICT", "out of sequence"), log, "scheduler.write-failed", {
    tasks: 3,
  });
  t.deepEqual(events, [
    {
      level: "debug",
      event: "scheduler.write-failed",
      fields: { tasks: 3, code: "SEQUENCE_CONFLICT", error: "out of sequence" },
    },
  ]);
});

test("afterWriteFailure logs a disk failure at warn", (t) => {
  const { events, log } = collect();
  afterWriteFailure(new SwarmError("WAL_IO", "WAL write failed"), log, "reaper.write-failed");
  t.is(events[0]?.level, "warn");
  t.is(events[0]?.fields.code, "WAL_IO");
});

test("afterWriteFailure rethrows an assertion failure and any other defect", (t) => {
  const { events, log } = collect();
  t.throws(() => afterWriteFailure(new AssertionFailedError("broken invariant"), log, "x"), {
    instanceOf: AssertionFailedError,
  });
  t.throws(() => afterWriteFailure(new TypeError("undefined is not a function"), log, "x"), { instanceOf: TypeError });
  t.deepEqual(events, []);
});
