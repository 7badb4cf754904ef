/**
 * The workbench engine (review of issue 7; issue 11): error values, spill extents, nested spills,
 * one call per arguments, incremental edits, far cells and whole-sheet ranges, errors that never
 * stop the workbook.
 */
import { Workbook } from "exceljs";
import { HyperFormula } from "hyperformula";
import { functions } from "../../src/functions";
import { InfraError } from "../../src/functions/errors";
import {
  InfraFunction,
  Signatures,
  engineFormula,
  evaluate,
  evaluateFormula,
  signaturesOf,
} from "../../src/workbench/engine";
import { cell, parseCell } from "../../src/scenario/plan";
import { EngineWorkbook } from "../../src/workbench/workbook";
import { exportXlsx } from "../../src/workbench/xlsx";
import { draftOf, ScenarioBook } from "../../src/workbook/scenarios";
import { buildout, fleet, redundancy } from "../scenario/fixtures";
import { loadMetadata } from "../metadata";

const table = functions as unknown as Record<string, InfraFunction>;
let signatures: Signatures;
beforeAll(async () => {
  signatures = signaturesOf(await loadMetadata());
});

function book(cells: Record<string, string | number>) {
  const wb = new EngineWorkbook(table, signatures);
  wb.addSheet("N");
  for (const [a, v] of Object.entries(cells)) wb.setCell("N", a, v);
  return wb;
}

test("errors without a message are errors: colour, alert and an error value in the file", async () => {
  const wb = book({ A1: "=1/0", A2: "=NA()", A3: "=INFRA.GOODPUT(A1,50000,1,10)", A4: "#DIV/0!" });
  expect(["A1", "A2", "A3"].map((a) => [wb.value("N", a), wb.errorAt("N", a)])).toEqual([
    ["#DIV/0!", {}],
    ["#N/A", {}],
    ["#DIV/0!", {}],
  ]);
  expect(wb.errorAt("N", "A4")).toBeUndefined(); // typed text that looks like an error stays text
  const file = new Workbook();
  await file.xlsx.load(await exportXlsx(wb));
  const ws = file.getWorksheet("N")!;
  expect((ws.getCell("A1").value as { result: unknown }).result).toEqual({ error: "#DIV/0!" });
  expect(ws.getCell("A4").value).toBe("#DIV/0!");
});

test("export writes each array formula over the engine's own spill extent, not its neighbours'", async () => {
  // UPTIME_TIERS() spills from B1; A3 is a scalar formula beside (and left of) that spill.
  const wb = book({ B1: "=INFRA.UPTIME_TIERS()", A3: "=1+1" });
  const tiers = table.UPTIME_TIERS() as unknown[][];
  const [w, h] = [tiers[0].length, tiers.length];
  expect(wb.spillAt("N", "B1")).toEqual([w, h]);
  expect(wb.spillAt("N", "A3")).toBeUndefined();
  const file = new Workbook();
  await file.xlsx.load(await exportXlsx(wb));
  const ws = file.getWorksheet("N")!;
  const colB = 2;
  const last = ws.getCell(h, colB + w - 1).address;
  expect(ws.getCell("B1").value).toMatchObject({ shareType: "array", ref: `B1:${last}` });
  expect(ws.getCell("A3").value).not.toHaveProperty("ref");
  expect(ws.getCell("A3").value).toMatchObject({ formula: "1+1", result: 2 });
});

test("spills depending on spills settle however deep the chain (3 levels), each function called once per arguments", () => {
  // Each level's length is the previous level's count: the size is only known after evaluating it.
  const calls: string[] = [];
  const counted = Object.fromEntries(
    Object.entries(table).map(([id, fn]) => [
      id,
      (...args: unknown[]) => (calls.push(`${id}${JSON.stringify(args)}`), fn(...args)),
    ]),
  );
  const phase = ["Phase 1", "", 18, 24, 36, "pert", 50];
  const cells = new Map<string, { value: number | string | null; formula?: string }>([
    ["A1", { value: null, formula: "=12" }],
    ["B1", { value: null, formula: "=INFRA.BUILDOUT_MW(D100:J100,A1,100,7)" }],
    ["A2", { value: null, formula: "=4*COUNTA(B1:B99)" }],
    ["AA1", { value: null, formula: "=INFRA.BUILDOUT_MW(D100:J100,A2,100,7)" }],
    ["A3", { value: null, formula: "=2*COUNTA(AA1:AA999)" }],
    ["BA1", { value: null, formula: "=INFRA.BUILDOUT_MW(D100:J100,A3,100,7)" }],
    ["A4", { value: null, formula: "=COUNTA(BA1:BA9999)" }],
    ...phase.map((v, i) => [`${"DEFGHIJ"[i]}100`, { value: v }] as const),
  ]);
  const values = evaluate([{ name: "S", cells, names: new Map() }], counted, signatures).get("S")!;
  const rows = (months: number) => (table.BUILDOUT_MW([phase], months, 100, 7) as unknown[][]).length;
  const [n1, n2] = [rows(12), rows(4 * rows(12))];
  expect(values.get("A4")).toEqual({ value: rows(2 * n2) });
  expect(values.get("BA1")?.spill?.[1]).toBe(rows(2 * n2));
  expect(n1).toBeLessThan(n2);
  // Size prediction and re-evaluation reuse results: no call is made twice with the same arguments.
  expect(calls.length).toBeGreaterThanOrEqual(3);
  expect(new Set(calls).size).toBe(calls.length);
});

