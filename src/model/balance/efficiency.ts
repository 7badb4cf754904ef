/**
 * Default efficiencies: the share of each datasheet rate that real kernels and collectives reach.
 * Each is overridable; all at 1 give the textbook roofline.
 *
 * - compute 0.7: cli99/llm-analysis README, "up to 0.7 for inference" (and 0.5 for large-scale
 *   training, which also counts communication that BALANCE models separately); NVIDIA Calculon's
 *   matrix efficiency is 0.6 for ≥ 1 GFLOP and 0.9 for ≥ 16 GFLOP operations.
 * - memory 0.8: ai-dynamo/aiconfigurator `mem_bw_empirical_scaling_factor: 0.8`
 *   (llm-analysis calls 0.9 "an aggressive target").
 * - scale-up 0.65 and scale-out 0.9: NVIDIA Calculon's per-network `efficiency` for NVLink and
 *   InfiniBand in its system files.
 */
export interface Efficiencies {
  compute: number;
  memory: number;
  scaleUp: number;
  scaleOut: number;
}

export const DEFAULT_EFFICIENCY: Readonly<Efficiencies> = { compute: 0.7, memory: 0.8, scaleUp: 0.65, scaleOut: 0.9 };

/** Efficiencies of 1: the textbook roofline and the scaling book's bounds. */
export const IDEAL_EFFICIENCY: Readonly<Efficiencies> = { compute: 1, memory: 1, scaleUp: 1, scaleOut: 1 };
