// The one source of randomness outside cryptography. Components that jitter a retry, pick a
// backoff or a server take a Random through their options (the real one by default) so a seeded
// run of the simulator replays exactly. Identifiers and keys come from node:crypto, never from here.

/** Uniform random numbers. */
export interface Random {
  /** A uniformly distributed integer in [0, maxExclusive) (0 when maxExclusive ≤ 1). */
  nextInt(maxExclusive: number): number;
  /** A float in [0, 1). */
  nextFloat(): number;
}

/**
 * Deterministic PRNG (mulberry32): small, fast and good enough for timeouts, jitter and fault
 * schedules. Not for secrets.
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

  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }
}

/** The process's own randomness (Math.random). */
export const realRandom: Random = {
  nextInt: (maxExclusive) => (maxExclusive <= 1 ? 0 : Math.floor(Math.random() * maxExclusive)),
  nextFloat: () => Math.random(),
};

/**
 * mulberry32 as a function returning floats in [0, 1), for reproducible workloads and histories in
 * tests and benchmarks; never for secrets.
 */
export function mulberry32(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.nextFloat();
}
