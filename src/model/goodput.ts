/**
 * Expected effective training time (ETTR) and goodput of a large synchronous job.
 *
 * Model: Daly 2006 ("A higher order estimate of the optimum checkpoint interval for restart
 * dumps", FGCS 22), whose complete model gives the expected wall-clock time of one checkpoint
 * segment (τ minutes of work, then a δ-minute blocking write) as `M·e^{R/M}·(e^{(τ+δ)/M} − 1)`,
 * extended with a dead wait W after each failure during which the job is not running and so
 * cannot fail (a requeue, or waiting for a repair when no spare is at hand):
 *
 *   T(τ) = (M + W) · e^{R/M} · (e^{(τ+δ)/M} − 1),     ETTR = τ / T(τ).
 *
 * Per segment, with F = e^{(τ+δ)/M} − 1 the expected failures while computing or writing:
 * useful τ; checkpoint save δ; lost progress M·F − (τ+δ) (rework of the work since the last
 * checkpoint, on average τ/2 per failure when τ ≪ M); restarts F·M·(e^{R/M} − 1) (including
 * restarts that are themselves interrupted); waiting F·e^{R/M}·W. They sum to T(τ) exactly.
 * With W = 0 this is Daly's model; to first order it is Kokolis et al. 2024's
 * `E[ETTR] ≈ (1 − (u0 + Δt/2)/M) / (1 + w/Δt)` (arXiv 2410.21680).
 *
 * Fleet goodput follows Google's decomposition ("Introducing ML Productivity Goodput", 2024):
 * scheduling goodput (N/(N+k) for k idle spares, times the share of time the job is not waiting
 * for resources) × runtime goodput (progress while resources are there) × program goodput (MFU).
 *
 * Assumptions: exponential, independent failures (a whole job fails when any accelerator does),
 * at `failureMultiplier` times the fleet-average rate (failures.ts: clustering makes real jobs stop
 * more often; the multiplier scales job interruptions, while the spare pool keeps the per-unit
 * rate, since not every interruption sends hardware to repair);
 * a failure while a spare is free costs only the restart; without one the job waits for the
 * first of the units in repair to return (repairWaitMin), with the chance of a free spare taken
 * from the steady-state binomial pool (sparePool.ts).
 * A non-blocking checkpoint (δ = 0) charges no save time and loses, on average, half the interval
 * (the work since the last persisted checkpoint). That assumes the background save completes in
 * a small part of the interval: a failure before it completes loses more, so add a long
 * background save's duration to the interval you give. The interval must be given, because a
 * free checkpoint has no finite optimum.
 */
import { exactIntervalMin } from "./checkpoint";
import { jobMtbfHours } from "./failures";
import { spareReadyProbability } from "./sparePool";
import { MINUTES_PER_HOUR } from "./units";

/** e^x − 1 − x without cancellation for small x. */
function expm1MinusX(x: number): number {
  if (Math.abs(x) < 1e-4) return x * x * (0.5 + x / 6 + (x * x) / 24);
  return Math.expm1(x) - x;
}

/** Minutes of each activity per checkpoint segment (see the module comment). */
export interface SegmentTimes {
  useful: number;
  checkpointSaves: number;
  lostProgress: number;
  restarts: number;
  waiting: number;
  total: number;
}

/** Expected minutes spent on each activity per segment of `intervalMin` minutes of work. */
export function segmentTimes(
  jobMtbfMin: number,
  intervalMin: number,
  writeMin: number,
  restartMin: number,
  waitMin: number,
): SegmentTimes {
  const m = jobMtbfMin;
  const x = (intervalMin + writeMin) / m;
  const failures = Math.expm1(x);
  const restartGrowth = Math.exp(restartMin / m);
  const lostProgress = m * expm1MinusX(x);
  // Inf · 0 would be NaN when the job can no longer finish a segment: a zero part stays zero.
  const restarts = restartMin === 0 ? 0 : failures * m * Math.expm1(restartMin / m);
  const waiting = waitMin === 0 ? 0 : failures * restartGrowth * waitMin;
  return {
    useful: intervalMin,
    checkpointSaves: writeMin,
    lostProgress,
    restarts,
    waiting,
    total: intervalMin + writeMin + lostProgress + restarts + waiting,
  };
}

