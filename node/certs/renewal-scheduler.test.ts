// Goal: renewal falls within 50–80 % of the certificate's life (seeded random), is rescheduled
// from the new certificate after success, and is retried with growing delays after failures.
import test from "ava";
import { FakeClock, mulberry32, SeededRandom } from "../../common/index.js";
import {
  type CertificateValidity,
  renewalRetryMs,
  renewalRetryMsMax,
  renewalRetryMsMin,
  RenewalScheduler,
  renewalTime,
} from "./renewal-scheduler.js";

const day = 24 * 3600 * 1000;

test("renewal time is within 50–80 % of the certificate's life", (t) => {
  const random = mulberry32(42);
  const validity = { notBeforeMs: 1_000, notAfterMs: 1_000 + 90 * day };
  const times = Array.from({ length: 1000 }, () => renewalTime(validity, random()));
  const fractions = times.map((at) => (at - validity.notBeforeMs) / (90 * day));
  t.true(fractions.every((f) => f >= 0.5 && f <= 0.8));
  // The draws spread over the window rather than bunching at one end.
  t.true(Math.min(...fractions) < 0.52 && Math.max(...fractions) > 0.78);
});

test("renewal scheduler renews at the chosen time, retries with backoff, and reschedules from the new certificate", async (t) => {
  const clock = new FakeClock();
  const random = new SeededRandom(7);
  const expected = mulberry32(7);
  let validity: CertificateValidity = { notBeforeMs: clock.ms, notAfterMs: clock.ms + 10 * day };
  const attempts: number[] = [];
  const errors: number[] = [];
  let failuresLeft = 2;
  const scheduler = new RenewalScheduler({
    validity: () => validity,
    clock,
    random,
    onError: (_e, attempt) => errors.push(attempt),
    renew: () => {
      attempts.push(clock.now());
      if (failuresLeft-- > 0) return Promise.reject(new Error("manager unreachable"));
      validity = { notBeforeMs: clock.now(), notAfterMs: clock.now() + 10 * day };
      return Promise.resolve();
    },
  });
  scheduler.start();
  const first = renewalTime(validity, expected());
  t.is(scheduler.nextAttemptAt, first);

  await clock.fireNext();
  await clock.fireNext();
  await clock.fireNext();
  t.deepEqual(attempts, [first, first + renewalRetryMsMin, first + renewalRetryMsMin + 2 * renewalRetryMsMin]);
  t.deepEqual(errors, [1, 2]);
  // After the success the next renewal is planned within the new certificate's window.
  t.is(scheduler.nextAttemptAt, renewalTime(validity, expected()));

  scheduler.stop();
  t.is(scheduler.nextAttemptAt, undefined);
  t.is(clock.nextAt(), undefined, "no timer left after stop");
});

test("renewal retry delay doubles up to its cap", (t) => {
  t.is(renewalRetryMs(1), renewalRetryMsMin);
  t.is(renewalRetryMs(2), 2 * renewalRetryMsMin);
  t.is(renewalRetryMs(100), renewalRetryMsMax);
});
