/**
 * The in-memory workbook's colour scales (SheetPlan.colorScales): stored with the plan, removed with
 * the block the pane wrote before (as the Excel port clears the conditional formats of those cells),
 * and a scale on other cells kept.
 */
import { MemoryWorkbook } from "../../src/workbook/memory";
import { footprint } from "../../src/workbook/port";
import { HEAT_RANGE, analysisPlan } from "./analysisPlan";

test("a plan's colour scales are stored with its sheet", async () => {
  const wb = new MemoryWorkbook();
  await wb.writePlan(analysisPlan());
  expect(wb.sheet("Analysis")!.colorScales).toEqual([HEAT_RANGE]);
  expect(wb.sheet("Analysis")!.charts.map((c) => [c.name, c.anchor])).toEqual([
    ["BP_t1_tornado", "G2"],
    ["BP_t1_scurve", "P2"],
    ["BP_t1_histogram", "G32"],
  ]);
});

test("rewriting replaces the scales on the old block and keeps one on other cells", async () => {
  const wb = new MemoryWorkbook();
  const plan = analysisPlan();
  await wb.writePlan(plan);
  const sheet = wb.sheet("Analysis")!;
  sheet.colorScales = [...sheet.colorScales!, "K40:K45"]; // e.g. a user's, from an imported file
  await wb.writePlan({ ...plan, colorScales: ["B27:C30"] }, footprint(plan));
  expect(sheet.colorScales).toEqual(["K40:K45", "B27:C30"]);
  await wb.writePlan({ ...plan, colorScales: undefined }, footprint(plan));
  expect(sheet.colorScales).toEqual(["K40:K45"]);
  sheet.colorScales = [HEAT_RANGE];
  await wb.writePlan({ ...plan, colorScales: [] }, footprint(plan));
  expect(sheet).not.toHaveProperty("colorScales");
});

test("the stored scales are the workbook's own copy, not the plan's array", async () => {
  const wb = new MemoryWorkbook();
  const plan = analysisPlan();
  await wb.writePlan(plan);
  plan.colorScales!.push("Z1:Z2");
  expect(wb.sheet("Analysis")!.colorScales).toEqual([HEAT_RANGE]);
});
