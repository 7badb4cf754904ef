import { functions, InfraError } from "../../src";

const {
  USABLE_FRACTION,
  AVAILABILITY,
  MODULE_AVAILABILITY,
  DOWNTIME,
  NINES,
  EFFECTIVE_MW,
  VALUE_PER_GW,
  VALUE_PER_EFFECTIVE_MW,
  REDUNDANCY_COMPARE,
  TCO,
  TCO_BREAKDOWN,
  ACCELERATORS_PER_MW,
  UPTIME_TIER,
  UPTIME_TIERS,
} = functions;
const omitted = null as unknown as number;

function excelErrorOf(call: () => unknown): InfraError {
  try {
    call();
  } catch (e) {
    if (e instanceof InfraError) return e;
    throw e;
  }
  throw new Error("expected an Excel error");
}

describe("power functions as Excel calls them", () => {
  test("USABLE_FRACTION: WP75 forms, a fraction as a number or text, case and spaces ignored", () => {
    expect(USABLE_FRACTION("N+1", 4)).toBeCloseTo(0.8, 12);
    expect(USABLE_FRACTION(" 2 ( n + 1 ) ", 1)).toBeCloseTo(0.25, 12); // facilitiesnet: 300 % stranded
    expect(USABLE_FRACTION("3n/2")).toBeCloseTo(2 / 3, 12);
    expect(USABLE_FRACTION("Catcher 6+1")).toBeCloseTo(6 / 7, 12);
    expect(USABLE_FRACTION(0.6)).toBe(0.6);
    expect(USABLE_FRACTION("0.6", omitted)).toBe(0.6);
  });

  test("AVAILABILITY: 4-of-5 at 0.99 and 2N with common cause (codingace.net, reference §1.3)", () => {
    expect(AVAILABILITY("N+1", 0.99, 4)).toBeCloseTo(0.9990198504, 9);
    expect(AVAILABILITY("2N", 0.999)).toBeCloseTo(0.999999, 9);
    expect(AVAILABILITY("2N", 0.999, omitted, 0.05)).toBeCloseTo(0.999949, 6);
  });

  test("MODULE_AVAILABILITY → DOWNTIME → NINES chain: MTBF 100,000 h, MTTR 4 h is about 99.996 %", () => {
    const a = MODULE_AVAILABILITY(100000, 4);
    expect(a).toBeCloseTo(0.99996, 8);
    expect(DOWNTIME(a)).toBeCloseTo(0.35, 2);
    expect(NINES(a)).toBeCloseTo(4.398, 3);
  });

  test("DOWNTIME in minutes for Tier IV's 99.995 %: 26.3 (j2sw)", () => {
    expect(DOWNTIME(0.99995, "Minutes ")).toBeCloseTo(26.3, 1);
    expect(DOWNTIME(1)).toBe(0);
  });

  test("EFFECTIVE_MW: 1,000 MW at PUE 1.2 behind 2N is 416.67 MW (reference §6 case 10)", () => {
    expect(EFFECTIVE_MW(1000, 1.2, "2N", 1)).toBeCloseTo(416.67, 2);
    expect(EFFECTIVE_MW(1000, 1.2, 0.5, 1)).toBe(EFFECTIVE_MW(1000, 1.2, "2N", 1));
    expect(EFFECTIVE_MW(1000, 1.2, "N+1", 1, omitted, omitted, omitted, 4)).toBeCloseTo((1000 / 1.2) * 0.8, 9);
  });

  test("2× the capacity at 99 % against 1× at 99.99 %: 1.98× (Vahdat remark, reference §2)", () => {
    expect(EFFECTIVE_MW(2000, 1, "N", 0.99) / EFFECTIVE_MW(1000, 1, "N", 0.9999)).toBeCloseTo(1.98, 3);
    expect(VALUE_PER_GW(1, 1, "N", 0.99) / VALUE_PER_GW(1, 1, "2N", 0.9999)).toBeCloseTo(1.98, 3);
  });

  test("tokens per MW-year from the $1B-datacenter slide feed VALUE_PER_GW (BOND, NVIDIA May 2025)", () => {
    const blackwell = VALUE_PER_EFFECTIVE_MW(1375e12, 21, 1, 1, 1);
    expect(Math.abs(blackwell / 65e12 - 1)).toBeLessThan(0.02);
    expect(VALUE_PER_GW(blackwell, 1, 1, 1)).toBeCloseTo(1000 * blackwell, -3);
  });

  test("REDUNDANCY_COMPARE spills a header and one row per topology from text or a range", () => {
    const fromText = REDUNDANCY_COMPARE("2N; N+1, 3N/2" as unknown as unknown[][], 120, 1.2, 0.999, 4) as unknown[][];
    const fromRange = REDUNDANCY_COMPARE([["2N"], ["N+1"], [""], ["3N/2"]], 120, 1.2, 0.999, 4) as unknown[][];
    expect(fromRange).toEqual(fromText);
    expect(fromText).toHaveLength(4);
    expect(fromText[0][0]).toBe("Topology");
    const [, twoN, nPlusOne] = fromText as [unknown, unknown[], unknown[]];
    expect(twoN[1]).toBeCloseTo(50, 12);
    expect(twoN[2]).toBe(AVAILABILITY("2N", 0.999, 4));
    expect(twoN[3]).toBeCloseTo(DOWNTIME(AVAILABILITY("2N", 0.999, 4)), 9);
    expect(twoN[6]).toBe(0);
    expect(nPlusOne[4]).toBeCloseTo(
      EFFECTIVE_MW(120, 1.2, "N+1", AVAILABILITY("N+1", 0.999, 4), omitted, omitted, omitted, 4),
      9,
    );
  });

  test("REDUNDANCY_COMPARE: Flex on 4N/3 deploys a third more (Zhang et al., ISCA 2021: up to 33 %)", () => {
    const rows = REDUNDANCY_COMPARE([["4N/3", "4N/3 FLEX"]], 100, 1, 0.9999) as unknown[][];
    expect((rows[2][1] as number) / (rows[1][1] as number)).toBeCloseTo(4 / 3, 12);
    expect(rows[2][6]).toBeGreaterThan(0.3);
    expect(rows[2][6]).toBeLessThan(1 / 3);
  });

  test("TCO: Epoch's 1 GW energy bill and IT-life sensitivity (epoch.ai ai-datacenter-cost-breakdown)", () => {
    const energyOnly = TCO(1000, 0, 0, 60, 1.2);
    expect(energyOnly / 0.6307e9).toBeCloseTo(1, 3);
    const tco = (itLife: number) => TCO(1000, 13e6, 25e9, 60, 1.2, itLife, 14, 0, 1, 0.3e9);
    expect(Math.abs(8.5e9 + tco(3) - tco(5) - 12e9)).toBeLessThan(0.5e9);
    expect(Math.abs(8.5e9 + tco(7) - tco(5) - 7e9)).toBeLessThan(0.5e9);
  });

  test("TCO_BREAKDOWN: parts sum to TCO; columns divide by facility, critical IT and usable IT MW", () => {
    const args = [1000, 13e6, 25e9, 60, 1.25, 5, 14, 0.08, 0.8, 0.3e9] as const;
    const rows = TCO_BREAKDOWN(...args, "2N") as [string, number, number, number, number][];
    expect(rows).toHaveLength(6);
    const total = rows[5];
    expect(total[1]).toBeCloseTo(TCO(...args), 0);
    expect(rows.slice(1, 5).reduce((s, r) => s + r[1], 0)).toBeCloseTo(total[1], 0);
    expect(total[2]).toBeCloseTo(total[1] / 1250, 6);
    expect(total[3]).toBeCloseTo(total[1] / 1000, 6);
    expect(total[4]).toBeCloseTo(total[1] / 500, 6);
    const unbound = TCO_BREAKDOWN(...args) as [string, number, number, number, number][];
    expect(unbound[5][4]).toBe(unbound[5][3]);
  });

  test("ACCELERATORS_PER_MW: 545,455 NVL72 GPUs and 784,314 DGX H100 GPUs per GW (reference §6 case 26)", () => {
    expect(ACCELERATORS_PER_MW(132, 72) * 1000).toBeCloseTo(545455, -1);
    expect(ACCELERATORS_PER_MW(10.2, 8) * 1000).toBeCloseTo(784314, -1);
  });

  test("UPTIME_TIER: commonly quoted figures, downtime computed (Tier II's 22.0 h does not follow from 99.741 %)", () => {
    expect(UPTIME_TIER(3)).toBe(0.99982);
    expect(UPTIME_TIER("tier iv", "downtime_hours")).toBeCloseTo(0.438, 3);
    expect(UPTIME_TIER("II", "downtime_hours")).toBeCloseTo(22.69, 2);
    expect(UPTIME_TIER("II", "quoted_downtime_hours")).toBe(22);
    expect(UPTIME_TIER(1, "components")).toBe("N");
  });

  test("UPTIME_TIERS: header plus four rows labelled commonly quoted, each with a source", () => {
    const rows = UPTIME_TIERS() as unknown[][];
    expect(rows).toHaveLength(5);
    expect(rows[0][6]).toBe("Availability (commonly quoted)");
    for (const row of rows.slice(1)) {
      expect(row[7]).toBeCloseTo(DOWNTIME(row[6] as number), 12);
      expect(String(row[9]).length).toBeGreaterThan(20);
    }
    const minutes = UPTIME_TIERS("minutes") as unknown[][];
    expect(minutes[0][7]).toBe("Downtime minutes/yr (computed from availability)");
    expect(minutes[4][7]).toBeCloseTo(26.3, 1);
    expect(minutes[4][8]).toBeCloseTo(24, 12);
  });
});

