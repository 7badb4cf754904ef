/**
 * Failure arrivals of a large synchronous job, which fails as a whole when any part fails.
 *
 * Assumptions: failures are exponential (constant rate) and independent between units, so the
 * rates of a series system add: λ_job = units / unit_mtbf. Source: the standard series-system
 * result, as used by Kokolis et al. 2024 (arXiv 2410.21680), "MTTF = (N_nodes · r_f)^-1".
 *
 * A fleet-average unit rate understates how often real jobs stop: failures cluster (lemon nodes,
 * co-occurring events, second-order preemptions of jobs sharing hardware), so the job rate can be a
 * multiple of units/unit_mtbf. `failureMultiplier` scales the job's rate: λ_job = m · units /
 * unit_mtbf. Kokolis et al. measured, on RSC-1 (fit r_f = 6.5 failures per 1,000 node-days, 8 GPUs
 * a node), a job MTTF of 47.7 days at 8 GPUs and 7.9 h at 1,024 GPUs, against 153.8 days and 28.8 h
 * from the fit: m = 3.2 and 3.65. Their summaries give ≈10 h at 4k GPUs, where the fit gives 7.2 h
 * (m = 0.72), so no single multiplier fits every size: the default 1 keeps the fleet average.
 */

/** Mean time between job-killing failures, in hours: `unit_mtbf_hours / (units · multiplier)`. */
export function jobMtbfHours(units: number, unitMtbfHours: number, failureMultiplier = 1): number {
  return unitMtbfHours / (units * failureMultiplier);
}

/**
 * Probability that the job runs `hours` without any failure:
 * `P = exp(−multiplier · units · hours / unit_mtbf_hours)` (exponential survival of a series system).
 */
export function survival(units: number, unitMtbfHours: number, hours: number, failureMultiplier = 1): number {
  return Math.exp((-failureMultiplier * units * hours) / unitMtbfHours);
}
