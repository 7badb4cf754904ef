/**
 * WhatIfBook over the workbench's engine workbook (formulas calculate as in Excel): every analysis
 * writes a new sheet and never the scenario's; a failure part way leaves no half-written sheet; a
 * goal seek's answer is applied through the scenario's own update.
 */
import { Scenario } from "../../src/scenario";
import { scenarioModel } from "../../src/scenario/evaluate";
import { Analysis, analysisProblems, defaultAnalysis } from "../../src/scenario/whatif";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { WorkbookPort } from "../../src/workbook/port";
import { InvalidScenarioError } from "../../src/workbook/scenarios";
import { SHEET_PREFIX, WhatIfBook, withInput } from "../../src/workbook/whatif";
import { defaultOf } from "../scenario/analyses";
import { buildout } from "../scenario/fixtures";
import { flakyPort } from "./flakyPort";
import { sheetSnapshot as snapshot } from "./sheetSnapshot";
import { whatIfSetup } from "./whatifSetup";

jest.setTimeout(60_000);

const setup = whatIfSetup;

/** A port whose `operation` fails after doing its work (as an Excel batch can fail after the first sync). */
function failingAfter(wb: MemoryWorkbook, operation: keyof WorkbookPort) {
  const { port, broken } = flakyPort(wb, "after");
  broken.add(operation);
  return { port, heal: () => broken.clear() };
}

const analysisSheets = (wb: MemoryWorkbook, prefix: string) => wb.sheets.filter((s) => s.name.startsWith(prefix));

