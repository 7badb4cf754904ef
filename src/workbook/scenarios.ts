/**
 * The workbook's scenarios: list, create, edit, duplicate, rename, delete, freeze and restore,
 * and the Compare sheet, over any workbook port. Every operation re-reads the store first (a
 * co-author may have changed it) and refuses to write while the store is corrupt, from a newer
 * version or oversized: only resetStore, which the pane calls after asking, changes such a store,
 * and it keeps the old one as a visible backup sheet. Nothing a user made is deleted except the
 * sheet of a scenario the user chose to delete. Scenario names are unique ignoring case, as sheet
 * names are. A workbook call that fails part way leaves the sheets as the store describes them (what
 * was written is undone, or the store records it), so the same operation can simply be tried again.
 */
import { NEVER } from "../model/buildout/risks";
import { COMPARE_SHEET, compareFootprint, planCompare } from "../scenario/compare";
import { PlanCell, cell, parseCell } from "../scenario/plan";
import {
  BuildoutRisk,
  BuildoutTask,
  MAX_NAME,
  MAX_SCENARIOS,
  SCHEMA_VERSION,
  Scenario,
  cleanText,
  sheetNameFor,
  validateScenario,
} from "../scenario/schema";
import { inputsTable, planScenario } from "../scenario/sheets";
import {
  MAX_STORE_ROWS,
  STORE_SHEET,
  StoreState,
  StoredScenario,
  headerCells,
  parseStore,
  recordCells,
} from "../scenario/store";
import { CellValue, ConflictError, FreezeError, StoreRow, WorkbookPort, areaOf, footprint, notOwned } from "./port";

type Distribute<T> = T extends Scenario ? Omit<T, "id" | "sheet" | "extent" | "frozen"> : never;
/** What the wizard produces: a scenario without its place in the workbook. */
export type ScenarioDraft = Distribute<Scenario>;

/** The store cannot be written without the user's consent (see StoreState). */
export class StoreLockedError extends Error {
  constructor(readonly state: StoreState) {
    super("The scenario store needs your attention before the pane can change it.");
    this.name = "StoreLockedError";
  }
}

/** A draft that does not validate; `errors` say why. */
export class InvalidScenarioError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join(" "));
    this.name = "InvalidScenarioError";
  }
}

/** Formula cells that need the add-in: what Freeze replaces by values. */
export const infraCells = (s: Scenario): PlanCell[] =>
  planScenario(s).cells.filter((c) => c.formula?.includes("INFRA."));

/** The banner a frozen sheet shows in place of its note (the plan's A2, below the title), until Restore. */
export const FROZEN_BANNER =
  "Frozen values: formulas stored in the scenario. The inputs no longer drive the outputs; " +
  "Restore formulas in the Balance Point pane brings them back.";
export const BANNER_CELL = "A2";

/**
 * The cells a user edits: greyed while the sheet is frozen, not locked. Excel's sheet protection
 * (Worksheet.protection, ExcelApi 1.2) locks every cell whose Locked format is set, which is all of
 * them by default, so it would also stop a colleague annotating the shared sheet; it makes every
 * later write by the pane (Restore, Update, Rename's title) fail until the sheet is unprotected;
 * without a password anyone removes it from the Review tab, and a password would have to be kept
 * in the workbook. The banner says what frozen means and grey inputs show which cells it concerns.
 */
const inputCells = (s: Scenario): string[] =>
  planScenario(s)
    .cells.filter((c) => c.style === "input")
    .map((c) => c.address);

/**
 * Why `name` cannot be given to a scenario: another one (not `self`) has it already, compared
 * ignoring case as Excel compares sheet names.
 */
export function duplicateNameProblem(
  name: string,
  scenarios: readonly Pick<Scenario, "id" | "name">[],
  self?: string,
): string | undefined {
  const wanted = cleanText(name, MAX_NAME).toLowerCase();
  const other = scenarios.find((s) => s.id !== self && s.name.toLowerCase() === wanted);
  return other && `A scenario named "${other.name}" exists already: choose another name.`;
}

