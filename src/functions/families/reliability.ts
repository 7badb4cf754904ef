/**
 * Reliability and goodput: large synchronous jobs fail as a whole, so reliability multiplies
 * utilization. Thin adapters over src/model (failures, checkpoint, goodput, sparePool).
 */
import { finite, optionalChoice, optionalNumber, requiredNumber } from "../args";
import { valueError } from "../errors";
import { countOrZeroRule, countRule, fractionRule, mtbfRule, nonNegativeRule, positiveRule } from "../params";
import {
  checkpointIntervalMin,
  ettr,
  goodputBreakdown,
  GoodputBreakdown,
  GOODPUT_PARTS,
  INTERVAL_METHODS,
  jobMtbfHours,
  MAX_SPARES,
  sparesNeeded,
  survival,
  unitUnavailability,
} from "../../model";

const readUnits = requiredNumber(countRule("units"));
const readUnitMtbf = requiredNumber(mtbfRule("unit_mtbf_hours"));
const readHours = requiredNumber(nonNegativeRule("hours"));
const readPositiveWrite = requiredNumber(positiveRule("ckpt_write_min"));
const readWrite = requiredNumber(nonNegativeRule("ckpt_write_min"));
const readJobMtbf = requiredNumber(mtbfRule("job_mtbf_hours"));
const readMethod = optionalChoice("method", INTERVAL_METHODS, "daly");
const readInterval = requiredNumber(positiveRule("ckpt_interval_min"));
const readRestart = requiredNumber(nonNegativeRule("restart_min"));
const readOptionalRestart = optionalNumber(nonNegativeRule("restart_min"), 0);
const readRequeue = optionalNumber(nonNegativeRule("requeue_min"), 0);
const readAccelerators = requiredNumber(countRule("accelerators"));
const readAccelMtbf = requiredNumber(mtbfRule("accel_mtbf_hours"));
const readOptionalInterval = optionalNumber(positiveRule("ckpt_interval_min"), undefined);
const readMfu = optionalNumber(fractionRule("mfu"), 1);
const readSpares = optionalNumber(countOrZeroRule("spares"), 0);
const readRepair = optionalNumber(nonNegativeRule("repair_hours"), 0);
const readNodes = requiredNumber(countRule("nodes"));
const readNodeMtbf = requiredNumber(mtbfRule("node_mtbf_hours"));
const readRepairRequired = requiredNumber(positiveRule("repair_hours"));
/** Up to 1,000 times the fleet-average rate: far beyond any measured clustering (Kokolis et al.: 3.65). */
const readFailureMultiplier = optionalNumber({ name: "failure_multiplier", min: 0, max: 1000, minExclusive: true }, 1);
const readTarget = requiredNumber({
  name: "target_probability",
  min: 0,
  max: 1,
  minExclusive: true,
  maxExclusive: true,
});

/**
 * Mean time between failures of a job that stops when any of its units fails: unit MTBF ÷ (units × failure_multiplier).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#JOB_MTBF
 * @param units Units the job needs at once, e.g. accelerators or nodes (whole number ≥ 1).
 * @param unit_mtbf_hours Mean time between job-killing failures of one unit, hours (> 0, at most 1e9).
 * @param [failure_multiplier] Job failure rate ÷ the fleet-average rate, in (0, 1000] (default 1; Meta measured 3.2 at 8 GPUs and 3.65 at 1,024 GPUs).
 * @returns Job MTBF, hours.
 */
export function JOB_MTBF(units: number, unit_mtbf_hours: number, failure_multiplier?: number): number {
  const mtbf = jobMtbfHours(readUnits(units), readUnitMtbf(unit_mtbf_hours), readFailureMultiplier(failure_multiplier));
  return finite(mtbf, "JOB_MTBF");
}

/**
 * Probability that a job on `units` runs for `hours` without a single failure.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#SURVIVAL
 * @param units Units the job needs at once (whole number ≥ 1).
 * @param unit_mtbf_hours Mean time between failures of one unit, hours (> 0, at most 1e9).
 * @param hours Run length, hours (≥ 0).
 * @param [failure_multiplier] Job failure rate ÷ the fleet-average rate, in (0, 1000] (default 1; Meta measured 3.2 at 8 GPUs and 3.65 at 1,024 GPUs).
 * @returns Probability, 0–1.
 */
