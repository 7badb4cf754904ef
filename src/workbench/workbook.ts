/**
 * The workbench's workbook: the in-memory workbook port (src/workbook/memory.ts), recalculated by
 * the INFRA engine (./engine.ts) after every change, as Excel recalculates: a cell's formula
 * stays in the model and its value comes from the engine; spilled values fill the cells beside
 * their formula and are cleared when the spill shrinks. Listeners hear about every change.
 */
import { PlanCell, SheetPlan, cellsOf, cell } from "../scenario/plan";
import { MemorySheet, MemoryWorkbook } from "../workbook/memory";
import { CellValue, StoreRow } from "../workbook/port";
import { CellFault, InfraFunction, Signatures, engineMemory, evaluate } from "./engine";

export class EngineWorkbook extends MemoryWorkbook {
  private readonly spilled = new WeakMap<MemorySheet, Set<string>>();
  private readonly errors = new WeakMap<MemorySheet, Map<string, CellFault>>();
  private readonly spills = new WeakMap<MemorySheet, Map<string, [number, number]>>();
  private readonly listeners = new Set<() => void>();
  /** Results and spill sizes of the last recalculation, which the next one reuses. */
  private readonly memory = engineMemory();
  /** Sheets a file had hidden (not very hidden): the model has no such state, the file keeps it. */
  readonly hidden = new WeakSet<MemorySheet>();
  /** The sheet the workbook shows (Excel's active sheet). */
  active: string | undefined;
  /** Counts changes: what the page re-renders on. */
  lastChange = 0;
  /** Milliseconds the last recalculation took. */
  lastRecalcMs = 0;
  /** Counts replacements of the whole workbook (an imported file): the pane reloads on it. */
  generation = 0;

  constructor(
    private readonly table: Record<string, InfraFunction>,
    private readonly signatures: Signatures,
  ) {
    super(() => null);
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

  /** Evaluates every formula again and writes the values into the cells. */
  recalculate() {
    const started = performance.now();
    const sources = this.sheets.map((s) => {
      const own = this.spilled.get(s);
      const cells = new Map(
        [...s.cells].filter(([a, c]) => !own?.has(a) && (c.formula !== undefined || c.value !== null)),
      );
      return { name: s.name, cells, names: s.names };
    });
    const result = evaluate(sources, this.table, this.signatures, this.memory);
    this.sheets.forEach((s, i) => {
      const values = result.get(s.name)!;
      const own = this.spilled.get(s) ?? new Set<string>();
      for (const a of own) if (!values.has(a)) s.cells.get(a)!.value = null;
      own.clear();
      const errors = new Map<string, CellFault>();
      const spills = new Map<string, [number, number]>();
      for (const [a, v] of values) {
        if (v.error) errors.set(a, v.error);
        if (v.spill) spills.set(a, v.spill);
        const c = s.cells.get(a);
        if (c?.formula !== undefined) c.value = v.value;
        else if (!sources[i].cells.has(a)) {
          s.cells.set(a, { ...c, value: v.value });
          own.add(a);
        }
      }
      this.spilled.set(s, own);
      this.errors.set(s, errors);
      this.spills.set(s, spills);
    });
    this.lastRecalcMs = performance.now() - started;
    this.changed();
  }

  /** Replaces every sheet (an imported file), shows `active` and recalculates; all or nothing. */
  replace(sheets: MemorySheet[], active?: string) {
    const before = { sheets: this.sheets.splice(0, this.sheets.length, ...sheets), active: this.active };
    this.active = active;
    this.generation++;
    try {
      this.recalculate();
    } catch (e) {
      this.sheets.splice(0, this.sheets.length, ...before.sheets);
      this.active = before.active;
      this.recalculate();
      throw e;
    }
  }

  private changed() {
    this.lastChange++;
    for (const l of this.listeners) l();
  }

  setCell(sheet: string, address: string, input: CellValue) {
    const s = this.sheet(sheet);
    s && this.spilled.get(s)?.delete(address);
    super.setCell(sheet, address, input);
    this.recalculate();
  }

  async writePlan(plan: SheetPlan, previousExtent?: string): Promise<void> {
    const s = this.sheet(plan.sheet);
    // Spilled values are the engine's, not the user's: they never block a regenerated block.
    const own = s && this.spilled.get(s);
    for (const a of own ?? []) s!.cells.get(a)!.value = null;
    own?.clear();
    try {
      await super.writePlan(plan, previousExtent);
    } finally {
      this.recalculate();
    }
  }

  async writeStore(rows: StoreRow[]): Promise<void> {
    await super.writeStore(rows);
    this.changed();
  }

  async freeze(sheet: string, ranges: string[]): Promise<void> {
    const s = this.sheet(sheet);
    const own = s && this.spilled.get(s);
    for (const r of ranges) for (const p of cellsOf(r).flat()) own?.delete(cell(p.row, p.col));
    await super.freeze(sheet, ranges);
    this.recalculate();
  }

  async restore(sheet: string, cells: PlanCell[]): Promise<void> {
    await super.restore(sheet, cells);
    this.recalculate();
  }

  async renameSheet(from: string, to: string): Promise<void> {
    await super.renameSheet(from, to);
    if (this.active?.toLowerCase() === from.toLowerCase()) this.active = to;
    this.recalculate();
  }

  async deleteSheet(name: string): Promise<void> {
    await super.deleteSheet(name);
    if (this.active?.toLowerCase() === name.toLowerCase()) this.active = undefined;
    this.recalculate();
  }

  async backupStore(): Promise<string> {
    const name = await super.backupStore();
    this.changed();
    return name;
  }

  async activate(name: string): Promise<void> {
    await super.activate(name);
    this.active = this.sheet(name)!.name;
    this.changed();
  }
}
