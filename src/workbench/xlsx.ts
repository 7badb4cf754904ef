/**
 * .xlsx export and import for the workbench, with ExcelJS (MIT; the browser gets its prebuilt
 * dist bundle through the package's "browser" field, so webpack needs no Node polyfills).
 *
 * Export writes every sheet with its visibility (the scenario store stays very hidden), each cell's
 * constant, or its formula with the value the engine computed as the cached result (Excel shows it
 * before recalculating), number formats, the pane's cell styles as fonts, column widths,
 * worksheet-scoped names, tables and colour scales (SheetPlan.colorScales, as Excel's three-colour
 * scale conditional format: lowest, 50th percentile, highest, in COLOR_SCALE's colours). A spilled INFRA result is written as an array formula over its spill area, the one
 * multi-cell formula ExcelJS can write: Excel shows it as {=…} and does not resize it.
 *
 * INFRA formulas are written as typed, `INFRA.NAME(…)`, the form Range.formulas reads and writes.
 * Excel itself saves an add-in's functions under an internal, undocumented `_xldudf_` form
 * (`_xldudf_INFRA_NAME`, or a numeric id when it could not resolve the add-in: office-js issues
 * #3558, #5611); a file holding the typed name opens with the function recognised once the add-in
 * is loaded (Excel-Custom-Functions issue #108, where such cells recalculated only when re-entered,
 * which the cached values make harmless). Import accepts both forms, and drops Excel's
 * `_xlfn.`/`_xlws.` future-function prefixes.
 *
 * Not kept: charts (ExcelJS cannot write them; import rebuilds each scenario sheet's chart specs
 * from the stored scenarios and the Compare sheet's from its cells, so other sheets' charts, an analysis sheet's, are lost), the `output` style (it has no visible form in Excel), and, from
 * files saved by Excel, anything the workbook model has no place for (see importXlsx).
 */
import { Workbook } from "exceljs";
import type { Cell, ConditionalFormattingOptions, CellValue as FileValue, Font, Worksheet } from "exceljs";
import { PlanCell, cell, cellsOf, columnPixels, parseCell, quoteSheet } from "../scenario/plan";
import { COMPARE_SHEET, compareCharts } from "../scenario/compare";
import { planScenario } from "../scenario/sheets";
import { parseStore } from "../scenario/store";
import { MemoryWorkbook } from "../workbook/memory";
import type { MemoryCell, MemorySheet } from "../workbook/memory";
import { COLOR_SCALE, isErrorValue } from "../workbook/port";
import type { CellValue } from "../workbook/port";
import { absolute, rewriteFormula } from "./engine";
import type { EngineWorkbook } from "./workbook";
import { ImportRefused, LIMITS, checkXlsx } from "./xlsxLimits";

type Style = NonNullable<PlanCell["style"]>;

/** The fonts Excel shows for the pane's styles (as src/workbook/excel.ts applies them). */
const FONTS: Partial<Record<Style, Partial<Font>>> = {
  title: { bold: true, size: 14 },
  note: { italic: true },
  header: { bold: true },
  input: { color: { argb: "FF0000FF" } },
  frozen: { color: { argb: "FF808080" } },
};

const styleOf = (font: Partial<Font> | undefined): Style | undefined => {
  if (!font) return undefined;
  if (font.bold && font.size === 14) return "title";
  if (font.italic) return "note";
  if (font.bold) return "header";
  if (font.color?.argb?.toUpperCase() === "FF0000FF") return "input";
  if (font.color?.argb?.toUpperCase() === "FF808080") return "frozen";
  return undefined;
};

/**
 * A column width in characters (SheetPlan.columns) as an .xlsx file stores it, and back: the file's
 * `width` counts the 5 px of margins too, in 1/256ths of a 7-px digit (ECMA-376 Part 1, §18.3.1.13).
 */
export const fileWidth = (width: number): number => Math.trunc((columnPixels(width) / 7) * 256) / 256;
export const widthOfFile = (stored: number): number =>
  Math.round(((Math.trunc(((256 * stored + Math.trunc(128 / 7)) / 256) * 7) - 5) / 7) * 100) / 100;

