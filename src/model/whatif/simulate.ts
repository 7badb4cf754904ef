/**
 * Uncertainty over any model: a seeded Monte Carlo simulation of one output with some inputs drawn
 * from distributions (optionally rank-correlated) and the rest at their base values, as @RISK and
 * Crystal Ball run a spreadsheet model.
 *
 * Each uncertain input k draws its uniforms from its own xoshiro128** stream keyed by (seed,
 * "whatif:" + its index) (src/model/buildout/random.ts), so the same seed gives the same result
 * bit for bit, and an input's draws do not change when other inputs are added or removed (common
 * random numbers) unless it is correlated with them. Correlated inputs pass through the Gaussian
 * copula of ./correlation (e = Φ⁻¹(u), z = L·e, u = Φ(z)); then x = Q(u) truncated to the input's
 * range and rounded for integer inputs (./distributions). Draws are made in blocks of
 * SIMULATION_BLOCK trials; the only per-trial work besides f is copying the inputs into one reused
 * vector, so f must not keep a reference to it.
 *
 * Assumptions: plain Monte Carlo (independent trials, no Latin hypercube), so the statistics'
 * standard error sd/√n holds; uncertain inputs are independent of each other unless a
 * correlation joins them, and the other inputs stay at their base values; a trial whose output
 * has no value is counted in `failed` and left out of every statistic, which then describes the
 * output given that it has a value.
 */
import { normalCdf, normalQuantile } from "../buildout/normal";
import { LOWEST_UNIFORM, UniformStream } from "../buildout/random";
import { choleskyOfRanks, correlationProblem } from "./correlation";
import { distributionProblem, InputDistribution, inputSampler, InputRange, truncationProblem } from "./distributions";
import { Fn } from "./fn";
import { averageRanks, histogram, pearson, sCurve, summaryStatistics, SummaryStatistics } from "./statistics";

export interface UncertainInput extends InputRange {
  /** The input's position in `base`. */
  index: number;
  distribution: InputDistribution;
  /** Whole numbers only: draws are rounded to the nearest whole number in range. */
  integer?: boolean;
  /** Truncation: the input's accepted range. */
  low?: number;
  high?: number;
}

export interface SimulationSpec {
  /** Every input's value; the uncertain ones are replaced trial by trial. */
  base: readonly number[];
  uncertain: readonly UncertainInput[];
  /** Rank correlations among `uncertain` (in its order): symmetric, unit diagonal, entries in [−1, 1]. */
  correlation?: readonly (readonly number[])[];
  trials: number;
  /** A whole number from 0 to 2^31 − 1. */
  seed: number;
}

export interface SimulationResult {
  /** The output per trial (NaN: the output had no value in that trial). */
  samples: Float64Array;
  /** Per uncertain input, its value per trial. */
  inputs: Float64Array[];
  /** Trials whose output was NaN (or infinite). */
  failed: number;
  /** Over the trials that did not fail; NaN when all failed. */
  stats: SummaryStatistics;
  histogram: { from: number; to: number; count: number }[];
  /** The S-curve, ascending. */
  cdf: { x: number; p: number }[];
  /** Spearman's correlation of each uncertain input with the output, in `uncertain` order (NaN where one does not vary). */
  rankCorrelation: number[];
}

export const SIMULATION_BLOCK = 512;
export const MAX_SIMULATION_TRIALS = 1_000_000;
export const MAX_SIMULATION_SEED = 2 ** 31 - 1;

