import { functions } from "../../src";
import { excelErrorOf, omitted } from "../excelError";

const {
  CHIP,
  CHIPS,
  RIDGE,
  ROOFLINE,
  BALANCE,
  BOTTLENECK,
  BALANCE_BREAKDOWN,
  KV_BYTES,
  DECODE_STEP,
  PREFILL_STEP,
  TRAIN_STEP,
  CRITICAL_BATCH,
  MFU,
  AGENT_BUSY,
  AGENT_CPU_CORES,
} = functions;

type Cells = unknown[][];
const name = (n: string) => n as unknown as Cells;

describe("chips by name or by the user's own figures", () => {
  test("forgiving names, and Excel's 1×1 range for a typed name", () => {
    expect(CHIP(name("h100"), "bf16_tflops")).toBe(989.4);
    expect(CHIP([["H100 SXM"]], "BF16")).toBe(989.4);
    expect(RIDGE(name(" tpu V5E "))).toBeCloseTo(240.5, 1);
  });

  test("an unknown chip is #VALUE! suggesting the closest names", () => {
    const e = excelErrorOf(() => RIDGE(name("H1000")));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain('"H100 SXM"');
    expect(excelErrorOf(() => CHIP(name("MI3OOX"), "hbm_gb")).message).toContain('"MI300X"');
  });

  test("FP8 on A100 is #VALUE! naming what the chip supports", () => {
    const e = excelErrorOf(() => RIDGE(name("A100"), "fp8"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("precision");
    expect(e.message).toContain('"bf16", "int8"');
  });

  test("a figure the vendor does not publish is #N/A", () => {
    expect(excelErrorOf(() => CHIP(name("TPU v5e"), "tdp_w")).code).toBe("#N/A");
  });

  test("a spec range, two columns: the scaling book's B200 at 8 TB/s has ridge 281 (gpus.md)", () => {
    const spec = [
      ["name", "B200 @ 8 TB/s"],
      ["bf16_tflops", 2250],
      ["hbm_tb_per_s", 8],
    ];
    expect(RIDGE(spec)).toBeCloseTo(281.25, 6);
  });

  test("a spec range, two rows, built on a catalog chip", () => {
    const spec = [
      ["base", "hbm_tb_per_s", ""],
      ["B200", 8, ""],
    ];
    expect(RIDGE(spec)).toBeCloseTo(281.25, 6);
    expect(CHIP(spec, "hbm_gb")).toBe(180);
    expect(RIDGE(spec, "fp8")).toBeCloseTo(562.5, 6); // gpus.md: "562"
  });

  test("a 2×2 spec range is read by where its labels are: fields over values, or field and value columns", () => {
    // Two rows with exactly two fields (the CHIP docs' own layout): 900 / 3 = 300 FLOP per byte.
    expect(
      RIDGE([
        ["bf16_tflops", "hbm_tb_per_s"],
        [900, 3],
      ]),
    ).toBeCloseTo(300, 9);
    expect(
      RIDGE([
        ["base", "hbm_tb_per_s"],
        ["B200", 8],
      ]),
    ).toBeCloseTo(281.25, 6); // gpus.md: "281"
    // The same figures as two columns.
    expect(
      RIDGE([
        ["bf16_tflops", 900],
        ["hbm_tb_per_s", 3],
      ]),
    ).toBeCloseTo(300, 9);
    expect(
      RIDGE([
        ["base", "B200"],
        ["hbm_tb_per_s", 8],
      ]),
    ).toBeCloseTo(281.25, 6);
  });

  test("a field missing from a user's range is #N/A saying so, not pointing at CHIPS()", () => {
    const e = excelErrorOf(() =>
      CHIP(
        [
          ["bf16_tflops", 900],
          ["hbm_tb_per_s", 3],
        ],
        "year",
      ),
    );
    expect(e.code).toBe("#N/A");
    expect(e.message).toContain("the range gives no year");
    expect(e.message).not.toContain("CHIPS");
    expect(excelErrorOf(() => CHIP(name("TPU v5e"), "tdp_w")).message).toContain('CHIPS("TPU v5e")');
  });

  test("bad spec ranges name the argument and the accepted fields", () => {
    const e = excelErrorOf(() => RIDGE([["bf16_tflop", 10]]));
    expect(e.message).toContain("chip");
    expect(e.message).toContain("hbm_tb_per_s");
    expect(excelErrorOf(() => RIDGE([["bf16_tflops", -1]])).message).toContain("bf16_tflops must be a number > 0");
    expect(excelErrorOf(() => RIDGE([["bf16_tflops", 900]])).message).toContain("hbm_tb_per_s");
    expect(excelErrorOf(() => RIDGE([[1, 2, 3]])).message).toContain("two columns");
  });

  test("CHIPS spills the catalog with sources; CHIPS(name) one chip", () => {
    const all = CHIPS() as Cells;
    expect(all[0]).toEqual(["chip", "field", "value", "unit", "precision", "dense", "source", "as_of", "note"]);
    expect(new Set(all.slice(1).map((r) => r[0])).size).toBe(27);
    const b200 = CHIPS(name("b200")) as Cells;
    expect(b200.slice(1).every((r) => r[0] === "B200")).toBe(true);
    const bf16 = b200.find((r) => r[1] === "bf16_tflops")!;
    expect(bf16.slice(2, 6)).toEqual([2250, "TFLOP/s", "bf16", true]);
    expect(all.slice(1).every((r) => typeof r[6] === "string" && (r[6] as string).length > 0)).toBe(true);
  });
});

describe("roofline and balance as Excel calls them", () => {
  test("ROOFLINE: 33.9% of the H100's peak at intensity 100 with efficiencies 1; defaults cap at 0.7 of peak", () => {
    expect(ROOFLINE(name("H100"), 100, omitted as unknown as string, 1, 1) / 989.4).toBeCloseTo(0.339, 3);
    expect(ROOFLINE(name("H100"), 1e4)).toBeCloseTo(0.7 * 989.4, 9);
  });

  test("70B decode on 8×H100 (H100 datasheet rates): 5.22 ms with efficiencies 1, HBM-bound", () => {
    const [, w] = DECODE_STEP(70e9, 1, 0, 0) as [string[], number[]];
    const rows = BALANCE_BREAKDOWN(name("H100"), w[0], w[1], w[2], w[3], w[4], "bf16", 8, w[5], 1, 1, 1) as [
      string,
      number,
    ][];
    const step = rows.find((r) => r[0] === "step s")![1];
    expect(Math.abs(step / 5.22e-3 - 1)).toBeLessThan(0.02);
    expect(BOTTLENECK(name("H100"), w[0], w[1], w[2], w[3], w[4], "bf16", 8)).toBe("hbm");
    expect(rows.find((r) => r[0] === "fraction of peak")![1]).toBe(
      BALANCE(name("H100"), w[0], w[1], w[2], w[3], w[4], "bf16", 8, w[5], 1, 1, 1),
    );
  });

  test("resident bytes beyond HBM: BOTTLENECK says capacity, BALANCE says how much memory is missing", () => {
    expect(BOTTLENECK(name("H100"), 1.4e11, 1.4e11, 0, 0, 1.4e11)).toBe("capacity");
    const e = excelErrorOf(() => BALANCE(name("H100"), 1.4e11, 1.4e11, 0, 0, 1.4e11));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("60 GB missing");
    expect(e.message).toContain("HBM of 1 chip:");
    // On 2 chips it fits; HBM binds: (flops / peak) / (bytes / (3.35e12 × 0.8)) = 3.35 × 0.8 / 989.4 = 0.0027087
    expect(BALANCE(name("H100"), 1.4e11, 1.4e11, 0, 0, 1.4e11, "bf16", 2)).toBeCloseTo(0.0027087, 7);
    expect(excelErrorOf(() => BALANCE(name("H100"), 1.4e11, 1.4e11, 0, 0, 2.4e11, "bf16", 2)).message).toContain(
      "HBM of 2 chips: 80 GB missing",
    );
  });

  test("overlap = FALSE gives the no-overlap bound, never above the overlapped fraction", () => {
    const args = [name("H100"), 1e12, 2e9, 1e9, 0, 0, "bf16", 1, 0, 1, 1, 1, omitted] as const;
    const over = BALANCE(...args, true);
    const serial = BALANCE(...args, false);
    expect(serial).toBeLessThan(over);
    expect(BALANCE(...args)).toBe(over);
    expect(BOTTLENECK(...args)).toBe("network");
  });

  test("storage needs its bandwidth; scale-out bytes need the chip's scale-out figure", () => {
    expect(excelErrorOf(() => BALANCE(name("H100"), 1e12, 0, 0, 1e9)).message).toContain("storage_gb_per_s");
    expect(BOTTLENECK(name("H100"), 1e12, 0, 0, 1e9, 0, "bf16", 1, 0, 1, 1, 1, 1)).toBe("storage");
    const e = excelErrorOf(() => BALANCE(name("TPU v5e"), 1e12, 0, 0, 0, 0, "bf16", 1, 1e9));
    expect(e.message).toContain("scaleout_bytes");
    expect(e.message).toContain("scaleout_gbit_per_s");
  });

  test("TRAIN_STEP feeds BALANCE: 1,000 tokens per H100 across 128 nodes is network-bound", () => {
    const [, w] = TRAIN_STEP(8e9, 1000 * 1024, 1024) as [string[], number[]];
    expect(BOTTLENECK(name("H100"), w[0], w[1], w[2], w[3], w[4], "bf16", 1024, w[5], 1, 1, 1)).toBe("network");
  });

  /*
   * The JAX scaling book (gpus.md): data parallelism across H100 nodes is compute-bound above
   * "990e12 / 400e9 = 2475" tokens per GPU. That rule hides the gradient AllReduce behind the backward
   * pass alone (4 of the 6·N FLOPs per token) at the many-node limit of the ring. BALANCE overlaps it with
   * the whole step (6·N) and counts the ring's 2(n − 1)/n at n nodes, so its crossover is
   * 2475 × (989.4/990) × 4/6 × (n − 1)/n: 1,546 tokens per GPU at 16 nodes (ring factor 1.875).
   */
  test("data-parallel crossover on 16 H100 nodes: 1,546 tokens per GPU = the book's 2,475 × 4/6 × 15/16", () => {
    const chips = 128;
    const probe = 1000;
    const [, w] = TRAIN_STEP(8e9, probe * chips, chips) as [string[], number[]];
    const rows = BALANCE_BREAKDOWN(name("H100"), w[0], w[1], w[2], w[3], w[4], "bf16", chips, w[5], 1, 1, 1) as [
      string,
      number,
    ][];
    const value = (label: string) => rows.find((r) => r[0] === label)![1];
    // Compute time grows with tokens, gradient traffic does not: the crossover is where they meet.
    const crossover = (probe * value("scale-out network s")) / value("compute s");
    const expected = 2475 * (989.4 / 990) * (4 / 6) * (15 / 16);
    expect(expected).toBeCloseTo(1545.9, 1);
    expect(Math.abs(crossover / expected - 1)).toBeLessThan(1e-9);
    const fraction = (tokensPerGpu: number) => {
      const [, s] = TRAIN_STEP(8e9, tokensPerGpu * chips, chips) as [string[], number[]];
      return BALANCE(name("H100"), s[0], s[1], s[2], s[3], s[4], "bf16", chips, s[5], 1, 1, 1);
    };
    expect(fraction(0.95 * crossover)).toBeCloseTo(0.95, 9);
    expect(fraction(1.05 * crossover)).toBe(1);
    // With the default efficiencies (compute 0.7, scale-out 0.9) the crossover moves to × 0.7/0.9: 1,202.
    const [, d] = TRAIN_STEP(8e9, probe * chips, chips) as [string[], number[]];
    const byDefault = BALANCE_BREAKDOWN(name("H100"), d[0], d[1], d[2], d[3], d[4], "bf16", chips, d[5]) as [
      string,
      number,
    ][];
    const at = (label: string) => byDefault.find((r) => r[0] === label)![1];
    expect((probe * at("scale-out network s")) / at("compute s")).toBeCloseTo((expected * 0.7) / 0.9, 6);
  });

  test("TRAIN_STEP feeds BALANCE on H200 across nodes (scale-out from NVIDIA's DGX BasePOD: 400 Gb/s per GPU)", () => {
    const [, w] = TRAIN_STEP(8e9, 1000 * 1024, 1024) as [string[], number[]];
    expect(BOTTLENECK(name("H200"), w[0], w[1], w[2], w[3], w[4], "bf16", 1024, w[5], 1, 1, 1)).toBe("network");
  });

  test("TRAIN_STEP checks the parallel layout", () => {
    expect(excelErrorOf(() => TRAIN_STEP(8e9, 1e6, 12, omitted, 8)).message).toContain("multiple of tensor_parallel");
    expect(excelErrorOf(() => TRAIN_STEP(8e9, 1e6, 16, omitted, 8)).message).toContain("d_model");
  });
});

describe("LLM helpers", () => {
  test("KV_BYTES: LLaMA-2-13B at 8,192 tokens is 6.7 GB (inference.md)", () => {
    expect(KV_BYTES(40, 40, 128, 8192) / 1e9).toBeCloseTo(6.71, 2);
  });

  test('KV_BYTES(61, 1, 576, , , "latent"): DeepSeek-V3\'s MLA cache, 70,272 bytes per token (arXiv 2412.19437)', () => {
    expect(KV_BYTES(61, 1, 576, omitted, omitted, "latent")).toBe(70272);
    expect(KV_BYTES(61, 1, 576, 1000, 1, " LATENT ")).toBe(35136000);
    expect(KV_BYTES(80, 8, 128, omitted, omitted, omitted as unknown as string)).toBe(327680);
    expect(excelErrorOf(() => KV_BYTES(61, 1, 576, 1, 2, "mla")).message).toContain(
      'cache must be one of "kv", "latent"',
    );
  });

  test("CRITICAL_BATCH: H100 295 (bf16), 148 (int8 weights, bf16 math), DeepSeek-V3 FP8 5,356", () => {
    expect(CRITICAL_BATCH(name("H100"))).toBeCloseTo(295.3, 1);
    expect(CRITICAL_BATCH(name("H100"), omitted as unknown as string, 1)).toBeCloseTo(147.7, 1);
    expect(Math.abs(CRITICAL_BATCH(name("H100"), "fp8", 1, 671e9, 37e9) / 5350 - 1)).toBeLessThan(0.01);
    expect(excelErrorOf(() => CRITICAL_BATCH(name("H100"), "fp8", 1, 37e9, 671e9)).message).toContain("active_params");
  });

  test("PREFILL_STEP: Llama-3-70B, one 32,768-token prompt: 4.5875e15 matmul + 1.4074e15 causal attention FLOPs", () => {
    const [labels, plain] = PREFILL_STEP(70e9, 32768, 1, 0) as [string[], number[]];
    expect(labels[0]).toBe("flops");
    expect(plain[0]).toBeCloseTo(4.5875e15, -11); // 2 × 70e9 × 32,768
    const [, attn] = PREFILL_STEP(70e9, 32768, 1, 0, omitted, omitted, omitted, omitted, 80, 8192) as [
      string[],
      number[],
    ];
    expect(attn[0] - plain[0]).toBeCloseTo(1.4074e15, -11); // 2 × 80 × 32,768² × 8,192
    expect(
      excelErrorOf(() => PREFILL_STEP(70e9, 32768, 1, 0, omitted, omitted, omitted, omitted, 80)).message,
    ).toContain("attention_dim");
  });

  test("PREFILL_STEP reads only the experts a small prefill touches: DeepSeek-V3, one token, 37e9 FP8 bytes", () => {
    const [, w] = PREFILL_STEP(671e9, 1, 1, 0, 37e9, 1, 256, 8) as [string[], number[]];
    expect(w[1]).toBeCloseTo(37e9, -4);
    const [, all] = PREFILL_STEP(671e9, 1, 1, 0, 37e9, 1) as [string[], number[]];
    expect(all[1]).toBe(671e9);
  });

  test("DECODE_STEP checks mixture-of-experts figures", () => {
    expect(excelErrorOf(() => DECODE_STEP(671e9, 1, 0, 0, 37e9, 1, 256)).message).toContain("experts_per_token");
    expect(excelErrorOf(() => DECODE_STEP(100e9, 1, 0, 0, 10e9, 1, 8, 6)).message).toContain(
      "do not describe one model",
    );
  });

  test("MFU: the PaLM formula, 69.3% for the nanoGPT example on one A100", () => {
    expect(MFU(30000, 1e9, name("A100"), 1, 24, 16, 128, 2048)).toBeCloseTo(0.6931, 4);
    expect(MFU(30000, 1e9, name("A100"), 2, 24, 16, 128, 2048)).toBeCloseTo(0.6931 / 2, 4);
  });
});

describe("historical MFU through the catalog (PaLM, Chowdhery et al. 2022, Table 3 and App. B)", () => {
  test("PaLM 540B on 6,144 TPU v4: 238.3k tokens/s gives 46.2% (45.7% without attention), to the paper's rounding", () => {
    // N = 540.35e9, L = 118 layers, H = 48 heads of Q = 256, T = 2,048 (PaLM §4.1 and App. B).
    expect(Math.abs(MFU(238.3e3, 540.35e9, name("TPU v4"), 6144, 118, 48, 256, 2048) - 0.462)).toBeLessThan(5e-4);
    expect(Math.abs(MFU(238.3e3, 540.35e9, name("TPU v4"), 6144) - 0.457)).toBeLessThan(5e-4);
  });

  /*
   * Table 3 gives GPT-3 on V100 21.3% and Gopher on 4,096 TPU v3 32.5%, without the throughputs behind them.
   * From the published wall-clock runs instead (GPT-3: 300e9 tokens, Brown et al. 2020; 10,000 V100 for 14.8
   * days, Patterson et al. 2021 Table 4. Gopher: 300e9 tokens in 920 hours on 4,096 TPU v3, Rae et al. 2021
   * App. F) MFU comes out 5% below Table 3 for both: wall-clock time also holds evaluations, checkpoints and
   * restarts, which a steady-state throughput leaves out. The tests pin the derived values and that gap.
   */
  test("Gopher 280B on 4,096 TPU v3 (920 h for 300e9 tokens): 30.8%, 5% below PaLM's 32.5% (wall-clock vs steady state)", () => {
    const tokensPerS = 300e9 / (920 * 3600);
    const mfu = MFU(tokensPerS, 280e9, name("TPU v3"), 4096, 80, 128, 128, 2048);
    // 90,580 tokens/s × (6 × 280e9 + 12 × 80 × 128 × 128 × 2,048) / (4,096 × 123e12)
    expect(mfu).toBeCloseTo(0.30784, 5);
    expect(mfu / 0.325).toBeGreaterThan(0.94);
    expect(mfu / 0.325).toBeLessThan(1);
  });

  test("GPT-3 175B on 10,000 V100 (14.8 days for 300e9 tokens), FP16: 20.3%, 5% below PaLM's 21.3%", () => {
    const tokensPerS = 300e9 / (14.8 * 86400);
    const mfu = MFU(tokensPerS, 175e9, name("V100"), 10000, 96, 96, 128, 2048, "fp16");
    // 234,610 tokens/s × (6 × 175e9 + 12 × 96 × 96 × 128 × 2,048) / (10,000 × 125e12)
    expect(mfu).toBeCloseTo(0.20251, 5);
    expect(mfu / 0.213).toBeGreaterThan(0.94);
    expect(mfu / 0.213).toBeLessThan(1);
    // V100 has no BF16 tensor rate: the default precision is refused, naming the one it has.
    expect(excelErrorOf(() => MFU(tokensPerS, 175e9, name("V100"), 10000)).message).toContain('"fp16"');
  });

  test("agents: 9.4% busy alone; ten loops 94%; 9.64 cores per accelerator to keep it busy", () => {
    expect(AGENT_BUSY(0.047, 0.906)).toBeCloseTo(0.094, 12);
    expect(AGENT_BUSY(0.047, 0.906, omitted, omitted, omitted, 10)).toBeCloseTo(0.94, 12);
    expect(AGENT_CPU_CORES(0.047, 0.906)).toBeCloseTo(9.638, 3); // 0.906 / 0.094
    expect(AGENT_CPU_CORES(0.047, 0.906, omitted, omitted, omitted, 1)).toBeCloseTo(0.906, 12); // one loop, as AGENT_BUSY
    expect(AGENT_CPU_CORES(0.047, 0.906, omitted, omitted, omitted, omitted, 0.5)).toBeCloseTo(4.819, 3);
    const e = excelErrorOf(() => AGENT_CPU_CORES(0.047, 0.906, omitted, omitted, omitted, 1, 0.5));
    expect(e.message).toContain("target_busy");
  });
});
