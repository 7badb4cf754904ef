/**
 * .xlsx export and import: every cell, name, table and the store survive a round trip; chart specs
 * are not in the file (ExcelJS cannot write charts) and come back rebuilt from the stored scenarios.
 */
import { Workbook } from "exceljs";
import { functions } from "../../src/functions";
import { cell, cellsOf, columnPixels, parseCell } from "../../src/scenario/plan";
import { STORE_SHEET } from "../../src/scenario/store";
import { draftOf, ScenarioBook } from "../../src/workbook/scenarios";
import { InfraFunction, Signatures, signaturesOf } from "../../src/workbench/engine";
import { EngineWorkbook } from "../../src/workbench/workbook";
import {
  PLACEHOLDER_SHEET,
  exportXlsx,
  fileWidth,
  fromFileFormula,
  importXlsx,
  widthOfFile,
} from "../../src/workbench/xlsx";
import { LIMITS } from "../../src/workbench/xlsxLimits";
import { COLOR_SCALE } from "../../src/workbook/port";
import { buildout, fleet, redundancy } from "../scenario/fixtures";
import { HEAT_RANGE, analysisPlan } from "../workbook/analysisPlan";
import { readmeZip, wholeSheetArray, wordDocument, xlsxFile } from "../hostileFiles";
import { loadMetadata } from "../metadata";

let signatures: Signatures;
beforeAll(async () => {
  signatures = signaturesOf(await loadMetadata());
});

const fresh = () => new EngineWorkbook(functions as unknown as Record<string, InfraFunction>, signatures);

/**
 * Everything the workbench holds, sheet by sheet. Two equivalences: "output" is a style Excel has
 * no form for, and "General" is Excel's default number format, which a file cannot tell from none.
 */
const snapshot = (wb: EngineWorkbook) =>
  wb.sheets.map((s) => ({
    name: s.name,
    visibility: s.visibility,
    cells: [...s.cells]
      .map(([a, c]) => {
        const format = c.format === "General" ? undefined : c.format;
        return [a, { ...c, format, style: c.style === "output" ? undefined : c.style }] as const;
      })
      .filter(([, c]) => c.formula !== undefined || c.value !== null || c.format !== undefined || c.style)
      .sort(([a], [b]) => a.localeCompare(b)),
    spilled: [...s.cells.keys()].filter((a) => wb.isSpilled(s.name, a)).sort(),
    names: [...s.names].sort(),
    tables: [...s.tables].sort(),
    charts: s.charts,
    columns: s.columns && [...s.columns],
  }));

async function roundTrip(wb: EngineWorkbook) {
  const copy = fresh();
  await importXlsx(await exportXlsx(wb), copy);
  return copy;
}

async function expectLossless(wb: EngineWorkbook) {
  const copy = await roundTrip(wb);
  expect(snapshot(copy)).toEqual(snapshot(wb));
  expect(copy.active).toBe(wb.active);
  const [before, after] = [await new ScenarioBook(wb).load(), await new ScenarioBook(copy).load()];
  expect(after.status).toBe("ok");
  expect(after).toEqual(before);
  return copy;
}

test.each([
  ["redundancy", redundancy],
  ["fleet sized by count", () => fleet("count")],
  ["fleet sized by power", () => fleet("power", "H100 SXM")],
  ["build-out", buildout],
])(
  "a %s scenario round-trips: cells, formulas, formats, names, tables and the store; its charts are rebuilt from the store",
  async (_, make) => {
    const wb = fresh();
    const s = await new ScenarioBook(wb).create(draftOf(make()));
    expect(wb.sheet(s.sheet)!.tables.size).toBeGreaterThan(0);
    expect(wb.sheet(s.sheet)!.charts.length).toBeGreaterThan(0);
    const copy = await expectLossless(wb);
    expect(copy.sheet(STORE_SHEET)!.visibility).toBe("veryHidden");
  },
);

