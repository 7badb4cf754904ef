/** The workbench's workbook: the pane's scenarios evaluated for real, recalculated on every edit. */
import { functions } from "../../src/functions";
import { draftOf, ScenarioBook } from "../../src/workbook/scenarios";
import type { MemorySheet } from "../../src/workbook/memory";
import { EngineWorkbook } from "../../src/workbench/workbook";
import { InfraFunction, signaturesOf } from "../../src/workbench/engine";
import { buildout, fleet, redundancy } from "../scenario/fixtures";
import { loadMetadata } from "../metadata";

async function book() {
  const wb = new EngineWorkbook(
    functions as unknown as Record<string, InfraFunction>,
    signaturesOf(await loadMetadata()),
  );
  return { wb, scenarios: new ScenarioBook(wb) };
}

const outputs = (wb: EngineWorkbook, sheet: string) =>
  [...wb.sheet(sheet)!.names]
    .filter(([n, a]) => n.startsWith("out_") && !a.includes(":"))
    .map(([n, a]) => [n, wb.value(sheet, a)] as const);

test.each([
  ["redundancy", redundancy],
  ["fleet", () => fleet("count")],
  ["build-out", buildout],
])("every output of a %s scenario evaluates to a number", async (_, make) => {
  const { wb, scenarios } = await book();
  const s = await scenarios.create(draftOf(make()));
  const out = outputs(wb, s.sheet);
  expect(out.length).toBeGreaterThan(0);
  for (const [name, v] of out) expect([name, typeof v]).toEqual([name, "number"]);
  expect(wb.active).toBe(s.sheet);
});

test("editing an input recalculates dependents, spills included; a bad input shows the INFRA message", async () => {
  const { wb, scenarios } = await book();
  const s = await scenarios.create(draftOf(fleet("count")));
  const sheet = wb.sheet(s.sheet)!;
  const at = (name: string) => sheet.names.get(name)!;
  const before = wb.value(s.sheet, at("out_effective_mw")) as number;
  const spill = [...sheet.cells].find(([, c]) => c.formula?.includes("GOODPUT_BREAKDOWN"))![0];
  const spillBefore = [...sheet.cells].filter(([a]) => wb.isSpilled(s.sheet, a)).map(([, c]) => c.value);
  wb.setCell(s.sheet, at("in_utilization"), 0.2);
  expect(wb.value(s.sheet, at("out_effective_mw"))).not.toBe(before);
  expect([...sheet.cells].filter(([a]) => wb.isSpilled(s.sheet, a)).map(([, c]) => c.value)).not.toEqual(spillBefore);
  expect(spill).toBeDefined();
  wb.setCell(s.sheet, at("in_utilization"), 7);
  expect(wb.value(s.sheet, at("out_effective_mw"))).toBe("#VALUE!");
  expect(wb.errorAt(s.sheet, at("out_effective_mw"))?.message).toMatch(/utilization/);
});

test("freeze keeps values without formulas, spills included; restore brings formulas back", async () => {
  const { wb, scenarios } = await book();
  const s = await scenarios.create(draftOf(redundancy()));
  const sheet = wb.sheet(s.sheet)!;
  const snapshot = () => new Map([...sheet.cells].map(([a, c]) => [a, c.value]));
  const live = snapshot();
  await scenarios.freeze(s.id);
  expect([...sheet.cells.values()].some((c) => c.formula?.includes("INFRA."))).toBe(false);
  expect(snapshot()).toEqual(live);
  await scenarios.restore(s.id);
  expect([...sheet.cells.values()].some((c) => c.formula?.includes("INFRA."))).toBe(true);
  expect(snapshot()).toEqual(live);
});

test("replacing the workbook is all or nothing: sheets the engine cannot read leave the old ones", async () => {
  const { wb, scenarios } = await book();
  const s = await scenarios.create(draftOf(redundancy()));
  const before = wb.sheets.map((x) => x.name);
  const broken: MemorySheet = {
    name: "Broken",
    visibility: "visible",
    cells: new Map([["NOT AN ADDRESS", { value: 1 }]]),
    names: new Map(),
    tables: new Map(),
    charts: [],
  };
  expect(() => wb.replace([broken], "Broken")).toThrow(/not a cell address/);
  expect([wb.sheets.map((x) => x.name), wb.active]).toEqual([before, s.sheet]);
  expect(typeof wb.value(s.sheet, wb.sheet(s.sheet)!.names.get("out_module_availability")!)).toBe("number");
});
