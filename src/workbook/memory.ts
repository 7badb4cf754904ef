/**
 * An in-memory workbook behind the workbook port: worksheets of cells (value, formula, number
 * format), worksheet-scoped names, tables with workbook-unique names, input validation rules,
 * charts, colour scales, column widths and visibility. It has no calculation engine of its own: a formula's value comes from the
 * `calculate` callback given to the constructor (the browser workbench plugs a real one in; tests a deterministic one).
 */
import {
  ChartSpec,
  NUMBER_FORMATS,
  SheetPlan,
  PlanCell,
  Style,
  Validation,
  cell,
  cellsOf,
  parseCell,
  quoteSheet,
  validationProblem,
} from "../scenario/plan";
import { STORE_SHEET } from "../scenario/store";
import {
  CellValue,
  ConflictError,
  FreezeError,
  StoreRow,
  WorkbookPort,
  addressesOf,
  areaOf,
  footprint,
  isErrorValue,
  isGeneratedName,
  isGeneratedObject,
  notOwned,
} from "./port";

export interface MemoryCell {
  value: CellValue;
  formula?: string;
  format?: string;
  style?: PlanCell["style"];
}

export interface MemorySheet {
  name: string;
  visibility: "visible" | "veryHidden";
  cells: Map<string, MemoryCell>;
  names: Map<string, string>;
  tables: Map<string, string>;
  /** What the generated input cells accept (Excel's data validation); absent on a sheet without any. */
  validations?: Validation[];
  charts: ChartSpec[];
  /** Ranges shaded by a three-colour scale (SheetPlan.colorScales); absent on a sheet without any. */
  colorScales?: string[];
  /**
   * Column widths in characters (SheetPlan.columns) by 1-based column; a column not in it has the
   * default width. Replaced as a whole, never changed in place, so copies of the sheet may share it.
   */
  columns?: ReadonlyMap<number, number>;
}

export type Calculate = (formula: string, sheet: string) => CellValue | CellValue[][];

/**
 * `formula` with each reference to the sheet `name` (quoted or bare, a cell, range or name on it)
 * replaced by #REF!, outside string literals. Excel keeps what followed the sheet (#REF!A1); the
 * bare error literal is what both Excel and HyperFormula read back as #REF!.
 */
export function withoutSheet(formula: string, name: string): string {
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const bare = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `|(?<![A-Za-z0-9_.'])${escape(name)}` : "";
  const reference = `(?:${escape(quoteSheet(name))}${bare})![A-Za-z0-9_.$]+(?::[A-Za-z0-9_.$]+)?`;
  return formula.replace(new RegExp(`("(?:[^"]|"")*")|${reference}`, "gi"), (_, text) => text ?? "#REF!");
}

const blank = (c: MemoryCell | undefined) => !c || (c.formula === undefined && (c.value === null || c.value === ""));

export class MemoryWorkbook implements WorkbookPort {
  readonly sheets: MemorySheet[] = [];
  /** Calls made, by operation: what the tests of the pane assert on. */
  readonly calls: string[] = [];

  constructor(private readonly calculate: Calculate = () => null) {}

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  private require(name: string): MemorySheet {
    const s = this.sheet(name);
    if (!s) throw new Error(`There is no sheet "${name}".`);
    return s;
  }

  addSheet(name: string, visibility: MemorySheet["visibility"] = "visible"): MemorySheet {
    if (this.sheet(name)) throw new Error(`A sheet "${name}" exists already.`);
    const s: MemorySheet = { name, visibility, cells: new Map(), names: new Map(), tables: new Map(), charts: [] };
    this.sheets.push(s);
    return s;
  }

  /**
   * Sets a cell as a user would (a value, or a formula when the text starts with "="). As in Excel
   * the cell keeps its number format and style; `format` gives it a number format instead.
   */
  setCell(sheet: string, address: string, input: CellValue, format?: string) {
    const s = this.require(sheet);
    const old = s.cells.get(address);
    const kept = format ?? old?.format;
    if (typeof input === "string" && input.startsWith("=")) this.setFormula(s, address, input, kept);
    else s.cells.set(address, kept === undefined ? { value: input } : { value: input, format: kept });
    if (old?.style) s.cells.get(address)!.style = old.style;
  }

