/**
 * Build-out planning under uncertainty: Monte Carlo over the lead times of a task table, as
 * @RISK and Crystal Ball users know it, in a cell; and the three-point quantile functions it
 * samples. Thin adapters over src/model/buildout.
 */
import {
  finite,
  formatNumber,
  isOmitted,
  optionalChoice,
  optionalNumber,
  optionalNumberList,
  requiredNumber,
  requiredRange,
} from "../args";
import { valueError } from "../errors";
import {
  completionCurve,
  DEFAULT_GROUP_CORRELATION,
  DEFAULT_PERCENTILES,
  DEFAULT_SEED,
  DEFAULT_TRIALS,
  finishReport,
  LOGNORMAL_NEEDS,
  lognormalFits,
  lognormalQuantile,
  MAX_HORIZON_MONTHS,
  MAX_TRIALS,
  MAX_WORK,
  mwOnlineFan,
  NEVER,
  parseRiskTable,
  parseTaskTable,
  pertQuantile,
  PERT_VARIANCES,
  Plan,
  planOf,
  projectStandardErrors,
  RISK_ROW,
  RiskEvent,
  RunOptions,
  simulate,
  STANDARD_ERROR_ROW,
  TaskTableError,
  triangularQuantile,
  uniformQuantile,
  WorkLimitError,
} from "../../model";

const MAX_PERCENTILES = 20;
const readTasks = requiredRange(
  "tasks",
  "task rows: name, predecessors, min, likely, max (months), then optionally distribution, mw, group, actual",
);
const readRiskRows = requiredRange("risks", `risk rows: ${RISK_ROW}`);
const readTrials = optionalNumber({ name: "trials", min: 1, max: MAX_TRIALS, integer: true }, DEFAULT_TRIALS);
const readSeed = optionalNumber({ name: "seed", min: 0, max: 2147483647, integer: true }, DEFAULT_SEED);
const readPercentiles = optionalNumberList(
  { name: "percentiles", min: 0, max: 1 },
  DEFAULT_PERCENTILES,
  MAX_PERCENTILES,
);
const readConfidence = optionalNumberList({ name: "confidence", min: 0, max: 1 }, DEFAULT_PERCENTILES, MAX_PERCENTILES);
const readGroupCorrelation = optionalNumber({ name: "group_correlation", min: 0, max: 1 }, DEFAULT_GROUP_CORRELATION);
const readHorizon = requiredNumber({ name: "horizon_months", min: 1, max: MAX_HORIZON_MONTHS, integer: true });
const readMin = requiredNumber({ name: "min" });
const readLikely = requiredNumber({ name: "likely" });
const readMax = requiredNumber({ name: "max" });
const readProbability = requiredNumber({ name: "probability", min: 0, max: 1 });
const readOpenProbability = requiredNumber({
  name: "probability",
  min: 0,
  max: 1,
  minExclusive: true,
  maxExclusive: true,
});

/**
 * The plan of `tasks` for a run of `trials`, refused as soon as the rows read hold more work than
 * the run may take (trials × (tasks + predecessor links) ≤ MAX_WORK), so an oversized table is
 * never read to its end.
 */
function readPlan(tasks: unknown, trials: number): Plan {
  try {
    return planOf(parseTaskTable(readTasks(tasks), MAX_WORK / trials));
  } catch (error) {
    if (error instanceof WorkLimitError) {
      const most = Math.floor(MAX_WORK / (error.tasks + error.links)).toLocaleString("en-US");
      throw valueError(
        `trials × (tasks + predecessor links) must be at most ${MAX_WORK.toLocaleString("en-US")}: rows 1 to ${error.rows} already hold ${error.tasks} tasks and ${error.links} links, which allow at most ${most} trials (got ${trials.toLocaleString("en-US")}).`,
      );
    }
    if (error instanceof TaskTableError) throw valueError(`tasks: ${error.message}`);
    throw error;
  }
}

