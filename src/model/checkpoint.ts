/**
 * Optimum checkpoint interval for a job that fails as a whole.
 *
 * Notation (minutes): δ = blocking checkpoint write time, M = job mean time between failures,
 * R = restart time after a failure.
 * Assumptions: exponential failures with mean M, a fixed write time δ, failures possible during
 * writes (Daly's model). Every method needs δ > 0: a write that costs nothing has no optimum.
 *
 * The restart time enters only Daly's first-order model. In his complete model every segment's
 * expected wall-clock time carries the same factor e^{R/M} (goodput.ts), so R changes the waste
 * but not the interval that minimizes it; eq. 37 and the exact optimum therefore do not depend on
 * R, and Young's model has no restart term.
 */
import { lambertW0 } from "./lambertW";
import { MINUTES_PER_HOUR } from "./units";

export type IntervalMethod = "daly" | "young" | "exact" | "daly_first_order";
export const INTERVAL_METHODS: readonly IntervalMethod[] = ["daly", "young", "exact", "daly_first_order"];

/**
 * Young (1974), first order: `τ = sqrt(2·δ·M)`. Holds for δ ≪ M and ignores restart cost.
 */
export function youngIntervalMin(writeMin: number, jobMtbfMin: number): number {
  return Math.sqrt(2 * writeMin * jobMtbfMin);
}

/**
 * Daly (2006), first-order model (its simplified cost function, valid for τ + δ ≪ M): a failure
 * costs the restart R plus half a segment, and the optimum is `τ = sqrt(2·δ·(M + R))`; with R = 0
 * it is Young's. As transcribed in Bougeret, Casanova, Rabie, Robert and Vivien, "Checkpointing
 * strategies for parallel jobs" ("Daly (1)").
 */
export function dalyFirstOrderIntervalMin(writeMin: number, jobMtbfMin: number, restartMin: number): number {
  return Math.sqrt(2 * writeMin * (jobMtbfMin + restartMin));
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

/**
 * The optimum interval in minutes by the chosen method; the job MTBF arrives in hours. `restartMin`
 * (default 0) is used by "daly_first_order" only (see the module comment).
 */
export function checkpointIntervalMin(
  writeMin: number,
  jobMtbfHours: number,
  method: IntervalMethod,
  restartMin = 0,
): number {
  const mtbfMin = jobMtbfHours * MINUTES_PER_HOUR;
  switch (method) {
    case "young":
      return youngIntervalMin(writeMin, mtbfMin);
    case "daly_first_order":
      return dalyFirstOrderIntervalMin(writeMin, mtbfMin, restartMin);
    case "exact":
      return exactIntervalMin(writeMin, mtbfMin);
    default:
      return dalyIntervalMin(writeMin, mtbfMin);
  }
}
