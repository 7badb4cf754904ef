/**
 * The workbench's workbook: the in-memory workbook port (src/workbook/memory.ts) with the INFRA
 * engine (./engine.ts) computing its formulas as Excel does: a cell's formula stays in the model and
 * its value comes from the engine; spilled values fill the cells beside their formula and are
 * cleared when the spill shrinks. Only what an edit changes is computed and written again.
 *
 * Undo and redo, as in Excel: a cell edit is one step (its cell before and after); a pane action
 * (every port operation it makes within one turn of the event loop: writePlan, writeStore, freeze,
 * restore, setText, renameSheet, deleteSheet, backupStore) is one step, and so is an import; those
 * keep a copy of the workbook's cells from before (no spilled values, no computed state) and
 * rebuild the engine when undone or redone. At most MAX_UNDO steps are kept; a new change clears
 * the redo steps. Switching sheets is not a step.
 */
import { PlanCell, SheetPlan, Style, cellsOf, cell } from "../scenario/plan";
import { MemoryCell, MemorySheet, MemoryWorkbook } from "../workbook/memory";
import { CellValue, StoreRow } from "../workbook/port";
import { CellChange, CellFault, Engine, InfraFunction, Signatures, SourceSheet, UsedRange } from "./engine";

/** Undo steps kept. */
export const MAX_UNDO = 100;

/** The workbook's content, as an undo step keeps it. */
interface Snapshot {
  sheets: MemorySheet[];
  hidden: string[];
  active: string | undefined;
}

type Change =
  | { kind: "cell"; sheet: string; address: string; before?: MemoryCell; after?: MemoryCell }
  | { kind: "book"; before: Snapshot; after?: Snapshot };
type Step = Change & { id: number };

const copyCell = (c: MemoryCell | undefined): MemoryCell | undefined => c && { ...c };

/** A sheet whose cells, names, tables, charts and colour scales are its own. */
const copySheet = (s: MemorySheet, cells = s.cells): MemorySheet => ({
  ...s,
  cells: new Map([...cells].map(([a, c]) => [a, { ...c }])),
  names: new Map(s.names),
  tables: new Map(s.tables),
  charts: s.charts.map((c) => ({ ...c, series: c.series.map((x) => ({ ...x })) })),
  ...(s.colorScales ? { colorScales: [...s.colorScales] } : {}),
});

export class EngineWorkbook extends MemoryWorkbook {
  private readonly spilled = new WeakMap<MemorySheet, Set<string>>();
  private readonly errors = new WeakMap<MemorySheet, Map<string, CellFault>>();
  private readonly spills = new WeakMap<MemorySheet, Map<string, [number, number]>>();
  private readonly listeners = new Set<() => void>();
  private readonly engine: Engine;
  private readonly undoSteps: Step[] = [];
  private readonly redoSteps: Step[] = [];
  private steps = 0;
  /** The pane action being recorded (its port operations form one undo step). */
  private action: Step | undefined;
  /** Sheets a file had hidden (not very hidden): the model has no such state, the file keeps it. */
  readonly hidden = new WeakSet<MemorySheet>();
  /** The sheet the workbook shows (Excel's active sheet). */
  active: string | undefined;
  /** Counts changes: what the page re-renders on. */
  lastChange = 0;
  /** Milliseconds the last recalculation took. */
  lastRecalcMs = 0;
  /** Counts replacements of the whole workbook (an import, an undone or redone pane action): the pane reloads on it. */
  generation = 0;

  constructor(table: Record<string, InfraFunction>, signatures: Signatures) {
    super(() => null);
    this.engine = new Engine(table, signatures, () => this.sources());
  }