describe("bad input", () => {
  test.each([
    [() => USABLE_FRACTION("3N"), "topology", "N+R (e.g. N+1, 4+1)"],
    [() => USABLE_FRACTION("N+1"), "modules_needed", 'e.g. "4+1"'],
    [() => USABLE_FRACTION("4+1", 3), "modules_needed", "4 modules"],
    [() => USABLE_FRACTION("N+1", 2.5), "modules_needed", "whole number from 1 to 1,000"],
    [() => USABLE_FRACTION(1.5), "topology", "(0, 1]"],
    [() => AVAILABILITY("2N", 0), "module_availability", "(0, 1]"],
    [() => AVAILABILITY("2N", 1.01), "module_availability", "(0, 1]"],
    [() => AVAILABILITY(0.5, 0.99), "topology", "not a usable fraction"],
    [() => AVAILABILITY("3N/2", 0.99, 3), "modules_needed", "multiple of 2"],
    [() => AVAILABILITY("2N", 0.99, omitted, 2), "common_cause_beta", "[0, 1]"],
    [() => MODULE_AVAILABILITY(0, 4), "mtbf_hours", "> 0"],
    [() => DOWNTIME(0.999, "days"), "unit", '"hours", "minutes"'],
    [() => EFFECTIVE_MW(-1, 1.2, "2N", 1), "grid_mw", "≥ 0"],
    [() => EFFECTIVE_MW(100, 0.9, "2N", 1), "pue", "[1, 10]"],
    [() => EFFECTIVE_MW(100, 1.2, "2N FLEX", 1), "topology", "REDUNDANCY_COMPARE"],
    [() => VALUE_PER_GW(1, 1.2, "2N", 0), "availability", "(0, 1]"],
    [() => REDUNDANCY_COMPARE([["2N", "bogus"]], 100, 1.2, 0.999), "topologies", "xN/y"],
    [() => REDUNDANCY_COMPARE([[""]], 100, 1.2, 0.999), "topologies", "1 to 100"],
    [() => TCO(100, 1e7, 1e9, 70, 0.5), "pue", "[1, 10]"],
    [() => TCO(-5, 1e7, 1e9, 70), "it_mw", "> 0"],
    [
      () => TCO_BREAKDOWN(100, 1e7, 1e9, 70, omitted, omitted, omitted, omitted, omitted, omitted, "N+1"),
      "topology",
      "4+1",
    ],
    [() => UPTIME_TIER(5), "tier", "1 to 4"],
  ])("%#: #VALUE! naming %s", (call, argument, accepted) => {
    const e = excelErrorOf(call);
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain(argument);
    expect(e.message).toContain(accepted);
  });

  test("NINES of a perfect availability has no finite value: #NUM!", () => {
    expect(excelErrorOf(() => NINES(1)).code).toBe("#NUM!");
  });
});
