/**
 * Where the grid's columns are: a sheet's column widths (characters, SheetPlan.columns) as pixels,
 * and each column's left edge as a prefix sum over the few columns that differ from the default, so
 * finding a column at a scroll position stays a binary search even at column XFD.
 */
import { columnPixels } from "../scenario/plan";
import { MAX_COLUMNS } from "./keys";

/** Pixels of a column without a width of its own. */
export const DEFAULT_COLUMN_PIXELS = 88;
/**
 * Pixels per character of width in the grid: the digit width of its 12-px sans-serif font, where
 * Excel's Calibri 11 has 7 px, plus the cell's padding and border (9 px, where Excel counts 5): a
 * column holds as many digits as in Excel, within a pixel or two of Excel's size.
 */
const GRID_DIGIT = 6.7;
const GRID_MARGIN = 9;

/** Pixels of a column `width` characters wide, in the grid. */
export const gridPixels = (width: number): number => columnPixels(width, GRID_DIGIT, GRID_MARGIN);

export class ColumnLayout {
  /** Columns with a width of their own, ascending. */
  private readonly cols: number[];
  private readonly pixels: number[];
  /** `before[i]`: pixels the columns cols[0..i-1] add to (or take from) the default widths. */
  private readonly before: number[];

  /** `widths`: characters by 1-based column (a sheet's `columns`); absent columns have the default width. */
  constructor(widths?: ReadonlyMap<number, number>) {
    const own = [...(widths ?? [])].filter(([c]) => c >= 1 && c <= MAX_COLUMNS).sort(([a], [b]) => a - b);
    this.cols = own.map(([c]) => c);
    this.pixels = own.map(([, w]) => Math.max(0, gridPixels(w)));
    this.before = [0];
    for (const p of this.pixels) this.before.push(this.before[this.before.length - 1] + p - DEFAULT_COLUMN_PIXELS);
  }

  /** Index of the first own column at or after `col`. */
  private search(col: number): number {
    let lo = 0;
    let hi = this.cols.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cols[mid] < col) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Width in pixels of a column (1-based). */
  width(col: number): number {
    const i = this.search(col);
    return this.cols[i] === col ? this.pixels[i] : DEFAULT_COLUMN_PIXELS;
  }

  /** Pixels from the left edge of column A to the left edge of `col` (so `left(n + 1)` is the width of A..n). */
  left(col: number): number {
    return (col - 1) * DEFAULT_COLUMN_PIXELS + this.before[this.search(col)];
  }

  /** The column (1-based, at most MAX_COLUMNS) whose span holds `x` pixels right of column A's left edge. */
  at(x: number): number {
    let lo = 1;
    let hi = MAX_COLUMNS;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.left(mid) <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
