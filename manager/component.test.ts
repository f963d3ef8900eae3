// Goal: CoalescedPass runs one pass per burst of requests, never two at a time, and a debounced
// pass still runs while requests keep coming (bounded latency).
import test from "ava";
import { CoalescedPass } from "./component.js";

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
