/**
 * Compute-versus-communication thresholds of LLM parallelism (JAX scaling book, gpus.md
 * "Rooflines for LLM Scaling on GPUs" and training.md), for peak C FLOP/s and collective
 * bandwidth W bytes/s per chip:
 *
 * - data parallelism / FSDP: the gradient AllReduce (or ReduceScatter + AllGather) hides behind
 *   the backward pass when tokens per chip B/X > C/W, and for a mixture of experts with E experts,
 *   k per token, when B/X > (C/W)·E/k ("990e12 / 450e9 = 2200" in an H100 node, "2475" across
 *   nodes at 400e9, "32 * 2475 = 79,200" for E = 128, k = 4);
 * - tensor parallelism over Y chips with feed-forward width F: the activation AllGather and
 *   ReduceScatter hide behind the matmuls while Y < F·W/C (F = 28,000: "about 11-way TP");
 * - decode: weights-only intensity is 2·B·N_active/(bytes per param · N_total) FLOP per byte, so
 *   decode is compute-bound from B = ridge · (bytes per param / 2) · N_total/N_active tokens per
 *   step (inference.md; "240 for bf16 params on TPU v5e", "B > 120" for int8 weights). For a
 *   mixture of experts the critical batch grows with N_total/N_active (derived from that intensity;
 *   DeepSeek-V3, arXiv 2412.19437: 671B total, 37B active).
 */

/** Tokens per chip above which data-parallel gradient traffic hides behind the backward pass (E/k for a mixture of experts). */
export function dpCriticalTokens(peakFlops: number, collectiveBytesPerS: number, expertsOverK = 1): number {
  return (peakFlops / collectiveBytesPerS) * expertsOverK;
}

/** Largest tensor-parallel degree that stays compute-bound for feed-forward width `ffnDim`. */
export function tpMaxDegree(ffnDim: number, peakFlops: number, collectiveBytesPerS: number): number {
  return (ffnDim * collectiveBytesPerS) / peakFlops;
}

/** Tokens per decode step above which the weight reads hide behind the matmul FLOPs. */
export function criticalDecodeBatch(ridge: number, bytesPerParam: number, totalOverActive = 1): number {
  return (ridge * bytesPerParam * totalOverActive) / 2;
}

/** Bytes each of `n` chips sends in a ring AllReduce of `arrayBytes` (ReduceScatter + AllGather). */
export function allReduceBytesPerChip(arrayBytes: number, n: number): number {
  return (2 * arrayBytes * (n - 1)) / n;
}