test("several scenarios, a frozen one and the Compare sheet round-trip; the copy still recalculates", async () => {
  const wb = fresh();
  const book = new ScenarioBook(wb);
  const a = await book.create(draftOf(redundancy()));
  const b = await book.create(draftOf(fleet("count")));
  const c = await book.create(draftOf(buildout()));
  await book.freeze(a.id);
  await book.compare([a.id, b.id, c.id]);
  // Two sheets define the same name, each in its own scope (ExcelJS's API would merge them).
  expect([a, b].map((x) => wb.sheet(x.sheet)!.names.has("in_utilization"))).toEqual([true, true]);
  const copy = await expectLossless(wb);
  const at = (name: string) => copy.sheet(b.sheet)!.names.get(name)!;
  const before = copy.value(b.sheet, at("out_effective_mw"));
  copy.setCell(b.sheet, at("in_utilization"), 0.2);
  expect(copy.value(b.sheet, at("out_effective_mw"))).not.toBe(before);
  expect((await new ScenarioBook(copy).load()).status).toBe("ok");
});

test("a hostile scenario name, text starting with '=', booleans, errors and user formulas stay what they were", async () => {
  const wb = fresh();
  const hostile = `It's =HYPERLINK("x") <img src=x onerror="alert(1)">`;
  const s = await new ScenarioBook(wb).create({ ...draftOf(redundancy()), name: hostile });
  wb.addSheet("Notes");
  wb.sheet("Notes")!.cells.set("A1", { value: "=1+1" });
  wb.sheet("Notes")!.cells.set("A2", { value: "'quoted" });
  wb.setCell("Notes", "B1", 21);
  wb.setCell("Notes", "B2", "=B1*2");
  wb.setCell("Notes", "B3", true);
  wb.setCell("Notes", "B4", "=INFRA.DOWNTIME(2)");
  wb.setCell("Notes", "B5", `=${"'"}${s.sheet.replace(/'/g, "''")}'!in_modules_needed+1`);
  wb.sheet("Notes")!.cells.set("C1", { value: null, format: "0.00%" });
  wb.recalculate();
  expect(wb.value("Notes", "B2")).toBe(42);
  expect(wb.errorAt("Notes", "B4")).toBeDefined();
  expect(typeof wb.value("Notes", "B5")).toBe("number");
  const copy = await expectLossless(wb);
  expect(copy.value(s.sheet, "A1")).toBe(hostile);
  expect(copy.formula("Notes", "A1")).toBeUndefined();
  expect(copy.value("Notes", "A1")).toBe("=1+1");
  expect(copy.errorAt("Notes", "B4")).toEqual(wb.errorAt("Notes", "B4"));
});

test("read by plain ExcelJS, the file has every formula with its cached value, spills as arrays, the store very hidden", async () => {
  const wb = fresh();
  const book = new ScenarioBook(wb);
  const scenarios = [await book.create(draftOf(redundancy())), await book.create(draftOf(fleet("count")))];
  const file = new Workbook();
  await file.xlsx.load(await exportXlsx(wb));
  expect(file.getWorksheet(STORE_SHEET)!.state).toBe("veryHidden");
  let arrays = 0;
  for (const s of scenarios) {
    const cells = new Map<string, { value: unknown; formula: string; result: unknown }>();
    file.getWorksheet(s.sheet)!.eachRow((row) => row.eachCell((c) => void cells.set(c.address, c)));
    for (const [address, c] of wb.sheet(s.sheet)!.cells) {
      const written = cells.get(address) ?? { value: null, formula: undefined, result: undefined };
      if (c.formula === undefined) expect([address, written.value]).toEqual([address, c.value]);
      else {
        const cached = wb.errorAt(s.sheet, address) ? { error: c.value } : c.value;
        expect([address, written.formula, written.result]).toEqual([address, c.formula.slice(1), cached]);
        const { shareType, ref } = written.value as { shareType?: string; ref?: string };
        // The array's extent is the engine's spill size, and every cell it covers but its own was spilled.
        const size = wb.spillAt(s.sheet, address);
        if (size) {
          const { row, col } = parseCell(address);
          expect([address, shareType, ref]).toEqual([
            address,
            "array",
            `${address}:${cell(row + size[1] - 1, col + size[0] - 1)}`,
          ]);
          const covered = cellsOf(ref!)
            .flat()
            .map((p) => cell(p.row, p.col))
            .filter((a) => a !== address);
          expect(covered.filter((a) => !wb.isSpilled(s.sheet, a))).toEqual([]);
          arrays++;
        } else expect([address, ref]).toEqual([address, undefined]);
      }
    }
  }
  expect(arrays).toBeGreaterThan(1);
});