  private sources(): SourceSheet[] {
    return this.sheets.map((s) => ({ name: s.name, cells: s.cells, names: s.names, spilled: this.spilled.get(s) }));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the cell holds an error value (its code is the value), with the message if any. */
  errorAt(sheet: string, address: string): CellFault | undefined {
    const s = this.sheet(sheet);
    return s ? this.errors.get(s)?.get(address) : undefined;
  }

  /** The size, [width, height], of the result a formula spills from this cell, if it spills. */
  spillAt(sheet: string, address: string): [number, number] | undefined {
    const s = this.sheet(sheet);
    return s ? this.spills.get(s)?.get(address) : undefined;
  }

  /** Whether a cell's value was spilled by a formula beside it. */
  isSpilled(sheet: string, address: string): boolean {
    const s = this.sheet(sheet);
    return !!s && !!this.spilled.get(s)?.has(address);
  }

  /**
   * The highest row and column holding a constant, a formula or a spilled value (0 when none),
   * without scanning; it grows with edits and shrinks only when the engine is rebuilt.
   */
  usedRange(sheet: string): UsedRange {
    return this.engine.usedRange(this.sheet(sheet)?.name ?? sheet);
  }

  /** Writes the engine's changed values into the cells, spilled ones included. */
  private apply(changes: CellChange[]) {
    const state = new Map<string, [MemorySheet, Set<string>, Map<string, CellFault>, Map<string, [number, number]>]>();
    const stateOf = (name: string) => {
      const s = this.sheet(name);
      if (!s) return undefined;
      const own = this.spilled.get(s) ?? this.spilled.set(s, new Set()).get(s)!;
      const errors = this.errors.get(s) ?? this.errors.set(s, new Map()).get(s)!;
      const spills = this.spills.get(s) ?? this.spills.set(s, new Map()).get(s)!;
      state.set(name, [s, own, errors, spills]);
      return state.get(name);
    };
    for (const { sheet, address, cell: v } of changes) {
      const found = state.get(sheet) ?? stateOf(sheet);
      if (!found) continue;
      const [s, own, errors, spills] = found;
      if (v.error && v.value !== null) errors.set(address, v.error);
      else errors.delete(address);
      const c = s.cells.get(address);
      if (c?.formula !== undefined) {
        c.value = v.value;
        if (v.spill) spills.set(address, v.spill);
        else spills.delete(address);
        continue;
      }
      spills.delete(address);
      const source = c !== undefined && !own.has(address) && c.value !== null;
      if (source) continue;
      if (v.value === null) {
        own.delete(address);
        if (c && (c.format !== undefined || c.style !== undefined)) c.value = null;
        else s.cells.delete(address);
      } else {
        s.cells.set(address, { ...c, value: v.value });
        own.add(address);
      }
    }
  }

  /** Runs an engine update, writes what it changed and tells the listeners. */
  private update(run: () => CellChange[]) {
    const started = performance.now();
    try {
      this.apply(run());
    } finally {
      this.lastRecalcMs = performance.now() - started;
      this.changed();
    }
  }

  /** Brings every cell up to date with the model (after the cells were changed directly). */
  recalculate() {
    this.update(() => this.engine.sync());
  }

  /** Builds the engine afresh from the model (nothing spilled is kept). */
  private reload() {
    for (const s of this.sheets) {
      for (const a of this.spilled.get(s) ?? []) s.cells.delete(a);
      this.spilled.delete(s);
      this.errors.delete(s);
      this.spills.delete(s);
    }
    this.update(() => this.engine.load());
  }

  private changed() {
    this.lastChange++;
    for (const l of this.listeners) l();
  }

  /** A copy of the workbook's content: cells without spilled values, names, tables, charts, colour scales. */
  private snapshot(): Snapshot {
    return {
      sheets: this.sheets.map((s) => {
        const own = this.spilled.get(s);
        const cells = new Map<string, MemoryCell>();
        for (const [a, c] of s.cells) {
          if (!own?.has(a)) cells.set(a, c);
          else if (c.format !== undefined || c.style !== undefined) cells.set(a, { ...c, value: null });
        }
        return copySheet(s, cells);
      }),
      hidden: this.sheets.filter((s) => this.hidden.has(s)).map((s) => s.name),
      active: this.active,
    };
  }

  /** Makes the workbook `snapshot` (a copy of it, so the snapshot stays as it was). */
  private restoreSnapshot(snapshot: Snapshot) {
    this.sheets.splice(0, this.sheets.length, ...snapshot.sheets.map((s) => copySheet(s)));
    for (const s of this.sheets) if (snapshot.hidden.includes(s.name)) this.hidden.add(s);
    this.active = snapshot.active;
    this.generation++;
    this.reload();
  }

  private record(change: Change): Step {
    const step = { ...change, id: ++this.steps };
    this.undoSteps.push(step);
    if (this.undoSteps.length > MAX_UNDO) this.undoSteps.shift();
    this.redoSteps.length = 0;
    return step;
  }

  /** Runs a port operation as part of the current pane action (one undo step), then brings the engine up to date. */
  private async act<T>(operation: () => Promise<T>): Promise<T> {
    if (!this.action) {
      this.action = this.record({ kind: "book", before: this.snapshot() });
      // The pane's operations for one action follow each other without waiting on anything else.
      setTimeout(() => (this.action = undefined), 0);
    }
    try {
      return await operation();
    } finally {
      this.recalculate();
    }
  }

  /** Which step Ctrl+Z would undo now (0: none); an import's control offers Undo import while it is the import's. */
  get nextUndo(): number {
    return this.undoSteps[this.undoSteps.length - 1]?.id ?? 0;
  }

  get canUndo(): boolean {
    return this.undoSteps.length > 0;
  }

  get canRedo(): boolean {
    return this.redoSteps.length > 0;
  }

  /** Undoes the last step; false when there is none. */
  undo(): boolean {
    const step = this.undoSteps.pop();
    if (!step) return false;
    this.action = undefined;
    if (step.kind === "cell") this.put(step.sheet, step.address, step.before);
    else {
      step.after = this.snapshot();
      this.restoreSnapshot(step.before);
    }
    this.redoSteps.push(step);
    return true;
  }

  /** Redoes the last undone step; false when there is none. */
  redo(): boolean {
    const step = this.redoSteps.pop();
    if (!step) return false;
    this.action = undefined;
    if (step.kind === "cell") this.put(step.sheet, step.address, step.after);
    else this.restoreSnapshot(step.after!);
    this.undoSteps.push(step);
    return true;
  }

  /** Makes one cell exactly `content` (undefined: empty) and recalculates what depends on it. */
  private put(sheet: string, address: string, content: MemoryCell | undefined) {
    const s = this.sheet(sheet);
    if (!s) return;
    this.spilled.get(s)?.delete(address);
    if (content) s.cells.set(address, { ...content });
    else s.cells.delete(address);
    this.update(() => this.engine.sync(s.name, [address]));
  }

  /** Replaces every sheet (an imported file), shows `active` and recalculates; all or nothing, and one undo step. */
  replace(sheets: MemorySheet[], active?: string) {
    const before = this.snapshot();
    const previous = { sheets: this.sheets.splice(0, this.sheets.length, ...sheets), active: this.active };
    this.active = active;
    this.generation++;
    try {
      this.reload();
    } catch (e) {
      this.sheets.splice(0, this.sheets.length, ...previous.sheets);
      this.active = previous.active;
      this.reload();
      throw e;
    }
    this.action = undefined;
    this.record({ kind: "book", before });
  }

  /**
   * Sets a cell as a user types it (a formula when the text starts with "="; null or "" clears
   * it), keeping its number format and style; `format` gives it a number format instead. One undo step.
   */
  setCell(sheet: string, address: string, input: CellValue, format?: string) {
    const s = this.sheet(sheet);
    if (!s) throw new Error(`There is no sheet "${sheet}".`);
    const old = this.spilled.get(s)?.has(address) ? undefined : s.cells.get(address);
    const kept = format ?? s.cells.get(address)?.format;
    const style = s.cells.get(address)?.style;
    const look = { ...(kept !== undefined ? { format: kept } : {}), ...(style !== undefined ? { style } : {}) };
    const next: MemoryCell | undefined =
      typeof input === "string" && input.startsWith("=")
        ? { value: null, formula: input, ...look }
        : input !== null && input !== ""
          ? { value: input, ...look }
          : Object.keys(look).length
            ? { value: null, ...look }
            : undefined;
    this.action = undefined;
    this.record({ kind: "cell", sheet: s.name, address, before: copyCell(old), after: copyCell(next) });
    this.put(s.name, address, next);
  }

  async writePlan(plan: SheetPlan, previousExtent?: string): Promise<void> {
    await this.act(async () => {
      const s = this.sheet(plan.sheet);
      // Spilled values are the engine's, not the user's: they never block a regenerated block.
      const own = s && this.spilled.get(s);
      const held = new Map([...(own ?? [])].map((a) => [a, s!.cells.get(a)!]));
      for (const a of held.keys()) s!.cells.delete(a);
      own?.clear();
      try {
        await super.writePlan(plan, previousExtent);
      } finally {
        for (const [a, c] of held)
          if (!s!.cells.has(a)) {
            s!.cells.set(a, c);
            own!.add(a);
          }
      }
    });
    // A formula written again as it was is nothing new to the engine, so no changed value comes back
    // for it (an Update, a Compare run again): its cell shows the engine's value.
    const s = this.sheet(plan.sheet)!;
    const unchanged = plan.cells.filter((c) => c.formula !== undefined && s.cells.get(c.address)?.value === null);
    if (unchanged.length)
      this.update(() =>
        unchanged.map((c) => ({ sheet: s.name, address: c.address, cell: this.engine.value(s.name, c.address) })),
      );
  }

  async writeStore(rows: StoreRow[]): Promise<void> {
    await this.act(() => super.writeStore(rows));
  }

  async setText(sheet: string, address: string, text: string): Promise<void> {
    await this.act(async () => {
      const s = this.sheet(sheet);
      s && this.spilled.get(s)?.delete(address);
      await super.setText(sheet, address, text);
    });
  }

  async setStyle(sheet: string, areas: string[], style: Style): Promise<void> {
    await this.act(() => super.setStyle(sheet, areas, style));
  }

  async freeze(sheet: string, ranges: string[]): Promise<void> {
    await this.act(async () => {
      const s = this.sheet(sheet);
      await super.freeze(sheet, ranges);
      // The frozen values are the user's now, spilled ones included.
      const own = s && this.spilled.get(s);
      for (const r of ranges) for (const p of cellsOf(r).flat()) own?.delete(cell(p.row, p.col));
    });
  }

  async restore(sheet: string, cells: PlanCell[]): Promise<void> {
    await this.act(() => super.restore(sheet, cells));
  }

  async renameSheet(from: string, to: string): Promise<void> {
    await this.act(async () => {
      await super.renameSheet(from, to);
      if (this.active?.toLowerCase() === from.toLowerCase()) this.active = to;
    });
  }

  async deleteSheet(name: string): Promise<void> {
    await this.act(async () => {
      await super.deleteSheet(name);
      if (this.active?.toLowerCase() === name.toLowerCase()) this.active = undefined;
    });
  }

  async backupStore(): Promise<string> {
    return this.act(() => super.backupStore());
  }

  async activate(name: string): Promise<void> {
    await super.activate(name);
    this.active = this.sheet(name)!.name;
    this.changed();
  }
}
