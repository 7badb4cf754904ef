/**
 * What BUILDOUT spills: per task and for the whole project, finish-time percentiles (months from
 * the start of the plan), the mean finish, and criticality: the share of trials in which the
 * task sat on a critical path (J. M. Van Slyke, "Monte Carlo methods and the PERT problem",
 * Operations Research 11(5), 1963). The project row's criticality is 1.
 */
import { percentilesInc } from "./percentiles";
import { Plan } from "./plan";
import { Simulation } from "./simulate";

export const PROJECT_ROW = "Project";
export const DEFAULT_PERCENTILES: readonly number[] = [0.1, 0.5, 0.9];

export interface FinishRow {
  name: string;
  percentiles: number[];
  mean: number;
  criticality: number;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

export function finishReport(plan: Plan, run: Simulation, percentiles: readonly number[]): FinishRow[] {
  const rows = plan.tasks.map((task, i) => ({
    name: task.name,
    percentiles: percentilesInc(run.finish[i], percentiles),
    mean: mean(run.finish[i]),
    criticality: run.critical[i] / run.trials,
  }));
  rows.push({
    name: PROJECT_ROW,
    percentiles: percentilesInc(run.project, percentiles),
    mean: mean(run.project),
    criticality: 1,
  });
  return rows;
}
