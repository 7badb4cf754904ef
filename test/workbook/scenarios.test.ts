/** ScenarioBook over the in-memory workbook: what an edit, rename, freeze or Compare may and may not touch. */
import {
  RedundancyScenario,
  SCHEMA_VERSION,
  STORE_MARKER,
  STORE_SHEET,
  Scenario,
  parseStore,
  planScenario,
  recordCells,
} from "../../src/scenario";
import { functions } from "../../src/functions";
import { Workbook } from "exceljs";
import { EngineWorkbook } from "../../src/workbench/workbook";
import { exportXlsx } from "../../src/workbench/xlsx";
import { InfraFunction, signaturesOf } from "../../src/workbench/engine";
import { MemoryWorkbook, withoutSheet } from "../../src/workbook/memory";
import { ConflictError, WorkbookPort, addressesOf, footprint } from "../../src/workbook/port";
import {
  BANNER_CELL,
  FROZEN_BANNER,
  InvalidScenarioError,
  ScenarioBook,
  StoreLockedError,
  draftOf,
  duplicateNameProblem,
} from "../../src/workbook/scenarios";
import { loadMetadata } from "../metadata";
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
/** A store row that holds no record (records sit at rows their ids hash to). */
const blankRow = async (wb: MemoryWorkbook) => {
  const rows = (await wb.readStore())!;
  const i = rows.findIndex((r, n) => n > 0 && !r[0]);
  return i > 0 ? i + 1 : rows.length + 1;
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

  test("a tampered record naming another sheet is refused by update, freeze, restore and rename; delete drops only the record", async () => {
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
      () => book.rename(s.id, "Other"),
    ])
      await expect(act()).rejects.toThrow(/no longer holds this scenario/);
    await expect(book.remove(s.id)).resolves.toEqual({ sheet: "Budget", outcome: "kept" });
    expect([wb.value("Budget", "A1"), wb.value("Budget", "C40"), wb.sheet("Budget")!.name]).toEqual([
      "Q1",
      1e6,
      "Budget",
    ]);
    expect([await stored(wb), wb.sheet(s.sheet)?.name]).toEqual([[], s.sheet]);
  });

  test("a scenario whose sheet was replaced can be deleted: the record goes, the new sheet stays", async () => {
    const { wb, book } = setup();
    const s = await book.create(draftOf(redundancy()));
    await wb.renameSheet(s.sheet, "Old site");
    wb.addSheet(s.sheet);
    wb.setCell(s.sheet, "B5", "someone else's");
    await expect(book.update(s.id, draftOf(s))).rejects.toThrow(/no longer holds this scenario/);
    await expect(book.remove(s.id)).resolves.toEqual({ sheet: s.sheet, outcome: "kept" });
    expect([wb.value(s.sheet, "B5"), !!wb.sheet("Old site"), await stored(wb)]).toEqual(["someone else's", true, []]);
  });

  test("a record whose sheet is gone is deleted", async () => {
    const { wb, book } = setup();
    const s = await book.create(draftOf(redundancy()));
    await wb.deleteSheet(s.sheet);
    await expect(book.remove(s.id)).resolves.toEqual({ sheet: s.sheet, outcome: "missing" });
    expect(await stored(wb)).toEqual([]);
  });

  test("a damaged store holding one scenario twice: Delete clears both records and the sheet, nothing else", async () => {
    const { wb, book } = setup();
    const s = await book.create(draftOf(redundancy()));
    const other = await book.create({ ...draftOf(redundancy()), name: "Other" });
    await wb.writeStore([{ row: await blankRow(wb), cells: recordCells(s) }]);
    const damaged = await book.load();
    expect(damaged.status === "corrupt" && damaged.problems).toEqual([
      expect.stringMatching(/^Row \d+: a second record for one scenario\.$/),
    ]);
    await expect(book.freeze(s.id)).rejects.toBeInstanceOf(StoreLockedError);
    await expect(book.remove(s.id)).resolves.toEqual({ sheet: s.sheet, outcome: "deleted" });
    expect([(await stored(wb)).map((x) => x.id), wb.sheet(s.sheet), !!wb.sheet(other.sheet)]).toEqual([
      [other.id],
      undefined,
      true,
    ]);
  });

  test("two records naming one sheet: deleting the one that does not own it keeps the sheet and the other", async () => {
    const { wb, book } = setup();
    const s = await book.create(draftOf(redundancy()));
    const twin = { ...s, id: "twin1", name: "Twin" };
    await wb.writeStore([{ row: await blankRow(wb), cells: recordCells(twin) }]);
    expect((await stored(wb)).map((x) => x.id).sort()).toEqual([s.id, "twin1"].sort());
    await expect(book.remove("twin1")).resolves.toEqual({ sheet: s.sheet, outcome: "kept" });
    expect([(await stored(wb)).map((x) => x.id), wb.sheet(s.sheet)!.tables.has(`BP_${s.id}_inputs`)]).toEqual([
      [s.id],
      true,
    ]);
    await expect(book.remove(s.id)).resolves.toEqual({ sheet: s.sheet, outcome: "deleted" });
    expect(wb.sheet(s.sheet)).toBeUndefined();
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
    // A build-out record reads the same in every version (the migrations change the other kinds;
    // test/scenario/store.test.ts checks them), so the store's header and Compare are what is tested.
    const { wb, book } = setup();
    const s = await book.create(draftOf(buildout()));
    wb.sheet(STORE_SHEET)!.cells.clear();
    await wb.writeStore([
      { row: 1, cells: [STORE_MARKER, "1"] },
      { row: 2, cells: recordCells(s) },
    ]);
    await book.compare([s.id]);
    const state = parseStore(await wb.readStore());
    expect(state.status === "ok" && [state.version, state.entries[0].scenario]).toEqual([SCHEMA_VERSION, s]);
    expect(wb.formula("Compare", "B6")).toMatch(/out_mw_p50/);
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

/** The port methods a failing port can make fail (every operation of WorkbookPort). */
const PORT_METHODS = new Set([
  "readStore",
  "writeStore",
  "backupStore",
  "sheetNames",
  "writePlan",
  "hasTable",
  "readInputs",
  "setText",
  "setStyle",
  "freeze",
  "restore",
  "renameSheet",
  "deleteSheet",
  "activate",
]);

/** The in-memory workbook behind a port whose n-th call (counted from `failAt`) fails, as a lost connection would. */
function failing(wb: MemoryWorkbook) {
  const calls: string[] = [];
  let failAt = 0;
  const port = new Proxy(wb, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || !PORT_METHODS.has(String(prop))) return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        if (calls.length === failAt) return Promise.reject(new Error(`${String(prop)} failed`));
        return value.apply(target, args);
      };
    },
  }) as WorkbookPort;
  return {
    port,
    calls,
    /** Makes the n-th call from now fail (0: none fails). */
    failCall(n: number) {
      calls.length = 0;
      failAt = n;
    },
  };
}