test("a spilling INFRA formula runs its function once per recalculation (not once to size it, once to fill it)", () => {
  let runs = 0;
  const counted = { ...table, UPTIME_TIERS: (...args: unknown[]) => (runs++, table.UPTIME_TIERS(...args)) };
  const cells = new Map([["A1", { value: null, formula: "=INFRA.UPTIME_TIERS()" }]]);
  const values = evaluate([{ name: "S", cells, names: new Map() }], counted, signatures).get("S")!;
  expect(values.get("A1")?.spill).toEqual([(table.UPTIME_TIERS() as unknown[][])[0].length, 5]);
  expect(runs).toBe(1);
});

test("bare TRUE and FALSE are booleans, as in Excel (HyperFormula 3.5 alone reads them as #NAME?)", () => {
  expect(evaluateFormula("=TRUE", table, signatures)).toEqual({ value: true });
  expect(evaluateFormula("=IF(1,FALSE,TRUE)", table, signatures)).toEqual({ value: false });
  expect(evaluateFormula('="TRUE"&"false"', table, signatures)).toEqual({ value: "TRUEfalse" });
  let expected: unknown;
  try {
    expected = { value: table.GOODPUT(true, 50000, 1, 10) };
  } catch (e) {
    expected = { value: (e as InfraError).code, error: { message: (e as InfraError).message } };
  }
  expect(evaluateFormula("=INFRA.GOODPUT(TRUE,50000,1,10)", table, signatures)).toEqual(expected);
});

test("names are replaced outside string literals and quoted sheet names only", () => {
  const rates = { name: "My rate sheet", cells: new Map([["A1", { value: 2 }]]), names: new Map() };
  type Cells = Map<string, { value: number | null; formula?: string }>;
  const own = { name: "Own", cells: new Map([["B5", { value: 10 }]]) as Cells, names: new Map([["rate", "B5"]]) };
  const formula = (f: string) => engineFormula(f, own, [rates, own]);
  expect(formula("='My rate sheet'!A1*rate&\"rate\"")).toBe("='My rate sheet'!A1*$B$5&\"rate\"");
  expect(formula("='Own'!rate+Own!rate")).toBe("='Own'!$B$5+'Own'!$B$5");
  own.cells.set("A1", { value: null, formula: "='My rate sheet'!A1*rate&\" rate\"" });
  const values = evaluate([rates, own], table, signatures);
  expect(values.get("Own")!.get("A1")).toEqual({ value: "20 rate" });
});

test("a range given to a one-value parameter is #VALUE! naming the parameter, as functions.json does", () => {
  const accelerators = signatures.GOODPUT[0].name;
  expect(accelerators).toBe("accelerators");
  const data = {
    name: "D",
    cells: new Map([
      ["A1", { value: 1 }],
      ["A2", { value: 2 }],
    ]),
    names: new Map(),
  };
  expect(evaluateFormula("=INFRA.GOODPUT(D!A1:A2,50000,1,10)", table, signatures, [data])).toEqual({
    value: "#VALUE!",
    error: { message: `${accelerators} takes one value, not a range.` },
  });
});

test("a recalculation reuses the last one's results and spill sizes: only changed arguments call again", () => {
  const runs: string[] = [];
  const counted = Object.fromEntries(
    Object.entries(table).map(([id, fn]) => [id, (...args: unknown[]) => (runs.push(id), fn(...args))]),
  );
  const wb = new EngineWorkbook(counted, signatures);
  wb.addSheet("N");
  wb.setCell("N", "A1", 0.999);
  wb.setCell("N", "B1", "=INFRA.DOWNTIME(A1)");
  wb.setCell("N", "D1", "=INFRA.UPTIME_TIERS()");
  runs.length = 0;
  wb.setCell("N", "A1", 0.99); // DOWNTIME's argument changed; UPTIME_TIERS' did not
  expect(runs).toEqual(["DOWNTIME"]);
  expect(wb.value("N", "B1")).toBe(table.DOWNTIME(0.99));
  // A spill replaced by a scalar formula at the same cell gives up its old area.
  wb.setCell("N", "D1", "=INFRA.DOWNTIME(A1)");
  expect([wb.value("N", "D1"), wb.spillAt("N", "D1"), wb.isSpilled("N", "E1")]).toEqual([
    table.DOWNTIME(0.99),
    undefined,
    false,
  ]);
});