/** What is wrong with a simulation spec, in words; [] when it can run. */
export function simulationProblems(spec: SimulationSpec): string[] {
  const problems: string[] = [];
  const { base, uncertain, correlation, trials, seed } = spec;
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_SIMULATION_TRIALS) {
    problems.push(`trials must be a whole number from 1 to ${MAX_SIMULATION_TRIALS}; got ${trials}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SIMULATION_SEED) {
    problems.push(`the seed must be a whole number from 0 to ${MAX_SIMULATION_SEED}; got ${seed}`);
  }
  const seen = new Set<number>();
  uncertain.forEach((u, k) => {
    const which = `uncertain input ${k + 1}`;
    if (!Number.isInteger(u.index) || u.index < 0 || u.index >= base.length) {
      problems.push(`${which}: its index must be an input position from 0 to ${base.length - 1}; got ${u.index}`);
    } else if (seen.has(u.index)) problems.push(`${which}: input ${u.index} is already uncertain`);
    seen.add(u.index);
    const problem = distributionProblem(u.distribution) ?? truncationProblem(u.distribution, u);
    if (problem) problems.push(`${which}: ${problem}`);
  });
  if (correlation) {
    const problem = correlationProblem(correlation, uncertain.length);
    if (problem) problems.push(problem);
  }
  return problems;
}

/**
 * Runs `spec.trials` trials of f and summarizes the output (./statistics: mean, sd, standard
 * error, P10/P50/P90 by PERCENTILE.INC, extremes, histogram, S-curve, and Spearman's correlation of
 * each input with the output, all over the trials that gave a value). Throws an Error listing
 * simulationProblems when the spec is invalid.
 */
export function simulateOutput(f: Fn, spec: SimulationSpec): SimulationResult {
  const problems = simulationProblems(spec);
  if (problems.length) throw new Error(problems.join("; "));
  const { uncertain, trials, seed } = spec;
  const m = uncertain.length;
  const streams = uncertain.map((u) => UniformStream.keyed(seed, "whatif:" + u.index));
  const samplers = uncertain.map((u) => inputSampler(u.distribution, u));
  const copula = spec.correlation ? gaussianCopula(choleskyOfRanks(spec.correlation) as number[][]) : undefined;
  const u = uncertain.map(() => new Float64Array(SIMULATION_BLOCK));
  const inputs = uncertain.map(() => new Float64Array(trials));
  const samples = new Float64Array(trials);
  const x = spec.base.slice();
  const index = uncertain.map((v) => v.index);
  let failed = 0;
  for (let offset = 0; offset < trials; offset += SIMULATION_BLOCK) {
    const n = Math.min(SIMULATION_BLOCK, trials - offset);
    for (let k = 0; k < m; k++) streams[k].fill(u[k], n);
    if (copula) copula(u, n);
    for (let k = 0; k < m; k++) samplers[k](u[k], inputs[k].subarray(offset, offset + n), n);
    for (let t = offset; t < offset + n; t++) {
      for (let k = 0; k < m; k++) x[index[k]] = inputs[k][t];
      const y = f(x);
      if (Number.isFinite(y)) samples[t] = y;
      else {
        samples[t] = NaN;
        failed++;
      }
    }
  }
  return { samples, inputs, failed, ...summarize(samples, inputs, failed) };
}

/**
 * The copula step on a block of uniforms: the inputs whose row of L is not the unit row (those
 * correlated with an earlier input) get u = Φ(Σ_j L_kj·Φ⁻¹(u_j)); the others keep their uniforms.
 */
function gaussianCopula(l: number[][]): (u: Float64Array[], n: number) => void {
  const rows = l.flatMap((row, k) => (row.every((v, j) => v === (j === k ? 1 : 0)) ? [] : [k]));
  const used = [...new Set(rows.flatMap((k) => l[k].flatMap((v, j) => (v !== 0 ? [j] : []))))];
  const scores = l.map(() => new Float64Array(SIMULATION_BLOCK));
  return (u, n) => {
    for (const j of used) {
      const e = scores[j];
      const uj = u[j];
      for (let t = 0; t < n; t++) e[t] = normalQuantile(uj[t]);
    }
    for (const k of rows) {
      const uk = u[k];
      const row = l[k];
      uk.fill(0, 0, n);
      for (let j = 0; j <= k; j++) {
        const c = row[j];
        if (c === 0) continue;
        const e = scores[j];
        for (let t = 0; t < n; t++) uk[t] += c * e[t];
      }
      for (let t = 0; t < n; t++) {
        const p = normalCdf(uk[t]);
        uk[t] = p < LOWEST_UNIFORM ? LOWEST_UNIFORM : p > 1 - LOWEST_UNIFORM ? 1 - LOWEST_UNIFORM : p;
      }
    }
  };
}

function summarize(
  samples: Float64Array,
  inputs: Float64Array[],
  failed: number,
): Pick<SimulationResult, "stats" | "histogram" | "cdf" | "rankCorrelation"> {
  let values = samples;
  let columns = inputs;
  if (failed > 0) {
    const kept: number[] = [];
    samples.forEach((v, t) => {
      if (!Number.isNaN(v)) kept.push(t);
    });
    values = Float64Array.from(kept, (t) => samples[t]);
    columns = inputs.map((column) => Float64Array.from(kept, (t) => column[t]));
  }
  const outputRanks = values.length > 1 ? averageRanks(values) : undefined;
  return {
    stats: summaryStatistics(values),
    histogram: histogram(values),
    cdf: sCurve(values),
    rankCorrelation: columns.map((column) => (outputRanks ? pearson(averageRanks(column), outputRanks) : NaN)),
  };
}
