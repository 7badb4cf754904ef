/**
 * The Monte Carlo over a plan. Each trial draws every task's duration (a finished task keeps its
 * actual), runs the forward pass of the critical path method (start = latest predecessor finish),
 * and marks the tasks on a critical path. Trials run in blocks of 512 so the working set stays in
 * cache; every task's finish times are kept for the percentiles.
 *
 * Risk groups: a one-factor Gaussian copula. Task i of group g gets the normal score
 * Z_i = √ρ·G_g + √(1 − ρ)·E_i, with G_g shared by the group and E_i its own, and draws its
 * duration at u_i = Φ(Z_i) by inverse CDF. Any two tasks of a group then have normal-score
 * correlation ρ and rank (Spearman) correlation `groupCorrelation` = (6/π)·asin(ρ/2), whatever
 * their distributions: the rank correlation @RISK (RiskCorrmat) and Crystal Ball use, with one
 * strength per model. Tasks in different groups, or in none, are independent. Actual durations
 * in a group condition its factor (see groupPosteriors).
 *
 * Risk events (./risks): each event draws from its own stream, keyed by the seed, its task's name
 * and its place among that task's events, so events are independent of each other and of the
 * durations; when u < probability the task's duration grows by the delay (Infinity: the task, and
 * every task after it, never finishes, and such a trial's project finish is Infinity). Without
 * events no stream is drawn and the results are bit for bit those of a run without the option.
 */
import { blockSampler, BlockSampler, distributionCdf } from "./distributions";
import { normalCdf, normalQuantile, pearsonFromSpearman } from "./normal";
import { Plan } from "./plan";
import { LOWEST_UNIFORM, UniformStream } from "./random";
import { RiskEvent } from "./risks";
import { taskKey } from "./tasks";

export const MAX_TRIALS = 100_000;
/**
 * Most work a run may take: trials × (tasks + predecessor links). Each task costs a draw and a
 * kept finish time (8 bytes) per trial, each link a comparison in the forward and the backward
 * pass, so this bounds memory and time on Excel's calculation thread: the costliest allowed call
 * (BUILDOUT_MW over 500 unlinked lognormal tasks, half correlated, 6,000 trials, 600 months) takes
 * about 0.5 s in Node on the 2-core test machine (measured by test/functions/buildout.test.ts).
 */
export const MAX_WORK = 3_000_000;
export const DEFAULT_TRIALS = 10_000;
export const DEFAULT_SEED = 1;
export const DEFAULT_GROUP_CORRELATION = 0.5;
/** Trials per block: the sampler draws and the schedule runs this many at a time. */
export const TRIAL_BLOCK = 512;

export interface RunOptions {
  trials: number;
  /** A whole number 0 to 2^31 − 1 (@RISK's range of fixed seeds). */
  seed: number;
  /** Rank correlation of durations within a risk group, 0–1. */
  groupCorrelation: number;
  /** Discrete risk events (none when omitted). */
  risks?: readonly RiskEvent[];
}

/**
 * Replanning within a risk group. An actual duration x_j says where that task fell in its
 * distribution, its score z_j = Φ⁻¹(F_j(x_j)) (F_j clamped to the stream's range of uniforms, so
 * an actual outside [min, max] counts as an extreme draw). Given the k scores of a group, the
 * factor is Gaussian: G | z ~ N(√ρ·Σz_j/(1 − ρ + kρ), (1 − ρ)/(1 − ρ + kρ)) (normal prior and
 * likelihood z_j | G ~ N(√ρ·G, 1 − ρ)), so the group's open tasks follow its finished ones.
 * A task with min = max says nothing about the factor and is left out.
 */
function groupPosteriors(plan: Plan, rho: number): { mean: number; sd: number }[] {
  const sums = plan.groups.map(() => 0);
  const counts = plan.groups.map(() => 0);
  plan.tasks.forEach((task, i) => {
    const g = plan.groupOf[i];
    if (g < 0 || task.actual === null || task.min === task.max) return;
    const p = distributionCdf(task.distribution, task.min, task.likely, task.max, task.actual);
    sums[g] += normalQuantile(Math.min(1 - LOWEST_UNIFORM, Math.max(LOWEST_UNIFORM, p)));
    counts[g]++;
  });
  return sums.map((sum, g) => {
    const k = counts[g];
    if (k === 0) return { mean: 0, sd: 1 };
    const precision = 1 - rho + k * rho;
    return { mean: (Math.sqrt(rho) * sum) / precision, sd: Math.sqrt((1 - rho) / precision) };
  });
}