describe("incremental engine (issue 11 point 2)", () => {
  test("an edit updates the one engine through setCellContents: no engine is built, only dependents change", () => {
    const wb = book({ A1: 2, A2: "=A1*3", B1: 5, B2: "=B1+1" });
    const builds = [jest.spyOn(HyperFormula, "buildFromSheets"), jest.spyOn(HyperFormula, "buildEmpty")];
    try {
      wb.setCell("N", "A1", 4);
      expect([wb.value("N", "A2"), wb.value("N", "B2")]).toEqual([12, 6]);
      wb.setCell("N", "B3", "=A2+B2");
      expect(wb.value("N", "B3")).toBe(18);
      expect(builds.map((b) => b.mock.calls.length)).toEqual([0, 0]);
    } finally {
      builds.forEach((b) => b.mockRestore());
    }
  });

  test("a cell at XFD1048576 costs one cell: used range without scanning, values on demand", () => {
    const heap = process.memoryUsage().heapUsed;
    const started = performance.now();
    const wb = book({ A1: 1, XFD1048576: 2 });
    expect(wb.usedRange("N")).toEqual({ rows: 1_048_576, cols: 16_384 });
    expect(wb.value("N", "XFD1048576")).toBe(2);
    wb.setCell("N", "A2", "=A1+XFD1048576");
    expect(wb.value("N", "A2")).toBe(3);
    const [ms, mb] = [performance.now() - started, (process.memoryUsage().heapUsed - heap) / 2 ** 20];
    console.log(`far cell: ${ms.toFixed(0)} ms, heap +${mb.toFixed(0)} MB`);
    // Generous bounds that only catch the dense allocation (3.4 GB, minutes) this replaced.
    expect(ms).toBeLessThan(2_000);
    expect(mb).toBeLessThan(200);
  });

  test("a whole-sheet range is cut to the used range, follows it as it grows, and is refused once it is too large", () => {
    const wb = book({ B2: 5, C3: 7, A1: "=SUM(B1:XFD1048576)", A2: "=COUNTA(C:C)" });
    expect([wb.value("N", "A1"), wb.value("N", "A2")]).toEqual([12, 1]);
    wb.setCell("N", "D40", 1); // beyond the used range the range was cut to
    wb.setCell("N", "C50", "x");
    expect([wb.value("N", "A1"), wb.value("N", "A2")]).toEqual([13, 2]);
    const started = performance.now();
    wb.setCell("N", "XFD1048576", 1);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(wb.value("N", "A1")).toBe("#VALUE!");
    expect(wb.errorAt("N", "A1")?.message).toMatch(/B1:XFD1048576 covers .* cells in use; the workbench reads at most/);
    // C:C now spans a million rows in use: refused too. The workbook still takes edits.
    expect(wb.value("N", "A2")).toBe("#VALUE!");
    wb.setCell("N", "A3", "=B2*2");
    wb.setCell("N", "B2", 6);
    expect(wb.value("N", "A3")).toBe(12);
  });

  test('=INFRA.CHIP(B1:XFD1048576,"bf16") never expands the range', () => {
    const started = performance.now();
    const wb = book({ A1: '=INFRA.CHIP(B1:XFD1048576,"bf16")', B1: "H100 SXM" });
    expect(performance.now() - started).toBeLessThan(2_000);
    let expected: unknown;
    try {
      expected = table.CHIP("H100 SXM", "bf16");
    } catch (e) {
      expected = (e as InfraError).code;
    }
    expect(wb.value("N", "A1")).toBe(expected);
    wb.setCell("N", "XFD1048576", 1);
    expect(wb.value("N", "A1")).toBe("#VALUE!");
    expect(wb.errorAt("N", "A1")?.message).toMatch(/covers .* cells in use/);
  });
});

