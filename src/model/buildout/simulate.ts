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
 * strength per model. Tasks in different groups, or in none, are independent.
 */
import { blockSampler, BlockSampler } from "./distributions";
import { normalCdf, normalQuantile, pearsonFromSpearman } from "./normal";
import { Plan } from "./plan";
import { UniformStream } from "./random";
import { taskKey } from "./tasks";

export const MAX_TRIALS = 100_000;
/** Tasks × trials, bounding memory (8 bytes each) and time on Excel's calculation thread. */
export const MAX_TASK_SAMPLES = 5_000_000;
export const DEFAULT_TRIALS = 10_000;
export const DEFAULT_SEED = 1;
export const DEFAULT_GROUP_CORRELATION = 0.5;
/** Trials per block: the sampler draws and the schedule runs this many at a time. */
export const TRIAL_BLOCK = 512;

export interface RunOptions {
  trials: number;
  /** A whole number 0 to 2^32 − 1. */
  seed: number;
  /** Rank correlation of durations within a risk group, 0–1. */
  groupCorrelation: number;
}

/** Draws the durations of a plan's tasks, block by block, the same for the same seed. */
export class DurationSampler {
  private readonly plan: Plan;
  private readonly streams: UniformStream[];
  private readonly samplers: BlockSampler[];
  private readonly groupStreams: UniformStream[];
  private readonly groupScores: Float64Array[];
  private readonly loading: number;
  private readonly own: number;
  private readonly u = new Float64Array(TRIAL_BLOCK);

  constructor(plan: Plan, options: RunOptions) {
    this.plan = plan;
    this.streams = plan.tasks.map((t) => UniformStream.keyed(options.seed, "task:" + taskKey(t.name)));
    this.samplers = plan.tasks.map((t) => blockSampler(t.distribution, t.min, t.likely, t.max));
    this.groupStreams = plan.groups.map((g) => UniformStream.keyed(options.seed, "group:" + g));
    this.groupScores = plan.groups.map(() => new Float64Array(TRIAL_BLOCK));
    const rho = pearsonFromSpearman(options.groupCorrelation);
    this.loading = Math.sqrt(rho);
    this.own = Math.sqrt(1 - rho);
  }

  /** Fills `durations[i][0..n)` for every task i with the next n trials (n ≤ 512). */
  draw(durations: Float64Array[], n: number): void {
    const { plan, u, loading, own } = this;
    const correlated = loading > 0;
    if (correlated) {
      this.groupStreams.forEach((stream, g) => {
        const scores = this.groupScores[g];
        stream.fill(scores, n);
        for (let t = 0; t < n; t++) scores[t] = normalQuantile(scores[t]);
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
    });
  }
}

export interface Simulation {
  trials: number;
  /** Each task's finish time in every trial, months from the start of the plan. */
  finish: Float64Array[];
  /** The project's finish (the latest task finish) in every trial. */
  project: Float64Array;
  /** Trials in which each task sat on a critical path. */
  critical: Float64Array;
}

const blocks = (count: number) => Array.from({ length: count }, () => new Float64Array(TRIAL_BLOCK));

export function simulate(plan: Plan, options: RunOptions): Simulation {
  const { tasks, order, predecessors } = plan;
  const m = tasks.length;
  const trials = options.trials;
  const sampler = new DurationSampler(plan, options);
  const duration = blocks(m);
  const start = blocks(m);
  const end = blocks(m);
  const latest = new Float64Array(TRIAL_BLOCK);
  const onPath = Array.from({ length: m }, () => new Uint8Array(TRIAL_BLOCK));
  const finish = Array.from({ length: m }, () => new Float64Array(trials));
  const project = new Float64Array(trials);
  const critical = new Float64Array(m);

  for (let offset = 0; offset < trials; offset += TRIAL_BLOCK) {
    const n = Math.min(TRIAL_BLOCK, trials - offset);
    sampler.draw(duration, n);
    latest.fill(0);
    for (const i of order) {
      const s = start[i];
      const preds = predecessors[i];
      if (preds.length === 0) s.fill(0);
      else s.set(end[preds[0]]);
      for (let k = 1; k < preds.length; k++) raiseTo(s, end[preds[k]], n);
      finishAndLatest(end[i], s, duration[i], latest, n);
      finish[i].set(end[i].subarray(0, n), offset);
    }
    project.set(latest.subarray(0, n), offset);

    // Backward pass: a task ending the project is critical, and so is a predecessor of a
    // critical task whose finish set that task's start (exact equality: start is that finish).
    for (let i = 0; i < m; i++) markEqual(onPath[i], end[i], latest, n);
    for (let k = m - 1; k >= 0; k--) {
      const i = order[k];
      for (const p of predecessors[i]) markSetters(onPath[p], onPath[i], end[p], start[i], n);
      critical[i] += countMarked(onPath[i], n);
    }
  }
  return { trials, finish, project, critical };
}

// The hot loops, kept small so the engine optimizes each on its own.

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

function markEqual(c: Uint8Array, e: Float64Array, latest: Float64Array, n: number): void {
  for (let t = 0; t < n; t++) c[t] = e[t] === latest[t] ? 1 : 0;
}

function markSetters(cp: Uint8Array, c: Uint8Array, f: Float64Array, s: Float64Array, n: number): void {
  for (let t = 0; t < n; t++) if (c[t] === 1 && f[t] === s[t]) cp[t] = 1;
}

function countMarked(c: Uint8Array, n: number): number {
  let count = 0;
  for (let t = 0; t < n; t++) count += c[t];
  return count;
}
