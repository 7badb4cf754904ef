/** Everything on a sheet as one string, to check that an action left the sheet exactly as it was. */
import { MemoryWorkbook } from "../../src/workbook/memory";

/** The sheet's cells (value, formula, format, style) in address order, names, tables, charts and validations. */
export function sheetSnapshot(wb: MemoryWorkbook, sheet: string): string {
  const s = wb.sheet(sheet)!;
  return JSON.stringify({
    cells: [...s.cells].sort(([a], [b]) => a.localeCompare(b)),
    names: [...s.names],
    tables: [...s.tables],
    charts: s.charts,
    validations: s.validations,
  });
}