export function SURVIVAL(units: number, unit_mtbf_hours: number, hours: number, failure_multiplier?: number): number {
  const p = survival(
    readUnits(units),
    readUnitMtbf(unit_mtbf_hours),
    readHours(hours),
    readFailureMultiplier(failure_multiplier),
  );
  return finite(p, "SURVIVAL");
}

/**
 * Optimum checkpoint interval: Daly's higher-order estimate by default, or Young's, the exact optimum, or Daly's first-order model with restart time.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#CKPT_INTERVAL
 * @param ckpt_write_min Blocking checkpoint write time, minutes (> 0).
 * @param job_mtbf_hours Mean time between failures of the whole job, hours (> 0, at most 1e9).
 * @param [method] "daly" (default), "young", "exact" or "daly_first_order" (sqrt(2·write·(MTBF + restart))).
 * @param [restart_min] Time to restart and reload after a failure, minutes (≥ 0, default 0; moves only "daly_first_order": the other optima do not depend on it).
 * @returns Interval between checkpoints, minutes of work.
 */
export function CKPT_INTERVAL(
  ckpt_write_min: number,
  job_mtbf_hours: number,
  method?: string,
  restart_min?: number,
): number {
  const interval = checkpointIntervalMin(
    readPositiveWrite(ckpt_write_min),
    readJobMtbf(job_mtbf_hours),
    readMethod(method),
    readOptionalRestart(restart_min),
  );
  return finite(interval, "CKPT_INTERVAL");
}

/**
 * Expected effective training time ratio: the share of wall-clock time that makes new progress.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#ETTR
 * @param job_mtbf_hours Mean time between failures of the whole job, hours (> 0, at most 1e9).
 * @param ckpt_interval_min Work between checkpoints, minutes (> 0).
 * @param ckpt_write_min Blocking checkpoint write time, minutes (≥ 0; 0 for non-blocking writes).
 * @param restart_min Time to restart and reload after a failure, minutes (≥ 0).
 * @param [requeue_min] Extra wait per failure before the restart begins, minutes (≥ 0, default 0).
 * @returns ETTR, 0–1.
 */
export function ETTR(
  job_mtbf_hours: number,
  ckpt_interval_min: number,
  ckpt_write_min: number,
  restart_min: number,
  requeue_min?: number,
): number {
  const ratio = ettr(
    readJobMtbf(job_mtbf_hours),
    readInterval(ckpt_interval_min),
    readWrite(ckpt_write_min),
    readRestart(restart_min),
    readRequeue(requeue_min),
  );
  return finite(ratio, "ETTR");
}

function readGoodput(
  accelerators: unknown,
  accelMtbf: unknown,
  write: unknown,
  restart: unknown,
  interval: unknown,
  mfu: unknown,
  spares: unknown,
  repair: unknown,
  multiplier: unknown,
): GoodputBreakdown {
  // Read left to right, so the first error reported is the leftmost bad argument.
  const inputs = {
    accelerators: readAccelerators(accelerators),
    accelMtbfHours: readAccelMtbf(accelMtbf),
    ckptWriteMin: readWrite(write),
    restartMin: readRestart(restart),
    ckptIntervalMin: readOptionalInterval(interval),
    mfu: readMfu(mfu),
    spares: readSpares(spares),
    repairHours: readRepair(repair),
    failureMultiplier: readFailureMultiplier(multiplier),
  };
  if (inputs.ckptWriteMin === 0 && inputs.ckptIntervalMin === undefined) {
    throw valueError(
      "ckpt_interval_min is required when ckpt_write_min is 0: a non-blocking checkpoint has no optimum interval, so give the interval your background save achieves (a number > 0).",
    );
  }
  return goodputBreakdown(inputs);
}

/**
 * Share of a fleet's accelerator-time that becomes useful work: scheduling × runtime × program goodput (MFU).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#GOODPUT
 * @param accelerators Accelerators the job runs on (whole number ≥ 1).
 * @param accel_mtbf_hours Mean time between job-killing failures of one accelerator (with its share of host and network), hours (> 0, at most 1e9).
 * @param ckpt_write_min Blocking checkpoint write time, minutes (≥ 0; 0 for non-blocking writes, then give the interval).
 * @param restart_min Time to restart and reload after a failure, minutes (≥ 0).
 * @param [ckpt_interval_min] Work between checkpoints, minutes (> 0; omitted: the optimum).
 * @param [mfu] Model FLOPs utilization, 0–1 (omitted: 1, time goodput only).
 * @param [spares] Hot spare accelerators kept idle beside the job (whole number ≥ 0, default 0).
 * @param [repair_hours] Time to return a failed accelerator to service, hours (≥ 0, default 0: instant replacement).
 * @param [failure_multiplier] Job interruption rate ÷ the fleet-average rate accelerators/accel_mtbf_hours, in (0, 1000] (default 1; Meta measured 3.2 at 8 GPUs and 3.65 at 1,024 GPUs).
 * @returns Goodput, 0–1.
 */
