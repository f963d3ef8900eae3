// Goal: the p50 ratio's interval holds 1.00 when two systems do not differ and excludes it when one is slower.
import test from "ava";
import { median, p50RatioInterval } from "./ratio-interval.js";

/** Run times around 50 ms with a spread of ±2 ms and, every tenth run, a slow outlier, as a loaded machine gives. */
function runs(offsetMs: number, phase: number): number[] {
  return Array.from(
    { length: 200 },
    (_, i) => 50 + offsetMs + (((i * 7 + phase) % 9) - 4) / 2 + (i % 10 === 0 ? 30 : 0),
  );
}

test("median takes the lower middle of an even count", (t) => {
  t.is(median([4, 1, 3, 2]), 2);
  t.is(median([5, 1, 3]), 3);
});

test("p50RatioInterval holds 1.00 for two systems that do not differ", (t) => {
  const { low, high } = p50RatioInterval(runs(0, 0), runs(0, 4));
  t.true(low <= 1 && high >= 1, `${low}–${high}`);
});

test("p50RatioInterval excludes 1.00 when one system is 4 ms slower", (t) => {
  const { low, high } = p50RatioInterval(runs(4, 0), runs(0, 4));
  t.true(low > 1 && high < 1.2, `${low}–${high}`);
});

test("p50RatioInterval gives the same interval for the same samples", (t) => {
  t.deepEqual(p50RatioInterval(runs(1, 2), runs(0, 3)), p50RatioInterval(runs(1, 2), runs(0, 3)));
});