/** What deleting a scenario did with its sheet. */
export type Removed =
  | { sheet: string; outcome: "deleted" }
  /** The sheet was gone already. */
  | { sheet: string; outcome: "missing" }
  /** The sheet no longer holds the scenario (renamed, replaced, or another record's): it is kept. */
  | { sheet: string; outcome: "kept" };

const newId = (taken: Set<string>): string => {
  for (;;) {
    const id =
      Math.random()
        .toString(36)
        .slice(2, 10)
        .replace(/[^a-z0-9]/g, "") || "s";
    if (!taken.has(id)) return id;
  }
};

export class ScenarioBook {
  constructor(private readonly port: WorkbookPort) {}

  /**
   * The store as it is now in the workbook, its scenarios in the order of their sheets' tabs (new
   * sheets are added last, so this is creation order until a user moves a tab); scenarios whose
   * sheet is gone come last, in store order.
   */
  async load(): Promise<StoreState> {
    const state = parseStore(await this.port.readStore());
    if (state.status !== "ok" && state.status !== "corrupt") return state;
    const tabs = (await this.port.sheetNames()).map((n) => n.toLowerCase());
    const position = (e: StoredScenario) => {
      const i = tabs.indexOf(e.scenario.sheet.toLowerCase());
      return i < 0 ? tabs.length : i;
    };
    return { ...state, entries: [...state.entries].sort((a, b) => position(a) - position(b) || a.row - b.row) };
  }

  /**
   * The scenarios, or throws StoreLockedError; the header row's third cell keeps the Compare extent.
   * With `damaged`, a corrupt store's readable scenarios too: only for deleting one, which clears
   * its rows and writes nothing else.
   */
  private async writable(damaged = false): Promise<{
    entries: StoredScenario[];
    upgrade: boolean;
    rows: string[][];
    compare?: string;
  }> {
    const rows = await this.port.readStore();
    const state = parseStore(rows);
    if (state.status === "empty") return { entries: [], upgrade: true, rows: [] };
    const compare = rows?.[0]?.[2] || undefined;
    if (state.status === "corrupt" && damaged)
      return { entries: state.entries, upgrade: false, rows: rows ?? [], compare };
    if (state.status !== "ok") throw new StoreLockedError(state);
    return { entries: state.entries, upgrade: state.version < SCHEMA_VERSION, rows: rows ?? [], compare };
  }

  /** Writes `changed` records; an empty or older store also gets its header (and older records migrated). */
  private async save(
    store: Awaited<ReturnType<ScenarioBook["writable"]>>,
    changed: { scenario: Scenario | null; row: number }[],
  ) {
    const rows: StoreRow[] = changed.map(({ scenario, row }) => ({
      row,
      cells: scenario ? recordCells(scenario) : [],
    }));
    if (store.upgrade) {
      rows.push({ row: 1, cells: [...headerCells(), store.compare ?? ""] });
      for (const e of store.entries)
        if (!changed.some((c) => c.row === e.row)) rows.push({ row: e.row, cells: recordCells(e.scenario) });
    }
    await this.port.writeStore(rows);
  }

  /** The validated scenario, checked to fit its store cell before anything is written. */
  private place(draft: ScenarioDraft, id: string, sheet: string, frozen = false): Scenario {
    const candidate = { ...draft, id, sheet, frozen, extent: "A1" };
    const checked = validateScenario(candidate);
    if (!checked.ok) throw new InvalidScenarioError(checked.errors);
    const scenario = { ...checked.value, extent: planScenario(checked.value).extent };
    recordCells(scenario);
    return scenario;
  }

  /** Refuses a name another scenario of the store has. */
  private unique(name: string, store: { entries: StoredScenario[] }, self?: string): void {
    const problem = duplicateNameProblem(
      name,
      store.entries.map((e) => e.scenario),
      self,
    );
    if (problem) throw new InvalidScenarioError([problem]);
  }