export function GOODPUT(
  accelerators: number,
  accel_mtbf_hours: number,
  ckpt_write_min: number,
  restart_min: number,
  ckpt_interval_min?: number,
  mfu?: number,
  spares?: number,
  repair_hours?: number,
  failure_multiplier?: number,
): number {
  const b = readGoodput(
    accelerators,
    accel_mtbf_hours,
    ckpt_write_min,
    restart_min,
    ckpt_interval_min,
    mfu,
    spares,
    repair_hours,
    failure_multiplier,
  );
  return finite(b.usefulWork, "GOODPUT");
}

/**
 * Where the fleet's accelerator-time goes: a two-column table (label, share) whose shares sum to 1.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#GOODPUT_BREAKDOWN
 * @param accelerators Accelerators the job runs on (whole number ≥ 1).
 * @param accel_mtbf_hours Mean time between job-killing failures of one accelerator (with its share of host and network), hours (> 0, at most 1e9).
 * @param ckpt_write_min Blocking checkpoint write time, minutes (≥ 0; 0 for non-blocking writes, then give the interval).
 * @param restart_min Time to restart and reload after a failure, minutes (≥ 0).
 * @param [ckpt_interval_min] Work between checkpoints, minutes (> 0; omitted: the optimum).
 * @param [mfu] Model FLOPs utilization, 0–1 (omitted: 1, time goodput only).
 * @param [spares] Hot spare accelerators kept idle beside the job (whole number ≥ 0, default 0).
 * @param [repair_hours] Time to return a failed accelerator to service, hours (≥ 0, default 0: instant replacement).
 * @param [failure_multiplier] Job interruption rate ÷ the fleet-average rate accelerators/accel_mtbf_hours, in (0, 1000] (default 1; Meta measured 3.2 at 8 GPUs and 3.65 at 1,024 GPUs).
 * @returns Seven rows of label and share of accelerator-time.
 */
export function GOODPUT_BREAKDOWN(
  accelerators: number,
  accel_mtbf_hours: number,
  ckpt_write_min: number,
  restart_min: number,
  ckpt_interval_min?: number,
  mfu?: number,
  spares?: number,
  repair_hours?: number,
  failure_multiplier?: number,
): unknown[][] {
  const b = readGoodput(
    accelerators,
    accel_mtbf_hours,
    ckpt_write_min,
    restart_min,
    ckpt_interval_min,
    mfu,
    spares,
    repair_hours,
    failure_multiplier,
  );
  return GOODPUT_PARTS.map(([key, label]) => [label, finite(b[key], "GOODPUT_BREAKDOWN")]);
}

/**
 * Hot spares needed so a job of `nodes` finds enough healthy nodes with the target probability.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#SPARES_NEEDED
 * @param nodes Nodes the job needs at once (whole number ≥ 1).
 * @param node_mtbf_hours Mean time between failures of one node, hours (> 0, at most 1e9).
 * @param repair_hours Mean time to repair a failed node, hours (> 0).
 * @param target_probability Required probability that enough nodes are healthy, in (0, 1).
 * @returns Spare nodes (whole number).
 */
export function SPARES_NEEDED(
  nodes: number,
  node_mtbf_hours: number,
  repair_hours: number,
  target_probability: number,
): number {
  const needed = readNodes(nodes);
  const mtbfHours = readNodeMtbf(node_mtbf_hours);
  const repairHours = readRepairRequired(repair_hours);
  const spares = sparesNeeded(needed, mtbfHours, repairHours, readTarget(target_probability));
  if (spares === null) {
    throw valueError(
      `target_probability cannot be reached: with node_mtbf_hours and repair_hours as given, each node is down ${Math.round(100 * unitUnavailability(mtbfHours, repairHours))}% of the time, ` +
        `so no pool up to ${MAX_SPARES.toLocaleString("en-US")} spares gets there. Shorten repair_hours or lower the target.`,
    );
  }
  return spares;
}