/** A defined name as ExcelJS's workbook model holds it (its public API has no sheet scope). */
interface DefinedName {
  name: string;
  localSheetId?: number;
  ranges: string[];
}

/** Excel needs one visible sheet; a workbook without one gets this empty sheet. */
export const PLACEHOLDER_SHEET = "Sheet1";

/** The rectangle the engine says a formula's result fills, from its cell (undefined: it does not spill). */
function spillArea(workbook: EngineWorkbook, sheet: MemorySheet, address: string): string | undefined {
  const size = workbook.spillAt(sheet.name, address);
  if (!size) return undefined;
  const { row, col } = parseCell(address);
  return `${address}:${cell(row + size[1] - 1, col + size[0] - 1)}`;
}

/** A formula's cached result: an error value when the engine reported one, always one Excel knows. */
const result = (workbook: EngineWorkbook, sheet: MemorySheet, address: string, c: MemoryCell) =>
  c.value === null
    ? undefined
    : typeof c.value === "string" && workbook.errorAt(sheet.name, address)
      ? { error: isErrorValue(c.value) && c.value !== "#BUSY!" ? c.value : "#VALUE!" }
      : c.value;

function writeCell(workbook: EngineWorkbook, sheet: MemorySheet, ws: Worksheet, address: string, c: MemoryCell) {
  const target = ws.getCell(address);
  if (c.formula !== undefined) {
    const ref = spillArea(workbook, sheet, address);
    target.value = {
      formula: c.formula.replace(/^=/, ""),
      result: result(workbook, sheet, address, c),
      ...(ref ? { shareType: "array", ref } : {}),
    } as FileValue;
  } else if (c.value !== null) target.value = c.value; // text stays text, even when it starts with "="
  if (c.format !== undefined) target.numFmt = c.format;
  const font = c.style && FONTS[c.style];
  if (font) target.font = font;
}

/** The criteria of a colour scale: the lowest value, the 50th percentile, the highest. */
const SCALE_POINTS = [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }] as const;

/** Each colour-scale range of a sheet as a conditional format of its own. */
const colorScaleFormats = (ranges: string[]): ConditionalFormattingOptions[] =>
  ranges.map((ref, i) => ({
    ref,
    rules: [
      {
        type: "colorScale",
        priority: i + 1,
        cfvo: SCALE_POINTS.map((p) => ({ ...p })),
        color: [COLOR_SCALE.low, COLOR_SCALE.mid, COLOR_SCALE.high].map((c) => ({ argb: `FF${c.slice(1)}` })),
      },
    ],
  }));

/**
 * The ranges of a file's sheet that carry a three-colour scale over the lowest value, the 50th
 * percentile and the highest (Excel's default three-colour scale, and what export writes), shown
 * in COLOR_SCALE's colours whatever the file's are. Other conditional formats, a scale over several
 * areas and one over more cells than LIMITS.cells (a whole column or sheet) are dropped.
 */
function colorScalesOf(ws: Worksheet): string[] {
  const formats = (ws as unknown as { conditionalFormattings?: ConditionalFormattingOptions[] }).conditionalFormattings;
  const isScale = (rule: ConditionalFormattingOptions["rules"][number]) =>
    rule.type === "colorScale" &&
    rule.cfvo?.length === 3 &&
    rule.cfvo.every((c, i) => c.type === SCALE_POINTS[i].type && (i !== 1 || Number(c.value) === 50));
  return (formats ?? []).flatMap(({ ref, rules }) => {
    const range = String(ref ?? "").replace(/\$/g, "");
    if (!/^[A-Z]{1,3}[0-9]+(:[A-Z]{1,3}[0-9]+)?$/.test(range) || !rules?.some(isScale)) return [];
    const [a, b = a] = range.split(":").map(parseCell);
    const area = (Math.abs(b.row - a.row) + 1) * (Math.abs(b.col - a.col) + 1);
    return area <= LIMITS.cells && a.row <= b.row && a.col <= b.col ? [range] : [];
  });
}

