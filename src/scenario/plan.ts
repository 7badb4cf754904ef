/**
 * The sheet plan: plain data describing one generated worksheet (cells with text, numbers or
 * formulas, sheet-scoped defined names, number formats, Excel tables, input validation rules and
 * chart specs). Pure;
 * applying it is a workbook port's only job (src/workbook/port.ts).
 */
import { Format } from "./fields";

/** How the pane styles a cell; `frozen` greys an input of a frozen sheet (it no longer drives any output). */
export type Style = "title" | "note" | "header" | "input" | "output" | "frozen";

export interface PlanCell {
  address: string;
  /** Text is always written as text, even when it starts with "=" (names are untrusted). */
  text?: string;
  number?: number;
  formula?: string;
  style?: Style;
  /** Set on a formula that spills: the size of the array it returns. */
  spill?: { rows: number; cols: number };
}

/**
 * Excel chart types the pane draws. "XYScatterLines" plots numeric x values (an S-curve over
 * output values); the others plot categories.
 */
export type ChartType = "ColumnClustered" | "BarClustered" | "Line" | "XYScatterLines";

export interface ChartSpec {
  name: string;
  type: ChartType;
  title: string;
  /** Category labels (x axis). */
  categories: string;
  series: { name: string; values: string }[];
  /** Top-left cell the chart is placed at. */
  anchor: string;
  /** Title of the category axis, with its unit ("Month", "Topology"); horizontal for columns and lines, vertical for bars. */
  categoryAxisTitle: string;
  /** Title of the value axis, with its unit ("MW online", "Share of accelerator-time (%)"). */
  valueAxisTitle: string;
  /** How values show on the value axis's scale and in data labels. */
  valueFormat: Format;
  /** Whether each point carries its value as a label (gridlines with a scale are always drawn). */
  dataLabels: boolean;
  /** How the category (x) values show, for numeric categories (a histogram's bins, an S-curve's x). */
  categoryFormat?: Format;
  /**
   * Bars and columns only: the series overlap in percent (100 draws the low and high bars of a
   * tornado on one line) and the gap between categories in percent of a bar (0 for a histogram).
   */
  overlap?: number;
  gapWidth?: number;
}

/** Rows of the sheet a chart covers, from its anchor (the Excel port draws it that tall). */
export const CHART_ROWS = 20;

/**
 * What an input cell accepts (Excel's data validation): a number in a range, a whole number, or
 * one of a list of texts. `message` says what is accepted and is shown when a value is refused.
 */
export interface Validation {
  /** A cell or a range; the rule holds for each of its cells. */
  address: string;
  rule: "decimal" | "whole" | "list";
  min?: number;
  max?: number;
  /** True when min itself is refused (a value must be above it). */
  minExclusive?: boolean;
  list?: string[];
  /** True when a cleared cell is accepted (an optional row, e.g. a build-out's risk events). */
  allowBlank?: boolean;
  message: string;
}

/**
 * Why `rule` refuses `content` (a number, a text, or null for a cleared cell), or undefined when
 * it accepts it. A formula (text starting with "=") is judged by Excel on its result, so it passes here.
 */
export function validationProblem(rule: Validation, content: string | number | boolean | null): string | undefined {
  if (typeof content === "string" && content.startsWith("=")) return undefined;
  if (rule.allowBlank && (content === null || content === "")) return undefined;
  if (rule.rule === "list")
    return typeof content === "string" && rule.list!.includes(content) ? undefined : rule.message;
  if (typeof content !== "number" || !Number.isFinite(content)) return rule.message;
  const low = rule.minExclusive ? content <= rule.min! : content < rule.min!;
  if (low || content > rule.max! || (rule.rule === "whole" && !Number.isInteger(content))) return rule.message;
  return undefined;
}

/** What a Compare sheet can show; each kind publishes the metrics it computes. */
export type Metric =
  | "effective_mw"
  | "mw_online_p50"
  | "value_per_year"
  | "value_per_gw"
  | "goodput"
  | "tco_per_year"
  | "p50_month"
  | "p90_month";

