/**
 * The sheet plan: plain data describing one generated worksheet (cells with text, numbers or
 * formulas, sheet-scoped defined names, number formats, Excel tables and chart specs). Pure;
 * applying it is a workbook port's only job (src/workbook/port.ts).
 */
import { Format } from "./fields";

export type Style = "title" | "note" | "header" | "input" | "output";

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

export type ChartType = "ColumnClustered" | "BarClustered" | "Line";

export interface ChartSpec {
  name: string;
  type: ChartType;
  title: string;
  /** Category labels (x axis). */
  categories: string;
  series: { name: string; values: string }[];
  /** Top-left cell the chart is placed at. */
  anchor: string;
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
  charts: ChartSpec[];
  /** Bottom-right cell of the generated block, which always starts at A1. */
  extent: string;
  /** Output names by metric, for the Compare sheet. */
  metrics: Partial<Record<Metric, string>>;
}

/** Excel number formats for each Format. */
export const NUMBER_FORMATS: Record<Format, string> = {
  mw: '#,##0.0 "MW"',
  percent: "0.00%",
  availability: "0.0000%",
  usd: "$#,##0",
  usdPerMwh: '$#,##0.00 "/MWh"',
  months: '0.0 "months"',
  hours: '#,##0.0 "h"',
  minutes: '0.0 "min"',
  count: "#,##0",
  /** Value in the user's own unit (tokens, users, revenue): often 1e12 and more, so grouped digits. */
  value: "#,##0",
  plain: "General",
};

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
