/**
 * The workbook port: everything the task pane does to a workbook, as a few coarse operations, so
 * each one costs a small fixed number of round trips in Excel (src/workbook/excel.ts) and can be
 * emulated exactly in memory (src/workbook/memory.ts).
 */
import { PlanCell, SheetPlan, Style, cell, cellsOf, parseCell } from "../scenario/plan";

export type CellValue = string | number | boolean | null;

export interface StoreRow {
  /** 1-based sheet row. */
  row: number;
  /** Columns A onwards; an empty array clears the row's first three cells. */
  cells: string[];
}

/** Raised instead of writing over cells a user typed beside a generated block. */
export class ConflictError extends Error {
  constructor(
    readonly sheet: string,
    readonly addresses: string[],
  ) {
    super(
      `Regenerating would overwrite your cells on sheet "${sheet}" (${addresses.slice(0, 5).join(", ")}` +
        `${addresses.length > 5 ? ", …" : ""}). Move them away from the generated block and try again.`,
    );
    this.name = "ConflictError";
  }
}

/** Raised instead of freezing cells that show an error or #BUSY!: their values are not results. */
export class FreezeError extends Error {
  constructor(readonly sheet: string) {
    super(
      `Some results on sheet "${sheet}" show an error or are still calculating, so they were not frozen. ` +
        "Freeze again when they show values.",
    );
    this.name = "FreezeError";
  }
}

export interface WorkbookPort {
  /** The store sheet's rows, columns A to C, as text (null: there is no store sheet). */
  readStore(): Promise<string[][] | null>;
  /** Writes store rows, creating the very hidden store sheet when it is missing. */
  writeStore(rows: StoreRow[]): Promise<void>;
  /** Renames the store sheet out of the way and makes it visible (kept, never deleted); its new name. */
  backupStore(): Promise<string>;
  /** Names of the worksheets, the store's included. */
  sheetNames(): Promise<string[]>;
  /**
   * Writes a plan's cells. With `previous` the sheet exists and `previous` (a comma-separated list
   * of areas, see footprint) is what the pane wrote there before: those cells are cleared and the
   * plan written with its names, tables and chart; every other cell is kept, and if the plan would
   * cover a non-blank one, nothing is written and a ConflictError names them. A plan with tables
   * is only rewritten on a sheet that already carries its first table (the scenario's own
   * BP_<id>_inputs), so a stale or tampered record cannot aim the pane at another sheet. Without
   * `previous` the sheet is created.
   */
  writePlan(plan: SheetPlan, previous?: string): Promise<void>;
  /** Whether `sheet` exists and carries the table named `table`. */
  hasTable(sheet: string, table: string): Promise<boolean>;
  /** The values of the sheet's input names (in_*), by name. */
  readInputs(sheet: string): Promise<Record<string, CellValue[][]>>;
  /** Writes one cell as text. */
  setText(sheet: string, address: string, text: string): Promise<void>;
  /** Gives the cells of `areas` one of the pane's styles; their values and number formats stay. */
  setStyle(sheet: string, areas: string[], style: Style): Promise<void>;
  /**
   * Replaces each range's formulas by their current values; refuses (FreezeError, nothing
   * written) while any of them shows an error or is still calculating.
   */
  freeze(sheet: string, ranges: string[]): Promise<void>;
  /** Writes formula cells back (clearing each spill area first, so it can spill again). */
  restore(sheet: string, cells: PlanCell[]): Promise<void>;
  renameSheet(from: string, to: string): Promise<void>;
  deleteSheet(name: string): Promise<void>;
  activate(name: string): Promise<void>;
}

/**
 * The colours of a plan's colour scale (SheetPlan.colorScales), from the lowest value through the
 * 50th percentile to the highest: ColorBrewer's three-class sequential "Blues" (Brewer, Hatchard
 * & Harrower 2003, colorbrewer2.org; colour-blind safe). One hue that darkens with the value, not
 * red/green, because the pane shades costs (where high is bad) as well as value (where high is
 * good). Black text stays readable on each (contrast 5:1 on the darkest, above WCAG AA's 4.5:1).
 */
export const COLOR_SCALE = { low: "#DEEBF7", mid: "#9ECAE1", high: "#3182BD" } as const;

/** Names, tables and charts the pane generates (in_/out_ names; BP_<id>_<part> tables and charts). */
export const isGeneratedName = (name: string): boolean => /^(in|out)_[a-z0-9_]+$/.test(name);
export const isGeneratedObject = (name: string): boolean => /^BP_[a-z0-9]+_[a-z]+$/.test(name);

/** The range a formula cell fills: its spill area or the cell itself. */
export function areaOf(c: PlanCell): string {
  if (!c.spill) return c.address;
  const { row, col } = parseCell(c.address);
  return `${c.address}:${cell(row + c.spill.rows - 1, col + c.spill.cols - 1)}`;
}

/** Every area a plan writes (its cells with their spill areas, and its formats), comma-separated. */
export const footprint = (plan: SheetPlan): string =>
  [...plan.cells.map(areaOf), ...plan.formats.map((f) => f.address)].join(",");

/** The distinct cell addresses of a comma-separated list of areas. */
export const addressesOf = (areas: string): Set<string> =>
  new Set(
    areas
      .split(",")
      .filter(Boolean)
      .flatMap((a) => cellsOf(a).flat())
      .map((p) => cell(p.row, p.col)),
  );

/** Why a plan is not rewritten on a sheet that lacks its table. */
export const notOwned = (sheet: string, table: string): string =>
  `The sheet "${sheet}" no longer holds this scenario (its table ${table} is missing), so the pane leaves it alone. ` +
  "If you renamed or replaced the sheet, delete the scenario from the pane and create it again.";

/** An error value as Excel shows it (#VALUE!, #BUSY!, #N/A...). */
export const isErrorValue = (v: unknown): boolean =>
  typeof v === "string" && /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|BUSY!|SPILL!|CALC!|GETTING_DATA)$/.test(v);
