/**
 * Optimum checkpoint interval for a job that fails as a whole.
 *
 * Notation (minutes): δ = blocking checkpoint write time, M = job mean time between failures.
 * Assumptions: exponential failures with mean M, a fixed write time δ, failures possible during
 * writes (Daly's model). Every method needs δ > 0: a write that costs nothing has no optimum.
 */
import { lambertW0 } from "./lambertW";
import { MINUTES_PER_HOUR } from "./units";

export type IntervalMethod = "daly" | "young" | "exact";
export const INTERVAL_METHODS: readonly IntervalMethod[] = ["daly", "young", "exact"];

/**
 * Young (1974), first order: `τ = sqrt(2·δ·M)`. Holds for δ ≪ M and ignores restart cost.
 */
export function youngIntervalMin(writeMin: number, jobMtbfMin: number): number {
  return Math.sqrt(2 * writeMin * jobMtbfMin);
}

/**
 * Daly (2006), "A higher order estimate of the optimum checkpoint interval for restart dumps",
 * FGCS 22, eq. 37:
 * `τ = sqrt(2δM)·[1 + (1/3)·sqrt(δ/(2M)) + (1/9)·(δ/(2M))] − δ` for δ < 2M, and `τ = M` for δ ≥ 2M.
 */
export function dalyIntervalMin(writeMin: number, jobMtbfMin: number): number {
  if (writeMin >= 2 * jobMtbfMin) return jobMtbfMin;
  const r = writeMin / (2 * jobMtbfMin);
  return Math.sqrt(2 * writeMin * jobMtbfMin) * (1 + Math.sqrt(r) / 3 + r / 9) - writeMin;
}

/**
 * Exact optimum of Daly's complete model, whose wall-clock time is
 * `T_w(τ) ∝ (e^{(τ+δ)/M} − 1)/τ`. Setting dT_w/dτ = 0 gives `e^{(τ+δ)/M}(1 − τ/M) = 1`, so
 * `τ = M·[1 + W0(−e^{−(1+δ/M)})]` with W0 the principal Lambert W branch. The optimum does not
 * depend on the restart time or on waits between failure and restart.
 */
export function exactIntervalMin(writeMin: number, jobMtbfMin: number): number {
  // Near δ/M → 0 the argument nears the branch point −1/e and 1 + W0 cancels; use the branch-point
  // series in p = sqrt(2(e·x + 1)) = sqrt(−2·expm1(−δ/M)) instead (Corless et al. 1996, eq. 4.22).
  const p = Math.sqrt(-2 * Math.expm1(-writeMin / jobMtbfMin));
  if (p < 1e-3) return jobMtbfMin * (p - (p * p) / 3 + (11 / 72) * p * p * p - (43 / 540) * p ** 4);
  return jobMtbfMin * (1 + lambertW0(-Math.exp(-(1 + writeMin / jobMtbfMin))));
}

/** The optimum interval in minutes by the chosen method; the job MTBF arrives in hours. */
export function checkpointIntervalMin(writeMin: number, jobMtbfHours: number, method: IntervalMethod): number {
  const mtbfMin = jobMtbfHours * MINUTES_PER_HOUR;
  switch (method) {
    case "young":
      return youngIntervalMin(writeMin, mtbfMin);
    case "exact":
      return exactIntervalMin(writeMin, mtbfMin);
    default:
      return dalyIntervalMin(writeMin, mtbfMin);
  }
}