/**
 * The risk events of `risks` (none when omitted) against the plan. Each event draws once per
 * trial, so it counts as work: trials × (tasks + predecessor links + risk events) ≤ MAX_WORK.
 */
function readRisks(risks: unknown, plan: Plan, trials: number): RiskEvent[] {
  if (isOmitted(risks)) return [];
  let events: RiskEvent[];
  try {
    events = parseRiskTable(readRiskRows(risks), plan);
  } catch (error) {
    if (error instanceof TaskTableError) throw valueError(`risks: ${error.message}`);
    throw error;
  }
  const links = plan.predecessors.reduce((sum, p) => sum + p.length, 0);
  const units = plan.tasks.length + links + events.length;
  if (events.length > 0 && trials * units > MAX_WORK) {
    throw valueError(
      `trials × (tasks + predecessor links + risk events) must be at most ${MAX_WORK.toLocaleString("en-US")}: ${plan.tasks.length} tasks, ${links} links and ${events.length} risk events allow at most ${Math.floor(MAX_WORK / units).toLocaleString("en-US")} trials (got ${trials.toLocaleString("en-US")}).`,
    );
  }
  return events;
}

/** The plan and run options of a call: tasks, trials, seed, group correlation, risk events. */
function readRun(
  tasks: unknown,
  trials: unknown,
  seed: unknown,
  groupCorrelation: unknown,
  risks: unknown,
): { plan: Plan; options: RunOptions } {
  const runs = readTrials(trials);
  const plan = readPlan(tasks, runs);
  const options = { trials: runs, seed: readSeed(seed), groupCorrelation: readGroupCorrelation(groupCorrelation) };
  const events = readRisks(risks, plan, runs);
  return { plan, options: events.length ? { ...options, risks: events } : options };
}

/** A finish month as a cell shows it: "never" for trials that never finish. */
const month = (x: number, what: string): number | string => (x === Infinity ? NEVER : finite(x, what));

/** The three points as a message shows them. */
const threePoint = (a: number, m: number, b: number) =>
  `min ${formatNumber(a)}, likely ${formatNumber(m)}, max ${formatNumber(b)}`;

/** min ≤ likely ≤ max, naming all three when it fails. */
function readThreePoint(min: unknown, likely: unknown, max: unknown): [number, number, number] {
  const a = readMin(min);
  const m = readLikely(likely);
  const b = readMax(max);
  if (!(a <= m && m <= b)) throw valueError(`min ≤ likely ≤ max must hold (got ${threePoint(a, m, b)}).`);
  return [a, m, b];
}

/**
 * Monte Carlo of a build-out plan: finish-month percentiles, mean and criticality per task and for the project, and the Monte Carlo standard error of the project's figures.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#BUILDOUT
 * @param tasks Task table, one row per task: name, predecessors (comma-separated names), min, likely, max (months), then optionally distribution ("pert" default, "triangular", "uniform", "lognormal", "pert_textbook" for PERT with σ = (max − min)/6, "normal" with mean likely and σ = (max − min)/6, truncated at 0), mw online at finish, risk group, actual duration (months). A header row is allowed; at most 1,000 rows and 500 tasks.
 * @param [trials] Monte Carlo trials (whole number from 1 to 100,000, and trials × (tasks + predecessor links + risk events) at most 3,000,000; default 10,000).
 * @param [seed] Random seed (whole number from 0 to 2,147,483,647; default 1). The same seed gives the same results everywhere.
 * @param [percentiles] Finish-time percentiles to report, each 0–1 (one number or a range; default 0.1, 0.5, 0.9).
 * @param [group_correlation] Rank correlation between durations of tasks in the same risk group, 0–1 (default 0.5).
 * @param [risks] Risk events, one row each: task name, probability (0–1), delay in months (0 to 1,200) or "never" (the task may never finish). A header row is allowed; blank rows are skipped.
 * @returns One row per task, a "Project" row (name, finish month at each percentile, mean finish month of the trials that finish, criticality 0–1; "never" where a percentile reaches trials that never finish), then a "Project standard error" row ("" where none can be estimated).
 */
