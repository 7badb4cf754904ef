import {
  catalogSpec,
  chipRates,
  criticalDecodeBatch,
  decodeWorkload,
  dpCriticalTokens,
  expertsTouched,
  findChip,
  IDEAL_EFFICIENCY,
  kvCacheBytes,
  LlmWorkload,
  matmulWork,
  modelFlopsUtilization,
  moeSplit,
  palmFlopsPerToken,
  paramsTouched,
  prefillWorkload,
  ridgePoint,
  stepTimes,
  tpMaxDegree,
  trainingSeconds,
  trainingWorkload,
} from "../../../src/model";
import type { ChipRates } from "../../../src/model";

const rates = (name: string, precision: "bf16" | "fp8" | "int8" = "bf16") =>
  chipRates(catalogSpec(findChip(name)!), precision)!;
const within = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(tolerance);
const run = (w: LlmWorkload, r: ChipRates, chips: number) => stepTimes({ ...w, chips }, r, IDEAL_EFFICIENCY);
const dense = (params: number, bytesPerParam = 2) => ({ params, activeParams: params, bytesPerParam });

describe("KV cache (scaling book, inference.md)", () => {
  test('LLaMA-2-13B (L = 40, K = 40, H = 128), bf16, 8,192 tokens: "6.7GB" (±1%)', () => {
    within(kvCacheBytes(40, 40, 128, 8192), 6.7e9, 0.01);
  });

  test("Llama-3-70B (L = 80, K = 8, H = 128): 327,680 bytes per token in bf16; int8 '160e3' (±3%, the book rounds)", () => {
    expect(kvCacheBytes(80, 8, 128, 1)).toBe(327680);
    within(kvCacheBytes(80, 8, 128, 1, 1), 160e3, 0.03);
  });

  test("DeepSeek-V3 MLA (arXiv 2412.19437 §2.1.1): 512 + 64 = 576 cached values per token and layer, 61 layers, 70,272 B/token in bf16", () => {
    expect(kvCacheBytes(61, 1, 512 + 64, 1, 2, "latent")).toBe(70272);
    // The same width counted as separate keys and values would double it.
    expect(kvCacheBytes(61, 1, 576, 1, 2, "kv")).toBe(2 * 70272);
    // Against Llama-3-70B's GQA cache (327,680 B/token), MLA caches 4.66x less per token.
    expect(327680 / kvCacheBytes(61, 1, 576, 1, 2, "latent")).toBeCloseTo(4.663, 3);
  });
});

describe("decode lower bound (inference.md: (batch × KV + params) / total memory bandwidth)", () => {
  const h100 = rates("H100");

  test("70B dense, bf16, batch 1, no KV, 8×H100: 140e9 / (8 × 3.35e12) = 5.22 ms (±2%), ≈ 191 tokens/s, HBM-bound", () => {
    const t = run(decodeWorkload(dense(70e9), 1, 0, 0), h100, 8);
    within(t.stepS, 5.22e-3, 0.02);
    within(1 / t.stepS, 191, 0.02);
    expect(t.bottleneck).toBe("hbm");
  });

  test("Llama-3-70B (70.6e9 params) with a 4,096-token KV cache at 327,680 B/token: 5.32 ms (±2%)", () => {
    const t = run(decodeWorkload(dense(70.6e9), 1, 4096, kvCacheBytes(80, 8, 128, 1)), h100, 8);
    within(t.stepS, 5.32e-3, 0.02);
  });

  test("resident bytes are the weights plus every sequence's KV cache", () => {
    const w = decodeWorkload(dense(70e9), 32, 8192, 327680);
    expect(w.residentBytes).toBe(140e9 + 32 * 8192 * 327680);
    expect(w.flops).toBe(2 * 70e9 * 32);
  });
});

describe("critical decode batch (roofline.md, applied-inference.md, gpus.md)", () => {
  test("H100: bf16 weights and math 295; int8/fp8 weights with bf16 math 148 (±1%)", () => {
    const r = rates("H100");
    const ridge = ridgePoint(r.peakFlops, r.hbmBytesPerS!);
    within(criticalDecodeBatch(ridge, 2), 295, 0.01);
    within(criticalDecodeBatch(ridge, 1), 148, 0.01);
  });

  test("TPU v5e: 240 for bf16, 'B > 120' for int8 weights, 243 for int8 × int8 at the book's 8.1e11 B/s (±1%)", () => {
    const r = rates("TPU v5e");
    const ridge = ridgePoint(r.peakFlops, r.hbmBytesPerS!);
    within(criticalDecodeBatch(ridge, 2), 240, 0.01);
    within(criticalDecodeBatch(ridge, 1), 120, 0.01);
    within(criticalDecodeBatch(ridgePoint(rates("TPU v5e", "int8").peakFlops, 8.1e11), 1), 243, 0.01);
  });
});

