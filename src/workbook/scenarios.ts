/**
 * The workbook's scenarios: list, create, edit, duplicate, rename, delete, freeze and restore,
 * and the Compare sheet, over any workbook port. Every operation re-reads the store first (a
 * co-author may have changed it) and refuses to write while the store is corrupt, from a newer
 * version or oversized: only resetStore, which the pane calls after asking, changes such a store,
 * and it keeps the old one as a visible backup sheet. Nothing a user made is deleted except the
 * sheet of a scenario the user chose to delete.
 */
import { COMPARE_SHEET, planCompare } from "../scenario/compare";
import { PlanCell } from "../scenario/plan";
import {
  MAX_NAME,
  MAX_SCENARIOS,
  SCHEMA_VERSION,
  Scenario,
  cleanText,
  sheetNameFor,
  validateScenario,
} from "../scenario/schema";
import { planScenario } from "../scenario/sheets";
import { STORE_SHEET, StoreState, StoredScenario, headerCells, parseStore, recordCells } from "../scenario/store";
import { StoreRow, WorkbookPort, areaOf } from "./port";

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
    rowCount: number;
    compare?: string;
  }> {
    const rows = await this.port.readStore();
    const state = parseStore(rows);
    if (state.status === "empty") return { entries: [], upgrade: true, rowCount: 1 };
    if (state.status !== "ok") throw new StoreLockedError(state);
    const compare = rows?.[0]?.[2] || undefined;
    return { entries: state.entries, upgrade: state.version < SCHEMA_VERSION, rowCount: state.rowCount, compare };
  }

  /** Writes `changed` records; an empty or older store also gets its header (and older records migrated). */
  private async save(
    store: Awaited<ReturnType<ScenarioBook["writable"]>>,
    changed: { scenario: Scenario | null; row?: number }[],
  ) {
    const rows: StoreRow[] = [];
    let next = store.rowCount + 1;
    const used = new Set(store.entries.map((e) => e.row));
    for (const c of changed) {
      const row = c.row ?? next++;
      used.add(row);
      rows.push({ row, cells: c.scenario ? recordCells(c.scenario) : [] });
    }
    if (store.upgrade) {
      rows.push({ row: 1, cells: [...headerCells(), store.compare ?? ""] });
      for (const e of store.entries)
        if (!changed.some((c) => c.row === e.row)) rows.push({ row: e.row, cells: recordCells(e.scenario) });
    }
    await this.port.writeStore(rows);
  }

  private async place(draft: ScenarioDraft, id: string, sheet: string, frozen = false): Promise<Scenario> {
    const candidate = { ...draft, id, sheet, frozen, extent: "A1" };
    const checked = validateScenario(candidate);
    if (!checked.ok) throw new InvalidScenarioError(checked.errors);
    return { ...checked.value, extent: planScenario(checked.value).extent };
  }

  private async reserved(): Promise<string[]> {
    return [...(await this.port.sheetNames()), COMPARE_SHEET, STORE_SHEET];
  }

  async create(draft: ScenarioDraft): Promise<Scenario> {
    const store = await this.writable();
    if (store.entries.length >= MAX_SCENARIOS)
      throw new InvalidScenarioError([`A workbook holds at most ${MAX_SCENARIOS} scenarios.`]);
    const id = newId(new Set(store.entries.map((e) => e.scenario.id)));
    const scenario = await this.place(draft, id, sheetNameFor(draft.name, await this.reserved()));
    await this.port.writePlan(planScenario(scenario));
    await this.save(store, [{ scenario }]);
    await this.port.activate(scenario.sheet);
    return scenario;
  }

  private entry(store: { entries: StoredScenario[] }, id: string): StoredScenario {
    const e = store.entries.find((x) => x.scenario.id === id);
    if (!e)
      throw new InvalidScenarioError(["That scenario is no longer in the workbook (a co-author may have deleted it)."]);
    return e;
  }

  /** Regenerates the sheet from `draft` (the user's cells beside the block stay; see WorkbookPort.writePlan). */
  async update(id: string, draft: ScenarioDraft): Promise<Scenario> {
    const store = await this.writable();
    const { scenario: old, row } = this.entry(store, id);
    let sheet = old.sheet;
    if (cleanText(draft.name, MAX_NAME) !== old.name) {
      sheet = sheetNameFor(
        draft.name,
        (await this.reserved()).filter((n) => n.toLowerCase() !== old.sheet.toLowerCase()),
      );
      if (sheet !== old.sheet) await this.port.renameSheet(old.sheet, sheet);
    }
    const scenario = await this.place(draft, id, sheet, false);
    await this.port.writePlan(planScenario(scenario), old.extent);
    await this.save(store, [{ scenario, row }]);
    return scenario;
  }

  /** Renames a scenario and its sheet; a frozen scenario stays frozen. */
  async rename(id: string, name: string): Promise<Scenario> {
    const store = await this.writable();
    const { scenario: old } = this.entry(store, id);
    const renamed = await this.update(id, { ...draftOf(old), name });
    return old.frozen ? this.freeze(renamed.id) : renamed;
  }

  async duplicate(id: string): Promise<Scenario> {
    const store = await this.writable();
    const { scenario } = this.entry(store, id);
    return this.create({ ...draftOf(scenario), name: `Copy of ${scenario.name}`.slice(0, MAX_NAME) });
  }

  /** Deletes the scenario's sheet and record (the pane asks first). */
  async remove(id: string): Promise<void> {
    const store = await this.writable();
    const { scenario, row } = this.entry(store, id);
    if ((await this.port.sheetNames()).some((n) => n.toLowerCase() === scenario.sheet.toLowerCase()))
      await this.port.deleteSheet(scenario.sheet);
    await this.save(store, [{ scenario: null, row }]);
  }

  /** Freeze for sharing: INFRA formulas become their values; the store keeps what regenerates them. */
  async freeze(id: string): Promise<Scenario> {
    const store = await this.writable();
    const { scenario, row } = this.entry(store, id);
    await this.port.freeze(scenario.sheet, infraCells(scenario).map(areaOf));
    const frozen = { ...scenario, frozen: true };
    await this.save(store, [{ scenario: frozen, row }]);
    return frozen;
  }

  /** Restore formulas: writes the INFRA formulas back from the stored scenario. */
  async restore(id: string): Promise<Scenario> {
    const store = await this.writable();
    const { scenario, row } = this.entry(store, id);
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
    await this.port.writePlan(plan, exists ? store.compare : undefined);
    await this.port.writeStore([{ row: 1, cells: [...headerCells(), plan.extent] }]);
    await this.port.activate(COMPARE_SHEET);
  }

  /** After the user agreed: keeps the unusable store as a visible backup sheet and starts a new one. */
  async resetStore(): Promise<string> {
    return this.port.backupStore();
  }
}

/** The wizard's view of a stored scenario. */
export function draftOf(s: Scenario): ScenarioDraft {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { id, sheet, extent, frozen, ...draft } = s;
  return draft as ScenarioDraft;
}