  /** Refuses unless the scenario's sheet still carries its own inputs table (see WorkbookPort.writePlan). */
  private async guard(s: Scenario): Promise<void> {
    const table = inputsTable(s.id);
    if (!(await this.port.hasTable(s.sheet, table))) throw new InvalidScenarioError([notOwned(s.sheet, table)]);
  }

  /**
   * A free store row for a new record: the id's hash picks a row in the store's span and the next
   * free one is taken, so two co-authors creating scenarios at once almost never pick the same row.
   */
  private freeRow(store: { entries: StoredScenario[]; rows: string[][] }, id: string, skip: number[] = []): number {
    const used = new Set([...store.entries.map((e) => e.row), ...skip]);
    const blankRow = (row: number) => (store.rows[row - 1] ?? []).every((c) => !c);
    let h = 0;
    for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % MAX_STORE_ROWS;
    for (let i = 0; i < MAX_STORE_ROWS; i++) {
      const row = 2 + ((h + i) % MAX_STORE_ROWS);
      if (!used.has(row) && blankRow(row)) return row;
    }
    throw new InvalidScenarioError(["The scenario store is full: delete a scenario first."]);
  }

  private async reserved(): Promise<string[]> {
    return [...(await this.port.sheetNames()), COMPARE_SHEET, STORE_SHEET];
  }

  async create(draft: ScenarioDraft): Promise<Scenario> {
    const store = await this.writable();
    if (store.entries.length >= MAX_SCENARIOS)
      throw new InvalidScenarioError([`A workbook holds at most ${MAX_SCENARIOS} scenarios.`]);
    this.unique(draft.name, store);
    const id = newId(new Set(store.entries.map((e) => e.scenario.id)));
    const scenario = this.place(draft, id, sheetNameFor(draft.name, await this.reserved()));
    await this.port.writePlan(planScenario(scenario));
    try {
      // Write the record, read its row back, and move on if a co-author's record took it meanwhile.
      const tried: number[] = [];
      for (let current = store; ; current = await this.writable()) {
        const row = this.freeRow(current, id, tried);
        await this.save(current, [{ scenario, row }]);
        if ((await this.port.readStore())?.[row - 1]?.[0] === id) break;
        tried.push(row);
      }
    } catch (error) {
      // The sheet was made a moment ago: without its record it goes, so trying again makes one scenario.
      const rows = await this.port.readStore().catch(() => undefined);
      if (!rows?.some((r) => r[0] === id)) {
        if (rows) await this.port.deleteSheet(scenario.sheet).catch(() => undefined);
        throw error;
      }
    }
    await this.show(scenario.sheet);
    return scenario;
  }

  /** Activates a sheet the pane has just written; a failure there does not undo what was written. */
  private async show(sheet: string): Promise<void> {
    await this.port.activate(sheet).catch(() => undefined);
  }

  private entry(store: { entries: StoredScenario[] }, id: string): StoredScenario {
    const e = store.entries.find((x) => x.scenario.id === id);
    if (!e)
      throw new InvalidScenarioError(["That scenario is no longer in the workbook (a co-author may have deleted it)."]);
    return e;
  }

  /**
   * Regenerates the sheet from `draft`: the cells the pane wrote before are replaced, every other
   * cell stays (see WorkbookPort.writePlan). The draft is validated before anything is written, the
   * plan is written before the sheet is renamed, and the store is saved last; if a later step fails,
   * the old name and block are put back. A frozen scenario is frozen again; if its new values are
   * not ready (an error or #BUSY!) it is saved unfrozen.
   */
  async update(id: string, draft: ScenarioDraft): Promise<Scenario> {
    const store = await this.writable();
    const { scenario: old, row } = this.entry(store, id);
    this.unique(draft.name, store, id);
    const sheet = await this.sheetFor(draft.name, old);
    const scenario = this.place(draft, id, sheet, false);
    const written = planScenario({ ...scenario, sheet: old.sheet });
    await this.port.writePlan(written, footprint(planScenario(old)));
    let renamed = false;
    try {
      if (sheet !== old.sheet) await this.port.renameSheet(old.sheet, sheet);
      renamed = sheet !== old.sheet;
      let saved = scenario;
      if (old.frozen)
        try {
          await this.freezeSheet(scenario);
          saved = { ...scenario, frozen: true };
        } catch (error) {
          if (!(error instanceof FreezeError)) throw error;
        }
      await this.save(store, [{ scenario: saved, row }]);
      return saved;
    } catch (error) {
      // Put the sheet back as the store still describes it, so the same update can be tried again.
      try {
        if (renamed) await this.port.renameSheet(sheet, old.sheet);
        await this.port.writePlan(planScenario(old), footprint(written));
        if (old.frozen) await this.freezeSheet(old);
      } catch {
        // The first failure is the one to report.
      }
      throw error;
    }
  }

