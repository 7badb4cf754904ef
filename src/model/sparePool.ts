/**
 * Hot spares for a job that needs `needed` healthy units from a pool of `needed + spares`.
 *
 * Each unit is independently down with probability `u = MTTR / (MTBF + MTTR)` (steady-state
 * unavailability of a repairable unit with exponential failures and repairs). The job finds
 * enough healthy units when at most `spares` are down, a binomial tail:
 * `P_ok(N, k) = Σ_{i=0..k} C(N+k, i) · u^i · (1−u)^{N+k−i}`.
 * Source: the binomial tail of independent unit states; failure rates from Kokolis et al.,
 * "Revisiting Reliability in Large-Scale Machine Learning Research Clusters", arXiv 2410.21680. Assumes independent units: correlated failures (a rack, a power feed) need more spares.
 */
import { binomialCdf } from "./binomial";

/** Steady-state probability that one unit is down: `MTTR / (MTBF + MTTR)`. */
export function unitUnavailability(unitMtbfHours: number, repairHours: number): number {
  return repairHours / (unitMtbfHours + repairHours);
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

/**
 * Probability that a spare is ready when a running job loses a unit. The job was running, so at
 * most k of the N + k units were down (D ≤ k); a spare is free if at most k − 1 were:
 * `P(D ≤ k − 1 | D ≤ k)`, D ~ Binomial(N + k, u). With no spares it is 0.
 */
export function spareReadyProbability(
  needed: number,
  spares: number,
  unitMtbfHours: number,
  repairHours: number,
): number {
  if (spares === 0) return 0;
  const u = unitUnavailability(unitMtbfHours, repairHours);
  const running = binomialCdf(spares, needed + spares, u);
  return running > 0 ? binomialCdf(spares - 1, needed + spares, u) / running : 0;
}

/** Largest pool the spare search will consider before it calls a target unreachable. */
export const MAX_SPARES = 1e7;

/**
 * Fewest spares with `P_ok ≥ target`, or `null` when no pool up to MAX_SPARES reaches it.
 * P_ok grows with every spare added, whatever u < 1: P(Bin(n+1, u) ≤ k+1) =
 * P(Bin(n, u) ≤ k) + (1 − u)·P(Bin(n, u) = k + 1). Exponential, then binary search.
 */
export function sparesNeeded(
  needed: number,
  unitMtbfHours: number,
  repairHours: number,
  target: number,
): number | null {
  const ok = (k: number) => sparePoolProbability(needed, k, unitMtbfHours, repairHours) >= target;
  if (ok(0)) return 0;
  let lo = 0;
  let hi = 1;
  while (!ok(hi)) {
    if (hi === MAX_SPARES) return null;
    lo = hi;
    hi = Math.min(2 * hi, MAX_SPARES);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