describe("mixture of experts", () => {
  test("experts touched per layer, E = 256, k = 8: 8.0, 163.3, 251.6 at B = 1, 32, 128 (±0.5; E·(1 − (1 − k/E)^B), DeepSeek-V3's E and k from arXiv 2412.19437)", () => {
    expect(Math.abs(expertsTouched(256, 8, 1) - 8)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(expertsTouched(256, 8, 32) - 163.3)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(expertsTouched(256, 8, 128) - 251.6)).toBeLessThanOrEqual(0.5);
  });

  test("Mixtral (E = 8, k = 2): 7.2 at B = 8 and 8.0 from B = 32", () => {
    expect(expertsTouched(8, 2, 8)).toBeCloseTo(7.2, 1);
    expect(expertsTouched(8, 2, 32)).toBeCloseTo(8.0, 1);
  });

  test("DeepSeek-V3 (671B total, 37B active, arXiv 2412.19437): one token reads exactly the active parameters", () => {
    const split = moeSplit(671e9, 37e9, 256, 8)!;
    expect(paramsTouched(split, 256, 8, 1)).toBeCloseTo(37e9, -3);
    expect(paramsTouched(split, 256, 8, 1e6)).toBeCloseTo(671e9, -6);
    expect(moeSplit(671e9, 37e9, 8, 256)).toBeUndefined();
    expect(moeSplit(100e9, 10e9, 8, 6)).toBeUndefined(); // 2 spare experts of 45e9 leave no room for 6 routed in 10e9
  });

  test("the MoE shift on H100 FP8: dense 295, DeepSeek-V3 about 5,350 (§3), Mixtral 1,069 tokens per step", () => {
    const r = rates("H100", "fp8");
    const ridge = ridgePoint(r.peakFlops, r.hbmBytesPerS!); // 1978.9 / 3.35 = 590.72
    within(criticalDecodeBatch(ridge, 1), 295.36, 1e-4); // "against about 295 for a dense model"
    // 295.36 × 671 / 37 = 5,356: "about 5,350 tokens per step" (±1%)
    within(criticalDecodeBatch(ridge, 1, 671 / 37), 5350, 0.01);
    // Mixtral 46.7B total / 12.9B active (Mistral AI): 295.36 × 3.6202 = 1,069.2 [hand arithmetic]
    within(criticalDecodeBatch(ridge, 1, 46.7 / 12.9), 1069.2, 1e-3);
  });

  test("decode steps show the shift: DeepSeek-V3 on 8×H200 FP8 is HBM-bound below the critical batch, compute-bound above", () => {
    const r = rates("H200", "fp8"); // 671 GB of FP8 weights do not fit in 8×H100
    const moe = { params: 671e9, activeParams: 37e9, bytesPerParam: 1, experts: 256, expertsPerToken: 8 };
    const critical = criticalDecodeBatch(ridgePoint(r.peakFlops, r.hbmBytesPerS!), 1, 671 / 37);
    expect(run(decodeWorkload(moe, Math.round(critical * 0.95), 0, 0), r, 8).bottleneck).toBe("hbm");
    expect(run(decodeWorkload(moe, Math.round(critical * 1.05), 0, 0), r, 8).bottleneck).toBe("compute");
    // A dense model of the active size is compute-bound from an 18x smaller batch.
    expect(run(decodeWorkload(dense(37e9, 1), Math.round(critical / 15), 0, 0), r, 8).bottleneck).toBe("compute");
  });

  test("at small batch a MoE decode reads only the experts its tokens touch", () => {
    const moe = { params: 671e9, activeParams: 37e9, bytesPerParam: 1, experts: 256, expertsPerToken: 8 };
    expect(decodeWorkload(moe, 1, 0, 0).hbmBytes).toBeCloseTo(37e9, -3);
    expect(decodeWorkload({ ...moe, experts: undefined, expertsPerToken: undefined }, 1, 0, 0).hbmBytes).toBe(671e9);
  });
});

describe("prefill (inference.md: 'during prefill, all matrix multiplications are basically always compute-bound')", () => {
  test("a 70B model prefilling 8 × 4,096 tokens on 8×H100 is compute-bound", () => {
    const t = run(prefillWorkload(dense(70e9), 4096, 8, 327680), rates("H100"), 8);
    expect(t.bottleneck).toBe("compute");
    expect(t.fraction).toBe(1);
  });

  test("causal attention adds 2·L·T²·d per prompt: Llama-3-70B (L = 80, d = 8,192) 2.2e13 at 4,096 tokens, 1.41e15 at 32,768", () => {
    const llama = { layers: 80, width: 8192 };
    // 2 × 80 × 4,096² × 8,192 = 2.1990e13, 3.8% of the 2 × 70.6e9 × 4,096 = 5.7836e14 matmul FLOPs
    const short = prefillWorkload(dense(70.6e9), 4096, 1, 0, llama).flops - 2 * 70.6e9 * 4096;
    within(short, 2.199e13, 1e-4);
    within(short / (2 * 70.6e9 * 4096), 0.038, 0.01);
    // 2 × 80 × 32,768² × 8,192 = 1.4074e15, 31% of 2 × 70e9 × 32,768 = 4.5875e15
    const long = prefillWorkload(dense(70e9), 32768, 1, 0, llama);
    within(long.flops, 1.4074e15 + 4.5875e15, 1e-4);
    // a batch of prompts adds each prompt's own attention, not that of their concatenation
    within(prefillWorkload(dense(70e9), 32768, 4, 0, llama).flops, 4 * long.flops, 1e-12);
  });
});