describe("errors reach their cells and never stop the workbook (issue 11 point 3)", () => {
  /**
   * Where each bad input goes on the Build-out sheet, found through its names: in_trials, or a cell
   * of the task table in_tasks (row offset, column: B predecessors, C min, F distribution).
   */
  const BAD: [string, string | [number, number], string | number, RegExp][] = [
    ["trials 0", "in_trials", 0, /trials/i],
    ["trials 1,000,000", "in_trials", 1_000_000, /trials/i],
    ["an unknown predecessor", [1, 2], "Nowhere", /Nowhere|predecessor/i],
    ["min > max", [0, 3], 40, /min|max/i],
    ['distribution "gaussian"', [0, 6], "gaussian", /gaussian|distribution/i],
  ];
  const addressOf = (names: Map<string, string>, at: string | [number, number]): string => {
    if (typeof at === "string") return names.get(at)!;
    const first = parseCell(names.get("in_tasks")!.split(":")[0]);
    return cell(first.row + at[0], at[1]);
  };

  test.each(BAD)(
    "a Build-out input %s shows #VALUE! with a message; later edits elsewhere still apply",
    async (_, at, bad, message) => {
      const wb = new EngineWorkbook(table, signatures);
      const scenarios = new ScenarioBook(wb);
      const other = await scenarios.create(draftOf(redundancy()));
      const s = await scenarios.create(draftOf(buildout()));
      const names = wb.sheet(s.sheet)!.names;
      const good = wb.value(s.sheet, names.get("out_p50_month")!);
      expect(typeof good).toBe("number");
      // The error reaches the cells through the one engine: no exception ("Unknown array") forced a rebuild.
      const builds = jest.spyOn(HyperFormula, "buildEmpty");
      try {
        wb.setCell(s.sheet, addressOf(names, at), bad);
        expect(builds).not.toHaveBeenCalled();
      } finally {
        builds.mockRestore();
      }
      for (const out of ["out_p50_month", "out_mw_p50"]) {
        const address = names.get(out)!;
        expect([out, wb.value(s.sheet, address)]).toEqual([out, "#VALUE!"]);
        expect(wb.errorAt(s.sheet, address)?.message).toMatch(message);
      }
      // An edit on another sheet applies.
      const input = wb.sheet(other.sheet)!.names.get("in_utilization")!;
      const output = wb.sheet(other.sheet)!.names.get("out_module_availability")!;
      const before = JSON.stringify([...wb.sheet(other.sheet)!.cells].map(([a, c]) => [a, c.value]));
      wb.setCell(other.sheet, input, 0.3);
      expect(wb.value(other.sheet, input)).toBe(0.3);
      expect(typeof wb.value(other.sheet, output)).toBe("number");
      expect(JSON.stringify([...wb.sheet(other.sheet)!.cells].map(([a, c]) => [a, c.value]))).not.toBe(before);
      // And on the same sheet: fixing the input brings the numbers back.
      wb.undo();
      wb.undo();
      expect(wb.value(s.sheet, names.get("out_p50_month")!)).toBe(good);
    },
  );

  test("a reference to a deleted sheet is #REF!, a formula the engine cannot read #NAME?: never #ERROR!", async () => {
    const wb = book({ A1: "='Gone sheet'!out_x", A2: "=SUM(1,", A3: "=A3+1" });
    expect(["A1", "A2", "A3"].map((a) => wb.value("N", a))).toEqual(["#REF!", "#NAME?", "#REF!"]);
    const file = new Workbook();
    await file.xlsx.load(await exportXlsx(wb));
    const results = ["A1", "A2", "A3"].map(
      (a) => (file.getWorksheet("N")!.getCell(a).value as { result: unknown }).result,
    );
    expect(results).toEqual([{ error: "#REF!" }, { error: "#NAME?" }, { error: "#REF!" }]);
  });

  test("a deleted compared scenario shows #REF! on the Compare sheet and exports as #REF!", async () => {
    const wb = new EngineWorkbook(table, signatures);
    const scenarios = new ScenarioBook(wb);
    const a = await scenarios.create(draftOf(redundancy()));
    const b = await scenarios.create(draftOf(fleet("count")));
    await scenarios.compare([a.id, b.id]);
    await scenarios.remove(b.id);
    const compare = wb.sheets.find((s) => /compare/i.test(s.name))!;
    const values = [...compare.cells].filter(([, c]) => c.formula !== undefined).map(([, c]) => c.value);
    expect(values).toContain("#REF!");
    expect(values).not.toContain("#ERROR!");
    const file = new Workbook();
    await file.xlsx.load(await exportXlsx(wb));
    const errors: unknown[] = [];
    file.getWorksheet(compare.name)!.eachRow((row) =>
      row.eachCell((c) => {
        const r = (c.value as { result?: { error?: string } } | null)?.result;
        if (r && typeof r === "object" && "error" in r) errors.push(r.error);
      }),
    );
    expect(errors).toContain("#REF!");
    expect(
      errors.filter((e) => !["#REF!", "#VALUE!", "#N/A", "#NUM!", "#DIV/0!", "#NAME?", "#NULL!"].includes(e as string)),
    ).toEqual([]);
  });
});
