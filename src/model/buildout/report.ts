/**
 * What BUILDOUT spills: per task and for the whole project, finish-time percentiles (months from
 * the start of the plan), the mean finish, and criticality: the share of trials in which the
 * task sat on a critical path (J. M. Van Slyke, "Monte Carlo methods and the PERT problem",
 * Operations Research 11(5), 1963). The project row's criticality is 1. Trials that never finish
 * (a risk event of "never") count as finishing after every month: percentiles that reach them are
 * Infinity, and the mean is over the trials that finish. Then the Monte Carlo standard error of
 * the project's figures.
 */
import { percentilesIncWithInfinity } from "./percentiles";
import { Plan } from "./plan";
import { Simulation } from "./simulate";

export const PROJECT_ROW = "Project";
/** The name of the row after Project: the Monte Carlo standard error of its figures. */
export const STANDARD_ERROR_ROW = "Project standard error";
export const DEFAULT_PERCENTILES: readonly number[] = [0.1, 0.5, 0.9];
/**
 * The normal approximation of the binomial count behind a percentile's standard error is used
 * when n·p and n·(1 − p) are both at least this (the usual rule; W. J. Conover, Practical
 * Nonparametric Statistics, 3rd ed., 1999, §3.2).
 */
export const MIN_EXPECTED_COUNT = 5;

export interface FinishRow {
  name: string;
  /** Finish months at the percentiles; Infinity where the percentile reaches trials that never finish. */
  percentiles: number[];
  /** Mean finish month over the trials that finish; NaN when none does. */
  mean: number;
  criticality: number;
}

/** Standard errors of the project row's figures; null where none can be estimated. */
export interface StandardErrors {
  percentiles: (number | null)[];
  mean: number | null;
}

/** The mean of the finite values and how many there are (a sample without Infinity: its plain mean). */
function finiteMean(values: Float64Array): { mean: number; count: number } {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== Infinity) {
      sum += v;
      count++;
    }
  }
  return { mean: sum / count, count };
}

export function finishReport(plan: Plan, run: Simulation, percentiles: readonly number[]): FinishRow[] {
  const rows = plan.tasks.map((task, i) => ({
    name: task.name,
    percentiles: percentilesIncWithInfinity(run.finish[i], percentiles),
    mean: finiteMean(run.finish[i]).mean,
    criticality: run.critical[i] / run.trials,
  }));
  rows.push({
    name: PROJECT_ROW,
    percentiles: percentilesIncWithInfinity(run.project, percentiles),
    mean: finiteMean(run.project).mean,
    criticality: 1,
  });
  return rows;
}

/**
 * Monte Carlo standard errors of the project's finish figures.
 *
 * - Mean: s/√m, the sample standard deviation of the m finishing trials over √m (null when m < 2).
 * - Percentile p over n trials: the count of trials below the true p-quantile is Binomial(n, p),
 *   so the order statistics at ranks h ± √(n·p(1 − p)) (h = (n − 1)·p, PERCENTILE.INC's rank, and
 *   interpolated as it does) bracket the quantile with about 68 % confidence, distribution-free
 *   (Conover 1999, §3.2, large-sample interval); half that interval's width is the standard error.
 *   Null when n·p or n·(1 − p) is below MIN_EXPECTED_COUNT, when the interval runs past the
 *   sample, or when its upper end reaches trials that never finish.
 */
export function projectStandardErrors(run: Simulation, percentiles: readonly number[]): StandardErrors {
  const { project } = run;
  const n = project.length;
  const { mean, count } = finiteMean(project);
  let squares = 0;
  for (let i = 0; i < n; i++) if (project[i] !== Infinity) squares += (project[i] - mean) ** 2;
  const meanError = count >= 2 ? Math.sqrt(squares / (count - 1) / count) : null;
  const percentileErrors = percentiles.map((p) => {
    if (n * p < MIN_EXPECTED_COUNT || n * (1 - p) < MIN_EXPECTED_COUNT) return null;
    const h = (n - 1) * p;
    const spread = Math.sqrt(n * p * (1 - p));
    if (h - spread < 0 || h + spread > n - 1) return null;
    const [low, high] = percentilesIncWithInfinity(project, [(h - spread) / (n - 1), (h + spread) / (n - 1)]);
    return high === Infinity ? null : (high - low) / 2;
  });
  return { percentiles: percentileErrors, mean: meanError };
}
