/**
 * ScenarioBook.compare and the Compare sheet's footprint: which stored extents are the pane's (the
 * store is untrusted), an earlier version's Compare sheet rewritten in place, the base scenario,
 * and a conflict with a user's cell that leaves both the sheet and the store's claim as they were.
 */
import { functions } from "../../src/functions";
import {
  BuildoutScenario,
  COMPARE_SHEET,
  CUSTOM_CHIP,
  MAX_SCENARIOS,
  MAX_TASKS,
  RedundancyScenario,
  Scenario,
  TOPOLOGIES,
  compareCharts,
  compareFootprint,
  headerCells,
  planCompare,
} from "../../src/scenario";
import { cell, parseCell } from "../../src/scenario/plan";
import { InfraFunction, signaturesOf } from "../../src/workbench/engine";
import { EngineWorkbook } from "../../src/workbench/workbook";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { ConflictError } from "../../src/workbook/port";
import { InvalidScenarioError, ScenarioBook, draftOf, widerExtent } from "../../src/workbook/scenarios";
import { loadMetadata } from "../metadata";
import { buildout, fleet, redundancy } from "../scenario/fixtures";

/** Formulas evaluate to their length (no engine needed for what is written where). */
function setup() {
  const wb = new MemoryWorkbook((f) => f.length);
  return { wb, book: new ScenarioBook(wb) };
}
const storedExtent = async (wb: MemoryWorkbook) => (await wb.readStore())![0][2];

/** The widest and tallest summary there can be: the most scenarios, every kind and variant among them. */
function largest(): Scenario[] {
  const variants: Scenario[] = [
    { ...(redundancy() as RedundancyScenario), topologies: [...TOPOLOGIES] },
    { ...(redundancy() as RedundancyScenario), availabilityFrom: "mtbf" },
    fleet("count", CUSTOM_CHIP),
    fleet("power"),
    buildout(),
  ];
  return Array.from({ length: MAX_SCENARIOS }, (_, i) => ({ ...variants[i % variants.length], id: `s${i}` }));
}

describe("compareFootprint", () => {
  test("accepts the extents of the results-only sheet of earlier versions (row 12, one column per scenario)", () => {
    for (const n of [1, 2, MAX_SCENARIOS]) expect(compareFootprint(cell(12, n + 1))).toBe(`A1:${cell(12, n + 1)}`);
  });

  test("accepts every summary's extent, the largest one included, and the union of two", () => {
    const plans = [
      planCompare([redundancy()]),
      planCompare([buildout()]),
      planCompare([fleet("count"), { ...buildout(), id: "b" }], "b"),
      planCompare(largest()),
    ];
    for (const p of plans) expect(compareFootprint(p.extent)).toBe(`A1:${p.extent}`);
    // The tallest: every scenario a build-out of the most tasks, no two tasks alike.
    const tasks = (buildout() as BuildoutScenario).tasks;
    const tallest = Array.from({ length: MAX_SCENARIOS }, (_, i) => ({
      ...(buildout() as BuildoutScenario),
      id: `b${i}`,
      tasks: Array.from({ length: MAX_TASKS }, (_, t) => ({ ...tasks[t % tasks.length], name: `T${i}-${t}` })),
    }));
    const tall = planCompare(tallest).extent;
    expect(parseCell(tall).row).toBeGreaterThan(MAX_SCENARIOS * MAX_TASKS);
    expect(compareFootprint(tall)).toBe(`A1:${tall}`);
    const big = parseCell(plans[3].extent);
    expect(big.col).toBe(MAX_SCENARIOS + 1);
    expect(compareFootprint(widerExtent("C12", plans[3].extent))).toBe(`A1:${plans[3].extent}`);
    expect(widerExtent("Z12", plans[0].extent)).toBe(cell(parseCell(plans[0].extent).row, 26));
  });

  test.each([
    "A12", // no scenario column
    "B11", // above the last result
    cell(12, MAX_SCENARIOS + 2), // more columns than scenarios
    "B5000", // far below any summary
    "XFD1048576",
    "A1:B12",
    "=B12",
    "b12",
    "",
  ])("refuses %p: a clear is never aimed outside what a Compare plan writes", (extent) => {
    expect(() => compareFootprint(extent)).toThrow(/is not valid: rename the Compare sheet/);
  });
});

