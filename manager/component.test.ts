// Goal: CoalescedPass runs one pass per burst of requests, never two at a time, a debounced pass
// still runs while requests keep coming (bounded latency), and a pass whose write failed for any
// reason but a lost race waits before it runs again.
import test from "ava";
import { FakeClock, nextRealTurn, SwarmError } from "../common/index.js";
import { CoalescedPass } from "./component.js";
import { writeRetryMsMin } from "./write-failure.js";

/** A pass is deferred to the next turn of the event loop (the fake clock defers for real): lets it start and finish. */
async function turns(): Promise<void> {
  for (let i = 0; i < 3; i++) await nextRealTurn();
}

test("CoalescedPass runs one pass per turn and never two at a time", async (t) => {
  let running = 0;
  let overlapped = false;
  let passes = 0;
  // Each pass runs until the test lets it finish.
  let finish: () => void = () => undefined;
  const pass = new CoalescedPass(async () => {
    passes++;
    running++;
    overlapped ||= running > 1;
    await new Promise<void>((resolve) => (finish = resolve));
    running--;
  });
  for (let i = 0; i < 10; i++) pass.request();
  await turns();
  t.is(passes, 1);
  // Requests during the running pass make exactly one more pass, after it.
  for (let i = 0; i < 10; i++) pass.request();
  await turns();
  t.is(passes, 1, "not while the first runs");
  finish();
  await turns();
  t.is(passes, 2);
  finish();
  await turns();
  t.is(passes, 2);
  t.false(overlapped);
  pass.stop();
  pass.request();
  await turns();
  t.is(passes, 2);
});

test("a debounced CoalescedPass waits for quiet, but not longer than its latency bound", async (t) => {
  const clock = new FakeClock(0);
  const quietMs = 30;
  const latencyMsMax = 100;
  const at: number[] = [];
  const pass = new CoalescedPass(
    () => {
      at.push(clock.now());
      return Promise.resolve();
    },
    { debounce: { quietMs, latencyMsMax }, clock },
  );
  // A steady stream of requests for 400 ms: never quiet, so only the latency bound lets passes run.
  const requestEveryMs = 5;
  while (clock.now() < 400) {
    pass.request();
    clock.advance(requestEveryMs);
    await turns();
  }
  t.true(at.length >= 3, `passes at ${at.join(", ")} ms`);
  // Every request is served within the latency bound.
  for (const [i, ms] of at.entries()) t.true(ms - (at[i - 1] ?? 0) <= latencyMsMax, `passes at ${at.join(", ")} ms`);
  // A last request, after which all is quiet: served once quiet has lasted quietMs, not before.
  const lastRequestAt = clock.now();
  pass.request();
  const passesBefore = at.length;
  clock.advance(quietMs - 1);
  await turns();
  t.is(at.length, passesBefore, `passes at ${at.join(", ")} ms`);
  clock.advance(1);
  await turns();
  t.is(at.at(-1), lastRequestAt + quietMs, `passes at ${at.join(", ")} ms`);
  pass.stop();
});

test("CoalescedPass looks again at once after a lost race, and pauses after any other failed write", async (t) => {
  const clock = new FakeClock(0);
  let passes = 0;
  const pass = new CoalescedPass(
    () => {
      passes++;
      return Promise.resolve();
    },
    { clock },
  );
  pass.requestAfterFailure(new SwarmError("SEQUENCE_CONFLICT", "a concurrent write won"));
  await turns();
  t.is(passes, 1, "a lost race is planned again at once");
  // A proposal dropped while leadership moves would be refused again at once: the pass waits.
  pass.requestAfterFailure(new SwarmError("PROPOSAL_DROPPED", "leadership is moving"));
  pass.requestAfterFailure(new SwarmError("PROPOSAL_DROPPED", "leadership is moving"));
  clock.advance(writeRetryMsMin - 1);
  await turns();
  t.is(passes, 1);
  clock.advance(1);
  await turns();
  t.is(passes, 2, "one pass after the pause, however many failures asked for it");
  pass.requestAfterFailure(new SwarmError("NOT_LEADER", "not the leader"));
  pass.stop();
  clock.advance(writeRetryMsMin);
  await turns();
  t.is(passes, 2, "no pass after stop()");
});