test("column widths: a scenario sheet's plan widths are in the file as Excel stores them, and read back", async () => {
  const wb = fresh();
  const s = await new ScenarioBook(wb).create(draftOf(redundancy()));
  const widths = wb.sheet(s.sheet)!.columns!;
  expect(widths.get(1)).toBeGreaterThan(20);
  const file = new Workbook();
  await file.xlsx.load(await exportXlsx(wb));
  const ws = file.getWorksheet(s.sheet)!;
  for (const [col, width] of widths) expect([col, ws.getColumn(col).width]).toEqual([col, fileWidth(width)]);
  // Excel's default column, 8.43 characters (64 px), is stored as width="9.140625" (ECMA-376 §18.3.1.13).
  expect(fileWidth(8.43)).toBe(9.140625);
  expect(widthOfFile(9.140625)).toBe(8.43);
  // Exact to the pixel, Excel's own resolution (1/7 of a character).
  for (const w of [1, 8, 12.5, 28, 100, 255])
    expect([w, columnPixels(widthOfFile(fileWidth(w)))]).toEqual([w, columnPixels(w)]);
  // A file with widths and none: the workbook has them, or keeps the default.
  const other = new Workbook();
  other.addWorksheet("Wide").getCell("A1").value = "x";
  other.getWorksheet("Wide")!.getColumn(3).width = fileWidth(30);
  other.addWorksheet("Plain").getCell("A1").value = "y";
  const copy = fresh();
  await importXlsx(await other.xlsx.writeBuffer(), copy);
  expect(copy.sheet("Wide")!.columns && [...copy.sheet("Wide")!.columns!]).toEqual([[3, 30]]);
  expect(copy.sheet("Plain")!.columns).toBeUndefined();
});

test("a file as Excel saves it: _xldudf_ and _xlfn. prefixes, shared formulas, workbook names, hidden sheets, dates", async () => {
  const file = new Workbook();
  const ws = file.addWorksheet("Model");
  ws.getCell("A1").value = 0.999;
  ws.getCell("A2").value = { formula: "_xldudf_INFRA_DOWNTIME(A1)", result: 0.5 };
  ws.getCell("B1").value = 1;
  ws.getCell("B2").value = { formula: "B1*2", result: 2, shareType: "shared", ref: "B2:B3" } as never;
  ws.getCell("B3").value = { sharedFormula: "B2", result: 4 };
  ws.getCell("C1").value = { formula: '_xlfn.IFNA(A1,"_xlfn.")', result: 0.999 };
  ws.getCell("D1").value = new Date(Date.UTC(2024, 0, 1));
  ws.getCell("D1").numFmt = "yyyy-mm-dd";
  file.addWorksheet("Hidden", { state: "hidden" }).getCell("A1").value = "kept";
  // A workbook-scoped name used from another sheet (and named inside a string, which stays text).
  file.addWorksheet("Use").getCell("A1").value = { formula: 'availability*2&" availability"', result: "x" };
  file.definedNames.add("Model!$A$1", "availability");
  const wb = fresh();
  await importXlsx(await file.xlsx.writeBuffer(), wb);
  expect(wb.formula("Model", "A2")).toBe("=INFRA.DOWNTIME(A1)");
  expect(wb.value("Model", "A2")).toBe(functions.DOWNTIME(0.999));
  expect([wb.formula("Model", "B3"), wb.value("Model", "B3")]).toEqual(["=B2*2", 4]);
  expect([wb.formula("Model", "C1"), wb.value("Model", "C1")]).toEqual(['=IFNA(A1,"_xlfn.")', 0.999]);
  expect([wb.value("Model", "D1"), wb.sheet("Model")!.cells.get("D1")!.format]).toEqual([45292, "yyyy-mm-dd"]);
  expect(wb.sheet("Hidden")!.visibility).toBe("veryHidden");
  const again = new Workbook();
  await again.xlsx.load(await exportXlsx(wb));
  expect(["Model", "Hidden"].map((n) => again.getWorksheet(n)!.state)).toEqual(["visible", "hidden"]);
  expect(wb.sheet("Model")!.names.get("availability")).toBe("A1");
  expect(wb.value("Use", "A1")).toBe(`${0.999 * 2} availability`);
  expect(wb.active).toBe("Model");
});

