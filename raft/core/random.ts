// Randomness is injected so that a seeded run replays exactly. The core only needs integers in a
// range (election jitter); the simulator and tests use SeededRandom, the driver may too.

/** Source of random integers. */
export interface Random {
  /** A uniformly distributed integer in [0, maxExclusive). */
  nextInt(maxExclusive: number): number;
}

/**
 * Deterministic PRNG (mulberry32): small, fast and good enough for timeouts and fault schedules.
 * Not for secrets.
 */
export class SeededRandom implements Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next 32-bit unsigned value. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  nextInt(maxExclusive: number): number {
    return maxExclusive <= 1 ? 0 : this.nextUint32() % maxExclusive;
  }

  /** A float in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }
}
