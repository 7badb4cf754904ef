/**
 * When the project finishes: the histogram and S-curve of its finish month over the trials of a
 * simulation (the same trials BUILDOUT and BUILDOUT_MW report). A trial finishing at t months
 * counts in month ⌈t⌉ (month m covers (m − 1, m]; month 0 holds a plan of zero durations), as the
 * fan chart counts MW online by month m. Trials finishing after the horizon, or never (a risk
 * event of "never"), count in no month, so the S-curve ends below 1 by their share.
 */
import { Simulation } from "./simulate";

export interface CompletionMonth {
  month: number;
  /** Share of trials whose project finishes in this month. */
  inMonth: number;
  /** Share of trials whose project has finished by the end of this month (the S-curve). */
  byMonth: number;
  /**
   * Monte Carlo standard error of byMonth: √(F(1 − F)/n), a binomial share's; null while F is 0
   * or 1, where that estimate would be 0 although the share is uncertain.
   */
  stdError: number | null;
}

export function completionCurve(run: Simulation, horizonMonths: number): CompletionMonth[] {
  const { project, trials } = run;
  const counts = new Float64Array(horizonMonths + 1);
  for (let t = 0; t < trials; t++) {
    const month = Math.ceil(project[t]);
    if (month <= horizonMonths) counts[month]++;
  }
  let finished = 0;
  return Array.from(counts, (count, month) => {
    finished += count;
    const byMonth = finished / trials;
    return {
      month,
      inMonth: count / trials,
      byMonth,
      stdError: byMonth > 0 && byMonth < 1 ? Math.sqrt((byMonth * (1 - byMonth)) / trials) : null,
    };
  });
}
