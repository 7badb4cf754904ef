/**
 * What-if analyses after careless edits of the scenario's sheet (over the workbench's engine
 * workbook, where formulas calculate as in Excel): an input the sheet holds wrongly is refused with
 * words naming it, never replaced unseen by the stored value; a sheet that is gone is refused; an
 * absurd but valid value runs and writes no non-finite number; what the model reads agrees with
 * what the sheet shows. Formulas-mode data tables are valid Excel over sheet names with apostrophes
 * and calculate to the values-mode numbers; analysis sheet names are valid Excel names.
 */
import { Scenario } from "../../src/scenario";
import { MAX_FORMULA } from "../../src/scenario/evaluate";
import { sheetNameProblem } from "../../src/scenario/schema";
import { Analysis, analysisProblems, defaultAnalysis } from "../../src/scenario/whatif";
import { scenarioModel } from "../../src/scenario/evaluate";
import { CellValue } from "../../src/workbook/port";
import { recordCells } from "../../src/scenario/store";
import { InvalidScenarioError, ScenarioBook, StoreLockedError } from "../../src/workbook/scenarios";
import { WhatIfBook } from "../../src/workbook/whatif";
import { EngineWorkbook } from "../../src/workbench/workbook";
import { buildout, fleet, redundancy } from "../scenario/fixtures";
import { flakyPort } from "./flakyPort";
import { sheetSnapshot as snapshot } from "./sheetSnapshot";
import { whatIfSetup } from "./whatifSetup";

jest.setTimeout(60_000);

const setup = whatIfSetup;

/** The cell a one-cell name of the sheet points at ("B9"). */
const at = (wb: EngineWorkbook, sheet: string, name: string): string =>
  wb.sheet(sheet)!.names.get(name)!.replace(/\$/g, "").split(":")[0];

/** The words a refusal carries, or "" when `action` did not refuse with an InvalidScenarioError. */
async function refusal(action: Promise<unknown>): Promise<string> {
  try {
    await action;
    return "";
  } catch (e) {
    if (!(e instanceof InvalidScenarioError)) throw e;
    return e.errors.join(" ");
  }
}