/** What a user sees of the workbook: sheets in tab order, scenarios, and every cell's content and style. */
async function seen(wb: MemoryWorkbook) {
  return {
    sheets: wb.sheets.map((s) => s.name),
    scenarios: (await stored(wb)).map((s) => `${s.name} on ${s.sheet}${s.frozen ? " (frozen)" : ""}`).sort(),
    cells: wb.sheets
      .filter((s) => s.name !== STORE_SHEET)
      .map((s) => ({
        sheet: s.name,
        tables: s.tables.size,
        cells: [...s.cells]
          .filter(([, c]) => c.formula !== undefined || (c.value !== null && c.value !== ""))
          .map(([a, c]) => `${a}=${c.formula ?? c.value}|${c.style ?? ""}`)
          .sort(),
      })),
  };
}

describe("ScenarioBook recovers from failed workbook calls", () => {
  /** Two scenarios, A frozen and compared, and the book over a port that can fail. */
  async function world() {
    const { wb, book: plain } = setup();
    const a = await plain.create({ ...draftOf(redundancy()), name: "A" });
    const b = await plain.create({ ...draftOf(redundancy()), name: "B" });
    await plain.freeze(a.id);
    await plain.compare([a.id]);
    const f = failing(wb);
    return { wb, f, book: new ScenarioBook(f.port), a, b };
  }
  type World = Awaited<ReturnType<typeof world>>;
  const operations: [string, (w: World) => Promise<unknown>][] = [
    ["create", (w) => w.book.create({ ...draftOf(redundancy()), name: "New" })],
    ["update (frozen, renamed)", (w) => w.book.update(w.a.id, { ...draftOf(w.a), name: "A2" })],
    [
      "update",
      (w) => w.book.update(w.b.id, draftOf({ ...(w.b as RedundancyScenario), name: "B2", topologies: ["2N"] })),
    ],
    ["rename", (w) => w.book.rename(w.b.id, "Renamed")],
    ["duplicate", (w) => w.book.duplicate(w.b.id)],
    ["delete", (w) => w.book.remove(w.a.id)],
    ["freeze", (w) => w.book.freeze(w.b.id)],
    ["restore", (w) => w.book.restore(w.a.id)],
    ["compare", (w) => w.book.compare([w.a.id, w.b.id])],
  ];

  test.each(operations)("%s: whichever call fails, one Retry ends where an unfailed run ends", async (_, run) => {
    const clean = await world();
    clean.f.failCall(0);
    await run(clean);
    const expected = await seen(clean.wb);
    const count = clean.f.calls.length;
    for (let n = 1; n <= count; n++) {
      const w = await world();
      w.f.failCall(n);
      const first = await run(w).then(
        () => "done",
        (error: Error) => error.message,
      );
      w.f.failCall(0);
      if (first !== "done") {
        expect([n, first]).toEqual([n, expect.stringMatching(/ failed$/)]);
        await run(w);
      }
      expect({ failedCall: n, seen: await seen(w.wb) }).toEqual({ failedCall: n, seen: expected });
    }
  });
});