/** The workbook as an .xlsx file. */
export async function exportXlsx(workbook: EngineWorkbook): Promise<ArrayBuffer> {
  const file = new Workbook();
  const names: DefinedName[] = [];
  const placeholder: MemorySheet = {
    name: PLACEHOLDER_SHEET,
    visibility: "visible",
    cells: new Map(),
    names: new Map(),
    tables: new Map(),
    charts: [],
  };
  const visible = workbook.sheets.some((s) => s.visibility === "visible");
  const sheets = visible ? workbook.sheets : [...workbook.sheets, placeholder];
  sheets.forEach((s, index) => {
    const ws = file.addWorksheet(s.name, { state: workbook.hidden.has(s) ? "hidden" : s.visibility });
    // Tables first: ExcelJS writes a table's header and rows into its cells, which the cells then overwrite.
    for (const [name, address] of s.tables) {
      const [header, ...rows] = cellsOf(address);
      ws.addTable({
        name,
        ref: address.split(":")[0],
        columns: header.map((p, i) => ({ name: String(s.cells.get(cell(p.row, p.col))?.value ?? `Column${i + 1}`) })),
        rows: rows.map((line) => line.map(() => null)),
      });
    }
    for (const [address, c] of s.cells) writeCell(workbook, s, ws, address, c);
    for (const format of colorScaleFormats(s.colorScales ?? [])) ws.addConditionalFormatting(format);
    for (const [col, width] of s.columns ?? []) ws.getColumn(col).width = fileWidth(width);
    for (const [name, address] of s.names)
      names.push({ name, localSheetId: index, ranges: [`${quoteSheet(s.name)}!${absolute(address)}`] });
  });
  const shown = sheets.findIndex((s) => s.name === workbook.active && s.visibility === "visible");
  const active = shown >= 0 ? shown : sheets.findIndex((s) => s.visibility === "visible");
  file.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: active, visibility: "visible" }];
  withDefinedNames(file, names);
  return file.xlsx.writeBuffer();
}

/**
 * ExcelJS's workbook model, which its reader and writer go through, keeps a name's sheet scope
 * (localSheetId); its names API does not, and merges same-named names of different sheets.
 */
const MODEL = Object.getOwnPropertyDescriptor(Workbook.prototype, "model")!;

/** Replaces the names ExcelJS would write by `names`, sheet scopes included. */
function withDefinedNames(file: Workbook, names: DefinedName[]) {
  Object.defineProperty(file, "model", {
    get: () => ({ ...MODEL.get!.call(file), definedNames: names }),
    set: (value) => {
      MODEL.set!.call(file, value);
    },
  });
}

/**
 * The worksheet parts the import drops and ExcelJS would expand cell by cell (a merged area, a
 * validation's range: one object per cell, so one such part of a 6 KB file covering A1:XFD1048576
 * would freeze the tab); ExcelJS skips them unread.
 */
const UNREAD = ["mergeCells", "dataValidations"];

/**
 * Reads a file, keeping the defined names as the file has them (ExcelJS merges same-named ones, and
 * would expand each name's range into one entry per cell, so it never sees them).
 */
async function load(data: ArrayBuffer | Uint8Array): Promise<{ file: Workbook; names: DefinedName[] }> {
  const file = new Workbook();
  let names: DefinedName[] = [];
  Object.defineProperty(file, "model", {
    get: () => MODEL.get!.call(file),
    set: (value: { definedNames?: DefinedName[] }) => {
      names = value.definedNames ?? [];
      MODEL.set!.call(file, { ...value, definedNames: [] });
    },
  });
  try {
    await file.xlsx.load(data as ArrayBuffer, { ignoreNodes: UNREAD });
  } catch (e) {
    // A parser's own words (its "Cannot read properties of undefined") mean nothing to a user.
    const own =
      e instanceof Error && !(e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError);
    const detail = own ? e.message.split(/ : | If it is|https?:/)[0].trim() : "";
    throw new ImportRefused(
      `it is not a readable .xlsx workbook${detail ? ` (${detail})` : " (it is damaged or of another kind)"}`,
    );
  }
  return { file, names };
}

/** A formula as the engine takes it: Excel's internal prefixes removed, outside string literals. */
export function fromFileFormula(formula: string): string {
  const body = formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/_xldudf_INFRA_/gi, "INFRA.")
            .replace(/_xlfn\._xlws\./gi, "")
            .replace(/_xlfn\./gi, ""),
    )
    .join("");
  return `=${body}`;
}

