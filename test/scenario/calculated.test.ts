/**
 * The generated sheets calculated for real (the workbench's engine evaluates every INFRA formula):
 * the outputs reproduce the function reference's documented figures.
 */
import { functions } from "../../src/functions";
import { NUMBER_FORMATS, Scenario, planCompare, planScenario } from "../../src/scenario";
import { evaluatedSheet } from "./evaluated";
import { buildout, fleet, redundancy } from "./fixtures";

async function calculated(make: () => Scenario) {
  const sheet = await evaluatedSheet(make());
  return { ...sheet, out: (name: string) => sheet.value(name) as number };
}

/** NVIDIA blog (v1): 180,000 tokens/s per MW of Hopper AI factory (power-value-tco.md §3.7). */
const TOKENS_PER_S_PER_MW = 180_000;
/** BOND "Trends in AI" (May 2025), NVIDIA slide: Hopper $300M for 58T tokens, about $5 per million. */
const USD_PER_M_TOKENS = 5;

describe("calculated scenario sheets", () => {
  test("value is money: 180,000 tokens/s × 31,536,000 s × $5 per million = $28,382,400 per effective MW-year", async () => {
    const { out } = await calculated(redundancy);
    expect(out("out_value_per_effective_mw")).toBe((TOKENS_PER_S_PER_MW * 31_536_000 * USD_PER_M_TOKENS) / 1e6);
  });

  test("fleet with no losses (PUE 1, utilization 1, inference): 5.676e15 tokens per GW-year, case 21, in USD", async () => {
    const { wb, s, out } = await calculated(() => fleet("power"));
    const set = (name: string, v: number) => wb.setCell(s.sheet, wb.sheet(s.sheet)!.names.get(name)!, v);
    set("in_pue", 1);
    set("in_utilization", 1);
    set("in_training_share", 0);
    // power-value-tco.md §6 case 21: 5.676e15 tokens per GW-year (±0.1 %), here at $5 per million tokens.
    const tokens = (out("out_value_per_gw") / USD_PER_M_TOKENS) * 1e6;
    expect(Math.abs(tokens / 5.676e15 - 1)).toBeLessThan(0.001);
    // Money is rounded to the dollar where it is formed: no 5,676,000,000,000,001.
    for (const name of ["out_value_per_gw", "out_value_per_year", "out_value_per_effective_mw"])
      expect(Number.isInteger(out(name))).toBe(true);
  });

  test("bad input shows as an error with its message in the summary outputs, never as 0.0 MW", async () => {
    const { wb, s } = await calculated(redundancy);
    const at = (name: string) => wb.sheet(s.sheet)!.names.get(name)!;
    wb.setCell(s.sheet, at("in_grid_mw"), "lots");
    for (const name of ["out_effective_mw", "out_value_per_year"]) {
      expect(wb.value(s.sheet, at(name))).toBe("#VALUE!");
      expect(wb.errorAt(s.sheet, at(name))?.message).toMatch(/grid_mw/);
    }
    wb.setCell(s.sheet, at("in_grid_mw"), 120);
    expect(typeof wb.value(s.sheet, at("out_value_per_year"))).toBe("number");
    // Module availability 1.5 is refused on entry, and if it gets in anyway (a paste) it is an error, not 150%.
    expect(wb.validationProblem(s.sheet, at("in_module_availability"), 1.5)).toMatch(/above 0 up to 1/);
    wb.setCell(s.sheet, at("in_module_availability"), 1.5);
    expect(wb.value(s.sheet, at("out_module_availability"))).toBe("#VALUE!");
    expect(wb.value(s.sheet, at("out_effective_mw"))).toBe("#VALUE!");
  });

  test("N is derived from the IT load and the module size, shown on the sheet, and can be overridden", async () => {
    const { wb, s, out } = await calculated(redundancy);
    const at = (name: string) => wb.sheet(s.sheet)!.names.get(name)!;
    expect(out("out_modules_needed")).toBe(4);
    wb.setCell(s.sheet, at("in_it_load_mw"), 1.1);
    wb.setCell(s.sheet, at("in_ups_module_mw"), 0.1);
    expect(out("out_modules_needed")).toBe(11); // not 12: 1.1 / 0.1 is 11.000000000000002 in binary
    wb.setCell(s.sheet, at("in_modules_needed"), 6);
    expect(out("out_modules_needed")).toBe(6);
  });

  test("redundancy defaults reproduce the REDUNDANCY_COMPARE reference example (2N 50 MW at 0.99994; 2N FLEX 100 MW)", async () => {
    const { wb, s, out } = await calculated(redundancy);
    const example = functions.REDUNDANCY_COMPARE([["2N", "2N FLEX", "N+1", "3N/2"]], 120, 1.2, 0.999, 4, 0.05);
    const spill = planScenario(s).cells.find((c) => c.formula?.includes("REDUNDANCY_COMPARE"))!;
    const row = Number(spill.address.slice(1));
    for (let r = 1; r <= 4; r++)
      for (const [col, i] of [
        ["B", 1],
        ["C", 2],
        ["D", 3],
      ] as const)
        expect(wb.value(s.sheet, `${col}${row + r}`)).toBeCloseTo(example[r][i] as number, 6);
    expect(wb.value(s.sheet, `B${row + 1}`)).toBeCloseTo(50, 6);
    expect(out("out_effective_mw")).toBeCloseTo(
      Math.max(...[1, 2, 3, 4].map((r) => wb.value(s.sheet, `E${row + r}`) as number)),
      6,
    );
    expect(wb.sheet(s.sheet)!.cells.get(wb.sheet(s.sheet)!.names.get("out_module_availability")!)!.format).toBe(
      NUMBER_FORMATS.availability,
    );
  });

  test("build-out: the horizon is not an editable cell; MW online at the horizon is its own Compare metric", async () => {
    const { wb, s, out } = await calculated(buildout);
    expect(wb.sheet(s.sheet)!.names.has("in_horizon_months")).toBe(false);
    expect(out("out_mw_p50")).toBeGreaterThan(0);
    const compare = planCompare([s, redundancy()]);
    const metric = (label: RegExp) => compare.cells.find((c) => c.text && label.test(c.text))!.address.slice(1);
    const formula = (col: string, row: string) => compare.cells.find((c) => c.address === `${col}${row}`)?.formula;
    expect(formula("B", metric(/^MW online at the horizon/))).toMatch(/out_mw_p50$/);
    expect(formula("B", metric(/^Effective \(delivered\) MW/))).toBeUndefined();
    expect(formula("C", metric(/^Effective \(delivered\) MW/))).toMatch(/out_effective_mw$/);
  });
});