describe("compareCharts (the chart read back from a Compare sheet's cells, for a file that keeps none)", () => {
  const readBack = (plan: ReturnType<typeof planCompare>, extent = plan.extent) =>
    compareCharts(
      extent,
      (a) => plan.cells.find((c) => c.address === a)?.text,
      (a) => plan.cells.some((c) => c.address === a && c.formula !== undefined),
    );
  const named = (s: Scenario, id: string, name: string): Scenario => ({ ...s, id, name, sheet: name });

  test("is the plan's chart, whichever scenario is the base", () => {
    const chosen = [
      named(redundancy(), "a", "Site"),
      named(fleet("count"), "b", "Fleet"),
      named(buildout(), "c", "Build"),
    ];
    for (const base of ["a", "b", "c"]) {
      const plan = planCompare(chosen, base);
      expect(plan.charts).toHaveLength(1);
      expect(readBack(plan)).toEqual(plan.charts);
    }
    const all = planCompare(largest(), "s7");
    expect(readBack(all)).toEqual(all.charts);
  });

  test("finds the base when another scenario's name looks like its header", () => {
    const chosen = [named(fleet("count"), "a", "Y (base)"), named(fleet("power"), "b", "Y")];
    const plan = planCompare(chosen, "b");
    expect(plan.charts[0].series.map((x) => x.name)).toEqual(["Y (base)"]);
    expect(readBack(plan)).toEqual(plan.charts);
  });

  test("none for one scenario, an earlier version's sheet or an extent that is not valid", () => {
    expect(readBack(planCompare([redundancy()]))).toEqual([]);
    const plan = planCompare([named(redundancy(), "a", "A"), named(fleet("count"), "b", "B")]);
    expect(readBack(plan, "C12")).toEqual([]);
    expect(readBack(plan, "XFD1048576")).toEqual([]);
  });
});