  /**
   * Why the rule on a cell refuses `content` (what an edit would store there: a number, a text, a
   * formula as text, or null to clear it), with the rule's message; undefined when the cell has no
   * rule or accepts it. Excel refuses such an edit with the same message.
   */
  validationProblem(sheet: string, address: string, content: CellValue): string | undefined {
    const { row, col } = parseCell(address);
    const rule = this.sheet(sheet)?.validations?.find((v) =>
      cellsOf(v.address).some((line) => line.some((p) => p.row === row && p.col === col)),
    );
    return rule && validationProblem(rule, content);
  }

  /** The value shown in a cell (null when empty). */
  value(sheet: string, address: string): CellValue {
    return this.require(sheet).cells.get(address)?.value ?? null;
  }

  formula(sheet: string, address: string): string | undefined {
    return this.require(sheet).cells.get(address)?.formula;
  }

  private setFormula(s: MemorySheet, address: string, formula: string, format?: string) {
    const result = this.calculate(formula, s.name);
    if (Array.isArray(result)) {
      const { row, col } = parseCell(address);
      result.forEach((line, r) =>
        line.forEach((v, c) => {
          if (r || c) s.cells.set(cell(row + r, col + c), { ...s.cells.get(cell(row + r, col + c)), value: v });
        }),
      );
      s.cells.set(address, { value: result[0]?.[0] ?? null, formula, format });
    } else s.cells.set(address, { value: result, formula, format });
  }

  async readStore(): Promise<string[][] | null> {
    this.calls.push("readStore");
    const s = this.sheet(STORE_SHEET);
    if (!s) return null;
    let last = 0;
    for (const key of s.cells.keys()) last = Math.max(last, parseCell(key).row);
    return cellsOf(`A1:C${Math.max(last, 1)}`).map((line) =>
      line.map(({ row, col }) => {
        const v = s.cells.get(cell(row, col))?.value;
        return v === null || v === undefined ? "" : String(v);
      }),
    );
  }

  async writeStore(rows: StoreRow[]): Promise<void> {
    this.calls.push("writeStore");
    const s = this.sheet(STORE_SHEET) ?? this.addSheet(STORE_SHEET, "veryHidden");
    for (const { row, cells } of rows) {
      for (let col = 1; col <= Math.max(3, cells.length); col++) {
        const v = cells[col - 1];
        if (v === undefined || v === "") s.cells.delete(cell(row, col));
        else s.cells.set(cell(row, col), { value: v });
      }
    }
  }

  async backupStore(): Promise<string> {
    this.calls.push("backupStore");
    const s = this.require(STORE_SHEET);
    let n = 1;
    while (this.sheet(`BP store backup ${n}`)) n++;
    s.name = `BP store backup ${n}`;
    s.visibility = "visible";
    return s.name;
  }

  async sheetNames(): Promise<string[]> {
    return this.sheets.map((s) => s.name);
  }

  async writePlan(plan: SheetPlan, previous?: string): Promise<void> {
    this.calls.push(`writePlan:${plan.sheet}`);
    const existing = this.sheet(plan.sheet);
    if (previous === undefined && existing) throw new Error(`A sheet "${plan.sheet}" exists already.`);
    if (previous !== undefined && !existing) throw new Error(`There is no sheet "${plan.sheet}".`);
    if (previous !== undefined && plan.tables.length && !existing!.tables.has(plan.tables[0].name))
      throw new Error(notOwned(plan.sheet, plan.tables[0].name));
    const s = existing ?? this.addSheet(plan.sheet);
    const old = addressesOf(previous ?? "");
    const conflicts = [...addressesOf(footprint(plan))].filter((a) => !old.has(a) && !blank(s.cells.get(a)));
    if (conflicts.length) throw new ConflictError(plan.sheet, conflicts);
    for (const a of old) s.cells.delete(a);
    // As Excel clears conditional formats from the cells the pane wrote: a scale on any of them goes.
    const kept = (s.colorScales ?? []).filter(
      (r) => !cellsOf(r).some((line) => line.some((p) => old.has(cell(p.row, p.col)))),
    );
    const scales = [...kept, ...(plan.colorScales ?? [])];
    if (scales.length) s.colorScales = scales;
    else delete s.colorScales;
    for (const t of [...s.tables.keys()]) if (isGeneratedObject(t)) s.tables.delete(t);
    for (const n of [...s.names.keys()]) if (isGeneratedName(n)) s.names.delete(n);
    s.charts = s.charts.filter((c) => !isGeneratedObject(c.name));
    for (const t of plan.tables) {
      if (this.sheets.some((x) => x.tables.has(t.name))) throw new Error(`A table "${t.name}" exists already.`);
      s.tables.set(t.name, t.address);
    }
    for (const n of plan.names) s.names.set(n.name, n.address);
    for (const c of plan.cells) {
      if (c.formula !== undefined) this.setFormula(s, c.address, c.formula);
      else s.cells.set(c.address, { value: c.text ?? c.number ?? null });
      s.cells.get(c.address)!.style = c.style;
    }
    for (const f of plan.formats)
      for (const p of cellsOf(f.address).flat()) {
        const a = cell(p.row, p.col);
        s.cells.set(a, { value: null, ...s.cells.get(a), format: NUMBER_FORMATS[f.format] });
      }
    s.validations = plan.validations.map((v) => ({ ...v, ...(v.list ? { list: [...v.list] } : {}) }));
    s.charts.push(...plan.charts.map((c) => ({ ...c, series: c.series.map((x) => ({ ...x })) })));
    if (plan.columns) s.columns = new Map(plan.columns.map((c) => [c.col, c.width]));
  }

