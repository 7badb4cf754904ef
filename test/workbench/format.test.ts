/** The formula bar's input rules (src/workbench/format.ts). */
import { parseInput } from "../../src/workbench/format";

test("numbers, a trailing percent (divided by 100, as Excel stores it), booleans, formulas and text", () => {
  expect(
    ["20%", "12.5%", "1,000%", "-5%", "1,234", " 7 ", "TRUE", "=A1", "", "%", "20%%", "1 2", "abc"].map(parseInput),
  ).toEqual([0.2, 0.125, 10, -0.05, 1234, 7, true, "=A1", null, "%", "20%%", "1 2", "abc"]);
});
