// Renews the node certificate before it expires. The renewal falls at a random point between 50 %
// and 80 % of the certificate's life, as Docker's does, so that the nodes of a cluster created
// together do not all renew at the same moment, and a failed renewal still leaves a fifth of the
// life or more for retries. Retries back off exponentially up to a cap. Clock and randomness are
// injected so tests can drive it.

import { type Clock, type Random, realClock, realRandom } from "../../common/index.js";

/** Earliest renewal, as a fraction of the certificate's life. */
export const renewalLifeFractionMin = 0.5;
/** Latest renewal, as a fraction of the certificate's life. */
export const renewalLifeFractionMax = 0.8;
/** First retry delay after a failed renewal, in milliseconds. */
export const renewalRetryMsMin = 1_000;
/** Longest retry delay, in milliseconds. */
export const renewalRetryMsMax = 5 * 60_000;

/** The validity window of a certificate, in ms since the epoch. */
export interface CertificateValidity {
  /** Start of validity. */
  readonly notBeforeMs: number;
  /** End of validity. */
  readonly notAfterMs: number;
}

/** What the scheduler needs. */
export interface RenewalSchedulerOptions {
  /** The current certificate's validity; read again after every renewal. */
  readonly validity: () => CertificateValidity;
  /** Obtains and installs a new certificate; a rejection is retried with backoff. */
  readonly renew: () => Promise<void>;
  /** Real time by default. */
  readonly clock?: Clock;
  /** Where in the window the renewal falls; the real randomness by default. */
  readonly random?: Random;
  /** Told about each failed attempt (1, 2, …), e.g. to log it. */
  readonly onError?: (error: unknown, attempt: number) => void;
}

/** When to renew a certificate: notBefore + (50 % … 80 %) of its life, `random` choosing where. */
export function renewalTime(validity: CertificateValidity, random: number): number {
  const life = Math.max(0, validity.notAfterMs - validity.notBeforeMs);
  const fraction = renewalLifeFractionMin + (renewalLifeFractionMax - renewalLifeFractionMin) * random;
  return validity.notBeforeMs + Math.floor(life * fraction);
}

/** Delay before retry number `attempt` (1, 2, …): doubling from the minimum up to the cap. */
export function renewalRetryMs(attempt: number): number {
  return Math.min(renewalRetryMsMax, renewalRetryMsMin * 2 ** Math.min(Math.max(0, attempt - 1), 30));
}

/** Keeps the node certificate renewed while started. */
export class RenewalScheduler {
  private readonly clock: Clock;
  private readonly random: Random;
  private cancel: (() => void) | undefined;
  private running = false;
  private failures = 0;
  private next: number | undefined;

  constructor(private readonly options: RenewalSchedulerOptions) {
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? realRandom;
  }

  /** When the next renewal attempt is due (ms since the epoch), or undefined when stopped. */
  get nextAttemptAt(): number | undefined {
    return this.running ? this.next : undefined;
  }

  /** Schedules the renewal of the current certificate. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.schedule(renewalTime(this.options.validity(), this.random.nextFloat()));
  }

  /** Cancels the pending renewal; an attempt already under way finishes but is not followed up. */
  stop(): void {
    this.running = false;
    this.cancel?.();
    this.cancel = undefined;
    this.next = undefined;
  }

  private schedule(at: number): void {
    this.cancel?.();
    this.next = at;
    this.cancel = this.clock.after(Math.max(0, at - this.clock.now()), () => void this.attempt(), { keepAlive: false });
  }

  private async attempt(): Promise<void> {
    this.cancel = undefined;
    try {
      await this.options.renew();
    } catch (error) {
      this.failures += 1;
      this.options.onError?.(error, this.failures);
      if (this.running) this.schedule(this.clock.now() + renewalRetryMs(this.failures));
      return;
    }
    this.failures = 0;
    if (this.running) this.schedule(renewalTime(this.options.validity(), this.random.nextFloat()));
  }
}
