// Goal: the real clock waits out delays no single Node.js timer holds and sleeps abort; the
// simulated clock fires timers by due time then by arming order, repeats intervals until
// cancelled, and counts deferred work until it has run.
import test from "ava";
import { nextRealTurn, realClock } from "./clock.js";
import { FakeClock } from "./fake-clock.js";
import { timerDelayMsMax } from "./timer-delay.js";

test("realClock waits out delays longer than one Node.js timer", async (t) => {
  let fired = false;
  const cancel = realClock.after(timerDelayMsMax + 10_000, () => (fired = true), { keepAlive: false });
  // Real timers, because Node.js's limit is what is tested: an overflowed delay would fire after
  // 1 ms, and Node.js fires a timer due sooner before one due later, so 50 ms is no guess at time.
  await realClock.sleep(50);
  cancel();
  t.false(fired);
});

test("realClock sleep rejects as soon as its signal aborts", async (t) => {
  const abort = new AbortController();
  const slept = realClock.sleep(60_000, abort.signal);
  abort.abort(new Error("stop"));
  await t.throwsAsync(slept, { message: "stop" });
});

test("FakeClock fires timers by due time, then in the order they were armed", (t) => {
  const clock = new FakeClock(0);
  const order: string[] = [];
  clock.after(20, () => order.push("b"));
  clock.after(10, () => order.push("a"));
  clock.after(20, () => order.push("c"));
  const cancel = clock.after(15, () => order.push("cancelled"));
  cancel();
  clock.advance(25);
  t.deepEqual(order, ["a", "b", "c"]);
  t.is(clock.now(), 25);
});

test("FakeClock repeats an interval until it is cancelled, even from inside its callback", (t) => {
  const clock = new FakeClock(0);
  let runs = 0;
  const cancel = clock.every(10, () => {
    if (++runs === 3) cancel();
  });
  clock.advance(100);
  t.is(runs, 3);
  t.is(clock.nextAt(), undefined);
});

test("FakeClock sleep resolves when time reaches it and rejects on abort", async (t) => {
  const clock = new FakeClock(0);
  let woke = false;
  const slept = clock.sleep(50).then(() => (woke = true));
  clock.advance(49);
  await nextRealTurn();
  t.false(woke);
  clock.advance(1);
  await slept;
  t.true(woke);
  const abort = new AbortController();
  const aborted = clock.sleep(50, abort.signal);
  abort.abort(new Error("gone"));
  await t.throwsAsync(aborted, { message: "gone" });
  t.is(clock.nextAt(), undefined);
});

test("FakeClock counts deferred work until it has run", async (t) => {
  const clock = new FakeClock(0);
  let ran = false;
  clock.defer(() => (ran = true));
  t.is(clock.deferred, 1);
  await nextRealTurn();
  t.true(ran);
  t.is(clock.deferred, 0);
});
