/**
 * Steady-state availability of a redundant power layer.
 *
 * Modules are identical and independent, each up with availability a (1 − a = q). A group of n
 * modules that needs k is up with the k-out-of-n probability
 *   A(k, n, a) = Σ_{i=k..n} C(n,i) a^i (1−a)^(n−i)
 * (reference/power-value-tco.md §1.3). Groups combine the same way (2N: one of two systems;
 * xN/y: y of x systems). Shared spares S ~ Binomial(R, a) can replace failed modules of any one
 * group, so a layer that needs one group is down with probability Σ_s P(S = s) · P(F > r + s)^G,
 * F the failed modules of a group, r its own spares.
 *
 * Common cause (beta-factor model, as in the redundancy calculator at codingace.net): a share β of
 * each module's unavailability takes every module down at once. The code keeps the probability
 * exact: the layer is down if the common-cause event (probability βq) occurs or the independent
 * part (each module up with a / (1 − βq), so one module alone is still up with a) fails:
 *   U = βq + (1 − βq) · U_independent.
 * To first order this is codingace's U = (1 − A_sys) + β(1 − a); unlike that sum it never exceeds 1.
 *
 * Down probabilities are summed directly from their (tiny) terms, never as 1 − A, so five nines
 * and beyond keep their digits.
 */
import { binomialTerm, binomialUpperTail } from "../binomial";
import { HOURS_PER_YEAR, MINUTES_PER_HOUR } from "../units";
import { installedModules, PowerLayout } from "./topology";

/** Probability that fewer than k of n independent units, each up with 1 − q, are up. */
export function kOfNUnavailability(k: number, n: number, q: number): number {
  return binomialUpperTail(n - k, n, q);
}

/** k-out-of-n availability of identical independent modules with availability a. */
export function kOfNAvailability(k: number, n: number, a: number): number {
  return 1 - kOfNUnavailability(k, n, 1 - a);
}

/** Unavailability of a layout with independent modules down with probability q. */
function independentUnavailability(l: PowerLayout, q: number): number {
  const ownSpares = l.groupModules - l.moduleNeeded;
  if (l.sharedSpares === 0) {
    const groupDown = binomialUpperTail(ownSpares, l.groupModules, q);
    return kOfNUnavailability(l.groupsNeeded, l.groups, groupDown);
  }
  // Shared spares serve a layout that needs one group (2N+R): s of them up, R − s down.
  let down = 0;
  for (let s = 0; s <= l.sharedSpares; s++) {
    down +=
      binomialTerm(l.sharedSpares - s, l.sharedSpares, q) *
      binomialUpperTail(ownSpares + s, l.groupModules, q) ** l.groups;
  }
  return Math.min(1, down);
}

/** Availability and unavailability (kept separately for precision) of a layer. */
export interface LayerAvailability {
  availability: number;
  unavailability: number;
  /** Probability that every installed module is up: when interruptible work may use the reserve. */
  allUp: number;
}

/** Availability of layout `l` with module availability `a` and common-cause share `beta` (0–1). */
export function layerAvailability(l: PowerLayout, a: number, beta: number): LayerAvailability {
  const q = 1 - a;
  const common = beta * q;
  const qIndependent = Math.max(0, 1 - a / (1 - common));
  const unavailability = common + (1 - common) * independentUnavailability(l, qIndependent);
  const allUp = (1 - common) * Math.exp(installedModules(l) * Math.log1p(-qIndependent));
  return { availability: 1 - unavailability, unavailability, allUp };
}

/** Steady-state availability of a repairable module: MTBF / (MTBF + MTTR). */
export function moduleAvailability(mtbfHours: number, mttrHours: number): number {
  return mtbfHours / (mtbfHours + mttrHours);
}

export const DOWNTIME_UNITS = ["hours", "minutes"] as const;
export type DowntimeUnit = (typeof DOWNTIME_UNITS)[number];

/** Expected downtime per year (8,760 h): (1 − A) × 8,760 hours, or × 60 in minutes. */
export function downtimePerYear(availability: number, unit: DowntimeUnit): number {
  const hours = (1 - availability) * HOURS_PER_YEAR;
  return unit === "minutes" ? hours * MINUTES_PER_HOUR : hours;
}

/** "Nines" of availability: −log10(1 − A); 0.99999 is 5. */
export function nines(availability: number): number {
  return -Math.log10(1 - availability);
}
