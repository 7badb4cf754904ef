/**
 * LLM steps as the work BALANCE takes: FLOPs, HBM bytes, scale-up and scale-out network bytes,
 * storage bytes and resident bytes, each the total over the step's chips.
 *
 * Inference (JAX scaling book, inference.md): a token costs 2·N_active FLOPs in the matmuls; a
 * decode step reads the weights it touches once and every sequence's KV cache
 * ("Theoretical Min Step Time = (Batch Size x KV Cache Size + Parameter Size) / Total Memory
 * Bandwidth"); a mixture of experts reads only the experts its batch routes to (moe.ts). Prefill
 * reads the weights once and writes the prompt's KV cache. Decode attention FLOPs are not counted:
 * about 4·L·T·d per new token, they are memory-bound on the KV reads counted here. Prefill
 * attention FLOPs are counted when the layers and attention width d (query heads × head dim) are
 * given: the QKᵀ and AV matmuls cost 2·2·T²·d per layer and sequence (scaling book,
 * transformers.md), half of that under the causal mask, so 2·L·T²·d per prompt of T tokens. For
 * Llama-3-70B (L = 80, d = 8,192) that is 3.8% of the matmul FLOPs at T = 4,096 and 31% at
 * T = 32,768, so omitting it understates long prompts. The small activation collectives of
 * inference are left to the caller's network bytes.
 *
 * Training: 6·N_active FLOPs per token. Per step each chip holding N/(tp·ep) parameters reads its
 * weights three times (forward, two backward matmuls) and writes its gradients, at bytes_per_param
 * each; the ZeRO-1 optimizer shard (1/dp of the fp32 master weights and Adam moments, 12 bytes per
 * parameter whatever the weights' precision, as Llama 3 and DeepSeek-V3 train) reads the gradient,
 * reads and writes master weights and moments (24 bytes) and writes the new weight:
 * 24 + 2·bytes_per_param per parameter (28 for bf16). Expert parallelism is modelled as sharding
 * every parameter over tp·ep chips; in practice the shared (attention, embedding, shared-expert)
 * parameters are replicated over the expert-parallel ranks, so resident bytes and gradient traffic
 * are understated by their share. Activation traffic and memory are not counted: add them to the
 * HBM and resident bytes.
 * Communication as the scaling book counts it (gpus.md): the data-parallel gradient AllReduce,
 * hierarchical (inside a node over scale-up, then 1/m of it per chip across nodes over
 * scale-out); tensor parallelism's AllGather and ReduceScatter of [tokens, d_model] bf16
 * activations for the attention and MLP blocks of every layer, forward and backward; expert
 * parallelism's dispatch and combine AllToAll of k copies of each token, forward and backward,
 * with no node-level deduplication. Model-parallel groups are packed into nodes, tensor first.
 */
import { moeSplit, paramsTouched } from "./moe";
import { allReduceBytesPerChip } from "./parallel";

/** The work of one step, in the order of BALANCE's arguments (scale-out last). */
export interface LlmWorkload {
  flops: number;
  hbmBytes: number;
  networkBytes: number;
  storageBytes: number;
  residentBytes: number;
  scaleOutBytes: number;
}

/** Column labels of a spilled workload, in BALANCE's argument names. */
export const WORKLOAD_COLUMNS = [
  "flops",
  "hbm_bytes",
  "network_bytes",
  "storage_bytes",
  "resident_bytes",
  "scaleout_bytes",
] as const;

/** Activations travel in bf16. */
const ACTIVATION_BYTES = 2;
/** Mixed-precision Adam under ZeRO-1: fp32 master weights and two moments, sharded over data parallelism. */
const OPTIMIZER_BYTES_PER_PARAM = 12;
/** fp32 optimizer-state traffic per parameter of the shard: read and write master, m and v (4 bytes each). */
const OPTIMIZER_STATE_TRAFFIC_PER_PARAM = 24;

export interface ModelSize {
  params: number;
  activeParams: number;
  bytesPerParam: number;
  /** Experts per layer and routed per token; omitted: every weight is read each step. */
  experts?: number;
  expertsPerToken?: number;
}

/** Parameters read by a step of `tokens` tokens. */
function paramsRead(m: ModelSize, tokens: number): number {
  if (m.experts === undefined || m.expertsPerToken === undefined) return m.params;
  const split = moeSplit(m.params, m.activeParams, m.experts, m.expertsPerToken);
  return split === undefined ? m.params : paramsTouched(split, m.experts, m.expertsPerToken, tokens);
}

const inference = (flops: number, hbmBytes: number, residentBytes: number): LlmWorkload => ({
  flops,
  hbmBytes,
  networkBytes: 0,
  storageBytes: 0,
  residentBytes,
  scaleOutBytes: 0,
});

