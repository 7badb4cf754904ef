import { functions } from "../../src";
import { excelErrorOf, omitted } from "../excelError";

const { JOB_MTBF, SURVIVAL, CKPT_INTERVAL, ETTR, GOODPUT, GOODPUT_BREAKDOWN, SPARES_NEEDED } = functions;

describe("reliability functions as Excel calls them", () => {
  test("the README's first formula: =INFRA.GOODPUT(16384, 50000, 1, 10)", () => {
    const g = GOODPUT(16384, 50000, 1, 10);
    expect(g).toBeGreaterThan(0.8);
    expect(g).toBeLessThan(0.9);
  });

  test("Excel passes null for omitted optional arguments", () => {
    expect(GOODPUT(16384, 50000, 1, 10, null as unknown as number, null as unknown as number)).toBe(
      GOODPUT(16384, 50000, 1, 10),
    );
    expect(CKPT_INTERVAL(5, 24, null as unknown as string)).toBe(CKPT_INTERVAL(5, 24, "daly"));
    expect(ETTR(24, 116.69, 5, 10, null as unknown as number)).toBe(ETTR(24, 116.69, 5, 10, 0));
  });

  test("an Invocation object in an optional slot (stale cached metadata) counts as omitted", () => {
    const invocation = { address: "Sheet1!A1" } as unknown as number;
    expect(GOODPUT(16384, 50000, 1, 10, invocation)).toBe(GOODPUT(16384, 50000, 1, 10));
  });

  test("CKPT_INTERVAL's restart_min: Daly's first order sqrt(2δ(M + R)); the other optima do not depend on R", () => {
    // Daly 2006 Fig. 3 case: M = 24 h, δ = 5 min, R = 10 min: sqrt(2 · 5 · 1,450) = 120.42 min
    expect(CKPT_INTERVAL(5, 24, "daly_first_order", 10)).toBeCloseTo(120.416, 3);
    expect(CKPT_INTERVAL(5, 24, "daly_first_order")).toBeCloseTo(120, 9);
    expect(CKPT_INTERVAL(5, 24, "daly", 10)).toBe(CKPT_INTERVAL(5, 24));
    expect(CKPT_INTERVAL(5, 24, "exact", 10)).toBe(CKPT_INTERVAL(5, 24, "exact"));
    expect(excelErrorOf(() => CKPT_INTERVAL(5, 24, "daly_first_order", -1)).message).toContain("restart_min");
  });

  test("failure_multiplier: Meta's measured 7.9 h at 1,024 GPUs from the RSC-1 fit with m = 3.65", () => {
    const fit = JOB_MTBF(1024 / 8, 24 / 6.5e-3);
    expect(JOB_MTBF(1024 / 8, 24 / 6.5e-3, fit / 7.9)).toBeCloseTo(7.9, 12);
    expect(SURVIVAL(1024, 50000, 10, 2)).toBeCloseTo(SURVIVAL(2048, 50000, 10), 12);
    expect(JOB_MTBF(16384, 50000, omitted)).toBe(JOB_MTBF(16384, 50000));
    expect(excelErrorOf(() => JOB_MTBF(16384, 50000, 0)).message).toContain(
      "failure_multiplier must be a number in (0, 1,000]",
    );
  });

  test("GOODPUT with failure_multiplier m equals GOODPUT at accel_mtbf_hours / m when no spares are kept", () => {
    const n = null as unknown as number;
    expect(GOODPUT(16384, 50000, 1, 10, n, 0.4, n, n, 3.65)).toBeCloseTo(
      GOODPUT(16384, 50000 / 3.65, 1, 10, n, 0.4),
      12,
    );
    // The README example at Meta's measured 1,024-GPU clustering is far below its 0.85.
    expect(GOODPUT(16384, 50000, 1, 10, n, n, n, n, 3.65)).toBeLessThan(0.75);
    const rows = GOODPUT_BREAKDOWN(16384, 50000, 1, 10, n, 0.4, 32, 48, 3.65) as [string, number][];
    expect(rows.reduce((s, r) => s + r[1], 0)).toBeCloseTo(1, 12);
    expect(rows[0][1]).toBe(GOODPUT(16384, 50000, 1, 10, n, 0.4, 32, 48, 3.65));
  });

  test("method names ignore case and spaces", () => {
    expect(CKPT_INTERVAL(5, 24, " Young ")).toBeCloseTo(120, 9);
    expect(CKPT_INTERVAL(5, 0.25, "EXACT")).toBeCloseTo(9.17, 2);
  });

  test("GOODPUT_BREAKDOWN spills label/share rows that sum to 1, the first equal to GOODPUT", () => {
    const rows = GOODPUT_BREAKDOWN(16384, 50000, 1, 10, null as unknown as number, 0.4, 32, 48) as [string, number][];
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => typeof r[0])).toEqual(Array(7).fill("string"));
    expect(rows.reduce((s, r) => s + r[1], 0)).toBeCloseTo(1, 12);
    expect(rows[0][1]).toBe(GOODPUT(16384, 50000, 1, 10, null as unknown as number, 0.4, 32, 48));
  });

  test("Kokolis et al. 2024 through GOODPUT: a 16,000-GPU job at RSC-1's rate, non-blocking saves, 5-min restart", () => {
    // 6.5 failures per 1,000 node-days and 8 GPUs a node: 29,538.46 GPU-hours between failures.
    // Paper: ETTR ≈ 0.7 at a 60-minute interval (±0.03: its u0 is "5–20 min") and 0.93 at 5 minutes.
    expect(Math.abs(GOODPUT(16000, 29538.46, 0, 5, 60) - 0.7)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(GOODPUT(16000, 29538.46, 0, 5, 5) - 0.93)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(ETTR(24 / (2000 * 6.5e-3), 5, 0, 5) - 0.93)).toBeLessThanOrEqual(0.01);
  });

  test("JOB_MTBF, SURVIVAL and SPARES_NEEDED reproduce their published cases through the adapter", () => {
    expect(JOB_MTBF(2048, 24 / 6.5e-3)).toBeCloseTo(1.803, 3);
    expect(SURVIVAL(16384, 50000, 1)).toBeCloseTo(0.7206, 4);
    expect(SPARES_NEEDED(2048, 24 / 6.5e-3, 48, 0.85)).toBe(32);
  });
});