describe("an input edited on the sheet before an analysis", () => {
  test.each<[string, CellValue, RegExp]>([
    ["cleared", null, /PUE \(facility ÷ IT\) must be a number from 1 to 10: its cell in_pue on the sheet is blank\./],
    ["text", "abc", /PUE .* must be a number from 1 to 10: its cell in_pue on the sheet holds the text "abc"\./],
    ["an error", "#DIV/0!", /its cell in_pue on the sheet shows the error #DIV\/0!\./],
    ["out of range", 0.5, /PUE \(facility ÷ IT\) must be a number from 1 to 10\./],
  ])("%s: the model and a run refuse with the field's words; nothing is written", async (_, value, words) => {
    const { wb, scenario, whatIf } = await setup();
    const analysis = defaultAnalysis(await whatIf.model(scenario.id), "table1");
    wb.setCell(scenario.sheet, at(wb, scenario.sheet, "in_pue"), value);
    // The sheet shows an error where the stored PUE would give a number: the analysis must not show that number.
    expect(String(wb.value(scenario.sheet, at(wb, scenario.sheet, "out_value_per_year")))).toMatch(/^#/);
    const sheets = wb.sheets.length;
    const before = snapshot(wb, scenario.sheet);
    expect(await refusal(whatIf.model(scenario.id))).toMatch(words);
    expect(await refusal(whatIf.run(scenario.id, analysis))).toMatch(words);
    expect(wb.sheets.length).toBe(sheets);
    expect(snapshot(wb, scenario.sheet)).toBe(before);
  });

  test("a goal seek's Apply after another input was typed over with text: refused with words, the sheet keeps the text", async () => {
    const { wb, scenario, whatIf } = await setup();
    const mfu = at(wb, scenario.sheet, "in_mfu");
    wb.setCell(scenario.sheet, mfu, "about half");
    const before = snapshot(wb, scenario.sheet);
    expect(await refusal(whatIf.apply(scenario.id, "pue", 1.3))).toMatch(
      /Model FLOPs utilization \(0–1\) must be a number above 0 up to 1: its cell in_mfu on the sheet holds the text "about half"\./,
    );
    expect(snapshot(wb, scenario.sheet)).toBe(before);
  });

  test("a chip not in the catalog, or cleared, is refused with words", async () => {
    const { wb, scenario, whatIf } = await setup();
    wb.setCell(scenario.sheet, at(wb, scenario.sheet, "in_chip"), "Z9000");
    expect(await refusal(whatIf.model(scenario.id))).toMatch(/The accelerator must be one of/);
    wb.setCell(scenario.sheet, at(wb, scenario.sheet, "in_chip"), null);
    expect(await refusal(whatIf.model(scenario.id))).toMatch(/The accelerator: its cell in_chip on the sheet is blank/);
  });

  test("a redundancy topology cleared, or changed to one that does not exist, is refused with words", async () => {
    const { wb, scenario, whatIf } = await setup(redundancy());
    wb.setCell(scenario.sheet, at(wb, scenario.sheet, "in_topology_1"), null);
    expect(await refusal(whatIf.model(scenario.id))).toMatch(
      /Topology 1: its cell in_topology_1 on the sheet is blank/,
    );
    wb.setCell(scenario.sheet, at(wb, scenario.sheet, "in_topology_1"), "9N");
    expect(await refusal(whatIf.model(scenario.id))).toMatch(/Each topology must be one of/);
  });

  test("a valid edit is what the model reads: every output agrees with the sheet", async () => {
    const { wb, scenario, whatIf } = await setup();
    wb.setCell(scenario.sheet, at(wb, scenario.sheet, "in_pue"), 1.5);
    wb.setCell(scenario.sheet, at(wb, scenario.sheet, "in_accelerators"), 1e6);
    const model = await whatIf.model(scenario.id);
    expect(model.inputs.find((i) => i.key === "pue")!.value).toBe(1.5);
    for (const o of model.outputs)
      expect([o.name, model.evaluate(o.name)]).toEqual([
        o.name,
        { value: expect.closeTo(wb.value(scenario.sheet, at(wb, scenario.sheet, o.name)) as number, 6) },
      ]);
  });

  test("a blank Modules needed means 0 (derive N from the load) in the model, as on the sheet", async () => {
    const { wb, scenario, whatIf } = await setup({
      ...redundancy(),
      values: { ...redundancy().values, modules_needed: 7 },
    });
    wb.setCell(scenario.sheet, at(wb, scenario.sheet, "in_modules_needed"), null);
    const model = await whatIf.model(scenario.id);
    const onSheet = (name: string) => wb.value(scenario.sheet, at(wb, scenario.sheet, name));
    const compared = model.outputs.map((o) => [o.name, model.evaluate(o.name)]);
    expect(compared).toEqual(
      model.outputs.map((o) => [
        o.name,
        typeof onSheet(o.name) === "number"
          ? { value: expect.closeTo(onSheet(o.name) as number, 6) }
          : expect.anything(),
      ]),
    );
    expect(model.scenario.values.modules_needed).toBe(0);
  });

  test("1e9 accelerators is refused with the range; 10 million (absurd but accepted) runs and writes finite numbers only", async () => {
    const { wb, scenario, whatIf } = await setup();
    wb.setCell(scenario.sheet, at(wb, scenario.sheet, "in_accelerators"), 1e9);
    expect(await refusal(whatIf.model(scenario.id))).toMatch(
      /Accelerators \(count\) must be a whole number from 1 to 10,000,000\./,
    );
    wb.setCell(scenario.sheet, at(wb, scenario.sheet, "in_accelerators"), 10_000_000);
    const model = await whatIf.model(scenario.id);
    for (const kind of ["tornado", "table1", "table2"] as const) {
      const { sheet } = await whatIf.run(scenario.id, defaultAnalysis(model, kind));
      const cells = [...wb.sheet(sheet!)!.cells.values()];
      expect(cells.filter((c) => typeof c.value === "number" && !Number.isFinite(c.value))).toEqual([]);
    }
  });
});

describe("a build-out's task and risk tables edited on the sheet", () => {
  const small = (): Extract<Scenario, { kind: "buildout" }> => {
    const s = buildout() as Extract<Scenario, { kind: "buildout" }>;
    return { ...s, values: { ...s.values, trials: 200 } };
  };

  test("a cleared task row is refused, naming the task row and each cell", async () => {
    const { wb, scenario, whatIf } = await setup(small());
    const first = at(wb, scenario.sheet, "in_tasks");
    const row = Number(first.slice(1)) + 1;
    for (const col of "ABCDEFGH") wb.setCell(scenario.sheet, `${col}${row}`, null);
    const words = await refusal(whatIf.model(scenario.id));
    expect(words).toMatch(/Task 2: its name on the sheet is blank/);
    expect(words).toMatch(/Task 2: its likely on the sheet is blank; it takes months from 0 to 600\./);
    expect(words).toMatch(/Task 2: its distribution on the sheet is blank/);
  });

  test('a risk row with "never" runs; its text outputs show as errors with a message, not as numbers', async () => {
    const s = small();
    const { wb, scenario, whatIf } = await setup({
      ...s,
      risks: [{ task: s.tasks[0].name, probability: 1, delay: "never", source: "queue" }],
    });
    const model = await whatIf.model(scenario.id);
    const never = model.outputs.filter((o) => wb.value(scenario.sheet, at(wb, scenario.sheet, o.name)) === "never");
    expect(never.map((o) => o.name)).toContain("out_p50_month");
    for (const o of model.outputs) {
      const shown = wb.value(scenario.sheet, at(wb, scenario.sheet, o.name));
      const got = model.evaluate(o.name);
      if (typeof shown === "number") expect([o.name, got]).toEqual([o.name, { value: expect.closeTo(shown, 6) }]);
      else if (shown === "never")
        expect(got).toEqual({ error: "#VALUE!", message: `${o.label} shows "never", not a number.` });
      else expect([o.name, "error" in got && got.message.length > 0]).toEqual([o.name, true]);
    }
    // An analysis of such an output runs and writes the error with its words in every cell, no number.
    const { sheet } = await whatIf.run(scenario.id, defaultAnalysis(model, "table1", "out_p50_month"));
    const body = [...wb.sheet(sheet!)!.cells.entries()].filter(([a]) => /^B(4|[89]|1[0-8])$/.test(a));
    expect(body).toHaveLength(12);
    expect(body.map(([, c]) => c.value)).toEqual(
      body.map(() => expect.stringContaining('P50 project completion shows "never", not a number.')),
    );
  });
});

describe("the scenario's sheet or store changed between opening the view and Run", () => {
  test.each(["deleted", "renamed"])("the sheet %s: Run refuses with words and writes nothing", async (how) => {
    const { wb, scenario, whatIf } = await setup();
    const analysis = defaultAnalysis(await whatIf.model(scenario.id), "tornado");
    if (how === "deleted") await wb.deleteSheet(scenario.sheet);
    else await wb.renameSheet(scenario.sheet, "Mine");
    const sheets = wb.sheets.map((s) => s.name);
    expect(await refusal(whatIf.run(scenario.id, analysis))).toMatch(
      new RegExp(`The sheet "${scenario.sheet}" no longer holds this scenario`),
    );
    expect(wb.sheets.map((s) => s.name)).toEqual(sheets);
  });

  test("a damaged store (locked): Run refuses with StoreLockedError and writes nothing", async () => {
    const { wb, scenario, whatIf } = await setup();
    const analysis = defaultAnalysis(await whatIf.model(scenario.id), "tornado");
    const rows = (await wb.readStore())!.length;
    await wb.writeStore([{ row: rows + 1, cells: recordCells(scenario) }]);
    const sheets = wb.sheets.length;
    await expect(whatIf.run(scenario.id, analysis)).rejects.toBeInstanceOf(StoreLockedError);
    expect(wb.sheets.length).toBe(sheets);
  });
});

describe("formulas-mode data tables in Excel", () => {
  test("over a sheet named with apostrophes: the formulas are Excel's syntax and calculate to the values-mode numbers", async () => {
    const { wb, scenario, whatIf } = await setup({ ...fleet("count"), name: "O'Brien's ''GB200'' fleet" });
    expect(scenario.sheet).toBe("O'Brien's ''GB200'' fleet");
    const model = await whatIf.model(scenario.id);
    for (const kind of ["table1", "table2"] as const) {
      const formulas = { ...defaultAnalysis(model, kind, "out_value_per_gw"), mode: "formulas" } as Analysis;
      const values = { ...formulas, mode: "values" } as Analysis;
      const f = await whatIf.run(scenario.id, formulas);
      const v = await whatIf.run(scenario.id, values);
      const [fs, vs] = [wb.sheet(f.sheet!)!, wb.sheet(v.sheet!)!];
      const written = [...fs.cells.entries()].filter(([, c]) => c.formula);
      expect(written.length).toBeGreaterThan(kind === "table1" ? 10 : 40);
      for (const [address, c] of written) {
        expect(c.formula!.length).toBeLessThanOrEqual(MAX_FORMULA);
        expect(c.formula).toContain(`'O''Brien''s ''''GB200'''' fleet'!in_`);
        // The engine calculated each formula; the values-mode sheet holds the pane's number at the same cell.
        expect([address, c.value]).toEqual([address, expect.closeTo(vs.cells.get(address)!.value as number, 0)]);
      }
    }
  });

  test("an output whose formula would pass Excel's 8,192 characters: the problem says so (not 'a build-out task')", () => {
    const long = { ...redundancy(), sheet: "O'Brien's ''fleet'' 2026 — long" } as Scenario;
    const model = scenarioModel(long);
    const a: Analysis = {
      kind: "table1",
      output: "out_value_per_year",
      input: "grid_mw",
      values: [100, 120],
      mode: "formulas",
    };
    expect(model.formula(a.output, { grid_mw: "$A1" })).toBeUndefined();
    expect(analysisProblems(model, a)).toEqual([
      "Mode: as one formula per cell, this output would be longer than Excel's 8,192 characters (each reference " +
        `repeats the sheet's name "O'Brien's ''fleet'' 2026 — long"): choose values, or rename the scenario shorter.`,
    ]);
  });

  test("an analysis sheet's name never ends with an apostrophe where the scenario's name is cut", async () => {
    // "Data table 2D " + 11 characters ends at the apostrophe: Excel refuses a sheet name ending so.
    const { wb, scenario, whatIf } = await setup({ ...fleet("count"), name: "abcdefghij' k" });
    const { sheet } = await whatIf.run(scenario.id, defaultAnalysis(await whatIf.model(scenario.id), "table2"));
    expect([sheet, sheetNameProblem(sheet!)]).toEqual(["Data table 2D abcdefghij", undefined]);
    expect(wb.sheet(sheet!)).toBeDefined();
  });
});

describe("a failing workbook call at each step of a run", () => {
  const STEPS = ["readStore", "hasTable", "readInputs", "sheetNames", "writePlan", "activate"] as const;
  test.each(STEPS.flatMap((step) => (["before", "after"] as const).map((when) => [step, when] as const)))(
    "%s fails %s doing its work: Retry ends with exactly one analysis sheet; the scenario's sheet is as it was",
    async (step, when) => {
      const { wb, scenario } = await setup();
      const before = snapshot(wb, scenario.sheet);
      const { port, broken } = flakyPort(wb, when);
      const whatIf = new WhatIfBook(port, new ScenarioBook(port));
      const analysis = defaultAnalysis(await whatIf.model(scenario.id), "tornado");
      broken.add(step);
      const first = await whatIf.run(scenario.id, analysis).then(
        () => "done",
        (e: Error) => e.message,
      );
      // Only showing the written sheet may fail without failing the run.
      expect(first).toBe(step === "activate" ? "done" : `The workbook is busy (${step}).`);
      broken.clear();
      if (first !== "done") await whatIf.run(scenario.id, analysis);
      expect(wb.sheets.filter((s) => s.name.startsWith("Tornado")).map((s) => s.name)).toEqual(["Tornado Fleet"]);
      expect(snapshot(wb, scenario.sheet)).toBe(before);
    },
  );

  test("the write fails after its work and so does the clean-up's delete: the next run removes the half-written sheet first", async () => {
    const { wb, scenario } = await setup();
    const before = snapshot(wb, scenario.sheet);
    const { port: afterPort, broken } = flakyPort(wb, "after");
    // writePlan writes, then fails; deleteSheet fails before deleting anything.
    let stuck = false;
    const port = new Proxy(afterPort, {
      get(target, prop, receiver) {
        if (prop === "deleteSheet" && stuck)
          return () => Promise.reject(new Error("The workbook is busy (deleteSheet)."));
        return Reflect.get(target, prop, receiver);
      },
    });
    const whatIf = new WhatIfBook(port, new ScenarioBook(port));
    for (const kind of ["tornado", "table1", "table2", "uncertainty"] as const) {
      let analysis = defaultAnalysis(await whatIf.model(scenario.id), kind);
      if (analysis.kind === "uncertainty") analysis = { ...analysis, trials: 500 };
      broken.add("writePlan");
      stuck = true;
      await expect(whatIf.run(scenario.id, analysis)).rejects.toThrow("The workbook is busy (writePlan).");
      broken.clear();
      stuck = false;
      await whatIf.run(scenario.id, analysis);
    }
    expect(wb.sheets.map((s) => s.name).filter((n) => n !== scenario.sheet && !n.startsWith("BalancePoint"))).toEqual([
      "Tornado Fleet",
      "Data table Fleet",
      "Data table 2D Fleet",
      "Uncertainty Fleet",
    ]);
    expect(snapshot(wb, scenario.sheet)).toBe(before);
  });
});
