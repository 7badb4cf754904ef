/**
 * Data tables with Excel's What-If Analysis > Data Table semantics (Microsoft Support, "Calculate
 * multiple results by using a data table"): each cell of the table is the output recalculated with
 * the table's input(s) replaced by that row's (and column's) value and every other input at its
 * base value, y = f(base with x_i = v) (one input) or f(base with x_i = r, x_j = c) (two). No
 * assumption about f: a value without a result stays NaN in its cell; nothing is interpolated.
 */
import { checkIndex, Fn, withInput } from "./fn";

/** One-input table: result[k] = f(base with x[index] = values[k]). */
export function dataTable1(f: Fn, base: readonly number[], index: number, values: readonly number[]): number[] {
  checkIndex(base, index, "the table's input");
  return values.map((v) => f(withInput(base, index, v)));
}

/**
 * Two-input table: result[r][c] = f(base with x[rowIndex] = rowValues[r], x[colIndex] =
 * colValues[c]). Rows of the result follow rowValues (so rowValues run down the table's left
 * column, as Excel's "column input cell" values do; colValues run across its top row).
 */
export function dataTable2(
  f: Fn,
  base: readonly number[],
  rowIndex: number,
  rowValues: readonly number[],
  colIndex: number,
  colValues: readonly number[],
): number[][] {
  checkIndex(base, rowIndex, "the row input");
  checkIndex(base, colIndex, "the column input");
  if (rowIndex === colIndex) throw new Error("a two-input table needs two different inputs");
  const x = base.slice();
  return rowValues.map((r) =>
    colValues.map((c) => {
      x[rowIndex] = r;
      x[colIndex] = c;
      return f(x.slice());
    }),
  );
}
