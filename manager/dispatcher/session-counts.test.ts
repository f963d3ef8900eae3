// Goal: the dispatcher's periodic line comes every interval while anything but heartbeats
// happens, only every quiet interval in a steady cluster, and each line counts its own interval.
import test from "ava";
import { FakeClock } from "../../common/index.js";
import { SessionCounts, sessionLogIntervalMs, sessionLogQuietIntervalMs } from "./session-counts.js";

test("session counts give a line per interval while sessions change, and reset", (t) => {
  const clock = new FakeClock(0);
  const counts = new SessionCounts(clock);
  counts.now.opened += 3;
  counts.now.heartbeats += 10;
  t.is(counts.takeLine(3), null, "not before the interval");
  clock.ms = sessionLogIntervalMs;
  t.like(counts.takeLine(3), { sessions: 3, opened: 3, heartbeats: 10, expired: 0, intervalMs: sessionLogIntervalMs });
  counts.now.expired++;
  clock.ms += sessionLogIntervalMs;
  t.like(counts.takeLine(2), { sessions: 2, opened: 0, expired: 1, heartbeats: 0 });
});

test("session counts give a line only per quiet interval when only heartbeats come", (t) => {
  const clock = new FakeClock(0);
  const counts = new SessionCounts(clock);
  clock.ms = sessionLogIntervalMs;
  t.not(counts.takeLine(5), null, "the first line says how many sessions there are");
  for (
    let ms = 2 * sessionLogIntervalMs;
    ms < sessionLogIntervalMs + sessionLogQuietIntervalMs;
    ms += sessionLogIntervalMs
  ) {
    clock.ms = ms;
    counts.now.heartbeats += 50;
    t.is(counts.takeLine(5), null);
  }
  clock.ms = sessionLogIntervalMs + sessionLogQuietIntervalMs;
  t.like(counts.takeLine(5), { sessions: 5, heartbeats: 250 });
  clock.ms += sessionLogIntervalMs;
  t.not(counts.takeLine(4), null, "a session count that changed is told at once");
});
