/**
 * The generated sheets calculated for real (the workbench's engine evaluates every INFRA formula):
 * the outputs reproduce the function reference's documented figures.
 */
import { functions } from "../../src/functions";
import { NUMBER_FORMATS, Scenario, planCompare, planScenario } from "../../src/scenario";
import { EngineWorkbook } from "../../src/workbench/workbook";
import { InfraFunction, signaturesOf } from "../../src/workbench/engine";
import { ScenarioBook, draftOf } from "../../src/workbook/scenarios";
import { loadMetadata } from "../metadata";
import { buildout, fleet, redundancy } from "./fixtures";

async function calculated(make: () => Scenario) {
  const wb = new EngineWorkbook(
    functions as unknown as Record<string, InfraFunction>,
    signaturesOf(await loadMetadata()),
  );
  const s = await new ScenarioBook(wb).create(draftOf(make()));
  const out = (name: string) => wb.value(s.sheet, wb.sheet(s.sheet)!.names.get(name)!) as number;
  return { wb, s, out };
}

/** NVIDIA blog (v1): 180,000 tokens/s per MW of Hopper AI factory × 31,536,000 s (power-value-tco.md §6 case 21). */
const TOKENS_PER_FACILITY_MW_YEAR = 5.676e12;

describe("calculated scenario sheets", () => {
  test("fleet: the published value per facility MW is calibrated, not derated twice (5.676e15 tokens per GW-year, case 21)", async () => {
    const { out } = await calculated(() => fleet("power"));
    expect(out("out_value_per_gw")).toBeCloseTo(5.676e15, -12); // 4 significant digits
    expect(out("out_value_per_year") / out("out_grid_mw")).toBeCloseTo(TOKENS_PER_FACILITY_MW_YEAR, -9);
  });

  test("redundancy: the calibrated value per effective MW is the published figure × PUE ÷ utilization", async () => {
    const { out } = await calculated(redundancy);
    expect(out("out_value_per_effective_mw")).toBeCloseTo((TOKENS_PER_FACILITY_MW_YEAR * 1.2) / 0.8, -9);
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
