/**
 * A formula typed in a cell never allocates beyond the workbench's per-array bound (issue 11 point
 * 3: no page error leaves the workbook stuck): =SEQUENCE(1048576,16384), which HyperFormula would
 * fill with 17 billion numbers until the tab runs out of memory, is #VALUE! with a message at once,
 * and later edits apply; a SEQUENCE within the bound still spills as Excel's does.
 */
import { functions } from "../../src/functions";
import { InfraFunction, MAX_RANGE_CELLS, signaturesOf } from "../../src/workbench/engine";
import { EngineWorkbook } from "../../src/workbench/workbook";
import type { MemorySheet } from "../../src/workbook/memory";
import { loadMetadata } from "../metadata";

async function book() {
  const wb = new EngineWorkbook(
    functions as unknown as Record<string, InfraFunction>,
    signaturesOf(await loadMetadata()),
  );
  const sheet: MemorySheet = {
    name: "N",
    visibility: "visible",
    cells: new Map(),
    names: new Map(),
    tables: new Map(),
    charts: [],
  };
  wb.replace([sheet], "N");
  return wb;
}

test("=SEQUENCE(1048576,16384) is #VALUE! with a message at once, and a later edit applies", async () => {
  const wb = await book();
  const started = performance.now();
  wb.setCell("N", "A1", "=SEQUENCE(1048576,16384)");
  expect(performance.now() - started).toBeLessThan(2_000); // the unbounded fill ran out of memory after 40 s
  expect(wb.value("N", "A1")).toBe("#VALUE!");
  expect(wb.errorAt("N", "A1")?.message).toBe(
    "SEQUENCE of 1,048,576 × 16,384 cells: the workbench computes at most 250,000 cells per array.",
  );
  wb.setCell("N", "B1", 2);
  wb.setCell("N", "C1", "=B1*3");
  expect(wb.value("N", "C1")).toBe(6);
});

test("a SEQUENCE from cells is bounded too; one within the bound spills as in Excel", async () => {
  const wb = await book();
  wb.setCell("N", "A1", 100_000);
  wb.setCell("N", "B1", "=SEQUENCE(A1,A1)");
  expect(wb.value("N", "B1")).toBe("#VALUE!");
  wb.setCell("N", "D1", "=SEQUENCE(3,2,10,5)");
  expect(["D1", "E1", "D2", "E2", "D3", "E3"].map((a) => wb.value("N", a))).toEqual([10, 15, 20, 25, 30, 35]);
  wb.setCell("N", "H1", `=SUM(SEQUENCE(${MAX_RANGE_CELLS}))`);
  expect(wb.value("N", "H1")).toBe((MAX_RANGE_CELLS * (MAX_RANGE_CELLS + 1)) / 2);
});