  /** The sheet name for `name`: the scenario's own sheet while the name is unchanged. */
  private async sheetFor(name: string, old: Scenario): Promise<string> {
    if (cleanText(name, MAX_NAME) === old.name) return old.sheet;
    const others = (await this.reserved()).filter((n) => n.toLowerCase() !== old.sheet.toLowerCase());
    return sheetNameFor(name, others);
  }

  /**
   * The scenario with the inputs as they are on its sheet now (a user may have edited them there):
   * what Open shows in the wizard. Values that are not of the right type keep their stored value.
   */
  async current(id: string): Promise<Scenario> {
    const store = await this.writable();
    const { scenario } = this.entry(store, id);
    if (!(await this.port.hasTable(scenario.sheet, inputsTable(id)))) return scenario;
    return withInputs(scenario, await this.port.readInputs(scenario.sheet));
  }

  /**
   * Renames a scenario: its sheet and the title in A1, nothing else on the sheet changes (a frozen
   * scenario stays frozen). The store takes the sheet's current inputs when they validate.
   */
  async rename(id: string, name: string): Promise<Scenario> {
    const store = await this.writable();
    const { scenario: old, row } = this.entry(store, id);
    this.unique(name, store, id);
    await this.guard(old);
    const sheet = await this.sheetFor(name, old);
    const edited = withInputs(old, await this.port.readInputs(old.sheet));
    const base = validateScenario(edited).ok ? edited : old;
    const renamed = this.place({ ...draftOf(base), name }, id, sheet, old.frozen);
    if (sheet !== old.sheet) await this.port.renameSheet(old.sheet, sheet);
    try {
      await this.save(store, [{ scenario: renamed, row }]);
    } catch (error) {
      if (sheet !== old.sheet) await this.port.renameSheet(sheet, old.sheet).catch(() => undefined);
      throw error;
    }
    await this.port.setText(sheet, "A1", renamed.name);
    return renamed;
  }

  /**
   * A copy of the scenario with the inputs as they are on its sheet now, named "Copy of …" with
   * " (2)", " (3)"… added when that name is taken.
   */
  async duplicate(id: string): Promise<Scenario> {
    const scenario = await this.current(id);
    const others = (await this.writable()).entries.map((e) => e.scenario);
    const base = `Copy of ${scenario.name}`;
    let name = base.slice(0, MAX_NAME);
    for (let n = 2; duplicateNameProblem(name, others); n++)
      name = `${base.slice(0, MAX_NAME - ` (${n})`.length).trim()} (${n})`;
    return this.create({ ...draftOf(scenario), name });
  }

  /**
   * Deletes the scenario's record and, when it still holds the scenario, its sheet (the pane asks
   * first). A record whose sheet is gone, renamed, replaced or another record's is always
   * deletable: the record goes and such a sheet is left as it is. Deleting works in a damaged store
   * too, and clears every row recording the scenario (a damaged store may hold a second copy).
   */
  async remove(id: string): Promise<Removed> {
    const store = await this.writable(true);
    const { scenario, row } = this.entry(store, id);
    const { sheet } = scenario;
    let outcome: Removed["outcome"] = "deleted";
    if (await this.port.hasTable(sheet, inputsTable(id))) await this.port.deleteSheet(sheet);
    else if ((await this.port.sheetNames()).some((n) => n.toLowerCase() === sheet.toLowerCase())) outcome = "kept";
    else outcome = "missing";
    const copies = store.rows.flatMap((r, i) => (i > 0 && i + 1 !== row && r[0] === id ? [i + 1] : []));
    await this.save(
      store,
      [row, ...copies].map((r) => ({ scenario: null, row: r })),
    );
    return { sheet, outcome };
  }

