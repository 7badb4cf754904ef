import { binomialCdf } from "./binomial";

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