describe("WhatIfBook.run", () => {
  test.each(["tornado", "table1", "table2", "uncertainty"] as const)(
    "a %s analysis is written to a new sheet with its tables and charts; the scenario's sheet is untouched",
    async (kind) => {
      const { wb, scenario, whatIf } = await setup();
      const before = snapshot(wb, scenario.sheet);
      const model = await whatIf.model(scenario.id);
      let analysis = defaultAnalysis(model, kind);
      if (analysis.kind === "uncertainty") analysis = { ...analysis, trials: 2_000 };
      const { sheet } = await whatIf.run(scenario.id, analysis);
      expect(sheet).toBe(`${SHEET_PREFIX[kind]} ${scenario.name}`);
      const written = wb.sheet(sheet!)!;
      if (kind === "table2") {
        // The two-input table is a heat map: its body is shaded by a colour scale, no Excel table or chart.
        expect(written.colorScales?.length).toBe(1);
      } else {
        expect(written.tables.size).toBeGreaterThan(0);
        expect(written.charts.length).toBeGreaterThan(0);
      }
      // One fresh id, 8 lowercase letters or digits, names every table and chart; it is not the scenario's.
      const objects = [...written.tables.keys(), ...written.charts.map((c) => c.name)];
      const ids = new Set(objects.map((t) => /^BP_([a-z0-9]+)_[a-z0-9]+$/.exec(t)?.[1]));
      if (kind !== "table2") {
        expect(ids.size).toBe(1);
        const [id] = [...ids];
        expect(id).toMatch(/^[a-z0-9]{8}$/);
        expect(id).not.toBe(scenario.id);
      }
      // No formula of the analysis shows an error where the scenario shows a number.
      const errors = [...written.cells.values()].filter((c) => c.formula && /^#/.test(String(c.value)));
      expect(errors).toEqual([]);
      expect(wb.active).toBe(sheet);
      expect(snapshot(wb, scenario.sheet)).toBe(before);
    },
  );

  test("a second run of the same analysis gets its own sheet name", async () => {
    const { wb, scenario, whatIf } = await setup();
    const analysis = defaultAnalysis(await whatIf.model(scenario.id), "tornado");
    const first = await whatIf.run(scenario.id, analysis);
    const second = await whatIf.run(scenario.id, analysis);
    expect([first.sheet, second.sheet]).toEqual([`Tornado ${scenario.name}`, `Tornado ${scenario.name} (2)`]);
    expect(analysisSheets(wb, "Tornado")).toHaveLength(2);
  });

  test("the analysis reads the inputs as they are on the scenario's sheet now", async () => {
    const { wb, scenario, whatIf } = await setup();
    wb.setCell(scenario.sheet, wb.sheet(scenario.sheet)!.names.get("in_pue")!, 1.4);
    const model = await whatIf.model(scenario.id);
    expect(model.inputs.find((i) => i.key === "pue")!.value).toBe(1.4);
    const engine = wb.value(scenario.sheet, wb.sheet(scenario.sheet)!.names.get("out_value_per_year")!);
    expect(model.evaluate("out_value_per_year")).toEqual({ value: engine });
  });

  test("an analysis with problems is refused in words and nothing is written", async () => {
    const { wb, scenario, whatIf } = await setup();
    const model = await whatIf.model(scenario.id);
    const tornado = defaultOf(model, "tornado");
    const bad: Analysis = { ...tornado, swings: { ...tornado.swings, pue: { low: 0.5, high: 1.3 } } };
    const words = analysisProblems(model, bad);
    expect(words.length).toBeGreaterThan(0);
    const calls = wb.calls.length;
    await expect(whatIf.run(scenario.id, bad)).rejects.toEqual(new InvalidScenarioError(words));
    expect(wb.calls.slice(calls).filter((c) => !c.startsWith("readStore"))).toEqual([]);
  });

  test.each(["writePlan", "sheetNames"] as const)(
    "when %s fails (writePlan after writing) no analysis sheet is left, the scenario's sheet is untouched, and a retry makes one",
    async (operation) => {
      const { wb, book, scenario } = await setup();
      const before = snapshot(wb, scenario.sheet);
      const { port, heal } = failingAfter(wb, operation);
      const whatIf = new WhatIfBook(port, book);
      const analysis = defaultAnalysis(await whatIf.model(scenario.id), "table1");
      await expect(whatIf.run(scenario.id, analysis)).rejects.toThrow(`The workbook is busy (${operation}).`);
      expect(analysisSheets(wb, "Data table")).toHaveLength(0);
      expect(snapshot(wb, scenario.sheet)).toBe(before);
      heal();
      const { sheet } = await whatIf.run(scenario.id, analysis);
      expect(analysisSheets(wb, "Data table").map((s) => s.name)).toEqual([sheet]);
      expect(snapshot(wb, scenario.sheet)).toBe(before);
    },
  );

  test("a failure to show the finished sheet does not undo it", async () => {
    const { wb, book, scenario } = await setup();
    const { port } = failingAfter(wb, "activate");
    const whatIf = new WhatIfBook(port, book);
    const { sheet } = await whatIf.run(scenario.id, defaultAnalysis(await whatIf.model(scenario.id), "tornado"));
    expect(wb.sheet(sheet!)).toBeDefined();
  });
});

describe("goal seek", () => {
  test("run answers without writing a sheet; apply puts the answer into the scenario and its sheet", async () => {
    const { wb, book, scenario, whatIf } = await setup();
    const model = await whatIf.model(scenario.id);
    const base = model.evaluate("out_value_per_gw") as { value: number };
    const analysis: Analysis = {
      kind: "goalseek",
      output: "out_value_per_gw",
      input: "pue",
      target: base.value * 0.9,
      low: 1,
      high: 3,
    };
    const sheets = wb.sheets.length;
    const { result, sheet } = await whatIf.run(scenario.id, analysis);
    expect(sheet).toBeUndefined();
    expect(wb.sheets).toHaveLength(sheets);
    if (result.kind !== "goalseek" || !result.result.found) throw new Error("no answer");
    // Value per GW-year of grid falls as 1 / PUE: 10 % less value at 1.2 / 0.9 = 1.333.
    expect(result.result.x).toBeCloseTo(1.2 / 0.9, 3);
    const updated = await whatIf.apply(scenario.id, "pue", result.result.x);
    expect(updated.values.pue).toBe(result.result.x);
    const stored = (await book.load()) as { entries: { scenario: Scenario }[] };
    expect(stored.entries[0].scenario.values.pue).toBe(result.result.x);
    const names = wb.sheet(scenario.sheet)!.names;
    expect(wb.value(scenario.sheet, names.get("in_pue")!)).toBe(result.result.x);
    const reached = wb.value(scenario.sheet, names.get("out_value_per_gw")!) as number;
    expect(Math.abs(reached - analysis.target) / analysis.target).toBeLessThan(1e-3);
  });

  test("apply refuses a value the input does not accept, in words, and leaves the scenario as it was", async () => {
    const { wb, scenario, whatIf } = await setup();
    const before = snapshot(wb, scenario.sheet);
    await expect(whatIf.apply(scenario.id, "pue", 0.5)).rejects.toThrow(/PUE/);
    expect(snapshot(wb, scenario.sheet)).toBe(before);
  });

  test("a build-out task's likely duration shifts its min and max by the same months (min not below 0)", async () => {
    const s = buildout();
    const task = s.kind === "buildout" ? s.tasks[0] : undefined;
    const moved = withInput(s, "task_1", task!.likely + 2);
    expect(moved.kind === "buildout" && moved.tasks[0]).toMatchObject({
      min: task!.min + 2,
      likely: task!.likely + 2,
      max: task!.max + 2,
    });
    const early = withInput(s, "task_1", 0);
    expect(early.kind === "buildout" && early.tasks[0]).toMatchObject({
      min: Math.max(0, task!.min - task!.likely),
      likely: 0,
      max: task!.max - task!.likely,
    });
    // The evaluator reads the same scenario: the model of the moved scenario has the task's likely value.
    expect(scenarioModel(moved).inputs.find((i) => i.key === "task_1")!.value).toBe(task!.likely + 2);
  });

  test("apply to a build-out task regenerates the task table", async () => {
    const { wb, scenario, whatIf } = await setup(buildout());
    const model = await whatIf.model(scenario.id);
    const likely = model.inputs.find((i) => i.key === "task_1")!.value;
    const updated = await whatIf.apply(scenario.id, "task_1", likely + 1);
    expect(updated.kind === "buildout" && updated.tasks[0].likely).toBe(likely + 1);
    const rows = (await wb.readInputs(scenario.sheet)).in_tasks;
    expect(rows[0][3]).toBe(likely + 1);
  });
});