test("prefixes inside string literals are text, not function names", () => {
  expect(fromFileFormula('_xldudf_INFRA_GOODPUT(A1)&"_xldudf_INFRA_X _xlfn.Y"')).toBe(
    '=INFRA.GOODPUT(A1)&"_xldudf_INFRA_X _xlfn.Y"',
  );
});

test("a workbook without a visible sheet gets an empty one, as Excel requires", async () => {
  const wb = fresh();
  await wb.writeStore([{ row: 1, cells: ["Balance Point scenarios", "2"] }]);
  const copy = await roundTrip(wb);
  expect(copy.sheets.map((s) => [s.name, s.visibility])).toEqual([
    [STORE_SHEET, "veryHidden"],
    [PLACEHOLDER_SHEET, "visible"],
  ]);
});

test.each([
  ["not a zip", new TextEncoder().encode("name,value\n1,2\n")],
  ["a truncated file", new Uint8Array(40).fill(0x50)],
])("%s is refused with an error and the workbook is left as it was", async (_, bytes) => {
  const wb = fresh();
  await new ScenarioBook(wb).create(draftOf(redundancy()));
  const before = snapshot(wb);
  await expect(importXlsx(bytes, wb)).rejects.toThrow(/not an .xlsx workbook \(the file is not a zip archive\)/);
  expect(snapshot(wb)).toEqual(before);
});

describe("hostile files (issue 11 point 1): refused in under 2 s in the user's words, the workbook unchanged", () => {
  /** A sheet's XML with `cells` cells in column A. */
  const manyCells = (cells: number) =>
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
    Array.from({ length: cells }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c></row>`).join("") +
    "</sheetData></worksheet>";

  const corpus: [string, () => Promise<Uint8Array>, RegExp][] = [
    ["a Word document renamed .xlsx", wordDocument, /not an Excel workbook/],
    [
      "an .xlsx without xl/workbook.xml",
      () =>
        xlsxFile(
          (f) => (f.addWorksheet("S").getCell("A1").value = 1),
          (z) => z.remove("xl/workbook.xml"),
        ),
      /not an Excel workbook/,
    ],
    ["a zip of readme.txt", readmeZip, /not an Excel workbook/],
    [
      "a workbook whose worksheets are gone",
      () =>
        xlsxFile(
          (f) => (f.addWorksheet("S").getCell("A1").value = 1),
          (z) => z.remove("xl/worksheets/sheet1.xml"),
        ),
      /holds no worksheet/,
    ],
    ["an array formula over A1:XFD1048576", wholeSheetArray, /array formula on sheet "S" covers 17,179,869,184 cells/],
    [
      `more than ${LIMITS.cells.toLocaleString("en-US")} cells`,
      () =>
        xlsxFile(
          (f) => (f.addWorksheet("S").getCell("A1").value = 1),
          (z) => z.file("xl/worksheets/sheet1.xml", manyCells(LIMITS.cells + 1)),
        ),
      /more than 500,000 cells/,
    ],
    [
      `more than ${LIMITS.sheets} sheets`,
      () => xlsxFile((f) => Array.from({ length: LIMITS.sheets + 1 }, (_, i) => f.addWorksheet(`S${i}`))),
      /256 sheets; the workbench opens at most 255/,
    ],
    ["a file over 50 MB", async () => new Uint8Array(LIMITS.bytes + 1), /larger than 50 MB/],
    [
      "a damaged worksheet part",
      () =>
        xlsxFile(
          (f) => (f.addWorksheet("S").getCell("A1").value = 1),
          (z) => z.file("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c>'),
        ),
      /not a readable .xlsx workbook|damaged/,
    ],
  ];

  test.each(corpus)("%s", async (_, make, message) => {
    const bytes = await make();
    const wb = fresh();
    await new ScenarioBook(wb).create(draftOf(redundancy()));
    const before = snapshot(wb);
    const started = performance.now();
    const error = await importXlsx(bytes, wb).then(
      () => undefined,
      (e: Error) => e,
    );
    const ms = performance.now() - started;
    console.log(`${_}: refused in ${ms.toFixed(0)} ms: ${error?.message}`);
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toMatch(/undefined|properties of|null/);
    expect(ms).toBeLessThan(2_000);
    expect(snapshot(wb)).toEqual(before);
    expect(wb.canUndo).toBe(true); // the scenario's creation, not the refused import
  });

  test.each([
    ["cells at A1 and A1048576", ["A1", "A1048576"], { rows: 1_048_576, cols: 2 }],
    ["a cell at XFD1048576", ["A1", "XFD1048576"], { rows: 1_048_576, cols: 16_384 }],
  ])("a file with %s opens in under 2 s, and the import undoes", async (_, addresses, used) => {
    const bytes = await xlsxFile((f) => {
      const ws = f.addWorksheet("Far");
      addresses.forEach((a, i) => (ws.getCell(a).value = i + 1));
      ws.getCell("B1").value = { formula: `SUM(A1:${addresses[1]})`, result: 3 };
    });
    const wb = fresh();
    await new ScenarioBook(wb).create(draftOf(redundancy()));
    const before = snapshot(wb);
    const started = performance.now();
    await importXlsx(bytes, wb);
    const ms = performance.now() - started;
    console.log(`${_}: imported in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2_000);
    expect([wb.value("Far", addresses[1]), wb.usedRange("Far")]).toEqual([2, used]);
    // A range of a million cells in use is refused with a message, not allocated.
    expect([wb.value("Far", "B1"), wb.errorAt("Far", "B1")?.message]).toEqual([
      "#VALUE!",
      expect.stringMatching(/cells in use; the workbench reads at most 250,000 cells per range/),
    ]);
    expect(wb.undo()).toBe(true);
    expect(snapshot(wb)).toEqual(before);
    expect(wb.redo()).toBe(true);
    expect(wb.value("Far", addresses[1])).toBe(2);
  });
});

