import { functions, InfraError } from "../../src";

const { JOB_MTBF, SURVIVAL, CKPT_INTERVAL, ETTR, GOODPUT, GOODPUT_BREAKDOWN, SPARES_NEEDED } = functions;

function excelErrorOf(call: () => unknown): InfraError {
  try {
    call();
  } catch (e) {
    if (e instanceof InfraError) return e;
    throw e;
  }
  throw new Error("expected an Excel error");
}

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
    [() => SURVIVAL(8, -1, 1), "unit_mtbf_hours", "a number > 0"],
    [() => CKPT_INTERVAL(0, 24), "ckpt_write_min", "a number > 0"],
    [() => CKPT_INTERVAL(5, 24, "weibull"), "method", '"daly", "young", "exact"'],
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
    const e = excelErrorOf(() => SPARES_NEEDED(100, 10, 10, 0.99));
    expect(e.message).toMatch(/repair_hours.*50%/);
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
