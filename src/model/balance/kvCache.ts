/**
 * KV-cache size (JAX scaling book, inference.md): KV bytes = 2 · bytes per value · H · K · L · T
 * for head dimension H, K key/value heads, L layers and T tokens (the 2 is one key and one value).
 * LLaMA-2-13B (L = 40, K = 40, H = 128) in bf16 at 8,192 tokens: "6.7GB"; Llama-3-70B (L = 80,
 * K = 8, H = 128): 327,680 bytes per token in bf16.
 *
 * Multi-head latent attention (MLA; DeepSeek-V3 technical report, arXiv 2412.19437, §2.1.1) caches
 * one compressed vector per token and layer, shared by all heads, from which keys and values are
 * rebuilt: "only the blue-boxed vectors (c_t^KV and k_t^R) need to be cached", the latent c_t^KV of
 * d_c = 512 values and the decoupled RoPE key k_t^R of d_h^R = 64. A "latent" cache therefore holds
 * K · H values per token and layer, not 2 · K · H: DeepSeek-V3 is K = 1, H = 512 + 64 = 576 over
 * 61 layers, 70,272 bytes per token in bf16.
 */
export type KvCacheKind = "kv" | "latent";
export const KV_CACHE_KINDS: readonly KvCacheKind[] = ["kv", "latent"];

/** Bytes cached for `tokens` tokens: separate keys and values ("kv") or one latent vector ("latent"). */
export function kvCacheBytes(
  layers: number,
  kvHeads: number,
  headDim: number,
  tokens: number,
  bytesPerValue = 2,
  kind: KvCacheKind = "kv",
): number {
  const tensors = kind === "latent" ? 1 : 2;
  return tensors * bytesPerValue * headDim * kvHeads * layers * tokens;
}
