/**
 * Utilization and training-time arithmetic.
 *
 * - Model FLOPs utilization (Chowdhery et al., PaLM, 2022, App. B; nanoGPT `estimate_mfu`):
 *   MFU = tokens/s × (6N + 12·L·H·Q·T) / peak FLOP/s, with L layers, H heads, Q head dimension and
 *   T sequence length; the peak is dense, at the training precision.
 * - Training compute ≈ 6·N·D FLOPs for N parameters and D tokens (2N forward + 4N backward per
 *   token; Kaplan et al. 2020), so wall time = 6ND / (chips × peak × MFU).
 * - A matmul [B, D] × [D, F] does 2·B·D·F FLOPs and moves (B·D + D·F + B·F) values
 *   (scaling book, roofline.md).
 */

/** PaLM training FLOPs per token: 6N + 12·L·H·Q·T (attention with sequence length T). */
export function palmFlopsPerToken(params: number, layers = 0, heads = 0, headDim = 0, seqLen = 0): number {
  return 6 * params + 12 * layers * heads * headDim * seqLen;
}

/** Model FLOPs utilization from observed throughput. */
export function modelFlopsUtilization(tokensPerS: number, flopsPerToken: number, peakFlops: number): number {
  return (tokensPerS * flopsPerToken) / peakFlops;
}

/** Seconds to train `params` parameters on `tokens` tokens at `mfu` of `peakFlops` (all chips). */
export function trainingSeconds(params: number, tokens: number, peakFlops: number, mfu: number): number {
  return (6 * params * tokens) / (peakFlops * mfu);
}

/** FLOPs and HBM bytes of one matmul [B, D] × [D, F] with `bytesPerValue` per element. */
export function matmulWork(b: number, d: number, f: number, bytesPerValue: number): { flops: number; bytes: number } {
  return { flops: 2 * b * d * f, bytes: bytesPerValue * (b * d + d * f + b * f) };
}
