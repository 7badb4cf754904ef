/**
 * A formula copied to another cell, as Excel's paste adjusts it: each relative part of an A1
 * reference (a column without $, a row without $) moves by the distance between the cells;
 * absolute parts ($B$5), names (in_grid_mw), text in quotes and quoted sheet names stay as they
 * are. A reference moved off the sheet becomes #REF!, as in Excel. Whole-column and whole-row
 * references (A:A, 1:1) are left unchanged.
 */
import { column } from "../scenario/plan";
import { MAX_COLUMNS, MAX_ROWS } from "./keys";

/** A string literal or quoted sheet name (kept), or a cell reference with optional $ marks. */
const TOKEN =
  /("(?:[^"]|"")*"|'(?:[^']|'')*')|(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_.(!])/g;

const columnNumber = (letters: string) =>
  [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** `formula` (starting with "=") as it reads pasted `rows` below and `cols` right of where it was copied. */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  return formula.replace(TOKEN, (whole, quoted, colAbs, letters, rowAbs, digits) => {
    if (quoted !== undefined) return whole;
    const col = columnNumber(letters);
    const row = Number(digits);
    if (col > MAX_COLUMNS || row < 1 || row > MAX_ROWS) return whole; // not a reference (e.g. LOG10 is a call)
    const c = colAbs ? col : col + cols;
    const r = rowAbs ? row : row + rows;
    if (c < 1 || c > MAX_COLUMNS || r < 1 || r > MAX_ROWS) return "#REF!";
    return `${colAbs}${column(c)}${rowAbs}${r}`;
  });
}
