import { functions } from "../../src";
import { excelErrorOf, omitted } from "../excelError";

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
  PATH_AVAILABILITY,
  TCO,
  TCO_BREAKDOWN,
  ACCELERATORS_PER_MW,
  UPTIME_TIER,
  UPTIME_TIERS,
} = functions;

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
    expect(AVAILABILITY("2N", 0.999, 1)).toBeCloseTo(0.999999, 9);
    expect(AVAILABILITY("2N", 0.999, 1, 0.05)).toBeCloseTo(0.999949, 6);
  });

  test("AVAILABILITY needs N for 2N: four modules a side at 0.99 is 1 − (1 − 0.99⁴)² = 0.99844733", () => {
    expect(AVAILABILITY("2N", 0.99, 4)).toBeCloseTo(0.99844732557, 10);
    const e = excelErrorOf(() => AVAILABILITY("2N", 0.99));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("modules_needed");
  });

  test("MODULE_AVAILABILITY does not overflow: 1e308 h both ways is 0.5", () => {
    expect(MODULE_AVAILABILITY(1e308, 1e308)).toBe(0.5);
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

  test("EFFECTIVE_MW never exceeds the usable power: 100 MW, 25 % oversubscribed, is 100 at full draw, 87.5 at 70 %", () => {
    expect(EFFECTIVE_MW(100, 1, "N", 1, 1, 1, 0.25)).toBe(100);
    expect(EFFECTIVE_MW(100, 1, "N", 1, 0.7, 1, 0.25)).toBeCloseTo(87.5, 12);
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

  test("180,000 tokens/s per MW of AI factory (NVIDIA blog) is 5.676e15 per GW-year (reference §6 case 21, ±0.1 %)", () => {
    const perFacilityMwYear = 180000 * 8760 * 3600; // 5.676e12
    expect(VALUE_PER_GW(perFacilityMwYear, 1, 1, 1) / 5.676e15).toBeCloseTo(1, 3);
    // A per-facility-MW figure already includes the site's PUE and deratings: calibrate it first,
    // and VALUE_PER_GW under the same site gives the figure back instead of 28 % of it.
    const derated = [1.2, "2N", 0.99995, 0.7, 0.95] as const;
    const calibrated = VALUE_PER_EFFECTIVE_MW(perFacilityMwYear, 1, ...derated);
    expect(VALUE_PER_GW(calibrated, ...derated) / 5.676e15).toBeCloseTo(1, 3);
    expect(VALUE_PER_GW(perFacilityMwYear, ...derated) / 5.676e15).toBeCloseTo(0.277, 3);
  });

  test("REDUNDANCY_COMPARE spills a header and one row per topology from text or a range", () => {
    const fromText = REDUNDANCY_COMPARE("2N; N+1, 3N/2" as unknown as unknown[][], 120, 1.2, 0.999, 4) as unknown[][];
    const fromRange = REDUNDANCY_COMPARE([["2N"], ["N+1"], [""], ["3N/2"]], 120, 1.2, 0.999, 4) as unknown[][];
    expect(fromRange).toEqual(fromText);
    expect(fromText).toHaveLength(4);
    expect(fromText[0][0]).toBe("Topology");
    const [, twoN, nPlusOne] = fromText as [unknown, unknown[], unknown[]];
    expect(twoN[1]).toBeCloseTo(50, 12);
    expect(twoN[2]).toBe(PATH_AVAILABILITY("2N", 0.999, 4));
    expect(twoN[3]).toBeCloseTo(DOWNTIME(PATH_AVAILABILITY("2N", 0.999, 4)), 9);
    expect(twoN[6]).toBe(0);
    expect(nPlusOne[4]).toBeCloseTo(
      EFFECTIVE_MW(120, 1.2, "N+1", PATH_AVAILABILITY("N+1", 0.999, 4), omitted, omitted, omitted, 4),
      9,
    );
  });

  test("REDUNDANCY_COMPARE with the Redundancy sheet's defaults ranks as WP75 does: N+1 < 3N/2 < 2N in availability", () => {
    // The sheet's call: topologies, grid 120 MW, PUE 1.2, module availability 0.999, N = 4, β = 0.05, value, utilization.
    const rows = REDUNDANCY_COMPARE([["N+1", "3N/2", "2N"]], 120, 1.2, 0.999, 4, 0.05, 1e6, 0.8) as unknown[][];
    const [nPlusOne, distributed, twoN] = rows.slice(1).map((r) => r[2] as number);
    expect(nPlusOne).toBeLessThan(distributed);
    expect(distributed).toBeLessThan(twoN);
    for (const row of rows.slice(1)) {
      expect(row[3]).toBeCloseTo(DOWNTIME(row[2] as number), 12);
      expect(row[4]).toBeCloseTo((row[1] as number) * (row[2] as number) * 0.8, 9);
      expect(row[5]).toBeCloseTo((row[4] as number) * 1e6, 3);
    }
  });

  test("REDUNDANCY_COMPARE: path and transfer switch availability 1 give the modules alone, as AVAILABILITY", () => {
    const omitValue = [omitted, omitted, omitted] as const; // value, utilization, goodput
    const rows = REDUNDANCY_COMPARE([["N+1", "3N/2", "2N"]], 120, 1.2, 0.999, 4, 0.05, ...omitValue, [[1]], 1);
    expect((rows as unknown[][]).slice(1).map((r) => r[2])).toEqual([
      AVAILABILITY("N+1", 0.999, 4, 0.05),
      AVAILABILITY("3N/2", 0.999, 4, 0.05),
      AVAILABILITY("2N", 0.999, 4, 0.05),
    ]);
    const worse = REDUNDANCY_COMPARE([["N+1"]], 120, 1.2, 0.999, 4, 0.05, ...omitValue, [[0.999]]) as unknown[][];
    expect(worse[1][2]).toBe(PATH_AVAILABILITY("N+1", 0.999, 4, 0.05, [[0.999]]));
  });

  test("PATH_AVAILABILITY: the sourced path by default; one number or a range of components in series", () => {
    expect(PATH_AVAILABILITY("N+1", 0.999, 4, 0.05, [[1]], 1)).toBe(AVAILABILITY("N+1", 0.999, 4, 0.05));
    const modules = AVAILABILITY("N+1", 0.999, 4);
    expect(PATH_AVAILABILITY("4+1", 0.999, omitted, omitted, [[0.9999]])).toBeCloseTo(modules * 0.9999, 15);
    // A Node caller (dist/lib) may pass the number itself.
    expect(PATH_AVAILABILITY("4+1", 0.999, omitted, omitted, 0.9999 as never)).toBe(
      PATH_AVAILABILITY("4+1", 0.999, omitted, omitted, [[0.9999]]),
    );
    const parts = [
      [0.99999, 0.99998],
      [0.99997, null],
    ];
    expect(PATH_AVAILABILITY("4+1", 0.999, omitted, omitted, parts)).toBeCloseTo(
      PATH_AVAILABILITY("4+1", 0.999, omitted, omitted, [[0.99999 * 0.99998 * 0.99997]]),
      15,
    );
    // Default path: ATS 0.9999685, three switchboards 0.9999921 each (IEEE 3006.8 figures) → 0.9999448.
    expect(PATH_AVAILABILITY("4+1", 0.999) / modules).toBeCloseTo(0.9999448, 7);
    // Distributed redundant: a transfer switch at each load, 0.9999685 by default.
    expect(
      PATH_AVAILABILITY("3N/2", 0.999, 4, 0, [[1]], 0.9999) / PATH_AVAILABILITY("3N/2", 0.999, 4, 0, [[1]], 1),
    ).toBeCloseTo(0.9999, 15);
  });

  test("REDUNDANCY_COMPARE: Flex on 4N/3 deploys a third more (Zhang et al., ISCA 2021: up to 33 %)", () => {
    const rows = REDUNDANCY_COMPARE([["4N/3", "4N/3 FLEX"]], 100, 1, 0.9999, 3) as unknown[][];
    expect((rows[2][1] as number) / (rows[1][1] as number)).toBeCloseTo(4 / 3, 12);
    expect(rows[2][6]).toBeGreaterThan(0.3);
    expect(rows[2][6]).toBeLessThan(1 / 3);
  });

  test("TCO: Epoch's 1 GW energy bill and totals against IT life at a 7 % capital charge (epoch.ai ai-datacenter-cost-breakdown)", () => {
    const energyOnly = TCO(1000, 0, 0, 60, 1.2);
    expect(energyOnly / 0.6307e9).toBeCloseTo(1, 3);
    const tco = (itLife: number, rate: number) => TCO(1000, 13e6, 25e9, 60, 1.2, itLife, 14, rate, 1, 0.3e9);
    expect(Math.abs(tco(5, 0.07) - 8.5e9)).toBeLessThan(0.1e9); // 8.51
    expect(Math.abs(tco(3, 0.07) - 12e9)).toBeLessThan(0.1e9); // 11.94
    expect(Math.abs(tco(7, 0.07) - 7e9)).toBeLessThan(0.1e9); // 7.06
    expect(tco(5, 0) / 6.8593e9).toBeCloseTo(1, 4); // straight-line: 0.9286 + 5 + 0.6307 + 0.3
  });

  test("TCO_BREAKDOWN: parts sum to TCO; columns divide by facility, installed IT and usable IT MW", () => {
    const args = [1000, 13e6, 25e9, 60, 1.25, 5, 14, 0.08, 0.8, 0.3e9] as const;
    const rows = TCO_BREAKDOWN(...args, "2N") as [string, number, number, number, number][];
    expect(rows).toHaveLength(6);
    const total = rows[5];
    expect(total[1]).toBeCloseTo(TCO(...args, "2N"), 0);
    expect(rows.slice(1, 5).reduce((s, r) => s + r[1], 0)).toBeCloseTo(total[1], 0);
    expect(total[2]).toBeCloseTo(total[1] / 1250, 6);
    expect(total[3]).toBeCloseTo(total[1] / 1000, 6);
    expect(total[4]).toBeCloseTo(total[1] / 500, 6);
    const unbound = TCO_BREAKDOWN(...args) as [string, number, number, number, number][];
    expect(unbound[5][4]).toBe(unbound[5][3]);
    expect(unbound[5][1]).toBeCloseTo(TCO(...args), 0);
  });

  test("TCO_BREAKDOWN under 2N: energy per usable MW is what a usable MW draws, 1.2 × 8,760 × $60 × load factor", () => {
    // The reviewer's case: at load factor 1 a usable MW costs 1.2 × 8,760 × 60 = $630,720 a year, not $1,261,440.
    const rows = TCO_BREAKDOWN(1000, 13e6, 25e9, 60, 1.2, 5, 14, 0, 1, 3e8, "2N") as [
      string,
      number,
      number,
      number,
      number,
    ][];
    const energy = rows[3];
    expect(energy[0]).toBe("Energy");
    expect(energy[4]).toBeCloseTo(630720, 6);
    expect(energy[1]).toBeCloseTo(500 * 630720, 0);
    const atHalfLoad = TCO_BREAKDOWN(1000, 13e6, 25e9, 60, 1.2, 5, 14, 0, 0.5, 3e8, "2N") as number[][];
    expect(atHalfLoad[3][4]).toBeCloseTo(315360, 6);
    expect(rows[1][4]).toBeCloseTo(13e9 / 14 / 500, 3); // facility capital on installed MW, per usable MW: ÷ u
  });

  test("ACCELERATORS_PER_MW: 545,455 NVL72 GPUs and 784,314 DGX H100 GPUs per GW (reference §6 case 26)", () => {
    expect(ACCELERATORS_PER_MW(132, 72) * 1000).toBeCloseTo(545455, -1);
    expect(ACCELERATORS_PER_MW(10.2, 8) * 1000).toBeCloseTo(784314, -1);
    expect(ACCELERATORS_PER_MW(132, 72, omitted)).toBe(ACCELERATORS_PER_MW(132, 72));
  });

  test("ACCELERATORS_PER_MW per facility MW: NVL72 (132 kW) at PUE 1.2 is 454.5; Bernstein's 5,932 racks per GW at 168.6 kW each", () => {
    expect(ACCELERATORS_PER_MW(132, 72, 1.2)).toBeCloseTo(454.545, 3);
    expect((ACCELERATORS_PER_MW(132, 72, 168.6 / 132) * 1000) / (5932 * 72)).toBeCloseTo(1, 3);
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
    // Quoted figures stay in the unit quoted: 0.4 h (datacenters.com) and 26.3 min (blog.j2sw.com), never 0.4 × 60 = 24.
    expect(minutes[4][8]).toBe("0.4 h; 26.3 min");
    expect(minutes[1][8]).toBe("28.8 h");
    expect(rows[2][8]).toBe("22.0 h");
  });
});

describe("bad input", () => {
  test.each([
    [() => USABLE_FRACTION("3N"), "topology", "N+R (e.g. N+1, 4+1)"],
    [() => USABLE_FRACTION("N+1"), "modules_needed", 'e.g. "4+1"'],
    [() => USABLE_FRACTION("4+1", 3), "modules_needed", "4 modules"],
    [() => USABLE_FRACTION("N+1", 2.5), "modules_needed", "whole number from 1 to 1,000"],
    [() => USABLE_FRACTION(1.5), "topology", "(0, 1]"],
    [() => AVAILABILITY("2N", 0, 1), "module_availability", "(0, 1]"],
    [() => AVAILABILITY("2N", 1.01, 1), "module_availability", "(0, 1]"],
    [() => AVAILABILITY(0.5, 0.99), "topology", "not a usable fraction"],
    [() => AVAILABILITY("2N", 0.99, 1, 2), "common_cause_beta", "[0, 1]"],
    [() => MODULE_AVAILABILITY(0, 4), "mtbf_hours", "> 0"],
    [() => DOWNTIME(0.999, "days"), "unit", '"hours", "minutes"'],
    [() => EFFECTIVE_MW(-1, 1.2, "2N", 1), "grid_mw", "≥ 0"],
    [() => EFFECTIVE_MW(100, 0.9, "2N", 1), "pue", "[1, 10]"],
    [() => EFFECTIVE_MW(100, 1.2, "2N FLEX", 1), "topology", "oversubscription"],
    [() => EFFECTIVE_MW(100, 1, "N", 1, 1, 1, 50), "oversubscription", "[0, 1]"],
    [() => USABLE_FRACTION("0x1"), "topology", "(0, 1]"],
    [() => AVAILABILITY("3N/2", 0.99), "modules_needed", "availability depends on it"],
    [() => REDUNDANCY_COMPARE([["2N", "N FLEX"]], 100, 1.2, 0.999, 4), "topologies", "FLEX needs a reserve"],
    [() => REDUNDANCY_COMPARE([["2N"]], 100, 1.2, 0.999), "modules_needed", "availability depends on it"],
    [() => TCO(100, 1e7, 1e9, 70, omitted, omitted, omitted, omitted, omitted, omitted, "N+1"), "topology", "4+1"],
    [() => VALUE_PER_GW(1, 1.2, "2N", 0), "availability", "(0, 1]"],
    [() => REDUNDANCY_COMPARE([["2N", "bogus"]], 100, 1.2, 0.999, 4), "topologies", "xN/y"],
    [() => REDUNDANCY_COMPARE([[""]], 100, 1.2, 0.999), "topologies", "1 to 100"],
    [() => TCO(100, 1e7, 1e9, 70, 0.5), "pue", "[1, 10]"],
    [() => TCO(-5, 1e7, 1e9, 70), "it_mw", "> 0"],
    [
      () => TCO_BREAKDOWN(100, 1e7, 1e9, 70, omitted, omitted, omitted, omitted, omitted, omitted, "N+1"),
      "topology",
      "4+1",
    ],
    [() => UPTIME_TIER(5), "tier", "1 to 4"],
    [() => ACCELERATORS_PER_MW(132, 72, 0.8), "pue", "[1, 10]"],
    [() => PATH_AVAILABILITY("2N", 0.999, 4, 0, [[0]]), "path_availability", "(0, 1]"],
    [() => PATH_AVAILABILITY("2N", 0.999, 4, 0, [[0.9, 1.2]]), "path_availability", "(0, 1]"],
    [() => PATH_AVAILABILITY("2N", 0.999, 4, 0, "high" as never), "path_availability", "(0, 1]"],
    [() => PATH_AVAILABILITY("3N/2", 0.999, 4, 0, [[1]], -1), "transfer_switch_availability", "(0, 1]"],
    [() => PATH_AVAILABILITY("2N", 0.999), "modules_needed", "availability depends on it"],
    [() => REDUNDANCY_COMPARE([["2N"]], 100, 1.2, 0.999, 4, 0, 1, 1, 1, [[2]]), "path_availability", "(0, 1]"],
  ])("%#: #VALUE! naming %s", (call, argument, accepted) => {
    const e = excelErrorOf(call);
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain(argument);
    expect(e.message).toContain(accepted);
  });

  test("TCO_BREAKDOWN's FLEX message does not point at an oversubscription it does not take", () => {
    const e = excelErrorOf(() =>
      TCO_BREAKDOWN(100, 1e7, 1e9, 70, omitted, omitted, omitted, omitted, omitted, omitted, "2N FLEX"),
    );
    expect(e.message).toContain("REDUNDANCY_COMPARE");
    expect(e.message).not.toContain("oversubscription");
  });

  test("NINES of a perfect availability has no finite value: #NUM!", () => {
    expect(excelErrorOf(() => NINES(1)).code).toBe("#NUM!");
  });
});
