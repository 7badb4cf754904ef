/**
 * The workbook port: everything the task pane does to a workbook, as a few coarse operations, so
 * each one costs a small fixed number of round trips in Excel (src/workbook/excel.ts) and can be
 * emulated exactly in memory (src/workbook/memory.ts).
 */
import { PlanCell, SheetPlan, cell, parseCell } from "../scenario/plan";

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
   * Writes a plan's block from A1. With `previousExtent` the sheet exists and A1:previousExtent
   * is the block the pane wrote before: it is cleared and rewritten with its names, tables and
   * chart; cells outside it are kept, and if the new block would cover any of them, nothing is
   * written and a ConflictError names them. Without it the sheet is created.
   */
  writePlan(plan: SheetPlan, previousExtent?: string): Promise<void>;
  /** Replaces each range's formulas by their current values. */
  freeze(sheet: string, ranges: string[]): Promise<void>;
  /** Writes formula cells back (clearing each spill area first, so it can spill again). */
  restore(sheet: string, cells: PlanCell[]): Promise<void>;
  renameSheet(from: string, to: string): Promise<void>;
  deleteSheet(name: string): Promise<void>;
  activate(name: string): Promise<void>;
}

/** Names, tables and charts the pane generates (in_/out_ names; BP_<id>_<part> tables and charts). */
export const isGeneratedName = (name: string): boolean => /^(in|out)_[a-z0-9_]+$/.test(name);
export const isGeneratedObject = (name: string): boolean => /^BP_[a-z0-9]+_[a-z]+$/.test(name);

/** The range a formula cell fills: its spill area or the cell itself. */
export function areaOf(c: PlanCell): string {
  if (!c.spill) return c.address;
  const { row, col } = parseCell(c.address);
  return `${c.address}:${cell(row + c.spill.rows - 1, col + c.spill.cols - 1)}`;
}