/** One decode step: `batch` sequences each add a token, reading `contextTokens` of KV cache. */
export function decodeWorkload(
  m: ModelSize,
  batch: number,
  contextTokens: number,
  kvBytesPerToken: number,
): LlmWorkload {
  const kv = batch * contextTokens * kvBytesPerToken;
  return inference(
    2 * m.activeParams * batch,
    m.bytesPerParam * paramsRead(m, batch) + kv,
    m.bytesPerParam * m.params + kv,
  );
}

/** Transformer layers and attention width (query heads × head dim), for the attention FLOPs. */
export interface AttentionShape {
  layers: number;
  width: number;
}

/** Causal self-attention FLOPs of one sequence of `tokens` tokens: 2·L·T²·d (QKᵀ and AV, half masked). */
export function causalAttentionFlops(shape: AttentionShape, tokens: number): number {
  return 2 * shape.layers * tokens * tokens * shape.width;
}

/**
 * Prefill of `batch` prompts of `promptTokens` tokens: weights read once, the prompts' KV cache
 * written; with `attention`, the causal attention FLOPs are added to the matmuls'.
 */
export function prefillWorkload(
  m: ModelSize,
  promptTokens: number,
  batch: number,
  kvBytesPerToken: number,
  attention?: AttentionShape,
): LlmWorkload {
  const tokens = promptTokens * batch;
  const kv = tokens * kvBytesPerToken;
  const attentionFlops = attention === undefined ? 0 : batch * causalAttentionFlops(attention, promptTokens);
  return inference(
    2 * m.activeParams * tokens + attentionFlops,
    m.bytesPerParam * paramsRead(m, tokens) + kv,
    m.bytesPerParam * m.params + kv,
  );
}

export interface TrainingLayout {
  chips: number;
  tensorParallel: number;
  expertParallel: number;
  /** Chips per scale-up domain (an NVLink node): 8 for HGX, 72 for NVL72. */
  chipsPerNode: number;
  /** Needed for tensor and expert parallelism. */
  dModel?: number;
  layers?: number;
}

/** The chips of one parallel group of `size` that share a node, given `inner` chips per rank packed first. */
const perNode = (size: number, inner: number, chipsPerNode: number) =>
  Math.min(size, Math.max(1, Math.floor(chipsPerNode / inner)));

/** One training step of `tokens` tokens (global batch) on `layout.chips` chips. */
export function trainingWorkload(m: ModelSize, tokens: number, layout: TrainingLayout): LlmWorkload {
  const { chips, tensorParallel: tp, expertParallel: ep, chipsPerNode } = layout;
  const modelParallel = tp * ep;
  const dp = chips / modelParallel;
  const paramsPerChip = m.params / modelParallel;
  let scaleUp = 0;
  let scaleOut = 0;
  const send = (bytes: number, shareInNode: number) => {
    scaleUp += bytes * shareInNode;
    scaleOut += bytes * (1 - shareInNode);
  };

  // Data parallelism: AllReduce inside the node, then the node's 1/m shard across nodes.
  const gradBytes = m.bytesPerParam * paramsPerChip;
  const dpInNode = perNode(dp, modelParallel, chipsPerNode);
  scaleUp += allReduceBytesPerChip(gradBytes, dpInNode);
  scaleOut += allReduceBytesPerChip(gradBytes / dpInNode, dp / dpInNode);

  const d = layout.dModel ?? 0;
  const layers = layout.layers ?? 0;
  const tokensPerChip = tokens / chips;
  if (tp > 1) {
    // AllGather + ReduceScatter per block (attention, MLP), forward and backward, of the group's tokens.
    const perCollective = (tokensPerChip * tp * d * ACTIVATION_BYTES * (tp - 1)) / tp;
    send(layers * 2 * 2 * 2 * perCollective, tp <= chipsPerNode ? 1 : 0);
  }
  if (ep > 1) {
    // Dispatch + combine, forward and backward: each token's k copies go to the ranks holding their experts.
    const perAllToAll = (tokensPerChip * (m.expertsPerToken ?? 1) * d * ACTIVATION_BYTES * (ep - 1)) / ep;
    const epInNode = perNode(ep, tp, chipsPerNode);
    send(layers * 4 * perAllToAll, (epInNode - 1) / (ep - 1));
  }

  const zeroShard = paramsPerChip / dp;
  return {
    flops: 6 * m.activeParams * tokens,
    hbmBytes:
      chips *
      (4 * m.bytesPerParam * paramsPerChip + (OPTIMIZER_STATE_TRAFFIC_PER_PARAM + 2 * m.bytesPerParam) * zeroShard),
    networkBytes: chips * scaleUp,
    storageBytes: 0,
    residentBytes: chips * (2 * m.bytesPerParam * paramsPerChip + OPTIMIZER_BYTES_PER_PARAM * zeroShard),
    scaleOutBytes: chips * scaleOut,
  };
}