/** Draws the durations of a plan's tasks, block by block, the same for the same seed. */
export class DurationSampler {
  private readonly plan: Plan;
  private readonly streams: UniformStream[];
  private readonly samplers: BlockSampler[];
  private readonly groupStreams: UniformStream[];
  private readonly groupScores: Float64Array[];
  private readonly groupFactors: { mean: number; sd: number }[];
  private readonly loading: number;
  private readonly own: number;
  private readonly u = new Float64Array(TRIAL_BLOCK);
  /** Each task's risk events, with their streams (tasks with an actual duration have none). */
  private readonly risks: { probability: number; delay: number; stream: UniformStream }[][];

  constructor(plan: Plan, options: RunOptions) {
    this.plan = plan;
    this.streams = plan.tasks.map((t) => UniformStream.keyed(options.seed, "task:" + taskKey(t.name)));
    this.samplers = plan.tasks.map((t) => blockSampler(t.distribution, t.min, t.likely, t.max));
    this.groupStreams = plan.groups.map((g) => UniformStream.keyed(options.seed, "group:" + g));
    this.groupScores = plan.groups.map(() => new Float64Array(TRIAL_BLOCK));
    const rho = pearsonFromSpearman(options.groupCorrelation);
    this.groupFactors = groupPosteriors(plan, rho);
    this.loading = Math.sqrt(rho);
    this.own = Math.sqrt(1 - rho);
    this.risks = plan.tasks.map(() => []);
    for (const { task, probability, delay } of options.risks ?? []) {
      const events = this.risks[task];
      const key = `risk:${taskKey(plan.tasks[task].name)}:${events.length + 1}`;
      if (plan.tasks[task].actual === null)
        events.push({ probability, delay, stream: UniformStream.keyed(options.seed, key) });
    }
  }

  /** Fills `durations[i][0..n)` for every task i with the next n trials (n ≤ 512). */
  draw(durations: Float64Array[], n: number): void {
    const { plan, u, loading, own } = this;
    const correlated = loading > 0;
    if (correlated) {
      this.groupStreams.forEach((stream, g) => {
        const scores = this.groupScores[g];
        const { mean, sd } = this.groupFactors[g];
        stream.fill(scores, n);
        for (let t = 0; t < n; t++) scores[t] = mean + sd * normalQuantile(scores[t]);
      });
    }
    plan.tasks.forEach((task, i) => {
      const out = durations[i];
      if (task.actual !== null) {
        out.fill(task.actual, 0, n);
        return;
      }
      this.streams[i].fill(u, n);
      const g = plan.groupOf[i];
      if (correlated && g >= 0) {
        const scores = this.groupScores[g];
        for (let t = 0; t < n; t++) u[t] = normalCdf(loading * scores[t] + own * normalQuantile(u[t]));
      }
      this.samplers[i](u, out, n);
      for (const event of this.risks[i]) {
        event.stream.fill(u, n);
        addDelays(out, u, event.probability, event.delay, n);
      }
    });
  }
}

/** A risk event in each of n trials: the duration grows by `delay` where the uniform falls below p. */
function addDelays(out: Float64Array, u: Float64Array, p: number, delay: number, n: number): void {
  for (let t = 0; t < n; t++) if (u[t] < p) out[t] += delay;
}

export interface Simulation {
  trials: number;
  /** Each task's finish time in every trial, months from the start of the plan (Infinity: never). */
  finish: Float64Array[];
  /** The project's finish (the latest task finish) in every trial (Infinity: never). */
  project: Float64Array;
  /**
   * Trials in which each task sat on a critical path. In a trial that never finishes, the tasks
   * that never finish and the paths into them are critical: they hold the project.
   */
  critical: Float64Array;
}

const blocks = (count: number) => Array.from({ length: count }, () => new Float64Array(TRIAL_BLOCK));