describe("scenario hygiene", () => {
  test("a name another scenario has (ignoring case) is refused on create, update and rename; duplicates get a free name", async () => {
    const { wb, book } = setup();
    const a = await book.create({ ...draftOf(redundancy()), name: "Site" });
    const b = await book.create({ ...draftOf(redundancy()), name: "Other" });
    const taken = /A scenario named "Site" exists already/;
    await expect(book.create({ ...draftOf(redundancy()), name: " SITE " })).rejects.toThrow(taken);
    await expect(book.update(b.id, { ...draftOf(b), name: "site" })).rejects.toThrow(taken);
    await expect(book.rename(b.id, "sItE")).rejects.toThrow(taken);
    expect((await stored(wb)).map((s) => s.name).sort()).toEqual(["Other", "Site"]);
    // A scenario may keep its own name or change its case.
    await expect(book.rename(a.id, "SITE")).resolves.toMatchObject({ name: "SITE" });
    const copies = [await book.duplicate(a.id), await book.duplicate(a.id)];
    expect(copies.map((c) => c.name)).toEqual(["Copy of SITE", "Copy of SITE (2)"]);
    expect(duplicateNameProblem("copy of site (2)", await stored(wb))).toMatch(/exists already/);
    expect(duplicateNameProblem("Copy of SITE (2)", copies, copies[1].id)).toBeUndefined();
  });

  test("the list is in the order of the sheets' tabs (creation order), whatever rows the store uses", async () => {
    const { wb, book } = setup();
    const made = [];
    for (const name of ["First", "Second", "Third"]) made.push(await book.create({ ...draftOf(redundancy()), name }));
    // Records in reverse rows, as hashed rows or a co-author may leave them.
    wb.sheet(STORE_SHEET)!.cells.clear();
    await wb.writeStore([
      { row: 1, cells: [STORE_MARKER, String(SCHEMA_VERSION)] },
      ...[...made].reverse().map((s, i) => ({ row: i + 2, cells: recordCells(s) })),
    ]);
    const names = async () => {
      const state = await book.load();
      return state.status === "ok" ? state.entries.map((e) => e.scenario.name) : state.status;
    };
    expect(await names()).toEqual(["First", "Second", "Third"]);
    expect((await wb.sheetNames()).filter((n) => n !== STORE_SHEET)).toEqual(["First", "Second", "Third"]);
    // A user moves the last tab to the front: the list follows; a scenario whose sheet is gone comes last.
    wb.sheets.unshift(...wb.sheets.splice(wb.sheets.indexOf(wb.sheet("Third")!), 1));
    await wb.deleteSheet("First");
    expect(await names()).toEqual(["Third", "Second", "First"]);
  });

  test("a frozen sheet shows the banner in its note cell and greys its inputs; Restore puts both back", async () => {
    const { wb, book } = setup();
    const s = await book.create(draftOf(buildout()));
    const note = wb.value(s.sheet, BANNER_CELL);
    const inputs = planScenario(s)
      .cells.filter((c) => c.style === "input")
      .map((c) => c.address);
    const styles = () => [...new Set(inputs.map((a) => wb.sheet(s.sheet)!.cells.get(a)?.style))];
    expect([typeof note, styles()]).toEqual(["string", ["input"]]);
    await book.freeze(s.id);
    expect([wb.value(s.sheet, BANNER_CELL), styles()]).toEqual([FROZEN_BANNER, ["frozen"]]);
    expect(FROZEN_BANNER).toMatch(/^Frozen values: formulas stored in the scenario/);
    // Editing a frozen scenario regenerates the sheet and freezes it again, banner included.
    await book.update(s.id, { ...draftOf(s), values: { ...s.values, trials: 2000 } });
    expect([wb.value(s.sheet, BANNER_CELL), styles()]).toEqual([FROZEN_BANNER, ["frozen"]]);
    await book.restore(s.id);
    expect([wb.value(s.sheet, BANNER_CELL), styles()]).toEqual([note, ["input"]]);
  });

  test("Compare after starting a new store moves the old Compare sheet aside and keeps its cells", async () => {
    const { wb, book } = setup();
    const s = await book.create(draftOf(redundancy()));
    await book.compare([s.id]);
    wb.setCell("Compare", "H20", "my comment");
    await wb.writeStore([{ row: await blankRow(wb), cells: ["x1", "{broken"] }]);
    await book.resetStore();
    const result = await book.compare([s.id]);
    expect(result).toEqual({ moved: "Compare (earlier)" });
    expect([wb.value("Compare (earlier)", "H20"), wb.value("Compare", "H20")]).toEqual(["my comment", null]);
    expect(wb.formula("Compare", "B5")).toMatch(/out_effective_mw/);
    // The new Compare is the pane's: comparing again rewrites it in place.
    await expect(book.compare([s.id])).resolves.toEqual({ moved: undefined });
    // A user's own sheet named "compare" is moved aside the same way, never written over.
    const { wb: other, book: fresh } = setup();
    const t = await fresh.create(draftOf(redundancy()));
    other.addSheet("compare");
    other.setCell("compare", "B5", 42);
    await expect(fresh.compare([t.id])).resolves.toEqual({ moved: "Compare (earlier)" });
    expect(other.value("Compare (earlier)", "B5")).toBe(42);
  });

  test("deleting a compared scenario turns its Compare column into #REF!, in memory and in the workbench engine", async () => {
    const { wb, book } = setup();
    const [a, b] = [
      await book.create({ ...draftOf(redundancy()), name: "Keep" }),
      await book.create({ ...draftOf(redundancy()), name: "Gone B" }),
    ];
    await book.compare([a.id, b.id]);
    await book.remove(b.id);
    expect([wb.formula("Compare", "B5"), wb.formula("Compare", "C5")]).toEqual(["='Keep'!out_effective_mw", "=#REF!"]);

    const engine = new EngineWorkbook(
      functions as unknown as Record<string, InfraFunction>,
      signaturesOf(await loadMetadata()),
    );
    const pane = new ScenarioBook(engine);
    const x = await pane.create({ ...draftOf(redundancy()), name: "Keep" });
    const y = await pane.create({ ...draftOf(redundancy()), name: "Gone B" });
    await pane.compare([x.id, y.id]);
    expect(typeof engine.value("Compare", "C5")).toBe("number");
    await pane.remove(y.id);
    expect([engine.value("Compare", "C5"), !!engine.errorAt("Compare", "C5")]).toEqual(["#REF!", true]);
    expect(typeof engine.value("Compare", "B5")).toBe("number");
    // The exported file carries the formula and Excel's #REF! error value.
    const file = new Workbook();
    await file.xlsx.load(await exportXlsx(engine));
    expect(file.getWorksheet("Compare")!.getCell("C5").value).toEqual({ formula: "#REF!", result: { error: "#REF!" } });
  });

  test("withoutSheet: references to the deleted sheet become #REF!, text and other sheets are kept", () => {
    expect(withoutSheet("='Gone B'!out_x+'gone b'!A1:B2*Other!A1", "Gone B")).toBe("=#REF!+#REF!*Other!A1");
    expect(withoutSheet("=SUM(Data!$A$1:$A$9,'Data'!B2)&\"Data!A1\"", "Data")).toBe('=SUM(#REF!,#REF!)&"Data!A1"');
    expect(withoutSheet("=MyData!A1+It's!A1", "Data")).toBe("=MyData!A1+It's!A1");
    expect(withoutSheet("='It''s'!A1", "It's")).toBe("=#REF!");
  });
});