describe("bad input", () => {
  test.each([
    [() => JOB_MTBF(0, 100), "units", "whole number from 1 to 10,000,000"],
    [() => JOB_MTBF(2.5, 100), "units", "got 2.5"],
    [() => SURVIVAL(8, -1, 1), "unit_mtbf_hours", "a number in (0, 1,000,000,000]"],
    [() => CKPT_INTERVAL(0, 24), "ckpt_write_min", "a number > 0"],
    [() => CKPT_INTERVAL(5, 24, "weibull"), "method", '"daly", "young", "exact", "daly_first_order"'],
    [() => ETTR(24, 60, 5, -1), "restart_min", "≥ 0"],
    [() => GOODPUT(16384, 50000, 1, 10, null as unknown as number, 1.5), "mfu", "(0, 1]"],
    [
      () => GOODPUT(16384, 50000, 1, 10, null as unknown as number, null as unknown as number, 1.5),
      "spares",
      "whole number",
    ],
    [() => GOODPUT(16384, "50000" as unknown as number, 1, 10), "accel_mtbf_hours", 'the text "50000"'],
    [() => GOODPUT(16384, [[50000]] as unknown as number, 1, 10), "accel_mtbf_hours", "a range of cells"],
    [() => SPARES_NEEDED(2048, 3692, 48, 1), "target_probability", "(0, 1)"],
  ])("%#: #VALUE! naming %s", (call, argument, accepted) => {
    const e = excelErrorOf(call);
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain(argument);
    expect(e.message).toContain(accepted);
  });

  test("a non-blocking checkpoint without an interval is refused with the reason", () => {
    const e = excelErrorOf(() => GOODPUT(16384, 50000, 0, 10));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("ckpt_interval_min is required when ckpt_write_min is 0");
    expect(GOODPUT(16384, 50000, 0, 10, 5)).toBeGreaterThan(0.9);
  });

  test("an unreachable spare target names the inputs that make it so", () => {
    // Each node down 100/101 of the time: about a billion spares, beyond the 10 million searched.
    const e = excelErrorOf(() => SPARES_NEEDED(1e7, 1, 100, 0.99));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/repair_hours.*99%.*10,000,000/);
  });

  test("the first error reported is the leftmost bad argument", () => {
    expect(excelErrorOf(() => GOODPUT(-1, 50000, "x" as unknown as number, 10)).message).toMatch(/^accelerators/);
    expect(excelErrorOf(() => SPARES_NEEDED(-1, -1, 48, 0.85)).message).toMatch(/^nodes/);
  });

  test("MTBFs beyond a billion hours are refused rather than overflowing", () => {
    expect(excelErrorOf(() => GOODPUT(1, 1e308, 1, 1)).message).toContain("accel_mtbf_hours");
  });

  test("the error thrown in Excel is the runtime's CustomFunctions.Error", () => {
    class RuntimeError {
      constructor(
        readonly code: string,
        readonly message?: string,
      ) {}
    }
    (globalThis as Record<string, unknown>).CustomFunctions = { Error: RuntimeError };
    try {
      JOB_MTBF(-1, 1);
      throw new Error("expected a throw");
    } catch (e) {
      expect(e).toBeInstanceOf(RuntimeError);
      expect((e as RuntimeError).code).toBe("#VALUE!");
    } finally {
      delete (globalThis as Record<string, unknown>).CustomFunctions;
    }
  });
});
