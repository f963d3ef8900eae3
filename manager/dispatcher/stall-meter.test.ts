// Goal: the stall meter counts the time its event loop could not run (a probe's lateness past the
// tolerance) and not a timer's ordinary jitter, and its timers wait out the stalls since they were
// armed, at most their credit, so a timer on a loop that is late all the time still fires.
import test from "ava";
import { FakeClock, nextRealTurn } from "../../common/index.js";
import { StallMeter, stallProbeMs, stallToleranceMs } from "./stall-meter.js";

test("stall meter counts a stall's lateness and not a timer's jitter", (t) => {
  const clock = new FakeClock(0);
  const meter = new StallMeter(clock);
  meter.start();
  // The meter measures while a stall timer waits.
  const cancelTimer = meter.after(60_000, () => t.fail("cancelled"), 0);
  clock.advance(1_000);
  t.is(meter.stalledMsNow(), 0);
  // A probe late by less than the tolerance is jitter.
  clock.ms += stallProbeMs + stallToleranceMs - 10;
  clock.advance(0);
  t.is(meter.stalledMsNow(), 0);
  // The loop stalls 2 s: the overdue probe counts before it fires, and the same after.
  const dueMs = clock.nextAt()!;
  clock.ms = dueMs + 2_000;
  t.is(meter.stalledMsNow(), 2_000);
  clock.advance(0);
  t.is(meter.stalledMsNow(), 2_000);
  cancelTimer();
  meter.stop();
  t.is(clock.nextAt(), undefined, "no probe left after stop");
});

test("stall meter probes only while a stall timer waits", (t) => {
  const clock = new FakeClock(0);
  const meter = new StallMeter(clock);
  meter.start();
  t.is(clock.nextAt(), undefined, "an idle leader wakes for nothing");
  let fired = false;
  meter.after(1_000, () => (fired = true), 1_000);
  const cancel = meter.after(5_000, () => t.fail("cancelled"), 5_000);
  t.is(clock.nextAt(), stallProbeMs);
  clock.advance(1_000);
  t.true(fired);
  t.not(clock.nextAt(), undefined, "one timer still waits");
  cancel();
  clock.advance(stallProbeMs);
  t.is(clock.nextAt(), undefined, "the probe stops with the last timer");
  meter.after(200, () => (fired = false), 200);
  t.is(clock.nextAt(), clock.ms + stallProbeMs, "and starts again with the next");
  clock.advance(200);
  t.false(fired);
  t.is(clock.nextAt(), undefined);
  meter.stop();
});

test("stall meter timers wait out the stalls since they were armed", (t) => {
  const clock = new FakeClock(0);
  const meter = new StallMeter(clock);
  meter.start();
  let firedAt = -1;
  meter.after(3_000, () => (firedAt = clock.ms), 3_000);
  clock.advance(1_050);
  // The loop stalls from 1,050 ms to 4,000 ms: the probe due at 1,100 ms fires 2,900 ms late.
  clock.ms = 4_000;
  clock.advance(0);
  t.is(firedAt, -1, "not at its due time, right after the stall");
  clock.advance(1_899);
  t.is(firedAt, -1);
  clock.advance(1);
  t.is(firedAt, 5_900, "after 3 s of running time: 3,000 + 2,900");
  meter.stop();
});

test("stall meter timers take at most their credit on a loop that is always late", async (t) => {
  const clock = new FakeClock(0);
  const meter = new StallMeter(clock);
  meter.start();
  let firedAt = -1;
  meter.after(3_000, () => (firedAt = clock.ms), 3_000);
  // Every turn of the loop comes 900 ms late: 90% of the time stalled.
  while (firedAt < 0 && clock.ms < 60_000) {
    clock.ms = clock.nextAt()! + 900;
    clock.advance(0);
    while (clock.deferred > 0) await nextRealTurn();
  }
  t.true(firedAt > 3_000, `fired at ${firedAt}`);
  t.true(firedAt <= 3_000 + 3_000 + 1_000, `fired at ${firedAt}: within the expiry, its credit and one late turn`);
  meter.stop();
});

test("stall meter timers past due even with their credit fire on the loop's next turn, not in the same one", async (t) => {
  const clock = new FakeClock(0);
  const meter = new StallMeter(clock);
  meter.start();
  let fired = false;
  meter.after(3_000, () => (fired = true), 3_000);
  clock.advance(1_050);
  // A 9 s stall: past its due time even with the 3 s credit.
  clock.ms = 10_000;
  clock.advance(0);
  t.false(fired, "not before the sockets are read");
  while (clock.deferred > 0) await nextRealTurn();
  t.true(fired);
  meter.stop();
});