/** Excel's serial number of a date ExcelJS made from a date-formatted number. */
const serial = (d: Date) => d.getTime() / 86_400_000 + 25_569;

/** A cell's value as the workbook holds it. */
function valueOf(v: FileValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return serial(v);
  if ("error" in v) return v.error;
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("text" in v) return typeof v.text === "string" ? v.text : valueOf(v.text as FileValue);
  if ("result" in v) return valueOf(v.result as FileValue);
  return null;
}

function readSheet(ws: Worksheet): MemorySheet {
  const sheet: MemorySheet = {
    name: ws.name,
    visibility: ws.state === "visible" ? "visible" : "veryHidden",
    cells: new Map(),
    names: new Map(),
    tables: new Map(),
    charts: [],
  };
  const cells: Cell[] = [];
  // Every cell the file has, formatted empty ones included, and no empty cell it lacks.
  ws.eachRow({ includeEmpty: false }, (row) =>
    (row as unknown as { _cells: (Cell | undefined)[] })._cells.forEach((c) => c && cells.push(c)),
  );
  // The cells an array formula fills are the engine's to compute, not constants.
  const spilled = new Set<string>();
  let covered = 0;
  for (const c of cells) {
    // A shared formula's ref is only the range it was filled over: its cells carry their own formulas or constants.
    const { ref, shareType } = (c.value as { ref?: string; shareType?: string } | null) ?? {};
    if (!c.formula || shareType !== "array" || !ref?.includes(":")) continue;
    const [a, b] = ref.split(":").map((x) => parseCell(x.replace(/\$/g, "")));
    covered += (Math.abs(b.row - a.row) + 1) * (Math.abs(b.col - a.col) + 1);
    if (covered > LIMITS.cells)
      throw new ImportRefused(`its array formulas cover more than ${LIMITS.cells.toLocaleString("en-US")} cells`);
    for (const p of cellsOf(ref.replace(/\$/g, "")).flat())
      if (cell(p.row, p.col) !== c.address) spilled.add(cell(p.row, p.col));
  }
  for (const c of cells) {
    const formula = c.formula ? fromFileFormula(c.formula) : undefined;
    const value = formula !== undefined || spilled.has(c.address) ? null : valueOf(c.value);
    const format = c.numFmt || undefined;
    const style = styleOf(c.font);
    if (formula === undefined && value === null && format === undefined && style === undefined) continue;
    sheet.cells.set(c.address, {
      value,
      ...(formula !== undefined ? { formula } : {}),
      ...(format !== undefined ? { format } : {}),
      ...(style !== undefined ? { style } : {}),
    });
  }
  for (const { model } of ws.getTables() as unknown as { model: { name: string; tableRef: string } }[]) {
    // Export writes a table's every cell: one over the whole sheet would freeze it.
    const [a, b] = model.tableRef.replace(/\$/g, "").split(":").map(parseCell);
    const area = b ? (Math.abs(b.row - a.row) + 1) * (Math.abs(b.col - a.col) + 1) : 1;
    if (!(area <= LIMITS.cells))
      throw new ImportRefused(
        `its table ${model.name} covers ${area.toLocaleString("en-US")} cells; the workbench opens at most ${LIMITS.cells.toLocaleString("en-US")}`,
      );
    sheet.tables.set(model.name, model.tableRef);
  }
  const widths = (ws.columns ?? []).flatMap((c, i) => (c.width ? [[i + 1, widthOfFile(c.width)] as const] : []));
  if (widths.length) sheet.columns = new Map(widths);
  const scales = colorScalesOf(ws);
  if (scales.length) sheet.colorScales = scales;
  return sheet;
}

/** A defined name's target as `sheet` and a relative A1 address (undefined: not one range on a sheet). */
function target(range: string): { sheet: string; address: string } | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?([0-9]+)(?::\$?([A-Z]{1,3})\$?([0-9]+))?$/.exec(range);
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return { sheet, address: `${m[3]}${m[4]}${m[5] ? `:${m[5]}${m[6]}` : ""}` };
}