export function BUILDOUT(
  tasks: unknown[][],
  trials?: number,
  seed?: number,
  percentiles?: unknown[][],
  group_correlation?: number,
  risks?: unknown[][],
): unknown[][] {
  const { plan, options } = readRun(tasks, trials, seed, group_correlation, risks);
  const levels = readPercentiles(percentiles);
  const run = simulate(plan, options);
  const rows = finishReport(plan, run, levels).map((row) => [
    row.name,
    ...row.percentiles.map((x) => month(x, "BUILDOUT")),
    Number.isNaN(row.mean) ? NEVER : finite(row.mean, "BUILDOUT"),
    row.criticality,
  ]);
  const errors = projectStandardErrors(run, levels);
  const blankOr = (x: number | null) => (x === null ? "" : finite(x, "BUILDOUT"));
  return [...rows, [STANDARD_ERROR_ROW, ...errors.percentiles.map(blankOr), blankOr(errors.mean), ""]];
}

/**
 * MW online month by month at chosen confidence levels, from the same Monte Carlo as BUILDOUT: a fan chart.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#BUILDOUT_MW
 * @param tasks Task table as for BUILDOUT; the mw column says what comes online when each task finishes.
 * @param horizon_months Last month to show (whole number from 1 to 600); rows run from month 0.
 * @param [trials] Monte Carlo trials (whole number from 1 to 100,000, and trials × (tasks + predecessor links + risk events) at most 3,000,000; default 10,000).
 * @param [seed] Random seed (whole number from 0 to 2,147,483,647; default 1).
 * @param [confidence] Confidence levels, each 0–1 (one number or a range; default 0.1, 0.5, 0.9): the column for c is the MW online with probability at least c, so 0.9 is the firm P90.
 * @param [group_correlation] Rank correlation between durations of tasks in the same risk group, 0–1 (default 0.5).
 * @param [risks] Risk events as for BUILDOUT: task name, probability (0–1), delay in months or "never". A task that never finishes brings no MW.
 * @returns One row per month: month, then MW online at each confidence level.
 */
export function BUILDOUT_MW(
  tasks: unknown[][],
  horizon_months: number,
  trials?: number,
  seed?: number,
  confidence?: unknown[][],
  group_correlation?: number,
  risks?: unknown[][],
): unknown[][] {
  const { plan, options } = readRun(tasks, trials, seed, group_correlation, risks);
  if (!plan.tasks.some((t) => t.mw > 0)) {
    throw valueError(
      "tasks: no task brings MW online; give the MW in the seventh column (mw) of the tasks that deliver power.",
    );
  }
  const horizon = readHorizon(horizon_months);
  const levels = readConfidence(confidence);
  return mwOnlineFan(plan, simulate(plan, options), horizon, levels).map((row) =>
    row.map((x) => finite(x, "BUILDOUT_MW")),
  );
}

/**
 * When the project finishes, from the same Monte Carlo as BUILDOUT: the histogram and S-curve of its finish month.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#BUILDOUT_COMPLETION
 * @param tasks Task table as for BUILDOUT.
 * @param horizon_months Last month to show (whole number from 1 to 600); rows run from month 0.
 * @param [trials] Monte Carlo trials (whole number from 1 to 100,000, and trials × (tasks + predecessor links + risk events) at most 3,000,000; default 10,000).
 * @param [seed] Random seed (whole number from 0 to 2,147,483,647; default 1).
 * @param [group_correlation] Rank correlation between durations of tasks in the same risk group, 0–1 (default 0.5).
 * @param [risks] Risk events as for BUILDOUT: task name, probability (0–1), delay in months or "never".
 * @returns One row per month: month, probability the project finishes in that month, probability it has finished by the month's end (S-curve; ends below 1 by the share finishing later or never), standard error of that probability ("" where it is 0 or 1).
 */