describe("parallelism thresholds (scaling book, gpus.md)", () => {
  const c = 989.4e12;

  test("data parallelism, H100: '990e12 / 450e9 = 2200' in a node, '2475' across nodes at 400e9 (±1%)", () => {
    within(dpCriticalTokens(c, 450e9), 2200, 0.01);
    within(dpCriticalTokens(c, 400e9), 2475, 0.01);
  });

  test("MoE with E = 128, k = 4: '32 * 2475 = 79,200' across nodes (±1%)", () => {
    within(dpCriticalTokens(c, 400e9, 128 / 4), 79200, 0.01);
  });

  test("B200: '2250e12 / 400e9 = 5625' across nodes", () => {
    expect(dpCriticalTokens(rates("B200").peakFlops, 400e9)).toBeCloseTo(5625, 6);
  });

  test("tensor parallelism, F = 28,000: F / 2475 = 11.3 ('about 11-way TP') across nodes, F / 2200 = 12.7 within", () => {
    expect(tpMaxDegree(28000, c, 400e9)).toBeCloseTo(11.3, 1);
    expect(tpMaxDegree(28000, c, 450e9)).toBeCloseTo(12.7, 1);
  });

  test("TRAIN_STEP's gradient traffic matches the book: 2-node DP hides behind the backward pass at B/N = 1237", () => {
    const h100 = rates("H100");
    const perChip = dpCriticalTokens(h100.peakFlops, 8 * h100.scaleOutBytesPerS!) / 2; // "(X − 1)/X ... B / N > 1237"
    within(perChip, 1237, 0.01);
    const w = trainingWorkload(dense(8e9), perChip * 16, {
      chips: 16,
      tensorParallel: 1,
      expertParallel: 1,
      chipsPerNode: 8,
    });
    const t = run(w, h100, 16);
    within(t.scaleOutS, (t.computeS * 4) / 6, 1e-9); // backward = 4 of the 6·N·D FLOPs
  });

  test("1,000 tokens per GPU across 128 nodes: the scale-out network binds (below the 2,475 threshold)", () => {
    const chips = 1024;
    const w = trainingWorkload(dense(8e9), 1000 * chips, {
      chips,
      tensorParallel: 1,
      expertParallel: 1,
      chipsPerNode: 8,
    });
    const t = run(w, rates("H100"), chips);
    expect(t.bottleneck).toBe("network");
    expect(t.scaleOutS).toBeGreaterThan(t.scaleUpS);
    // The backward pass (4/6 of the step) hides 1000/2475 of the AllReduce, as the book's rule says.
    within(((t.computeS * 4) / 6 / t.scaleOutS) * ((chips / 8 - 1) / (chips / 8)), 1000 / 2475, 0.01);
  });

  test("tensor parallelism adds activation traffic on the scale-up network; expert parallelism across nodes on scale-out", () => {
    const base = { chips: 64, tensorParallel: 1, expertParallel: 1, chipsPerNode: 8, dModel: 8192, layers: 80 };
    const tp8 = trainingWorkload(dense(70e9), 1e6, { ...base, tensorParallel: 8 });
    // AllGather + ReduceScatter of [tokens, d_model] bf16, 2 blocks × fwd/bwd × 80 layers, (Y − 1)/Y sent.
    const tpBytes = (64 * 80 * 8 * ((1e6 / 64) * 8 * 8192 * 2 * 7)) / 8;
    expect(tp8.networkBytes).toBeCloseTo(tpBytes, -3);
    // With a node per TP group, the 8 data-parallel replicas reduce their 17.5e9-param shards across nodes.
    expect(tp8.scaleOutBytes).toBeCloseTo(64 * 2 * ((2 * 70e9) / 8) * (7 / 8), -3);
    const moe = { params: 100e9, activeParams: 20e9, bytesPerParam: 2, expertsPerToken: 4 };
    const ep16 = trainingWorkload(moe, 1e6, { ...base, expertParallel: 16 });
    // Expert AllToAll per chip: 80 layers × 4 (dispatch, combine; fwd, bwd) × 15,625 tokens × k = 4 × 8,192 × 2 B
    // × 15/16 = 3.072e11 B; 7 of the 15 peers share the chip's node (scale-up), 8 do not (scale-out).
    const epBytes = 80 * 4 * 15625 * 4 * 8192 * 2 * (15 / 16);
    expect(epBytes).toBeCloseTo(3.072e11, -6);
    // Gradient AllReduce of the 100e9 / 16 = 6.25e9-param shard (12.5 GB) over dp = 4 replicas, one per node pair:
    // 2 × 12.5e9 × 3/4 = 1.875e10 B per chip, all across nodes.
    expect(ep16.networkBytes).toBeCloseTo(64 * epBytes * (7 / 15), -3);
    expect(ep16.scaleOutBytes).toBeCloseTo(64 * (epBytes * (8 / 15) + 1.875e10), -3);
    expect(ep16.networkBytes / 64).toBeCloseTo(1.4336e11, -6);
    expect(ep16.scaleOutBytes / 64).toBeCloseTo(1.8259e11, -7);
    expect(ep16.flops).toBe(6 * 20e9 * 1e6);
  });

  test("resident state: bf16 weights and gradients per model shard plus the ZeRO-1 optimizer shard (16 B/param at dp = 1)", () => {
    const w = trainingWorkload(dense(70e9), 1e6, { chips: 1, tensorParallel: 1, expertParallel: 1, chipsPerNode: 8 });
    expect(w.residentBytes).toBe(70e9 * 16); // 70e9 × 16 B (bf16 weights and gradients, fp32 master copy and Adam moments): 1.12 TB
  });

  test("HBM traffic per parameter: 4 weight/gradient passes plus the optimizer's 24 fp32 bytes and 2 × bytes_per_param", () => {
    const one = { chips: 1, tensorParallel: 1, expertParallel: 1, chipsPerNode: 8 };
    // bf16: 4 × 2 + (read grad 2 + read/write master, m, v 24 + write weight 2) = 36 B/param
    expect(trainingWorkload(dense(70e9), 1e6, one).hbmBytes).toBeCloseTo(70e9 * 36, -3);
    // fp32 weights and gradients: 4 × 4 + (4 + 24 + 4) = 48 B/param; the optimizer state stays 12 B resident
    const fp32 = trainingWorkload(dense(70e9, 4), 1e6, one);
    expect(fp32.hbmBytes).toBeCloseTo(70e9 * 48, -3);
    expect(fp32.residentBytes).toBeCloseTo(70e9 * 20, -3);
  });
});