  async hasTable(sheet: string, table: string): Promise<boolean> {
    return !!this.sheet(sheet)?.tables.has(table);
  }

  async readInputs(sheet: string): Promise<Record<string, CellValue[][]>> {
    const s = this.require(sheet);
    return Object.fromEntries(
      [...s.names]
        .filter(([n]) => n.startsWith("in_"))
        .map(([n, address]) => [
          n,
          cellsOf(address).map((line) => line.map((p) => s.cells.get(cell(p.row, p.col))?.value ?? null)),
        ]),
    );
  }

  async setText(sheet: string, address: string, text: string): Promise<void> {
    this.calls.push(`setText:${sheet}`);
    const s = this.require(sheet);
    const old = s.cells.get(address);
    s.cells.set(address, { value: text, format: old?.format, style: old?.style });
  }

  async freeze(sheet: string, ranges: string[]): Promise<void> {
    this.calls.push(`freeze:${sheet}`);
    const s = this.require(sheet);
    if (
      ranges.some((r) =>
        cellsOf(r)
          .flat()
          .some((p) => isErrorValue(s.cells.get(cell(p.row, p.col))?.value)),
      )
    )
      throw new FreezeError(sheet);
    for (const r of ranges)
      for (const p of cellsOf(r).flat()) {
        const c = s.cells.get(cell(p.row, p.col));
        if (c) delete c.formula;
      }
  }

  async restore(sheet: string, cells: PlanCell[]): Promise<void> {
    this.calls.push(`restore:${sheet}`);
    const s = this.require(sheet);
    for (const c of cells) {
      for (const p of cellsOf(areaOf(c)).flat()) {
        const a = cell(p.row, p.col);
        const old = s.cells.get(a);
        s.cells.set(a, { value: null, format: old?.format, style: old?.style });
      }
      const { format, style } = s.cells.get(c.address) ?? {};
      this.setFormula(s, c.address, c.formula ?? "", format);
      s.cells.get(c.address)!.style = style;
    }
  }

  async renameSheet(from: string, to: string): Promise<void> {
    this.calls.push(`renameSheet:${from}`);
    if (this.sheet(to) && to.toLowerCase() !== from.toLowerCase()) throw new Error(`A sheet "${to}" exists already.`);
    this.require(from).name = to;
    // Excel rewrites references to a renamed sheet; so does this emulation.
    for (const s of this.sheets)
      for (const c of s.cells.values())
        if (c.formula) c.formula = c.formula.split(`${quoteSheet(from)}!`).join(`${quoteSheet(to)}!`);
  }

  async deleteSheet(name: string): Promise<void> {
    this.calls.push(`deleteSheet:${name}`);
    const s = this.require(name);
    this.sheets.splice(this.sheets.indexOf(s), 1);
    // Excel turns references to a deleted sheet into #REF!; so does this emulation.
    for (const other of this.sheets)
      for (const [address, c] of other.cells) {
        const formula = c.formula && withoutSheet(c.formula, s.name);
        if (!formula || formula === c.formula) continue;
        this.setFormula(other, address, formula, c.format);
        other.cells.get(address)!.style = c.style;
      }
  }

  async setStyle(sheet: string, areas: string[], style: Style): Promise<void> {
    this.calls.push(`setStyle:${sheet}`);
    const s = this.require(sheet);
    for (const area of areas)
      for (const p of cellsOf(area).flat()) {
        const a = cell(p.row, p.col);
        s.cells.set(a, { value: null, ...s.cells.get(a), style });
      }
  }

  async activate(name: string): Promise<void> {
    this.calls.push(`activate:${name}`);
    this.require(name);
  }
}
