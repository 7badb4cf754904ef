/**
 * A formula pasted elsewhere (src/workbench/relative.ts), adjusted as Excel adjusts relative
 * references when a formula is copied ("Switch between relative, absolute, and mixed references",
 * Microsoft support): relative parts move, $ parts stay, off-sheet references become #REF!.
 */
import { shiftFormula } from "../../src/workbench/relative";

test.each([
  ["=A1+B2", 1, 1, "=B2+C3"],
  ["=$A$1+$A1+A$1", 2, 3, "=$A$1+$A3+D$1"],
  ["=SUM(B2:B10)*2", 1, 0, "=SUM(B3:B11)*2"],
  ["=INFRA.GOODPUT(B5, in_mtbf_hours, 1, 10)", 3, 0, "=INFRA.GOODPUT(B8, in_mtbf_hours, 1, 10)"],
  ["='My sheet'!C3+Data!C3", 0, 1, "='My sheet'!D3+Data!D3"],
  ['="A1 stays"&A1', 1, 0, '="A1 stays"&A2'],
  ["=LOG10(A1)+ATAN2(1,2)", 1, 0, "=LOG10(A2)+ATAN2(1,2)"],
  ["=1E5+A1", 0, 1, "=1E5+B1"],
  ["=A1", -1, 0, "=#REF!"],
  ["=XFD1+A1", 0, 1, "=#REF!+B1"],
  ["=SUM(A:A)+ROW(1:1)", 4, 4, "=SUM(A:A)+ROW(1:1)"],
])("%s moved by %i rows, %i columns: %s", (formula, rows, cols, expected) =>
  expect(shiftFormula(formula, rows, cols)).toBe(expected),
);