export function simulate(plan: Plan, options: RunOptions): Simulation {
  const { tasks, order, predecessors } = plan;
  const m = tasks.length;
  const trials = options.trials;
  const sampler = new DurationSampler(plan, options);
  const successors: number[][] = tasks.map(() => []);
  predecessors.forEach((ps, i) => ps.forEach((p) => successors[p].push(i)));
  const duration = blocks(m);
  const merged = blocks(m);
  const zero = new Float64Array(TRIAL_BLOCK);
  const start: Float64Array[] = new Array(m);
  const end: Float64Array[] = new Array(m);
  const onPath = Array.from({ length: m }, () => new Uint8Array(TRIAL_BLOCK));
  const finish = Array.from({ length: m }, () => new Float64Array(trials));
  const project = new Float64Array(trials);
  const critical = new Float64Array(m);

  for (let offset = 0; offset < trials; offset += TRIAL_BLOCK) {
    const n = Math.min(TRIAL_BLOCK, trials - offset);
    sampler.draw(duration, n);
    // Forward pass, written straight into the kept finish times; a task with one predecessor
    // starts at (shares the block of) that predecessor's finish, one with none at zero.
    const latest = project.subarray(offset, offset + n);
    for (const i of order) {
      const preds = predecessors[i];
      let s: Float64Array = zero;
      if (preds.length === 1) s = end[preds[0]];
      else if (preds.length > 1) {
        s = merged[i];
        maxOf(s, end[preds[0]], end[preds[1]], n);
        for (let k = 2; k < preds.length; k++) raiseTo(s, end[preds[k]], n);
      }
      start[i] = s;
      end[i] = finish[i].subarray(offset, offset + n);
      finishAndLatest(end[i], s, duration[i], latest, n);
    }

    // Backward pass: a task is critical if it ends the project, or if its finish set the start
    // of a critical successor (exact equality: that start is this finish).
    for (let k = m - 1; k >= 0; k--) {
      const i = order[k];
      const c = onPath[i];
      const succ = successors[i];
      if (succ.length === 0) critical[i] += markEnds(c, end[i], latest, n);
      else if (succ.length === 1) {
        const j = succ[0];
        critical[i] += markEndsAndSetters(c, end[i], latest, onPath[j], start[j], n);
      } else {
        markEnds(c, end[i], latest, n);
        for (const j of succ) markSetters(c, onPath[j], end[i], start[j], n);
        critical[i] += countMarked(c, n);
      }
    }
  }
  return { trials, finish, project, critical };
}

// The hot loops, kept small so the engine optimizes each on its own.

function maxOf(s: Float64Array, a: Float64Array, b: Float64Array, n: number): void {
  for (let t = 0; t < n; t++) s[t] = a[t] > b[t] ? a[t] : b[t];
}

function raiseTo(s: Float64Array, f: Float64Array, n: number): void {
  for (let t = 0; t < n; t++) if (f[t] > s[t]) s[t] = f[t];
}

function finishAndLatest(e: Float64Array, s: Float64Array, d: Float64Array, latest: Float64Array, n: number): void {
  for (let t = 0; t < n; t++) {
    const x = s[t] + d[t];
    e[t] = x;
    if (x > latest[t]) latest[t] = x;
  }
}

/** Marks the trials in which the task ends the project; returns how many. */
function markEnds(c: Uint8Array, e: Float64Array, latest: Float64Array, n: number): number {
  let count = 0;
  for (let t = 0; t < n; t++) count += c[t] = e[t] === latest[t] ? 1 : 0;
  return count;
}

/** markEnds and markSetters for a task's only successor in one pass; returns the count. */
function markEndsAndSetters(
  c: Uint8Array,
  e: Float64Array,
  latest: Float64Array,
  cs: Uint8Array,
  s: Float64Array,
  n: number,
): number {
  let count = 0;
  for (let t = 0; t < n; t++) count += c[t] = e[t] === latest[t] || (cs[t] === 1 && e[t] === s[t]) ? 1 : 0;
  return count;
}

/** Marks the trials in which the task's finish set a critical successor's start. */
function markSetters(c: Uint8Array, cs: Uint8Array, f: Float64Array, s: Float64Array, n: number): void {
  for (let t = 0; t < n; t++) if (cs[t] === 1 && f[t] === s[t]) c[t] = 1;
}

function countMarked(c: Uint8Array, n: number): number {
  let count = 0;
  for (let t = 0; t < n; t++) count += c[t];
  return count;
}