export function BUILDOUT_COMPLETION(
  tasks: unknown[][],
  horizon_months: number,
  trials?: number,
  seed?: number,
  group_correlation?: number,
  risks?: unknown[][],
): unknown[][] {
  const { plan, options } = readRun(tasks, trials, seed, group_correlation, risks);
  const horizon = readHorizon(horizon_months);
  return completionCurve(simulate(plan, options), horizon).map((m) => [
    m.month,
    m.inMonth,
    m.byMonth,
    m.stdError === null ? "" : m.stdError,
  ]);
}

const readPertVariance = optionalChoice("variance", PERT_VARIANCES, "beta");

/**
 * PERT quantile: the value a PERT(min, likely, max) duration stays below with the given probability.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#PERT
 * @param min Lowest value (any number ≤ likely).
 * @param likely Most likely value (mode), between min and max.
 * @param max Highest value (≥ likely).
 * @param probability Cumulative probability, 0–1.
 * @param [variance] "beta" (default: α + β = 6, σ = (max − min)/5.29 for a symmetric task, as @RISK and Vose) or "textbook" (σ = (max − min)/6, the original PERT).
 * @returns The quantile, in the unit of min, likely and max.
 */
export function PERT(min: number, likely: number, max: number, probability: number, variance?: string): number {
  const [a, m, b] = readThreePoint(min, likely, max);
  return finite(pertQuantile(a, m, b, readProbability(probability), readPertVariance(variance)), "PERT");
}

/**
 * Triangular quantile: the value a triangular(min, likely, max) duration stays below with the given probability.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#TRIANGULAR
 * @param min Lowest value (any number ≤ likely).
 * @param likely Most likely value (mode), between min and max.
 * @param max Highest value (≥ likely).
 * @param probability Cumulative probability, 0–1.
 * @returns The quantile, in the unit of min, likely and max.
 */
export function TRIANGULAR(min: number, likely: number, max: number, probability: number): number {
  const [a, m, b] = readThreePoint(min, likely, max);
  return finite(triangularQuantile(a, m, b, readProbability(probability)), "TRIANGULAR");
}

/**
 * Uniform quantile: min + probability × (max − min).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#UNIFORM
 * @param min Lowest value (any number ≤ max).
 * @param max Highest value (≥ min).
 * @param probability Cumulative probability, 0–1.
 * @returns The quantile, in the unit of min and max.
 */
export function UNIFORM(min: number, max: number, probability: number): number {
  const a = readMin(min);
  const b = readMax(max);
  if (!(a <= b)) throw valueError(`min ≤ max must hold (got min ${formatNumber(a)}, max ${formatNumber(b)}).`);
  return finite(uniformQuantile(a, b, readProbability(probability)), "UNIFORM");
}

/**
 * Quantile of the right-skewed lognormal BUILDOUT fits to three points: starts at min, peaks at likely, 95% below max.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#LOGNORMAL
 * @param min Lowest value, where the distribution starts (< likely).
 * @param likely Most likely value (mode), between min and max, not too close to min: (max − min)/(likely − min) at most 1e12.
 * @param max The 95th percentile (> likely); 5% of outcomes overrun it.
 * @param probability Cumulative probability, in (0, 1).
 * @returns The quantile, in the unit of min, likely and max.
 */
export function LOGNORMAL(min: number, likely: number, max: number, probability: number): number {
  const [a, m, b] = readThreePoint(min, likely, max);
  if (!lognormalFits(a, m, b)) throw valueError(`${LOGNORMAL_NEEDS} (got ${threePoint(a, m, b)}).`);
  return finite(lognormalQuantile(a, m, b, readOpenProbability(probability)), "LOGNORMAL");
}
