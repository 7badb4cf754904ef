/** ScenarioBook over the in-memory workbook: what an edit, rename, freeze or Compare may and may not touch. */
import {
  RedundancyScenario,
  STORE_MARKER,
  STORE_SHEET,
  Scenario,
  parseStore,
  planScenario,
  recordCells,
} from "../../src/scenario";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { ConflictError, addressesOf, footprint } from "../../src/workbook/port";
import { InvalidScenarioError, ScenarioBook, draftOf } from "../../src/workbook/scenarios";
import { buildout, redundancy } from "../scenario/fixtures";

/** Formulas evaluate to their length; INFRA formulas show `infra` (e.g. "#BUSY!" while calculating). */
function setup(infra: () => string | number = () => 1) {
  const wb = new MemoryWorkbook((f) => (f.includes("INFRA.") ? infra() : f.length));
  return { wb, book: new ScenarioBook(wb) };
}
const stored = async (wb: MemoryWorkbook) => {
  const state = parseStore(await wb.readStore());
  if (state.status !== "ok") throw new Error(state.status);
  return state.entries.map((e) => e.scenario);
};
const at = (wb: MemoryWorkbook, s: Scenario, name: string) => wb.sheet(s.sheet)!.names.get(name)!;

describe("ScenarioBook", () => {
  test("an update keeps a user's note in a gap of the block (E6) and clears only what the pane wrote", async () => {
    const { wb, book } = setup();
    const s = (await book.create(draftOf(redundancy()))) as RedundancyScenario;
    expect(addressesOf(footprint(planScenario(s))).has("E6")).toBe(false);
    wb.setCell(s.sheet, "E6", "my note");
    await book.update(s.id, draftOf({ ...s, topologies: ["2N"] }));
    expect(wb.value(s.sheet, "E6")).toBe("my note");
    // The shorter block no longer writes the old spill rows: they are cleared.
    const old = planScenario(s).cells.find((c) => c.spill)!;
    const now = planScenario((await stored(wb))[0]).cells.find((c) => c.spill)!;
    expect(now.spill!.rows).toBeLessThan(old.spill!.rows);
  });

  test("inputs edited in the sheet survive Open → Update and Rename; rename does not regenerate", async () => {
    const { wb, book } = setup();
    const s = await book.create(draftOf(redundancy()));
    wb.setCell(s.sheet, at(wb, s, "in_grid_mw"), 200);
    wb.setCell(s.sheet, at(wb, s, "in_topology_1"), "N+2");
    wb.setCell(s.sheet, "K2", "mine");
    const opened = await book.current(s.id);
    expect([opened.values.grid_mw, opened.kind === "redundancy" && opened.topologies[0]]).toEqual([200, "N+2"]);
    const updated = await book.update(s.id, { ...draftOf(opened), values: { ...opened.values, pue: 1.3 } });
    expect([wb.value(s.sheet, at(wb, s, "in_grid_mw")), wb.value(s.sheet, at(wb, s, "in_pue"))]).toEqual([200, 1.3]);
    wb.setCell(s.sheet, at(wb, s, "in_grid_mw"), 300);
    wb.calls.length = 0;
    const renamed = await book.rename(updated.id, "Site B");
    expect(wb.calls.some((c) => c.startsWith("writePlan"))).toBe(false);
    expect([renamed.sheet, wb.value("Site B", "A1"), wb.value("Site B", at(wb, renamed, "in_grid_mw"))]).toEqual([
      "Site B",
      "Site B",
      300,
    ]);
    expect((await stored(wb))[0].values.grid_mw).toBe(300);
    expect((await book.duplicate(renamed.id)).values.grid_mw).toBe(300);
  });

  test("a tampered record naming another sheet is refused by update, freeze, restore and delete", async () => {
    const { wb, book } = setup();
    const s = await book.create(draftOf(redundancy()));
    wb.addSheet("Budget");
    wb.setCell("Budget", "A1", "Q1");
    wb.setCell("Budget", "C40", 1e6);
    const json = JSON.stringify({ ...s, sheet: "Budget", extent: "ZZ99999" });
    const row = (await wb.readStore())!.findIndex((r) => r[0] === s.id) + 1;
    await wb.writeStore([{ row, cells: [s.id, json] }]);
    for (const act of [
      () => book.update(s.id, draftOf(s)),
      () => book.freeze(s.id),
      () => book.restore(s.id),
      () => book.remove(s.id),
      () => book.rename(s.id, "Other"),
    ])
      await expect(act()).rejects.toThrow(/no longer holds this scenario/);
    expect([wb.value("Budget", "A1"), wb.value("Budget", "C40"), wb.sheet("Budget")!.name]).toEqual([
      "Q1",
      1e6,
      "Budget",
    ]);
  });

  test("a sheet renamed by the user and replaced by a new sheet of the old name is left alone", async () => {
    const { wb, book } = setup();
    const s = await book.create(draftOf(redundancy()));
    await wb.renameSheet(s.sheet, "Old site");
    wb.addSheet(s.sheet);
    wb.setCell(s.sheet, "B5", "someone else's");
    await expect(book.update(s.id, draftOf(s))).rejects.toThrow(/no longer holds this scenario/);
    await expect(book.remove(s.id)).rejects.toThrow(/no longer holds this scenario/);
    expect(wb.value(s.sheet, "B5")).toBe("someone else's");
  });

  test("a failed update leaves the sheet's name and the store as they were", async () => {
    const { wb, book } = setup();
    const s = (await book.create(draftOf(redundancy()))) as RedundancyScenario;
    const bad = { ...draftOf(s), name: "Renamed", values: { ...s.values, pue: 0.5 } };
    await expect(book.update(s.id, bad)).rejects.toBeInstanceOf(InvalidScenarioError);
    const blocker = planScenario({ ...s, topologies: ["2N", "N+1", "3N/2", "2N FLEX", "N+2"] }).extent;
    wb.setCell(s.sheet, `A${Number(blocker.slice(1)) - 1}`, "in the way");
    const longer = draftOf({ ...s, name: "Renamed", topologies: ["2N", "N+1", "3N/2", "2N FLEX", "N+2"] });
    await expect(book.update(s.id, longer)).rejects.toBeInstanceOf(ConflictError);
    expect([wb.sheet("Renamed"), wb.sheet(s.sheet)?.name, (await stored(wb))[0]]).toEqual([undefined, s.sheet, s]);
  });

  test("a frozen scenario stays frozen through an update; unfrozen when its new values are still calculating", async () => {
    let shown: string | number = 1;
    const { wb, book } = setup(() => shown);
    const s = await book.create(draftOf(redundancy()));
    await book.freeze(s.id);
    const again = await book.update(s.id, { ...draftOf(s), values: { ...s.values, pue: 1.3 } });
    const infra = () => [...wb.sheet(s.sheet)!.cells.values()].filter((c) => c.formula?.includes("INFRA.")).length;
    expect([again.frozen, infra()]).toEqual([true, 0]);
    shown = "#BUSY!";
    const busy = await book.update(s.id, { ...draftOf(s), values: { ...s.values, pue: 1.4 } });
    expect([busy.frozen, (await stored(wb))[0].frozen]).toEqual([false, false]);
    expect(infra()).toBeGreaterThan(0);
  });

  test("Compare on a version 1 store keeps the store readable and migrates it", async () => {
    const { wb, book } = setup();
    const s = await book.create(draftOf(redundancy()));
    wb.sheet(STORE_SHEET)!.cells.clear();
    const v1 = { ...s, topologies: "2N, 2N FLEX, N+1, 3N/2" };
    await wb.writeStore([
      { row: 1, cells: [STORE_MARKER, "1"] },
      { row: 2, cells: [s.id, JSON.stringify(v1)] },
    ]);
    await book.compare([s.id]);
    const state = parseStore(await wb.readStore());
    expect(state.status === "ok" && [state.version, state.entries[0].scenario]).toEqual([2, s]);
    expect(wb.formula("Compare", "B5")).toMatch(/out_effective_mw/);
  });

  test("two co-authors creating at once both keep their scenario (records land in different rows)", async () => {
    const { wb, book } = setup();
    const other = new ScenarioBook(wb);
    const [a, b] = await Promise.all([
      book.create({ ...draftOf(buildout()), name: "A" }),
      other.create({ ...draftOf(buildout()), name: "B" }),
    ]);
    expect((await stored(wb)).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(recordCells(a)[0]).toBe(a.id);
  });

  test("starting a new store after damage keeps the records that still validate (the backup keeps everything)", async () => {
    const { wb, book } = setup();
    const s = await book.create(draftOf(redundancy()));
    const free = (await wb.readStore())![1][0] ? 3 : 2; // a row the record is not in
    await wb.writeStore([{ row: free, cells: ["x1", "{broken"] }]);
    expect((await book.load()).status).toBe("corrupt");
    const backup = await book.resetStore();
    expect([(await stored(wb)).map((x) => x.id), wb.value(backup, `B${free}`)]).toEqual([[s.id], "{broken"]);
  });
});
