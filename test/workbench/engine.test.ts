/** The workbench engine (review of issue 7): error values, spill extents, nested spills, one call per arguments. */
import { Workbook } from "exceljs";
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
import { EngineWorkbook } from "../../src/workbench/workbook";
import { exportXlsx } from "../../src/workbench/xlsx";
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