/**
 * Expected effective training time ratio: `τ / ((M + q)·e^{R/M}·(e^{(τ+δ)/M} − 1))`, the share of
 * wall-clock time that makes new progress. `requeueMin` is dead time per failure (queueing).
 */
export function ettr(
  jobMtbfHours: number,
  intervalMin: number,
  writeMin: number,
  restartMin: number,
  requeueMin: number,
): number {
  const t = segmentTimes(jobMtbfHours * MINUTES_PER_HOUR, intervalMin, writeMin, restartMin, requeueMin);
  return t.useful / t.total;
}

/** Inputs of GOODPUT, in the units of its Excel arguments. */
export interface GoodputInputs {
  accelerators: number;
  accelMtbfHours: number;
  ckptWriteMin: number;
  restartMin: number;
  /** Omitted: the interval that maximizes this model (Daly's exact optimum). Required when ckptWriteMin = 0. */
  ckptIntervalMin?: number;
  /** Model FLOPs utilization, the program goodput (0–1]. */
  mfu: number;
  spares: number;
  /** Time to return a failed accelerator to service; 0 means replacements are instant. */
  repairHours: number;
  /** Job interruption rate ÷ the fleet-average rate accelerators/accelMtbfHours (failures.ts); default 1. */
  failureMultiplier?: number;
}

/** Where the fleet's accelerator-time goes; the seven shares sum to 1. */
export interface GoodputBreakdown {
  usefulWork: number;
  belowPeak: number;
  checkpointSaves: number;
  lostProgress: number;
  restarts: number;
  waitingForRepair: number;
  idleSpares: number;
  /** Checkpoint interval used, minutes. */
  intervalMin: number;
  scheduling: number;
  runtime: number;
  program: number;
}

/** The seven shares of GoodputBreakdown with labels a finance reader understands, in spill order. */
export const GOODPUT_PARTS = [
  ["usefulWork", "Useful work"],
  ["belowPeak", "Running below peak speed (1 − MFU)"],
  ["checkpointSaves", "Saving checkpoints"],
  ["lostProgress", "Lost progress redone after failures"],
  ["restarts", "Restarting after failures"],
  ["waitingForRepair", "Waiting for repair (no spare ready)"],
  ["idleSpares", "Idle hot spares"],
] as const;

/**
 * Expected wait for hardware after a failure, minutes. With a spare ready the swap is part of the
 * restart; without one all k spares are in use, k + 1 units are in repair, and the job waits for
 * the first to return: MTTR/(k + 1) with exponential repair times.
 */
export function repairWaitMin(
  accelerators: number,
  spares: number,
  accelMtbfHours: number,
  repairHours: number,
): number {
  if (repairHours === 0) return 0;
  const noSpare = 1 - spareReadyProbability(accelerators, spares, accelMtbfHours, repairHours);
  return (noSpare * repairHours * MINUTES_PER_HOUR) / (spares + 1);
}

/** Goodput and its breakdown for a job of `accelerators` with `spares` hot spares. */
export function goodputBreakdown(inputs: GoodputInputs): GoodputBreakdown {
  const { accelerators, accelMtbfHours, ckptWriteMin, restartMin, mfu, spares, repairHours } = inputs;
  const jobMtbfMin = jobMtbfHours(accelerators, accelMtbfHours, inputs.failureMultiplier) * MINUTES_PER_HOUR;
  const intervalMin = inputs.ckptIntervalMin ?? exactIntervalMin(ckptWriteMin, jobMtbfMin);
  const waitMin = repairWaitMin(accelerators, spares, accelMtbfHours, repairHours);
  const t = segmentTimes(jobMtbfMin, intervalMin, ckptWriteMin, restartMin, waitMin);
  const inJob = accelerators / (accelerators + spares);
  const share = inJob / t.total;
  return {
    usefulWork: share * t.useful * mfu,
    belowPeak: share * t.useful * (1 - mfu),
    checkpointSaves: share * t.checkpointSaves,
    lostProgress: share * t.lostProgress,
    restarts: share * t.restarts,
    waitingForRepair: share * t.waiting,
    idleSpares: 1 - inJob,
    intervalMin,
    scheduling: (inJob * (t.total - t.waiting)) / t.total,
    runtime: t.useful / (t.total - t.waiting),
    program: mfu,
  };
}