  /** Replaces the INFRA formulas by their values, greys the inputs and shows the frozen banner. */
  private async freezeSheet(s: Scenario): Promise<void> {
    await this.port.freeze(s.sheet, infraCells(s).map(areaOf));
    await this.port.setStyle(s.sheet, inputCells(s), "frozen");
    await this.port.setText(s.sheet, BANNER_CELL, FROZEN_BANNER);
  }

  /** Freeze for sharing: INFRA formulas become their values; the store keeps what regenerates them. */
  async freeze(id: string): Promise<Scenario> {
    const store = await this.writable();
    const { scenario, row } = this.entry(store, id);
    await this.guard(scenario);
    await this.freezeSheet(scenario);
    const frozen = { ...scenario, frozen: true };
    await this.save(store, [{ scenario: frozen, row }]);
    return frozen;
  }

  /** Restore formulas: writes the INFRA formulas back from the stored scenario, the inputs' style and the note. */
  async restore(id: string): Promise<Scenario> {
    const store = await this.writable();
    const { scenario, row } = this.entry(store, id);
    await this.guard(scenario);
    await this.port.restore(scenario.sheet, infraCells(scenario));
    await this.port.setStyle(scenario.sheet, inputCells(scenario), "input");
    const note = planScenario(scenario).cells.find((c) => c.address === BANNER_CELL)?.text ?? "";
    await this.port.setText(scenario.sheet, BANNER_CELL, note);
    const live = { ...scenario, frozen: false };
    await this.save(store, [{ scenario: live, row }]);
    return live;
  }

  /**
   * Writes the Compare sheet, the summary of the chosen scenarios against the base (the first by
   * default; see planCompare). A sheet named Compare that the store does not know as the pane's (a
   * user's, or the pane's from before a new store was started) is renamed out of the way, never
   * overwritten; its new name is returned. A Compare sheet of an earlier version is the pane's and
   * is rewritten in place.
   */
  async compare(ids: string[], baseId: string | undefined = ids[0]): Promise<{ moved?: string }> {
    const store = await this.writable();
    const unique = [...new Set(ids)];
    if (unique.length === 0) throw new InvalidScenarioError(["Choose the scenarios to compare."]);
    if (!baseId || !unique.includes(baseId))
      throw new InvalidScenarioError(["The base scenario must be one of the scenarios compared."]);
    const chosen = unique.map((id) => this.entry(store, id).scenario);
    const plan = planCompare(chosen, baseId);
    const names = await this.port.sheetNames();
    const existing = names.find((n) => n.toLowerCase() === COMPARE_SHEET.toLowerCase());
    let previous: string | undefined;
    let moved: string | undefined;
    if (existing) {
      try {
        previous = store.compare && compareFootprint(store.compare);
      } catch {
        previous = undefined; // an extent no Compare plan has: the sheet is not treated as the pane's
      }
      if (!previous) {
        moved = sheetNameFor(`${COMPARE_SHEET} (earlier)`, names);
        await this.port.renameSheet(existing, moved);
      }
    }
    // The store claims the block before it is written (the union of old and new while both may be
    // on the sheet), so a failure part way never leaves pane cells that a retry would take for a user's.
    const claim = previous ? widerExtent(store.compare!, plan.extent) : plan.extent;
    if (claim !== store.compare) await this.claimCompare(store, claim);
    try {
      await this.port.writePlan(plan, previous);
    } catch (error) {
      // A conflict wrote nothing: the claim goes back to the old block, or a retry would clear the
      // user's cells that the new block would have covered.
      if (error instanceof ConflictError && previous && claim !== store.compare)
        await this.claimCompare(store, store.compare!).catch(() => undefined);
      throw error;
    }
    if (claim !== plan.extent) await this.claimCompare(store, plan.extent);
    await this.show(COMPARE_SHEET);
    return { moved };
  }

