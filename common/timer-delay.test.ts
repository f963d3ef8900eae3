// Goal: a delay too long for a Node.js timer is held at the longest one instead of firing at once.
import test from "ava";
import { timerDelayMs, timerDelayMsMax } from "./timer-delay.js";

test("timerDelayMs keeps delays a timer holds and clamps the rest", (t) => {
  t.is(timerDelayMs(1_500), 1_500);
  t.is(timerDelayMs(-5), 0);
  t.is(timerDelayMs(3 * 200 * 3600 * 1000), timerDelayMsMax, "three periods of 200 h would fire after 1 ms");
  t.is(timerDelayMs(Number.POSITIVE_INFINITY), timerDelayMsMax);
  t.is(timerDelayMs(Number.NaN), timerDelayMsMax);
});

test("a timer armed with a clamped delay does not fire at once", async (t) => {
  let fired = false;
  const timer = setTimeout(() => (fired = true), timerDelayMs(10_000 * 3600 * 1000));
  // A real timer, because Node.js's clamping is what is tested; the check is not a guess at time:
  // an overflowed delay becomes 1 ms, and Node.js fires a timer due sooner before one due later.
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearTimeout(timer);
  t.false(fired);
});
