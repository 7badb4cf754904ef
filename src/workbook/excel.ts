/**
 * The workbook port over Office.js. Each operation is one Excel.run with a fixed number of
 * context.sync() calls, whatever the size of the plan: proxies are queued and sent in one batch
 * (writePlan: 2 syncs, readStore: 2, writeStore: 2, freeze: 2, restore: 1, setStyle: 1, readInputs: 2, hasTable: 1). Text is written with a
 * leading apostrophe, Excel's text prefix, so a name such as "=HYPERLINK(...)" stays text.
 * Needs ExcelApi 1.7 (chart series, their gap width) and worksheet-scoped names (1.4), so also has
 * conditional formats (1.6, a plan's colour scales); with ExcelApi 1.8 it also sets the input cells'
 * data validation, the charts' number formats and bar overlap, and without it leaves them out.
 */
import {
  CHART_ROWS,
  ChartSpec,
  NUMBER_FORMATS,
  PlanCell,
  SheetPlan,
  Validation,
  cellsOf,
  column,
  columnPixels,
  parseCell,
} from "../scenario/plan";
import { STORE_SHEET } from "../scenario/store";
import {
  COLOR_SCALE,
  CellValue,
  ConflictError,
  FreezeError,
  StoreRow,
  WorkbookPort,
  addressesOf,
  areaOf,
  footprint,
  isGeneratedName,
  isGeneratedObject,
  notOwned,
} from "./port";

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** A text constant as typed into a cell: Excel keeps what follows the apostrophe as text. */
const asText = (text: string): string => `'${text}`;

const STYLE: Record<NonNullable<PlanCell["style"]>, (f: Excel.RangeFormat) => void> = {
  title: (f) => ((f.font.bold = true), (f.font.size = 14)),
  note: (f) => (f.font.italic = true),
  header: (f) => (f.font.bold = true),
  input: (f) => (f.font.color = "#0000FF"), // the modelling convention: blue inputs
  output: () => undefined,
  frozen: (f) => (f.font.color = "#808080"), // grey: an input of a frozen sheet drives nothing
};

/** Points per worksheet row at the default font: a chart CHART_ROWS tall. */
const ROW_POINTS = 15;
const CHART_WIDTH_POINTS = 480;
/** Points of a column `width` characters wide (Range.format.columnWidth takes points: 3/4 of a pixel). */
const columnPoints = (width: number): number => columnPixels(width) * 0.75;

/** Most characters Excel takes in a list validation's source written out (not a range). */
const LIST_SOURCE_MAX = 255;

/** Excel's rule for a plan's validation (an exclusive minimum needs a custom formula), or undefined if it has none. */
function excelRule(v: Validation): Excel.DataValidationRule | undefined {
  if (v.rule === "list") {
    const source = v.list!.join(",");
    return source.length > LIST_SOURCE_MAX ? undefined : { list: { inCellDropDown: true, source } };
  }
  if (v.minExclusive) {
    const at = v.address.split(":")[0];
    const whole = v.rule === "whole" ? `,INT(${at})=${at}` : "";
    return { custom: { formula: `=AND(ISNUMBER(${at}),${at}>${v.min},${at}<=${v.max}${whole})` } };
  }
  const between = { formula1: v.min!, formula2: v.max!, operator: "Between" as const };
  return v.rule === "whole" ? { wholeNumber: between } : { decimal: between };
}

/**
 * A plan's chart: titles, axis titles, scale format, data labels and a legend when series compare.
 * Every series takes the spec's categories as its x values: category labels, or for an
 * "XYScatterLines" chart the numbers of its x axis. Bars and columns get the spec's gap width and
 * overlap, and their category labels sit at the low end of the value axis, beside bars that run
 * left of zero (a tornado's) rather than over them.
 */
function addChart(sheet: Excel.Worksheet, spec: ChartSpec, api18: boolean) {
  const bars = spec.type === "BarClustered" || spec.type === "ColumnClustered";
  const [first, ...rest] = spec.series;
  const chart = sheet.charts.add(spec.type, sheet.getRange(first.values), Excel.ChartSeriesBy.columns);
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.setPosition(spec.anchor);
  chart.height = CHART_ROWS * ROW_POINTS;
  chart.width = CHART_WIDTH_POINTS;
  const series = chart.series.getItemAt(0);
  series.name = first.name;
  if (spec.type === "XYScatterLines") series.setValues(sheet.getRange(first.values));
  series.setXAxisValues(sheet.getRange(spec.categories));
  const all = [series];
  for (const s of rest) {
    const added = chart.series.add(s.name);
    added.setValues(sheet.getRange(s.values));
    added.setXAxisValues(sheet.getRange(spec.categories));
    all.push(added);
  }
  // The gap width and overlap belong to the chart's group of series: each series sets the same.
  for (const s of bars ? all : []) {
    if (spec.gapWidth !== undefined) s.gapWidth = spec.gapWidth;
    if (spec.overlap !== undefined && api18) s.overlap = spec.overlap;
  }
  const { categoryAxis, valueAxis } = chart.axes;
  categoryAxis.title.text = spec.categoryAxisTitle;
  valueAxis.title.text = spec.valueAxisTitle;
  valueAxis.majorGridlines.visible = true;
  // Bars list their categories top-down, in the table's order.
  if (spec.type === "BarClustered") categoryAxis.reversePlotOrder = true;
  chart.legend.visible = spec.series.length > 1;
  if (spec.series.length > 1) chart.legend.position = "Bottom";
  chart.dataLabels.showValue = spec.dataLabels;
  if (api18) {
    valueAxis.numberFormat = NUMBER_FORMATS[spec.valueFormat];
    if (spec.categoryFormat) categoryAxis.numberFormat = NUMBER_FORMATS[spec.categoryFormat];
    if (bars) categoryAxis.tickLabelPosition = Excel.ChartAxisTickLabelPosition.low;
    if (spec.dataLabels) chart.dataLabels.numberFormat = NUMBER_FORMATS[spec.valueFormat];
  }
}