  /** Records the Compare block's extent in the header; an older store gets its header through save's migration. */
  private async claimCompare(store: Awaited<ReturnType<ScenarioBook["writable"]>>, extent: string): Promise<void> {
    if (store.upgrade) await this.save({ ...store, compare: extent }, []);
    else await this.port.writeStore([{ row: 1, cells: [...headerCells(), extent] }]);
  }

  /**
   * After the user agreed: keeps the unusable store as a visible backup sheet and starts a new one
   * holding the records of a damaged store that still validate.
   */
  async resetStore(): Promise<string> {
    const state = await this.load();
    const backup = await this.port.backupStore();
    if (state.status === "corrupt" && state.entries.length)
      await this.port.writeStore([
        { row: 1, cells: headerCells() },
        ...state.entries.map((e, i) => ({ row: i + 2, cells: recordCells(e.scenario) })),
      ]);
    return backup;
  }
}

/** The bottom-right corner of the block two Compare extents (blocks from A1) cover together. */
export function widerExtent(a: string, b: string): string {
  const [p, q] = [parseCell(a), parseCell(b)];
  return cell(Math.max(p.row, q.row), Math.max(p.col, q.col));
}

/** The wizard's view of a stored scenario. */
export function draftOf(s: Scenario): ScenarioDraft {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { id, sheet, extent, frozen, ...draft } = s;
  return draft as ScenarioDraft;
}

/** The scenario with its sheet's input cells (by in_* name) in place of the stored values. */
export function withInputs(s: Scenario, inputs: Record<string, CellValue[][]>): Scenario {
  const at = (name: string): CellValue => inputs[name]?.[0]?.[0] ?? null;
  const num = (v: CellValue, old: number) => (typeof v === "number" && Number.isFinite(v) ? v : old);
  const text = (v: CellValue, old: string) => (typeof v === "string" && v.trim() ? v.trim() : old);
  const values = Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, num(at(`in_${k}`), v)]));
  if (s.kind === "redundancy")
    return { ...s, values, topologies: s.topologies.map((t, i) => text(at(`in_topology_${i + 1}`), t)) };
  if (s.kind === "fleet") return { ...s, values, chip: text(at("in_chip"), s.chip) };
  const rows = inputs.in_tasks ?? [];
  const tasks = s.tasks.map((t, i) => {
    const [name, predecessors, min, likely, max, distribution, mw, group] = rows[i] ?? [];
    return {
      ...t,
      name: text(name, t.name),
      predecessors: typeof predecessors === "string" ? predecessors : t.predecessors,
      min: num(min, t.min),
      likely: num(likely, t.likely),
      max: num(max, t.max),
      distribution: text(distribution, t.distribution) as BuildoutTask["distribution"],
      mw: num(mw, t.mw),
      group: typeof group === "string" ? group : t.group,
    };
  });
  return { ...s, values, tasks, risks: risksOf(inputs.in_risks, s.risks) };
}

/**
 * The risk events as the sheet's risk table now holds them: each row with a task, in order (blank
 * rows dropped, so clearing a row deletes its event). A delay reads as a number or "never"; other
 * text, like a probability that is not a number, reads as NaN, which validation refuses. Without
 * the table, the old events.
 */
function risksOf(rows: CellValue[][] | undefined, old: BuildoutRisk[]): BuildoutRisk[] {
  if (!rows) return old;
  const text = (v: CellValue) => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");
  return rows
    .filter(([task]) => text(task ?? null) !== "")
    .map(([task, probability, delay, source]) => ({
      task: text(task ?? null),
      probability: typeof probability === "number" ? probability : NaN,
      delay: typeof delay === "number" ? delay : text(delay ?? null).toLowerCase() === NEVER ? NEVER : NaN,
      source: text(source ?? null),
    }));
}