describe("colour scales (a two-input table's heat map)", () => {
  const RULE = {
    type: "colorScale" as const,
    priority: 1,
    cfvo: [{ type: "min" as const }, { type: "percentile" as const, value: 50 }, { type: "max" as const }],
    color: [{ argb: "FFF8696B" }, { argb: "FFFFEB84" }, { argb: "FF63BE7B" }],
  };

  test("are written as Excel's three-colour scale and read back; the analysis sheet's charts are not in the file", async () => {
    const wb = fresh();
    await wb.writePlan(analysisPlan());
    const data = await exportXlsx(wb);
    const file = new Workbook();
    await file.xlsx.load(data);
    const formats = (file.getWorksheet("Analysis") as unknown as { conditionalFormattings: unknown[] })
      .conditionalFormattings;
    expect(formats).toMatchObject([
      {
        ref: HEAT_RANGE,
        rules: [
          {
            type: "colorScale",
            cfvo: RULE.cfvo,
            color: [COLOR_SCALE.low, COLOR_SCALE.mid, COLOR_SCALE.high].map((c) => ({ argb: `FF${c.slice(1)}` })),
          },
        ],
      },
    ]);
    const copy = fresh();
    await importXlsx(data, copy);
    expect(copy.sheet("Analysis")!.colorScales).toEqual([HEAT_RANGE]);
    expect(copy.sheet("Analysis")!.charts).toEqual([]);
  });

  test("from a file: a lowest/median/highest scale is kept; two-colour, several areas and whole columns are not", async () => {
    const file = new Workbook();
    const ws = file.addWorksheet("Heat");
    ws.getCell("A1").value = 1;
    ws.addConditionalFormatting({ ref: "B2:D4", rules: [RULE] });
    ws.addConditionalFormatting({ ref: "$F$2:$G$3", rules: [{ ...RULE, priority: 2 }] });
    ws.addConditionalFormatting({
      ref: "H2:H9",
      rules: [{ ...RULE, priority: 3, cfvo: [RULE.cfvo[0], RULE.cfvo[2]] }],
    });
    ws.addConditionalFormatting({ ref: "J2:J3 L2:L3", rules: [{ ...RULE, priority: 4 }] });
    ws.addConditionalFormatting({ ref: "N:N", rules: [{ ...RULE, priority: 5 }] });
    ws.addConditionalFormatting({ ref: "P1:P1048576", rules: [{ ...RULE, priority: 6 }] });
    const wb = fresh();
    await importXlsx(await file.xlsx.writeBuffer(), wb);
    expect(wb.sheet("Heat")!.colorScales).toEqual(["B2:D4", "F2:G3"]);
  });
});