/** A sheet's formulas with workbook-scoped names of other sheets (that it does not shadow) qualified by their sheet. */
function qualifyGlobalNames(sheet: MemorySheet, global: Map<string, { name: string; owner: MemorySheet }>) {
  const own = new Set([...sheet.names.keys()].map((n) => n.toLowerCase()));
  const bare = (name: string) => {
    const g = global.get(name.toLowerCase());
    return g && g.owner !== sheet && !own.has(name.toLowerCase()) ? `${quoteSheet(g.owner.name)}!${g.name}` : undefined;
  };
  for (const c of sheet.cells.values())
    if (c.formula !== undefined) c.formula = rewriteFormula(c.formula, { qualified: () => undefined, bare });
}

/** Each scenario sheet's chart specs, rebuilt from the store (charts are not in the file). */
async function restoreCharts(sheets: MemorySheet[]) {
  const scratch = new MemoryWorkbook();
  scratch.sheets.push(...sheets);
  const rows = await scratch.readStore();
  const state = parseStore(rows);
  if (state.status !== "ok" && state.status !== "corrupt") return;
  for (const { scenario } of state.entries) {
    const sheet = sheets.find((s) => s.name.toLowerCase() === scenario.sheet.toLowerCase());
    if (sheet) sheet.charts = planScenario({ ...scenario, sheet: sheet.name }).charts;
  }
  // The Compare sheet's chart, read back from its cells within the block the store records.
  const compare = sheets.find((s) => s.name.toLowerCase() === COMPARE_SHEET.toLowerCase());
  const extent = rows?.[0]?.[2];
  if (compare && extent) {
    const text = (a: string) => {
      const v = compare.cells.get(a)?.value;
      return typeof v === "string" ? v : undefined;
    };
    compare.charts = compareCharts(extent, text, (a) => compare.cells.get(a)?.formula !== undefined);
  }
}

/**
 * Replaces the workbook's contents by an .xlsx file's and recalculates (one undo step). Throws
 * ImportRefused (changing nothing) when the data is not a readable .xlsx file with a worksheet or
 * exceeds the limits of ./xlsxLimits.ts, checked before anything is built from it. From files saved by Excel: a hidden sheet is not shown
 * (the workbench shows visible sheets only) and is exported hidden again; a workbook-scoped name becomes a name of
 * the sheet it points to, and other sheets' formulas refer to it as `'That sheet'!name`; names that are not one range on their own sheet, styles other than the pane's,
 * merged cells, comments, validation, conditional formats other than colour scales (see colorScalesOf),
 * images and charts are dropped.
 */
export async function importXlsx(data: ArrayBuffer | Uint8Array, workbook: EngineWorkbook): Promise<void> {
  await checkXlsx(data);
  const { file, names } = await load(data);
  if (!file.worksheets.length) throw new ImportRefused("it holds no worksheet");
  let sheets: MemorySheet[];
  try {
    sheets = file.worksheets.map(readSheet);
  } catch (e) {
    if (e instanceof ImportRefused) throw e;
    throw new ImportRefused("it is damaged: its worksheets cannot be read");
  }
  file.worksheets.forEach((ws, i) => ws.state === "hidden" && workbook.hidden.add(sheets[i]));
  /** Workbook-scoped names (lower case) and the sheet each now belongs to. */
  const global = new Map<string, { name: string; owner: MemorySheet }>();
  for (const n of names) {
    const t = n.ranges.length === 1 ? target(n.ranges[0]) : undefined;
    const scope = n.localSheetId !== undefined ? sheets[n.localSheetId] : undefined;
    const owner = sheets.find((s) => s.name.toLowerCase() === t?.sheet.toLowerCase());
    if (!t || !owner || (scope && scope !== owner) || n.name.startsWith("_xlnm.")) continue;
    if (scope || !owner.names.has(n.name)) owner.names.set(n.name, t.address);
    if (!scope) global.set(n.name.toLowerCase(), { name: n.name, owner });
  }
  for (const s of sheets) qualifyGlobalNames(s, global);
  await restoreCharts(sheets);
  const view = sheets[file.views?.[0]?.activeTab ?? -1];
  const active = view?.visibility === "visible" ? view : sheets.find((s) => s.visibility === "visible");
  workbook.replace(sheets, active?.name);
}
