/**
 * KV-cache size (JAX scaling book, inference.md): KV bytes = 2 · bytes per value · H · K · L · T
 * for head dimension H, K key/value heads, L layers and T tokens (the 2 is one key and one value).
 * LLaMA-2-13B (L = 40, K = 40, H = 128) in bf16 at 8,192 tokens: "6.7GB"; Llama-3-70B (L = 80,
 * K = 8, H = 128): 327,680 bytes per token in bf16.
 */
export function kvCacheBytes(
  layers: number,
  kvHeads: number,
  headDim: number,
  tokens: number,
  bytesPerValue = 2,
): number {
  return 2 * bytesPerValue * headDim * kvHeads * layers * tokens;
}