export interface SheetPlan {
  sheet: string;
  cells: PlanCell[];
  /** Worksheet-scoped names: every formula refers to inputs through them. */
  names: { name: string; address: string }[];
  formats: { address: string; format: Format }[];
  tables: { name: string; address: string }[];
  /** What the input cells accept; the Excel port sets them as data validation, the workbench checks edits. */
  validations: Validation[];
  charts: ChartSpec[];
  /**
   * Ranges shaded by a three-colour scale from their lowest to their highest value (a two-input
   * data table's heat map): Excel's colour-scale conditional format.
   */
  colorScales?: string[];
  /**
   * Column widths, in characters as Excel measures them (the Column Width dialog, ExcelJS's
   * `width`: digits of the default font, see columnPixels). Columns not listed keep the sheet's default.
   */
  columns?: ColumnWidth[];
  /** Bottom-right cell of the generated block, which always starts at A1. */
  extent: string;
  /** Output names by metric, for the Compare sheet. */
  metrics: Partial<Record<Metric, string>>;
}

/** The width of one column (1-based), in characters. */
export interface ColumnWidth {
  col: number;
  width: number;
}

/**
 * Pixels of a column `width` characters wide at 100% zoom: Excel's rule, width × the default
 * font's digit width (7 px for Calibri 11) + 5 px of margins, rounded (Open XML SDK, ECMA-376
 * Part 1 §18.3.1.13 col, `width`). Points are 3/4 of pixels at 96 dpi.
 */
export const columnPixels = (width: number, digit = 7, margin = 5): number => Math.round(width * digit + margin);

/** Excel number formats for each Format. */
export const NUMBER_FORMATS: Record<Format, string> = {
  mw: '#,##0.0 "MW"',
  percent: "0.00%",
  availability: "0.0000%",
  /** Money at a readable scale: $1.2 B, $340.0 M, $46,000. */
  usd: '[>=1000000000]$#,##0.0,,," B";[>=1000000]$#,##0.0,," M";$#,##0',
  /** A change in money, signed, in millions from $1 M either way: +$116.1 M, -$29.0 M, -$5,000. */
  usdChange: '[>=1000000]+$#,##0.0,," M";[<=-1000000]-$#,##0.0,," M";$#,##0',
  usdPerMwh: '$#,##0.00 "/MWh"',
  usdPerMTokens: '$#,##0.00 "/M tokens"',
  months: '0.0 "months"',
  hours: '#,##0.0 "h"',
  minutes: '0.0 "min"',
  count: "#,##0",
  ratio: '0.00 "×"',
  plain: "General",
};

/** How a difference of two values in `format` shows: money signed (the usd format's scales ignore negatives), else the same. */
export const changeFormat = (format: Format): Format => (format === "usd" ? "usdChange" : format);

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function column(n: number): string {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export const cell = (row: number, col: number): string => `${column(col)}${row}`;
export const range = (r1: number, c1: number, r2: number, c2: number): string => `${cell(r1, c1)}:${cell(r2, c2)}`;

/** Row and column (1-based) of an A1 cell address. */
export function parseCell(address: string): { row: number; col: number } {
  const m = /^([A-Z]{1,3})([0-9]+)$/.exec(address);
  if (!m) throw new Error(`not a cell address: ${address}`);
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), col };
}

/** Every cell of an A1 range ("B2:C3") or a single cell, row by row. */
export function cellsOf(address: string): { row: number; col: number }[][] {
  const [a, b = a] = address.split(":");
  const p = parseCell(a);
  const q = parseCell(b);
  const rows = [];
  for (let r = p.row; r <= q.row; r++) {
    const line = [];
    for (let c = p.col; c <= q.col; c++) line.push({ row: r, col: c });
    rows.push(line);
  }
  return rows;
}

/** Quotes a worksheet name for use in a formula ('It''s' for It's). */
export const quoteSheet = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'`;
