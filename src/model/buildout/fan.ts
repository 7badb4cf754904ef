/**
 * MW online over time, for a fan chart. In each trial the MW online at month m is the sum of the
 * MW of the tasks finished by m. For a confidence c the curve gives the MW online with
 * probability at least c: the (1 − c) percentile across trials (PERCENTILE.INC). So c = 0.9 is
 * the energy industry's P90 (exceeded in 90 % of trials), and a single task's MW appears in the
 * 0.9 curve at its P90 finish month, matching BUILDOUT's P90 date.
 */
import { percentilesInc, percentilesIncOfCounts } from "./percentiles";
import { Plan } from "./plan";
import { Simulation } from "./simulate";

export const MAX_HORIZON_MONTHS = 600;
/** Up to this many distinct MW totals, OnlineTotals keeps a count of trials at each. */
const MAX_COUNTED_LEVELS = 1024;

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
  const eventSource = new Int32Array(eventTrial.length);
  const cursor = firstEvent.slice();
  sources.forEach((i, s) => {
    for (let t = 0; t < trials; t++) {
      const k = cursor[monthOf(i, t)]++;
      eventTrial[k] = t;
      eventSource[k] = s;
    }
  });
  const totals = new OnlineTotals(
    trials,
    sources.map((i) => plan.tasks[i].mw),
  );
  const rows: number[][] = [];
  let current: number[] = levels.map(() => 0);
  for (let mo = 0; mo <= horizonMonths; mo++) {
    for (let k = firstEvent[mo]; k < firstEvent[mo + 1]; k++) totals.add(eventTrial[k], eventSource[k]);
    if (perMonth[mo] > 0) current = totals.percentiles(levels);
    rows.push([mo, ...current]);
  }
  return rows;
}

/**
 * Each trial's MW online. While the trials hold few distinct totals (a handful of phases), each
 * trial also points at its total's level, levels keep their trial counts, and a table caches
 * "level + source → level", so an event costs a few array steps and percentiles cost a pass over
 * the levels rather than over the trials. Past MAX_COUNTED_LEVELS the counts are dropped for good.
 */
class OnlineTotals {
  readonly online: Float64Array;
  private readonly mw: number[];
  private levelOf: Int32Array | null;
  private readonly values: number[] = [0];
  private readonly levelAt = new Map<number, number>([[0, 0]]);
  private readonly counts = new Int32Array(MAX_COUNTED_LEVELS);
  private readonly next: Int32Array;
  private order: number[] = [0];

  constructor(trials: number, mw: number[]) {
    this.online = new Float64Array(trials);
    this.mw = mw;
    this.levelOf = new Int32Array(trials);
    this.counts[0] = trials;
    this.next = new Int32Array(MAX_COUNTED_LEVELS * mw.length).fill(-1);
  }

  /** Trial t gains source s's MW. */
  add(t: number, s: number): void {
    const total = this.online[t] + this.mw[s];
    this.online[t] = total;
    const levelOf = this.levelOf;
    if (levelOf === null) return;
    const from = levelOf[t];
    const edge = from * this.mw.length + s;
    let to = this.next[edge];
    if (to < 0) {
      to = this.levelAt.get(total) ?? this.values.length;
      if (to === MAX_COUNTED_LEVELS) {
        this.levelOf = null;
        return;
      }
      if (to === this.values.length) {
        this.values.push(total);
        this.levelAt.set(total, to);
      }
      this.next[edge] = to;
    }
    levelOf[t] = to;
    this.counts[from]--;
    this.counts[to]++;
  }

  /** PERCENTILE.INC of the MW online at each p. */
  percentiles(ps: readonly number[]): number[] {
    if (this.levelOf === null) return percentilesInc(this.online, ps);
    const { values, counts } = this;
    if (this.order.length < values.length) this.order = values.map((_, k) => k).sort((a, b) => values[a] - values[b]);
    return percentilesIncOfCounts(
      this.order.map((k) => values[k]),
      this.order.map((k) => counts[k]),
      ps,
    );
  }
}
