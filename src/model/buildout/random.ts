/**
 * Seeded uniform streams for the Monte Carlo. Each task (and each risk group) draws from its own
 * stream, keyed by the seed and its name: xoshiro128** 1.1 (D. Blackman and S. Vigna, "Scrambled
 * linear pseudorandom number generators", ACM TOMS 47(4), 2021; period 2^128 − 1), its 128-bit
 * state filled from (seed, name) by two lanes of the SplitMix-style mixer below. Only 32-bit
 * integer operations are used, so the same seed gives the same draws on every engine. Keying by
 * name gives common random numbers: adding, removing or reordering other tasks, or changing the
 * trial count, leaves a task's draws unchanged, so scenario differences are not sampling noise.
 */

/** A 32-bit bijective mixer (C. Wellons, hash-prospector "lowbias32" constants). */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  x ^= x >>> 15;
  return x >>> 0;
}

const GOLDEN = 0x9e3779b9;

/** One 32-bit lane of a hash of (seed, key), starting from `lane`. */
function hashLane(lane: number, seed: number, key: string): number {
  let h = mix32(lane ^ seed);
  for (let i = 0; i < key.length; i++) h = mix32((h + GOLDEN) ^ key.charCodeAt(i));
  return mix32(h ^ key.length);
}

const TWO_TO_MINUS_32 = 2 ** -32;
/** The smallest uniform a stream gives, 2^−33; the largest is 1 − 2^−33. */
export const LOWEST_UNIFORM = 2 ** -33;

/** A xoshiro128** stream of uniforms in (0, 1): k·2^−32 + 2^−33, never 0 or 1. */
export class UniformStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** A stream from its raw state (not all zero). */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** The stream named `key` under `seed` (a whole number 0 to 2^31 − 1; any 32-bit pattern works). */
  static keyed(seed: number, key: string): UniformStream {
    const a = hashLane(0x243f6a88, seed, key);
    const b = hashLane(0x85a308d3, seed, key);
    return new UniformStream(mix32(a + GOLDEN), mix32(a + 2 * GOLDEN), mix32(b + GOLDEN), mix32(b + 2 * GOLDEN) | 1);
  }

  /** Writes the next `n` uniforms into `out`. */
  fill(out: Float64Array, n: number): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < n; i++) {
      const m = Math.imul(s1, 5);
      const result = Math.imul((m << 7) | (m >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[i] = (result >>> 0) * TWO_TO_MINUS_32 + LOWEST_UNIFORM;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }
}