describe("B200 matmuls (gpus.md Quiz 4, C = 2.3e15, W = 8e12 pinned)", () => {
  const b200: ChipRates = { peakFlops: 2.3e15, hbmBytesPerS: 8e12 };
  const time = (b: number) => {
    const { flops, bytes } = matmulWork(b, 4096, 8192, 2);
    return stepTimes(
      { flops, hbmBytes: bytes, networkBytes: 0, scaleOutBytes: 0, storageBytes: 0, residentBytes: 0, chips: 1 },
      b200,
      IDEAL_EFFICIENCY,
    );
  };

  test("fp16[64, 4096] × [4096, 8192]: 69e6 B / 8e12 = 8.6 µs, HBM-bound (±3%)", () => {
    within(matmulWork(64, 4096, 8192, 2).bytes, 69e6, 0.01);
    within(time(64).stepS, 8.6e-6, 0.03);
    expect(time(64).bottleneck).toBe("hbm");
  });

  test("[512, 4096] × [4096, 8192]: 2·512·4096·8192 / 2.3e15 = 15 µs, compute-bound (±3%)", () => {
    within(time(512).stepS, 15e-6, 0.03);
    expect(time(512).bottleneck).toBe("compute");
  });
});

describe("training compute and utilization", () => {
  test("6ND: N = 70e9, D = 15e12 is 6.3e24 FLOPs, 11.2 days on 16,384 H100 at 40% MFU (±1%)", () => {
    const s = trainingSeconds(70e9, 15e12, 16384 * rates("H100").peakFlops, 0.4);
    within(s, 9.72e5, 0.01);
    within(s / 86400, 11.25, 0.01);
  });

  test("PaLM MFU (App. B; nanoGPT estimate_mfu): 6N + 12LHQT = 7.208e9 FLOPs/token; 30,000 tokens/s on one A100 = 69.3% (±0.1 pp)", () => {
    const perToken = palmFlopsPerToken(1e9, 24, 16, 128, 2048);
    within(perToken, 7.208e9, 1e-4);
    const mfu = modelFlopsUtilization(30000, perToken, rates("A100").peakFlops);
    expect(Math.abs(mfu - 0.693)).toBeLessThanOrEqual(0.001);
  });
});
