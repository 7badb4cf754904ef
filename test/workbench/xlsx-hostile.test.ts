/**
 * Hostile and Excel-saved files whose parts ExcelJS or the export would expand cell by cell (issue
 * 11 point 1): a merged area, a data validation or a defined name over the whole sheet, each in a
 * 6 KB file, opens in under 2 s instead of freezing the tab; a column range beyond XFD, a table over
 * the whole sheet and a zip whose directory understates a part's size (a zip bomb) are refused
 * before anything is built; and a cell inside a shared formula's range that holds its own constant
 * (Excel writes one when a filled formula is overwritten) keeps it.
 */
import { Workbook } from "exceljs";
import { functions } from "../../src/functions";
import { draftOf, ScenarioBook } from "../../src/workbook/scenarios";
import { InfraFunction, signaturesOf } from "../../src/workbench/engine";
import type { Signatures } from "../../src/workbench/engine";
import { EngineWorkbook } from "../../src/workbench/workbook";
import { importXlsx } from "../../src/workbench/xlsx";
import { redundancy } from "../scenario/fixtures";
import { loadMetadata } from "../metadata";

// JSZip is ExcelJS's own zip library (a dependency of it): it edits the parts ExcelJS wrote.
type Zip = {
  file(name: string): { async(t: "string"): Promise<string> } | null;
  file(name: string, data: string): unknown;
  generateAsync(o: { type: "uint8array"; compression: "DEFLATE" | "STORE" }): Promise<Uint8Array>;
};
const loadZip = (require("jszip") as { loadAsync(d: Uint8Array): Promise<Zip> }).loadAsync;

let signatures: Signatures;
beforeAll(async () => {
  signatures = signaturesOf(await loadMetadata());
});

const fresh = () => new EngineWorkbook(functions as unknown as Record<string, InfraFunction>, signatures);

/** ExcelJS's file of sheet S with A1 = 1 and B2 = 2, its parts then rewritten by `edit`. */
async function sheetWith(edit: Record<string, (xml: string) => string>): Promise<Uint8Array> {
  const file = new Workbook();
  const ws = file.addWorksheet("S");
  ws.getCell("A1").value = 1;
  ws.getCell("B2").value = 2;
  const zip = await loadZip(new Uint8Array(await file.xlsx.writeBuffer()));
  for (const [part, change] of Object.entries(edit)) zip.file(part, change(await zip.file(part)!.async("string")));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const SHEET = "xl/worksheets/sheet1.xml";
const afterData = (xml: string) => (s: string) => s.replace("</sheetData>", () => `</sheetData>${xml}`);

test.each([
  [
    "a merged area A1:XFD1048576",
    { [SHEET]: afterData('<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>') },
  ],
  [
    "a data validation over A1:XFD1048576",
    {
      [SHEET]: afterData(
        '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>1</formula1></dataValidation></dataValidations>',
      ),
    },
  ],
  [
    "a defined name over S!$A$1:$XFD$1048576",
    {
      "xl/workbook.xml": (s: string) =>
        s.replace(
          "</sheets>",
          () =>
            '</sheets><definedNames><definedName name="everything">S!$A$1:$XFD$1048576</definedName></definedNames>',
        ),
    },
  ],
])("a 6 KB file with %s opens in under 2 s with its cells", async (_, edit) => {
  const bytes = await sheetWith(edit);
  expect(bytes.length).toBeLessThan(8_000);
  const wb = fresh();
  const started = performance.now();
  await importXlsx(bytes, wb);
  const ms = performance.now() - started;
  console.log(`${_}: imported in ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(2_000);
  expect([wb.value("S", "A1"), wb.value("S", "B2")]).toEqual([1, 2]);
});

test("a column range beyond Excel's last column is refused in under 2 s (ExcelJS would make two billion columns)", async () => {
  const bytes = await sheetWith({
    [SHEET]: (s) => s.replace("<sheetData>", '<cols><col min="1" max="2000000000" width="9"/></cols><sheetData>'),
  });
  const wb = fresh();
  const started = performance.now();
  await expect(importXlsx(bytes, wb)).rejects.toThrow(/sheet "S" has columns beyond Excel's last column \(XFD\)/);
  expect(performance.now() - started).toBeLessThan(2_000);
  expect(wb.sheets).toEqual([]);
});

test("a defined name over the whole sheet keeps its range", async () => {
  const wb = fresh();
  await importXlsx(
    await sheetWith({
      "xl/workbook.xml": (s) =>
        s.replace(
          "</sheets>",
          () =>
            '</sheets><definedNames><definedName name="everything">S!$A$1:$XFD$1048576</definedName></definedNames>',
        ),
    }),
    wb,
  );
  expect(wb.sheet("S")!.names.get("everything")).toBe("A1:XFD1048576");
});

jest.setTimeout(30_000);

test("a zip whose directory understates a part's size is refused before the part is inflated", async () => {
  // sharedStrings.xml: 40 MB of text that deflates to a few tens of KB; the directory says 100 bytes.
  const zip = await loadZip(await sheetWith({}));
  zip.file("xl/sharedStrings.xml", `<sst>${" ".repeat(40 * 1024 * 1024)}</sst>`);
  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let lied = 0;
  for (let at = 0; at + 46 <= bytes.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const length = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + length));
    if (name === "xl/sharedStrings.xml") (view.setUint32(at + 24, 100, true), lied++);
  }
  expect(lied).toBe(1);
  const wb = fresh();
  await new ScenarioBook(wb).create(draftOf(redundancy()));
  const sheets = wb.sheets.map((s) => s.name);
  const started = performance.now();
  await expect(importXlsx(bytes, wb)).rejects.toThrow(/damaged \(the part xl\/sharedStrings\.xml is larger than/);
  expect(performance.now() - started).toBeLessThan(2_000);
  expect(wb.sheets.map((s) => s.name)).toEqual(sheets);
});

test("a constant inside a shared formula's range is kept, and the shared formula's cells compute", async () => {
  // As Excel saves B1:B3 filled with =A1*2 and then B2 overwritten by 7.
  const rows =
    '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row>' +
    '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><v>7</v></c></row>' +
    '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c></row>';
  const bytes = await sheetWith({
    [SHEET]: (s) => s.replace(/<sheetData>.*<\/sheetData>/, () => `<sheetData>${rows}</sheetData>`),
  });
  const wb = fresh();
  await importXlsx(bytes, wb);
  expect(["B1", "B2", "B3"].map((a) => wb.value("S", a))).toEqual([2, 7, 6]);
  expect(wb.sheet("S")!.cells.get("B3")?.formula).toBe("=A3*2");
});

test("a table over A1:XFD1048576 is refused in under 2 s (exporting it would write each of its cells)", async () => {
  const file = new Workbook();
  file.addWorksheet("S").addTable({ name: "T", ref: "A1", columns: [{ name: "a" }, { name: "b" }], rows: [[1, 2]] });
  const zip = await loadZip(new Uint8Array(await file.xlsx.writeBuffer()));
  const part = "xl/tables/table1.xml";
  zip.file(part, (await zip.file(part)!.async("string")).replace(/ref="A1:B2"/g, 'ref="A1:XFD1048576"'));
  const wb = fresh();
  const started = performance.now();
  await expect(importXlsx(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), wb)).rejects.toThrow(
    "its table T covers 17,179,869,184 cells; the workbench opens at most 500,000",
  );
  expect(performance.now() - started).toBeLessThan(2_000);
  expect(wb.sheets).toEqual([]);
});