describe("ScenarioBook.compare", () => {
  test("an earlier version's Compare sheet is the pane's: rewritten in place, the user's cells beside it kept", async () => {
    const { wb, book } = setup();
    const a = await book.create({ ...draftOf(redundancy()), name: "A" });
    const b = await book.create({ ...draftOf(fleet("count")), name: "B" });
    // The sheet as earlier versions wrote it: metrics only, rows 4 to 12, and its extent in the store.
    wb.addSheet(COMPARE_SHEET);
    wb.setCell(COMPARE_SHEET, "A1", "Scenarios compared");
    wb.setCell(COMPARE_SHEET, "A4", "Metric");
    wb.setCell(COMPARE_SHEET, "B4", "A");
    wb.setCell(COMPARE_SHEET, "B5", "='A'!out_effective_mw");
    wb.setCell(COMPARE_SHEET, "A12", "P90 project completion");
    wb.setCell(COMPARE_SHEET, "H3", "my note");
    await wb.writeStore([{ row: 1, cells: [...headerCells(), "B12"] }]);

    await expect(book.compare([a.id, b.id], b.id)).resolves.toEqual({ moved: undefined });
    const plan = planCompare([a, b], b.id);
    expect(wb.sheets.map((s) => s.name)).not.toContain("Compare (earlier)");
    expect(wb.value(COMPARE_SHEET, "A1")).toBe("Scenario summary");
    expect([wb.value(COMPARE_SHEET, "B4"), wb.value(COMPARE_SHEET, "C4")]).toEqual(["A", "B (base)"]);
    expect(wb.formula(COMPARE_SHEET, "B5")).toBe("='A'!out_effective_mw");
    expect(wb.value(COMPARE_SHEET, "H3")).toBe("my note");
    expect(await storedExtent(wb)).toBe(plan.extent);
    // Every cell of the sheet is the new plan's or the user's.
    const written = new Set(plan.cells.map((c) => c.address));
    expect([...wb.sheet(COMPARE_SHEET)!.cells.keys()].filter((k) => !written.has(k))).toEqual(["H3"]);
    expect(wb.sheet(COMPARE_SHEET)!.charts.map((c) => c.name)).toEqual(["BP_compare_chart"]);
  });

  test("a user's cell where the taller summary goes stops the write: nothing changes, the store's claim included", async () => {
    const { wb, book } = setup();
    const a = await book.create({ ...draftOf(redundancy()), name: "A" });
    wb.addSheet(COMPARE_SHEET);
    wb.setCell(COMPARE_SHEET, "B5", "='A'!out_effective_mw");
    await wb.writeStore([{ row: 1, cells: [...headerCells(), "B12"] }]);
    wb.setCell(COMPARE_SHEET, "A20", "keep me");
    const error = await book.compare([a.id]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).addresses).toEqual(["A20"]);
    expect([wb.value(COMPARE_SHEET, "A20"), wb.formula(COMPARE_SHEET, "B5"), await storedExtent(wb)]).toEqual([
      "keep me",
      "='A'!out_effective_mw",
      "B12",
    ]);
    // Trying again without moving the cell still keeps it; once moved, the summary is written.
    await expect(book.compare([a.id])).rejects.toBeInstanceOf(ConflictError);
    expect(wb.value(COMPARE_SHEET, "A20")).toBe("keep me");
    wb.setCell(COMPARE_SHEET, "A20", null);
    wb.setCell(COMPARE_SHEET, "F2", "keep me");
    await book.compare([a.id]);
    expect([wb.value(COMPARE_SHEET, "F2"), await storedExtent(wb)]).toEqual(["keep me", planCompare([a]).extent]);
  });

  test("the base is one of the compared scenarios (the first by default); a shorter summary clears the rest", async () => {
    const { wb, book } = setup();
    const a = await book.create({ ...draftOf(redundancy()), name: "A" });
    const b = await book.create({ ...draftOf(fleet("count")), name: "B" });
    const c = await book.create({ ...draftOf(buildout()), name: "C" });
    await book.compare([a.id, b.id, c.id]);
    expect(wb.value(COMPARE_SHEET, "B4")).toBe("A (base)");
    const tall = await storedExtent(wb);
    // A base that is not compared, or nothing to compare: refused before anything is written.
    const calls = wb.calls.length;
    await expect(book.compare([a.id], c.id)).rejects.toThrow(InvalidScenarioError);
    await expect(book.compare([])).rejects.toThrow(/Choose the scenarios to compare/);
    expect(wb.calls.slice(calls).filter((x) => !/^readStore/.test(x))).toEqual([]);
    expect(await storedExtent(wb)).toBe(tall);
    // One build-out alone: its summary is shorter and narrower; nothing of the earlier one is left.
    await book.compare([c.id]);
    const plan = planCompare([c]);
    const { row, col } = parseCell(plan.extent);
    const beyond = [...wb.sheet(COMPARE_SHEET)!.cells.keys()].filter((k) => {
      const p = parseCell(k);
      return p.row > row || p.col > col;
    });
    expect(beyond).toEqual([]);
    expect(wb.sheet(COMPARE_SHEET)!.charts).toEqual([]);
    expect(await storedExtent(wb)).toBe(plan.extent);
  });

  test("in the workbench engine, running Compare again shows every value (not blanks where a formula is unchanged)", async () => {
    const wb = new EngineWorkbook(
      functions as unknown as Record<string, InfraFunction>,
      signaturesOf(await loadMetadata()),
    );
    const book = new ScenarioBook(wb);
    const a = await book.create({ ...draftOf(redundancy()), name: "A" });
    const b = await book.create({ ...draftOf(fleet("count")), name: "B" });
    await book.compare([a.id, b.id]);
    const formulas = () => [...wb.sheet(COMPARE_SHEET)!.cells].filter(([, c]) => c.formula !== undefined);
    const first = formulas().map(([k, c]) => [k, c.value]);
    expect(first.every(([, v]) => v !== null)).toBe(true);
    await book.compare([a.id, b.id]);
    expect(formulas().map(([k, c]) => [k, c.value])).toEqual(first);
    // With another base the results stay where they are and show their values.
    await book.compare([a.id, b.id], b.id);
    expect(wb.value(COMPARE_SHEET, "B5")).toBe(first.find(([k]) => k === "B5")![1]);
  });
});
