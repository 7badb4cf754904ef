/**
 * Steady-state availability of a redundant power layer.
 *
 * Modules are identical and independent, each up with availability a (1 − a = q). A group of n
 * modules that needs k is up with the k-out-of-n probability
 *   A(k, n, a) = Σ_{i=k..n} C(n,i) a^i (1−a)^(n−i)
 * (the k-out-of-n system: Barlow and Proschan, Mathematical Theory of Reliability, 1965). Groups combine the same way (2N: one of two systems;
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
 *
 * What the structure leaves out: each system of a 2N (or xN/y) layout is its N modules in series,
 * all of which must be up, so with small q 2N is down with probability ≈ (Nq)² while N+1 is down
 * with ≈ C(N+1, 2) q²; at N = 4 that is 16q² against 10q², and 4+1 ranks above 2N. N+1 shares one
 * paralleling bus, switchgear and distribution path, single points of failure that this layer
 * leaves out: path.ts adds them, and with them the layouts rank as Schneider Electric White Paper
 * 75 does.
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

/**
 * P(X = i) for i = 0..n, X ~ Binomial(n, q): the mode term from log-gamma, then the term
 * recurrence outward by multiplication alone, so a pool of 1,000 costs microseconds; terms that
 * underflow stay 0.
 */
function binomialPmf(n: number, q: number): number[] {
  const pmf = new Array<number>(n + 1).fill(0);
  const mode = Math.min(n, Math.floor((n + 1) * q));
  const odds = q / (1 - q);
  pmf[mode] = binomialTerm(mode, n, q);
  for (let i = mode; i < n && pmf[i] > 0; i++) pmf[i + 1] = pmf[i] * ((n - i) / (i + 1)) * odds;
  for (let i = mode; i > 0 && pmf[i] > 0; i--) pmf[i - 1] = (pmf[i] * (i / (n - i + 1))) / odds;
  return pmf;
}

/** P(F > t) for t = from..to, F ~ Binomial(n, q): summed from the top down, so small tails keep their digits. */
function upperTails(from: number, to: number, n: number, q: number): number[] {
  const pmf = binomialPmf(n, q);
  const tails = new Array<number>(to - from + 1).fill(0);
  let sum = 0;
  for (let i = n; i > from; i--) {
    sum += pmf[i];
    if (i - 1 <= to) tails[i - 1 - from] = sum;
  }
  return tails;
}

/** Probability that a group is down: its own path (down with probability p) or its modules (g). */
const withPath = (g: number, p: number) => p + (1 - p) * g;

/**
 * Unavailability of a layout with independent modules down with probability q. Each group may
 * have its own path, independent of everything else and down with probability `groupPath` (0:
 * modules only, as AVAILABILITY computes).
 */
export function independentUnavailability(l: PowerLayout, q: number, groupPath = 0): number {
  const ownSpares = l.groupModules - l.moduleNeeded;
  const shared = l.sharedSpares;
  if (shared === 0) {
    const groupDown = withPath(binomialUpperTail(ownSpares, l.groupModules, q), groupPath);
    return kOfNUnavailability(l.groupsNeeded, l.groups, groupDown);
  }
  // Shared spares serve a layout that needs one group (2N+R): s of them up, R − s down.
  const groupDown = upperTails(ownSpares, ownSpares + shared, l.groupModules, q);
  const sparesDown = binomialPmf(shared, q);
  let down = 0;
  for (let s = 0; s <= shared; s++) down += sparesDown[shared - s] * withPath(groupDown[s], groupPath) ** l.groups;
  return Math.min(1, down);
}

/** Availability and unavailability (kept separately for precision) of a layer. */
export interface LayerAvailability {
  availability: number;
  unavailability: number;
  /** Probability that every installed module is up: when interruptible work may use the reserve. */
  allUp: number;
}

/**
 * The beta-factor split of a module's unavailability 1 − a: the common-cause event that takes
 * every module down (probability βq) and the independent part, each module down with
 * qIndependent so that one module alone is still up with a.
 */
export function commonCauseSplit(a: number, beta: number): { common: number; qIndependent: number } {
  const q = 1 - a;
  const common = beta * q;
  return { common, qIndependent: (q * (1 - beta)) / (1 - common) };
}

/** Availability of layout `l` with module availability `a` and common-cause share `beta` (0–1). */
export function layerAvailability(l: PowerLayout, a: number, beta: number): LayerAvailability {
  const { common, qIndependent } = commonCauseSplit(a, beta);
  const unavailability = common + (1 - common) * independentUnavailability(l, qIndependent);
  const allUp = (1 - common) * Math.exp(installedModules(l) * Math.log1p(-qIndependent));
  return { availability: 1 - unavailability, unavailability, allUp };
}

/** Steady-state availability of a repairable module: MTBF / (MTBF + MTTR), as 1 / (1 + MTTR/MTBF) so huge hours do not overflow. */
export function moduleAvailability(mtbfHours: number, mttrHours: number): number {
  return 1 / (1 + mttrHours / mtbfHours);
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
