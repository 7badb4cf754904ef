/**
 * The workbook's scenarios: list, create, edit, duplicate, rename, delete, freeze and restore,
 * and the Compare sheet, over any workbook port. Every operation re-reads the store first (a
 * co-author may have changed it) and refuses to write while the store is corrupt, from a newer
 * version or oversized: only resetStore, which the pane calls after asking, changes such a store,
 * and it keeps the old one as a visible backup sheet. Nothing a user made is deleted except the
 * sheet of a scenario the user chose to delete.
 */
import { COMPARE_SHEET, compareFootprint, planCompare } from "../scenario/compare";
import { PlanCell } from "../scenario/plan";
import {
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
import { CellValue, FreezeError, StoreRow, WorkbookPort, areaOf, footprint, notOwned } from "./port";

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

  /** The store as it is now in the workbook. */
  async load(): Promise<StoreState> {
    return parseStore(await this.port.readStore());
  }

  /** The scenarios, or throws StoreLockedError; the header row's third cell keeps the Compare extent. */
  private async writable(): Promise<{
    entries: StoredScenario[];
    upgrade: boolean;
    rows: string[][];
    compare?: string;
  }> {
    const rows = await this.port.readStore();
    const state = parseStore(rows);
    if (state.status === "empty") return { entries: [], upgrade: true, rows: [] };
    if (state.status !== "ok") throw new StoreLockedError(state);
    const compare = rows?.[0]?.[2] || undefined;
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
    const id = newId(new Set(store.entries.map((e) => e.scenario.id)));
    const scenario = this.place(draft, id, sheetNameFor(draft.name, await this.reserved()));
    await this.port.writePlan(planScenario(scenario));
    // Write the record, read its row back, and move on if a co-author's record took it meanwhile.
    const tried: number[] = [];
    for (let current = store; ; current = await this.writable()) {
      const row = this.freeRow(current, id, tried);
      await this.save(current, [{ scenario, row }]);
      if ((await this.port.readStore())?.[row - 1]?.[0] === id) break;
      tried.push(row);
    }
    await this.port.activate(scenario.sheet);
    return scenario;
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
   * plan is written before the sheet is renamed, and the store is saved last. A frozen scenario is
   * frozen again; if its new values are not ready (an error or #BUSY!) it is saved unfrozen.
   */
  async update(id: string, draft: ScenarioDraft): Promise<Scenario> {
    const store = await this.writable();
    const { scenario: old, row } = this.entry(store, id);
    const sheet = await this.sheetFor(draft.name, old);
    const scenario = this.place(draft, id, sheet, false);
    await this.port.writePlan(planScenario({ ...scenario, sheet: old.sheet }), footprint(planScenario(old)));
    try {
      if (sheet !== old.sheet) await this.port.renameSheet(old.sheet, sheet);
    } catch (error) {
      await this.save(store, [{ scenario: { ...scenario, sheet: old.sheet }, row }]);
      throw error;
    }
    let saved = scenario;
    if (old.frozen)
      try {
        await this.port.freeze(sheet, infraCells(scenario).map(areaOf));
        saved = { ...scenario, frozen: true };
      } catch (error) {
        if (!(error instanceof FreezeError)) throw error;
      }
    await this.save(store, [{ scenario: saved, row }]);
    return saved;
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
    await this.guard(old);
    const sheet = await this.sheetFor(name, old);
    const edited = withInputs(old, await this.port.readInputs(old.sheet));
    const base = validateScenario(edited).ok ? edited : old;
    const renamed = this.place({ ...draftOf(base), name }, id, sheet, old.frozen);
    if (sheet !== old.sheet) await this.port.renameSheet(old.sheet, sheet);
    await this.port.setText(sheet, "A1", renamed.name);
    await this.save(store, [{ scenario: renamed, row }]);
    return renamed;
  }

  /** A copy of the scenario with the inputs as they are on its sheet now. */
  async duplicate(id: string): Promise<Scenario> {
    const scenario = await this.current(id);
    return this.create({ ...draftOf(scenario), name: `Copy of ${scenario.name}`.slice(0, MAX_NAME) });
  }

  /** Deletes the scenario's sheet and record (the pane asks first). */
  async remove(id: string): Promise<void> {
    const store = await this.writable();
    const { scenario, row } = this.entry(store, id);
    if ((await this.port.sheetNames()).some((n) => n.toLowerCase() === scenario.sheet.toLowerCase())) {
      await this.guard(scenario);
      await this.port.deleteSheet(scenario.sheet);
    }
    await this.save(store, [{ scenario: null, row }]);
  }

  /** Freeze for sharing: INFRA formulas become their values; the store keeps what regenerates them. */
  async freeze(id: string): Promise<Scenario> {
    const store = await this.writable();
    const { scenario, row } = this.entry(store, id);
    await this.guard(scenario);
    await this.port.freeze(scenario.sheet, infraCells(scenario).map(areaOf));
    const frozen = { ...scenario, frozen: true };
    await this.save(store, [{ scenario: frozen, row }]);
    return frozen;
  }

  /** Restore formulas: writes the INFRA formulas back from the stored scenario. */
  async restore(id: string): Promise<Scenario> {
    const store = await this.writable();
    const { scenario, row } = this.entry(store, id);
    await this.guard(scenario);
    await this.port.restore(scenario.sheet, infraCells(scenario));
    const live = { ...scenario, frozen: false };
    await this.save(store, [{ scenario: live, row }]);
    return live;
  }

  /** Writes the Compare sheet for the chosen scenarios. */
  async compare(ids: string[]): Promise<void> {
    const store = await this.writable();
    const chosen = ids.map((id) => this.entry(store, id).scenario);
    const plan = planCompare(chosen);
    const exists = (await this.port.sheetNames()).some((n) => n.toLowerCase() === COMPARE_SHEET.toLowerCase());
    if (exists && !store.compare)
      throw new InvalidScenarioError([
        `A sheet named "${COMPARE_SHEET}" that the pane did not make exists: rename it first.`,
      ]);
    await this.port.writePlan(plan, exists ? compareFootprint(store.compare!) : undefined);
    // The header keeps the Compare extent; an older store gets its header through save's migration.
    if (store.upgrade) await this.save({ ...store, compare: plan.extent }, []);
    else await this.port.writeStore([{ row: 1, cells: [...headerCells(), plan.extent] }]);
    await this.port.activate(COMPARE_SHEET);
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
  return { ...s, values, tasks };
}
