import { logGamma } from "./logGamma";

/**
 * Hot spares for a job that needs `needed` healthy units from a pool of `needed + spares`.
 *
 * Each unit is independently down with probability `u = MTTR / (MTBF + MTTR)` (steady-state
 * unavailability of a repairable unit with exponential failures and repairs). The job finds
 * enough healthy units when at most `spares` are down, a binomial tail:
 * `P_ok(N, k) = Σ_{i=0..k} C(N+k, i) · u^i · (1−u)^{N+k−i}`.
 * Source: reference/goodput-reliability.md §6 (binomial spare pool; Kokolis et al. 2024 failure
 * rates). Assumes independent units: correlated failures (a rack, a power feed) need more spares.
 */

/** Steady-state probability that one unit is down: `MTTR / (MTBF + MTTR)`. */
export function unitUnavailability(unitMtbfHours: number, repairHours: number): number {
  return repairHours / (unitMtbfHours + repairHours);
}

/** log(e^a + e^b) without overflow. */
function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** log of the Binomial(n, p) probability of exactly i. */
function logBinomialTerm(i: number, n: number, p: number): number {
  return logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) + i * Math.log(p) + (n - i) * Math.log1p(-p);
}

/**
 * P(X ≤ k) for X ~ Binomial(n, p), summed in log space by the term recurrence. Terms more than
 * 40 standard deviations below the mean are below 1e-300 of the total and skipped (the first
 * term summed then comes from log-gamma, good to ~1e-9 relative for n near 1e6), and the sum
 * stops once past the mode the terms vanish, so a call costs O(σ), not O(k), for large pools.
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (p <= 0 || k >= n) return 1;
  if (p >= 1) return 0;
  const ratio = Math.log(p / (1 - p));
  const mode = Math.floor((n + 1) * p);
  const first = Math.max(0, Math.floor(n * p - 40 * Math.sqrt(n * p * (1 - p)) - 10));
  if (first > k) return 0;
  let logTerm = first === 0 ? n * Math.log1p(-p) : logBinomialTerm(first, n, p);
  let logSum = logTerm;
  for (let i = first; i < k; i++) {
    logTerm += Math.log((n - i) / (i + 1)) + ratio;
    logSum = logAddExp(logSum, logTerm);
    if (i > mode && logTerm < logSum - 40) break;
  }
  return Math.min(1, Math.exp(logSum));
}

/** Probability that a job needing `needed` units finds them healthy in a pool with `spares` extra units. */
export function sparePoolProbability(
  needed: number,
  spares: number,
  unitMtbfHours: number,
  repairHours: number,
): number {
  return binomialCdf(spares, needed + spares, unitUnavailability(unitMtbfHours, repairHours));
}

/** Largest pool the spare search will consider before it calls a target unreachable. */
export const MAX_SPARES = 1e7;

/**
 * Fewest spares with `P_ok ≥ target`, or `null` when no pool up to MAX_SPARES reaches it (the
 * tail only grows with the pool while units are down less than half the time). Exponential
 * then binary search; P_ok grows monotonically with the spares when u < 1/2.
 */
export function sparesNeeded(
  needed: number,
  unitMtbfHours: number,
  repairHours: number,
  target: number,
): number | null {
  const ok = (k: number) => sparePoolProbability(needed, k, unitMtbfHours, repairHours) >= target;
  if (ok(0)) return 0;
  if (unitUnavailability(unitMtbfHours, repairHours) >= 0.5) return null;
  let lo = 0;
  let hi = 1;
  while (!ok(hi)) {
    lo = hi;
    hi *= 2;
    if (hi > MAX_SPARES) return null;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