/** A three-colour scale over `range`: lowest value, 50th percentile, highest (COLOR_SCALE). */
function addColorScale(sheet: Excel.Worksheet, range: string) {
  const format = sheet.getRange(range).conditionalFormats.add(Excel.ConditionalFormatType.colorScale);
  format.colorScale.criteria = {
    minimum: { type: Excel.ConditionalFormatColorCriterionType.lowestValue, color: COLOR_SCALE.low },
    midpoint: { type: Excel.ConditionalFormatColorCriterionType.percentile, formula: "50", color: COLOR_SCALE.mid },
    maximum: { type: Excel.ConditionalFormatColorCriterionType.highestValue, color: COLOR_SCALE.high },
  };
}

/** Whether the host supports an ExcelApi requirement set (e.g. "1.8"). */
type Supports = (version: string) => boolean;

export class ExcelWorkbook implements WorkbookPort {
  constructor(
    private readonly run: Run = (batch) => Excel.run(batch),
    private readonly supports: Supports = (version) => Office.context.requirements.isSetSupported("ExcelApi", version),
  ) {}

  async readStore(): Promise<string[][] | null> {
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
      await context.sync();
      if (sheet.isNullObject) return null;
      const used = sheet.getRange("A:C").getUsedRangeOrNullObject(true);
      used.load("values,rowIndex");
      await context.sync();
      if (used.isNullObject) return [];
      const blankRows = Array.from({ length: used.rowIndex }, () => ["", "", ""]);
      return [...blankRows, ...used.values.map((r) => r.map((v) => (v === null ? "" : String(v))))];
    });
  }

  async writeStore(rows: StoreRow[]): Promise<void> {
    await this.run(async (context) => {
      let sheet = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
      await context.sync();
      if (sheet.isNullObject) {
        sheet = context.workbook.worksheets.add(STORE_SHEET);
        sheet.visibility = Excel.SheetVisibility.veryHidden;
      }
      for (const { row, cells } of rows) {
        const line = [0, 1, 2].map((i) => (cells[i] ? asText(cells[i]) : ""));
        sheet.getRange(`A${row}:C${row}`).formulas = [line];
      }
      await context.sync();
    });
  }

  async backupStore(): Promise<string> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      const names = new Set(sheets.items.map((s) => s.name.toLowerCase()));
      let n = 1;
      while (names.has(`bp store backup ${n}`)) n++;
      const sheet = sheets.getItem(STORE_SHEET);
      sheet.name = `BP store backup ${n}`;
      sheet.visibility = Excel.SheetVisibility.visible;
      await context.sync();
      return `BP store backup ${n}`;
    });
  }

  async sheetNames(): Promise<string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  async writePlan(plan: SheetPlan, previous?: string): Promise<void> {
    const api18 = this.supports("1.8");
    await this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const sheet = previous === undefined ? sheets.add(plan.sheet) : sheets.getItem(plan.sheet);
      // Sync 1: what is on the sheet now (the user's cells, the pane's names, tables and charts).
      const target = sheet.getRange(`A1:${plan.extent}`);
      target.load("formulas");
      sheet.names.load("items/name");
      sheet.tables.load("items/name");
      sheet.charts.load("items/name");
      await context.sync();
      if (previous !== undefined) {
        const own = plan.tables[0]?.name;
        if (own && !sheet.tables.items.some((t) => t.name === own)) throw new Error(notOwned(plan.sheet, own));
        const old = addressesOf(previous);
        const current = target.formulas;
        const conflicts = [...addressesOf(footprint(plan))].filter((a) => {
          const { row, col } = parseCell(a);
          return !old.has(a) && current[row - 1][col - 1] !== "";
        });
        if (conflicts.length) throw new ConflictError(plan.sheet, conflicts);
        for (const area of previous.split(",")) {
          sheet.getRange(area).clear(Excel.ClearApplyTo.all);
          // The pane's colour scales lie on cells it wrote: removed from those cells only.
          sheet.getRange(area).conditionalFormats.clearAll();
          if (api18) sheet.getRange(area).dataValidation.clear();
        }
      }
      for (const n of sheet.names.items) if (isGeneratedName(n.name)) n.delete();
      for (const t of sheet.tables.items) if (isGeneratedObject(t.name)) t.convertToRange();
      for (const c of sheet.charts.items) if (isGeneratedObject(c.name)) c.delete();
      // Sync 2: the whole block in one formulas array, then formats, names, tables, charts, colour scales.
      target.formulas = blockFormulas(plan);
      for (const c of plan.cells) if (c.style) STYLE[c.style](sheet.getRange(c.address).format);
      for (const f of plan.formats) {
        const area = cellsOf(f.address);
        sheet.getRange(f.address).numberFormat = area.map((line) => line.map(() => NUMBER_FORMATS[f.format]));
      }
      for (const n of plan.names) sheet.names.add(n.name, sheet.getRange(n.address));
      for (const t of plan.tables) sheet.tables.add(sheet.getRange(t.address), true).name = t.name;
      if (api18)
        for (const v of plan.validations) {
          const rule = excelRule(v);
          if (!rule) continue; // the formulas still refuse a bad value, with their #VALUE! message
          const validation = sheet.getRange(v.address).dataValidation;
          validation.clear();
          validation.rule = rule;
          validation.ignoreBlanks = false;
          validation.errorAlert = { message: v.message, showAlert: true, style: "Stop", title: "Balance Point" };
        }
      for (const spec of plan.charts) addChart(sheet, spec, api18);
      for (const range of plan.colorScales ?? []) addColorScale(sheet, range);
      for (const { col, width } of plan.columns ?? [])
        sheet.getRange(`${column(col)}:${column(col)}`).format.columnWidth = columnPoints(width);
      await context.sync();
    });
  }

  async freeze(sheetName: string, ranges: string[]): Promise<void> {
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const areas = ranges.map((r) => sheet.getRange(r).load("values,valueTypes"));
      await context.sync();
      if (areas.some((area) => area.valueTypes.flat().includes(Excel.RangeValueType.error)))
        throw new FreezeError(sheetName);
      areas.forEach((area) => {
        area.formulas = area.values.map((line) => line.map((v) => (typeof v === "string" && v !== "" ? asText(v) : v)));
      });
      await context.sync();
    });
  }

  async hasTable(sheetName: string, table: string): Promise<boolean> {
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
      const found = sheet.tables.getItemOrNullObject(table);
      await context.sync();
      return !sheet.isNullObject && !found.isNullObject;
    });
  }

  async readInputs(sheetName: string): Promise<Record<string, CellValue[][]>> {
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.names.load("items/name");
      await context.sync();
      const ranges = sheet.names.items
        .filter((n) => n.name.startsWith("in_"))
        .map((n) => [n.name, n.getRange().load("values")] as const);
      await context.sync();
      return Object.fromEntries(ranges.map(([name, r]) => [name, r.values as CellValue[][]]));
    });
  }

  async setText(sheetName: string, address: string, text: string): Promise<void> {
    await this.run(async (context) => {
      context.workbook.worksheets.getItem(sheetName).getRange(address).formulas = [[asText(text)]];
      await context.sync();
    });
  }

  async setStyle(sheetName: string, areas: string[], style: NonNullable<PlanCell["style"]>): Promise<void> {
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      // Only written, never read: nothing to load.
      // eslint-disable-next-line office-addins/load-object-before-read
      for (const area of areas) STYLE[style](sheet.getRange(area).format);
      await context.sync();
    });
  }

  async restore(sheetName: string, cells: PlanCell[]): Promise<void> {
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      for (const c of cells) {
        sheet.getRange(areaOf(c)).clear(Excel.ClearApplyTo.contents);
        sheet.getRange(c.address).formulas = [[c.formula ?? ""]];
      }
      await context.sync();
    });
  }

  async renameSheet(from: string, to: string): Promise<void> {
    await this.run(async (context) => {
      context.workbook.worksheets.getItem(from).name = to;
      await context.sync();
    });
  }

  async deleteSheet(name: string): Promise<void> {
    await this.run(async (context) => {
      context.workbook.worksheets.getItem(name).delete();
      await context.sync();
    });
  }

  async activate(name: string): Promise<void> {
    await this.run(async (context) => {
      context.workbook.worksheets.getItem(name).activate();
      await context.sync();
    });
  }
}

/**
 * The block A1:extent as one formulas array: formulas, numbers, apostrophe-prefixed text, and null
 * (Excel leaves that cell unchanged) wherever the plan writes nothing, so a user's cell in a gap stays.
 */
function blockFormulas(plan: SheetPlan): (string | number | null)[][] {
  const block = cellsOf(`A1:${plan.extent}`).map((line) => line.map((): string | number | null => null));
  for (const c of plan.cells) {
    const { row, col } = parseCell(c.address);
    block[row - 1][col - 1] = c.formula ?? c.number ?? (c.text !== undefined ? asText(c.text) : "");
  }
  return block;
}
