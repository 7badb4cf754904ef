/**
 * MW online over time, for a fan chart. In each trial the MW online at month m is the sum of the
 * MW of the tasks finished by m. For a confidence c the curve gives the MW online with
 * probability at least c: the (1 − c) percentile across trials (PERCENTILE.INC). So c = 0.9 is
 * the energy industry's P90 (exceeded in 90 % of trials), and a single task's MW appears in the
 * 0.9 curve at its P90 finish month, matching BUILDOUT's P90 date.
 */
import { percentilesInc } from "./percentiles";
import { Plan } from "./plan";
import { Simulation } from "./simulate";

export const MAX_HORIZON_MONTHS = 600;

/** Rows [month, MW at each confidence] for months 0, 1, …, horizon. */
export function mwOnlineFan(
  plan: Plan,
  run: Simulation,
  horizonMonths: number,
  confidences: readonly number[],
): number[][] {
  const { trials } = run;
  const levels = confidences.map((c) => 1 - c);
  const perMonth = new Int32Array(horizonMonths + 2);
  const sources = plan.tasks.flatMap((task, i) => (task.mw > 0 ? [i] : []));
  const monthOf = (i: number, t: number) => Math.min(horizonMonths + 1, Math.ceil(run.finish[i][t]));
  for (const i of sources) for (let t = 0; t < trials; t++) perMonth[monthOf(i, t)]++;
  const firstEvent = new Int32Array(horizonMonths + 3);
  for (let mo = 0; mo <= horizonMonths + 1; mo++) firstEvent[mo + 1] = firstEvent[mo] + perMonth[mo];
  const eventTrial = new Int32Array(firstEvent[horizonMonths + 2]);
  const eventMw = new Float64Array(eventTrial.length);
  const cursor = firstEvent.slice();
  for (const i of sources) {
    const mw = plan.tasks[i].mw;
    for (let t = 0; t < trials; t++) {
      const k = cursor[monthOf(i, t)]++;
      eventTrial[k] = t;
      eventMw[k] = mw;
    }
  }
  const online = new Float64Array(trials);
  const rows: number[][] = [];
  let current: number[] = levels.map(() => 0);
  for (let mo = 0; mo <= horizonMonths; mo++) {
    for (let k = firstEvent[mo]; k < firstEvent[mo + 1]; k++) online[eventTrial[k]] += eventMw[k];
    if (perMonth[mo] > 0) current = percentilesInc(online, levels);
    rows.push([mo, ...current]);
  }
  return rows;
}
