// Goal: CoalescedPass runs one pass per burst of requests, never two at a time, a debounced pass
// still runs while requests keep coming (bounded latency), and a pass whose write failed for any
// reason but a lost race waits before it runs again.
import test from "ava";
import { FakeClock, SwarmError } from "../common/index.js";
import { CoalescedPass } from "./component.js";
import { writeRetryMsMin } from "./write-failure.js";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test("CoalescedPass runs one pass per turn and never two at a time", async (t) => {
  let running = 0;
  let overlapped = false;
  let passes = 0;
  const pass = new CoalescedPass(async () => {
    passes++;
    running++;
    overlapped ||= running > 1;
    await sleep(20);
    running--;
  });
  for (let i = 0; i < 10; i++) pass.request();
  await sleep(5);
  // Requests during the running pass make exactly one more pass, after it.
  for (let i = 0; i < 10; i++) pass.request();
  await sleep(80);
  t.is(passes, 2);
  t.false(overlapped);
  pass.stop();
  pass.request();
  await sleep(10);
  t.is(passes, 2);
});

test("a debounced CoalescedPass waits for quiet, but not longer than its latency bound", async (t) => {
  t.timeout(10_000);
  const at: number[] = [];
  const start = performance.now();
  const pass = new CoalescedPass(
    () => {
      at.push(performance.now() - start);
      return Promise.resolve();
    },
    { debounce: { quietMs: 30, latencyMsMax: 100 } },
  );
  // A steady stream of requests for 400 ms: never quiet, so only the latency bound lets passes run.
  let lastRequestAt = 0;
  while (performance.now() - start < 400) {
    pass.request();
    lastRequestAt = performance.now() - start;
    await sleep(5);
  }
  t.true(at.length >= 2 && at.length <= 8, `passes at ${at.map((x) => x.toFixed(0)).join(", ")} ms`);
  // Once the requests stop, the last of them is served by a pass after it.
  await sleep(150);
  t.true(
    at[at.length - 1]! >= lastRequestAt,
    `last pass at ${at[at.length - 1]!.toFixed(0)} ms, last request at ${lastRequestAt.toFixed(0)} ms`,
  );
  pass.stop();
});

test("CoalescedPass looks again at once after a lost race, and pauses after any other failed write", async (t) => {
  const clock = new FakeClock(0);
  // A pass is deferred to the next turn of the event loop (the fake clock defers for real).
  const turns = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  };
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
