/**
 * Failure arrivals of a large synchronous job, which fails as a whole when any part fails.
 *
 * Assumptions: failures are exponential (constant rate) and independent between units, so the
 * rates of a series system add: λ_job = units / unit_mtbf. Source: the standard series-system
 * result, as used by Kokolis et al. 2024 (arXiv 2410.21680), "MTTF = (N_nodes · r_f)^-1".
 */

/** Mean time between job-killing failures, in hours: `unit_mtbf_hours / units`. */
export function jobMtbfHours(units: number, unitMtbfHours: number): number {
  return unitMtbfHours / units;
}

/**
 * Probability that the job runs `hours` without any failure:
 * `P = exp(−units · hours / unit_mtbf_hours)` (exponential survival of a series system).
 */
export function survival(units: number, unitMtbfHours: number, hours: number): number {
  return Math.exp((-units * hours) / unitMtbfHours);
}
