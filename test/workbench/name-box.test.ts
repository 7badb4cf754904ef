/** The Name Box's Go To (src/workbench/NameBox.tsx): cells, ranges, other sheets and defined names. */
import type { MemorySheet } from "../../src/workbook/memory";
import { goTo } from "../../src/workbench/NameBox";

const sheet = (name: string, names: [string, string][], visibility: MemorySheet["visibility"] = "visible") =>
  ({ name, visibility, cells: new Map(), names: new Map(names), tables: new Map(), charts: [] }) as MemorySheet;
const sheets = [
  sheet("Redundancy scenario", [
    ["in_grid_mw", "B4"],
    ["out_table", "D3:F8"],
  ]),
  sheet("Data", [["rate", "C9"]]),
  sheet("BalancePoint.store", [], "veryHidden"),
];
const from = (text: string) => goTo(text, "Redundancy scenario", sheets);

test.each([
  ["b5", { sheet: "Redundancy scenario", address: "B5" }],
  ["$C$7", { sheet: "Redundancy scenario", address: "C7" }],
  ["D3:F8", { sheet: "Redundancy scenario", address: "D3" }],
  ["XFD1048576", { sheet: "Redundancy scenario", address: "XFD1048576" }],
  ["in_grid_mw", { sheet: "Redundancy scenario", address: "B4" }],
  ["IN_GRID_MW", { sheet: "Redundancy scenario", address: "B4" }],
  ["out_table", { sheet: "Redundancy scenario", address: "D3" }],
  ["Data!A2", { sheet: "Data", address: "A2" }],
  ["'Data'!rate", { sheet: "Data", address: "C9" }],
  ["'redundancy scenario'!Z1", { sheet: "Redundancy scenario", address: "Z1" }],
])("%s", (text, place) => expect(from(text)).toEqual(place));

test.each(["rate", "XFE1", "A1048577", "A0", "Nowhere!A1", "BalancePoint.store!A1", ""])(
  "%p is refused with a message",
  (text) => expect(from(text)).toEqual({ error: `"${text}" is not a cell, a range or a name of this workbook.` }),
);
