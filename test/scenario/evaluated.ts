/** A scenario's sheet as the pane creates it, calculated by the workbench's engine, with its names at hand. */
import { Scenario } from "../../src/scenario";
import { ScenarioBook, draftOf } from "../../src/workbook/scenarios";
import { engineWorkbook } from "../engineWorkbook";

export async function evaluatedSheet(scenario: Scenario) {
  const wb = await engineWorkbook();
  const s = await new ScenarioBook(wb).create(draftOf(scenario));
  const names = wb.sheet(s.sheet)!.names;
  /** What the cell a name refers to shows. */
  const value = (name: string) => wb.value(s.sheet, names.get(name)!);
  /** Types `v` into the cell a name refers to. */
  const set = (name: string, v: number | string) => wb.setCell(s.sheet, names.get(name)!, v);
  return { wb, s, names, value, set };
}
