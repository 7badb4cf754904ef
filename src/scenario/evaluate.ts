/**
 * The scenario model: a scenario's outputs as functions of its inputs, computed from its own sheet
 * plan (the formulas its sheet holds) without a workbook. Each formula is parsed and compiled once
 * into closures; an evaluation computes only the cells the output depends on (the branch an IF
 * takes, the spill a reference reads), each once, and calls the INFRA functions directly as Excel
 * calls them. So what-if analyses run the same in Excel and the workbench and never write a cell.
 *
 * Excel semantics kept: an error propagates (the first in argument order); IF evaluates only the
 * branch it takes; MAX, MIN and SUM skip text, logical values and blanks in references; ROUND is
 * half away from zero; a reference to a blank cell is 0 in arithmetic, blank to ISBLANK and null
 * to an INFRA function; a result that is not a finite number is #NUM!; x/0 is #DIV/0!; a block
 * of cells where an operator or IF wants one value is #VALUE! (Excel would spill). The
 * arithmetic follows the workbench's engine (plain IEEE 754, no "smart rounding"), the reference
 * the tests compare with.
 *
 * INFRA calls follow the workbench's convention (src/workbench/engine.ts): a range arrives as a
 * 2-D array (a blank cell as ""), a cell as its value (a blank one as null), an omitted argument
 * as null; an error argument is the result without a call; a thrown error with a `code` becomes
 * that Excel error with its message. A spilled formula fills its planned area; a reference into
 * the area reads the array (blank beyond it). A range argument is passed as an array whatever the
 * parameter: the plans pass ranges (in_topologies, in_tasks, in_risks) only to range parameters.
 *
 * Speed: references are resolved to slots when compiling; requireInputs' ISBLANK guard is one loop
 * over its cells; and a compiled function (ScenarioModel.compile) computes the formulas that read
 * none of its varying inputs once and keeps them, so a loop pays only for what it varies.
 * An INDEX outside its range is #REF! as in Excel (the workbench's engine gives #NUM!).
 */
import { functions } from "../functions";
import { Format, NumberField, field } from "./fields";
import { CellRef, Node, parseFormula, printFormula } from "./formula";
import { SheetPlan, cell, column, parseCell, quoteSheet } from "./plan";
import { Scenario } from "./schema";
import { planScenario } from "./sheets";

export interface ModelInput {
  /** A field key ("pue") for in_<key>; for build-out: "task_<n>" (n = 1-based task row). */
  key: string;
  /** The field's label; build-out: `Task "<name>": likely duration`. */
  label: string;
  unit: string;
  format: Format;
  /** The scenario's current value. */
  value: number;
  min: number;
  max: number;
  minExclusive?: boolean;
  integer?: boolean;
  /** The sourced field, when the input is one. */
  field?: NumberField;
}

export interface ModelOutput {
  /** The output's name on the sheet ("out_value_per_year"). */
  name: string;
  label: string;
  unit: string;
  format: Format;
}

export type Outcome = { value: number } | { error: string; message: string };

export interface ScenarioModel {
  readonly scenario: Scenario;
  /** Numeric inputs only (not the chip, topologies, trials or seed). */
  readonly inputs: readonly ModelInput[];
  /** The out_* outputs that are one number. */
  readonly outputs: readonly ModelOutput[];
  /**
   * The output with some inputs (by key) set to other values; the rest keep the scenario's
   * values. NaN stands for a blank input cell.
   */
  evaluate(output: string, values?: Readonly<Record<string, number>>): Outcome;
  /** Fast path for loops: x[i] is the value of varying[i]; NaN when the result is an error or not a number. */
  compile(output: string, varying: readonly string[]): (x: ArrayLike<number>) => number;
  /**
   * One Excel formula (starting "=") computing `output` on another sheet of the same workbook:
   * the inputs in `cells` (key → a cell reference such as "$B7") read from those cells, other
   * inputs from the scenario sheet's names ('Sheet name'!in_pue), out_* names inlined, and each
   * cell of a spill read as INDEX(<the spill's formula>, row, column). Undefined when the output
   * cannot be written so: build-out task inputs (they live in the task table), or a formula
   * longer than Excel's 8,192 characters.
   */
  formula(output: string, cells: Readonly<Record<string, string>>): string | undefined;
}

/** An Excel error value: its code and, when known, a message. */
class Fault {
  constructor(
    readonly code: string,
    readonly message = "",
  ) {}
}

/** A cell's content: a number, text, a logical value, or null for a blank cell. */
type Scalar = number | string | boolean | null;

/** A block of values: a range reference, or an array a function returned (0-based, row by row). */
interface Area {
  readonly rows: number;
  readonly cols: number;
  at(row: number, col: number): Scalar | Fault;
}

type Value = Scalar | Fault | Area;

/** Per-evaluation state: the constant cells' values (inputs set) and the formula cells computed in this generation. */
interface State {
  values: Scalar[];
  memo: Value[];
  /** The generation each formula was last computed in; KEPT for a formula whose value is kept. */
  stamp: Uint32Array;
  gen: number;
  /** 1 for a formula that reads none of the cells a compiled function varies: computed once, then kept. */
  kept: Uint8Array;
}

/** The stamp of a formula computed once for all generations. */
const KEPT = 0xffffffff;

type Fn = (st: State) => Value;

const isFault = (v: unknown): v is Fault => v instanceof Fault;
const isArea = (v: Value): v is Area => typeof v === "object" && v !== null && !(v instanceof Fault);

/** Excel's limit on a formula's length (characters). */
export const MAX_FORMULA = 8192;

/** Messages for errors that carry none (a literal #VALUE!, a division by zero). */
const PLAIN_MESSAGES: Record<string, string> = {
  "#VALUE!": "An input it needs is blank or of the wrong type.",
  "#DIV/0!": "It divides by zero.",
  "#NUM!": "The result is not a finite number.",
  "#N/A": "A value it needs is not available.",
  "#REF!": "It refers to a cell that does not exist.",
  "#NAME?": "It uses a name that does not exist.",
};

const notFinite = () => new Fault("#NUM!", PLAIN_MESSAGES["#NUM!"]);
/** x itself when finite (x − x is 0 only for finite numbers), else #NUM!. */
const finite = (x: number): number | Fault => (x - x === 0 ? x : notFinite());

/** An array a function returned, read as Excel reads a spill: non-finite numbers #NUM!, missing values blank. */
function gridArea(grid: unknown[][]): Area {
  return {
    rows: grid.length,
    cols: grid.length ? grid[0].length : 0,
    at(r, c) {
      const x = grid[r]?.[c];
      if (typeof x === "number") return finite(x);
      if (x === null || x === undefined) return null;
      if (typeof x === "string" || typeof x === "boolean" || isFault(x)) return x;
      return new Fault("#VALUE!", "A function returned a value that is not a number, text or logical value.");
    },
  };
}

/** The top-left value of a value (a cell's own value when it holds an array). */
const scalarOf = (v: Value): Scalar | Fault => (isArea(v) ? (v.rows && v.cols ? v.at(0, 0) : null) : v);

/**
 * A value where an operator or a function wants one value: a block of more than one cell is
 * #VALUE! (Excel would spill one result per cell; one cell cannot show them), never its top-left.
 */
const single = (v: Value): Scalar | Fault =>
  isArea(v) && v.rows * v.cols > 1
    ? new Fault("#VALUE!", `A block of ${v.rows} × ${v.cols} cells is used where one value belongs.`)
    : scalarOf(v);

/** A value as a number for arithmetic: blank is 0, TRUE is 1, numeric text its number, other text #VALUE!. */
function toNumber(v: Value): number | Fault {
  const s = single(v);
  if (typeof s === "number") return s;
  if (s === null) return 0;
  if (typeof s === "boolean") return s ? 1 : 0;
  if (isFault(s)) return s;
  const t = s.trim();
  const n = t === "" ? 0 : Number(t);
  return Number.isFinite(n) ? n : new Fault("#VALUE!", `"${s.slice(0, 24)}" is text, not a number.`);
}

/** A value as a condition: numbers are TRUE unless 0, "TRUE"/"FALSE" text is read, other text #VALUE!. */
function toBoolean(v: Value): boolean | Fault {
  const s = single(v);
  if (typeof s === "boolean") return s;
  if (typeof s === "number") return s !== 0;
  if (s === null) return false;
  if (isFault(s)) return s;
  const t = s.toUpperCase();
  if (t === "TRUE" || t === "FALSE") return t === "TRUE";
  return new Fault("#VALUE!", `"${s.slice(0, 24)}" is not TRUE or FALSE.`);
}

/** Arithmetic on any two values: operands read as numbers (errors first, left to right), x/0 #DIV/0!, a non-finite result #NUM!. */
function arithmetic(left: Value, right: Value, op: "+" | "-" | "*" | "/" | "^"): number | Fault {
  const a = toNumber(left);
  if (isFault(a)) return a;
  const b = toNumber(right);
  if (isFault(b)) return b;
  if (op === "/" && b === 0) return new Fault("#DIV/0!", PLAIN_MESSAGES["#DIV/0!"]);
  const r = op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : op === "/" ? a / b : Math.pow(a, b);
  return finite(r);
}

/** Excel's comparison: numbers < text < logical values; text ignores case; blank is 0, "" or FALSE. */
function compare(a: Scalar, b: Scalar): number {
  const rank = (x: Scalar) => (typeof x === "number" ? 0 : typeof x === "string" ? 1 : 2);
  if (a === null) a = typeof b === "string" ? "" : typeof b === "boolean" ? false : 0;
  if (b === null) b = typeof a === "string" ? "" : typeof a === "boolean" ? false : 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "string") {
    const [x, y] = [a.toLowerCase(), (b as string).toLowerCase()];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const [x, y] = [Number(a), Number(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Excel's general text of a number or value, for & (approximate for very large or small numbers). */
const textOf = (s: Scalar): string => (s === null ? "" : typeof s === "boolean" ? (s ? "TRUE" : "FALSE") : String(s));

/** ROUND, ROUNDUP, ROUNDDOWN: the workbench engine's arithmetic (the reference), places truncated as Excel does. */
function rounder(mode: (x: number) => number): (x: number, places: number) => number {
  return (x, places) => {
    const m = Math.pow(10, Math.trunc(places));
    return x < 0 ? -mode(-x * m) / m : mode(x * m) / m;
  };
}

/** A cell's place in the compiled sheet. */
type Slot =
  | { kind: "constant"; index: number; name?: string }
  | {
      kind: "formula";
      index: number;
      node: Node;
      fn?: Fn;
      spill?: { rows: number; cols: number };
    }
  | { kind: "spilled"; anchor: number; dr: number; dc: number };

/** A cell's key in the slot map (columns run 1 to 16,384). */
const keyOf = (row: number, col: number) => row * 16_385 + col;

/** The compiled sheet of a plan: every cell's slot and every formula as closures, built once. */
class CompiledSheet {
  readonly slots = new Map<number, Slot>();
  readonly constants: Scalar[] = [];
  readonly formulas: Extract<Slot, { kind: "formula" }>[] = [];
  /** Worksheet names by lower case: the name as written and its range's corners. */
  readonly names = new Map<string, { name: string; from: CellRef; to: CellRef }>();

  constructor(readonly plan: SheetPlan) {
    for (const c of plan.cells) {
      const { row, col } = parseCell(c.address);
      if (c.formula !== undefined) {
        let node: Node;
        try {
          node = parseFormula(c.formula);
        } catch (e) {
          throw new Error(`${plan.sheet}!${c.address}: ${e instanceof Error ? e.message : String(e)}`);
        }
        const slot = { kind: "formula" as const, index: this.formulas.length, node, spill: c.spill };
        this.formulas.push(slot);
        this.slots.set(keyOf(row, col), slot);
        if (c.spill)
          for (let dr = 0; dr < c.spill.rows; dr++)
            for (let dc = 0; dc < c.spill.cols; dc++)
              if (dr || dc) this.slots.set(keyOf(row + dr, col + dc), { kind: "spilled", anchor: slot.index, dr, dc });
      } else {
        const value = c.number ?? c.text ?? null;
        this.slots.set(keyOf(row, col), { kind: "constant", index: this.constants.length });
        this.constants.push(value);
      }
    }
    for (const { name, address } of plan.names) {
      const [a, b = a] = address.split(":");
      const ref = (x: string): CellRef => ({ ...parseCell(x), rowAbsolute: true, colAbsolute: true });
      this.names.set(name.toLowerCase(), { name, from: ref(a), to: ref(b) });
      const slot = a === b ? this.slots.get(keyOf(ref(a).row, ref(a).col)) : undefined;
      if (slot?.kind === "constant") slot.name = name;
    }
    for (const f of this.formulas) f.fn = this.compile(f.node, f);
  }

  /** A fresh state with the scenario's values. */
  state(): State {
    const n = this.formulas.length;
    return {
      values: [...this.constants],
      memo: new Array(n),
      stamp: new Uint32Array(n),
      gen: 1,
      kept: new Uint8Array(n),
    };
  }

  private readSets?: Set<number>[];

  /** The input cells (constant slots) each formula reads, directly or through other formulas. */
  private reads(): Set<number>[] {
    if (this.readSets) return this.readSets;
    const sets: (Set<number> | undefined)[] = [];
    const visit = (index: number): Set<number> => {
      const known = sets[index];
      if (known) return known;
      const found = new Set<number>();
      sets[index] = found;
      const cells = (from: CellRef, to: CellRef) => {
        for (let row = Math.min(from.row, to.row); row <= Math.max(from.row, to.row); row++)
          for (let col = Math.min(from.col, to.col); col <= Math.max(from.col, to.col); col++) {
            const slot = this.slots.get(keyOf(row, col));
            if (slot?.kind === "constant") found.add(slot.index);
            else if (slot) for (const i of visit(slot.kind === "formula" ? slot.index : slot.anchor)) found.add(i);
          }
      };
      const walk = (n: Node | undefined): void => {
        if (!n) return;
        if (n.type === "cell") cells(n.ref, n.ref);
        else if (n.type === "range") cells(n.from, n.to);
        else if (n.type === "name") {
          const ref = this.names.get(n.name.toLowerCase());
          if (ref) cells(ref.from, ref.to);
        } else if (n.type === "unary") walk(n.operand);
        else if (n.type === "binary") (walk(n.left), walk(n.right));
        else if (n.type === "paren") walk(n.inner);
        else if (n.type === "call") n.args.forEach(walk);
      };
      walk(this.formulas[index].node);
      return found;
    };
    this.readSets = this.formulas.map((_, i) => visit(i));
    return this.readSets;
  }

  /** A state for a compiled function that writes `varying` cells: formulas that read none of them are kept. */
  keptState(varying: readonly number[]): State {
    const st = this.state();
    const reads = this.reads();
    reads.forEach((set, i) => (st.kept[i] = varying.some((slot) => set.has(slot)) ? 0 : 1));
    return st;
  }

  /** The cell a name or a one-cell reference points at, or undefined for a range or an unknown name. */
  cellOf(name: string): { row: number; col: number } | undefined {
    const n = this.names.get(name.toLowerCase());
    return n && n.from.row === n.to.row && n.from.col === n.to.col ? n.from : undefined;
  }

  /** A formula cell's value in this state: computed once per generation. */
  formulaValue(st: State, index: number): Value {
    const stamp = st.stamp[index];
    if (stamp === st.gen || stamp === KEPT) return st.memo[index];
    st.stamp[index] = st.gen;
    st.memo[index] = new Fault("#VALUE!", "A formula depends on itself (a circular reference).");
    const v = this.formulas[index].fn!(st);
    st.memo[index] = v;
    if (st.kept[index]) st.stamp[index] = KEPT;
    return v;
  }

  /** What a reference to a cell reads. A formula's blank result shows as 0, as a cell shows it. */
  read(st: State, row: number, col: number): Scalar | Fault {
    const slot = this.slots.get(keyOf(row, col));
    if (!slot) return null;
    if (slot.kind === "constant") return st.values[slot.index];
    if (slot.kind === "formula") {
      const v = scalarOf(this.formulaValue(st, slot.index));
      return v === null ? 0 : v;
    }
    const v = this.formulaValue(st, slot.anchor);
    if (!isArea(v)) return null;
    return slot.dr < v.rows && slot.dc < v.cols ? v.at(slot.dr, slot.dc) : null;
  }

  /** A reader of one cell, resolved once: a constant's slot, a formula's memo, a spill's array. */
  private cellReader(row: number, col: number): (st: State) => Scalar | Fault {
    const slot = this.slots.get(keyOf(row, col));
    if (!slot) return () => null;
    if (slot.kind === "constant") {
      const i = slot.index;
      return (st) => st.values[i];
    }
    if (slot.kind === "formula") {
      const i = slot.index;
      return (st) => {
        const stamp = st.stamp[i];
        const v = stamp === st.gen || stamp === KEPT ? st.memo[i] : this.formulaValue(st, i);
        if (typeof v === "number") return v;
        const s = scalarOf(v);
        return s === null ? 0 : s;
      };
    }
    const { anchor, dr, dc } = slot;
    return (st) => {
      const v = this.formulaValue(st, anchor);
      return isArea(v) && dr < v.rows && dc < v.cols ? v.at(dr, dc) : null;
    };
  }

  private rangeArea(st: State, from: CellRef, to: CellRef): Area {
    const [r0, c0] = [Math.min(from.row, to.row), Math.min(from.col, to.col)];
    return {
      rows: Math.abs(to.row - from.row) + 1,
      cols: Math.abs(to.col - from.col) + 1,
      at: (r, c) => this.read(st, r0 + r, c0 + c),
    };
  }

  /** The reference a node names (a cell, a range, a name), or undefined when it is no reference. */
  private reference(node: Node, owner: Slot): { from: CellRef; to: CellRef } | undefined {
    if ((node.type === "name" || node.type === "cell" || node.type === "range") && node.sheet !== undefined)
      if (node.sheet.toLowerCase() !== this.plan.sheet.toLowerCase())
        throw this.unsupported(owner, `a reference to another sheet (${node.sheet})`);
    if (node.type === "cell") return { from: node.ref, to: node.ref };
    if (node.type === "range") return { from: node.from, to: node.to };
    if (node.type === "name") return this.names.get(node.name.toLowerCase());
    return undefined;
  }

  private unsupported(owner: Slot, what: string): Error {
    const at = owner.kind === "formula" ? owner : undefined;
    const formula = at ? `=${printFormula(at.node)}` : "";
    return new Error(`The scenario evaluator does not support ${what}, in ${formula}.`);
  }

  /** A node as a function of the state; references to one cell read the cell, larger ones give an Area. */
  compile(node: Node, owner: Slot): Fn {
    switch (node.type) {
      case "number":
      case "string":
      case "boolean": {
        const v = node.value;
        return () => v;
      }
      case "error": {
        const f = new Fault(node.code);
        return () => f;
      }
      case "paren":
        return this.compile(node.inner, owner);
      case "name":
      case "cell":
      case "range": {
        const ref = this.reference(node, owner);
        if (!ref) {
          const f = new Fault("#NAME?", `There is no name ${printFormula(node)} on the sheet.`);
          return () => f;
        }
        const { from, to } = ref;
        if (from.row === to.row && from.col === to.col) return this.cellReader(from.row, from.col);
        return (st) => this.rangeArea(st, from, to);
      }
      case "unary": {
        const operand = this.compile(node.operand, owner);
        const minus = node.op === "-";
        // Unary plus changes nothing, as in Excel (+"text" is "text").
        if (!minus) return (st) => single(operand(st));
        return (st) => {
          const v = operand(st);
          const x = typeof v === "number" ? v : toNumber(v);
          return typeof x === "number" ? -x : x;
        };
      }
      case "binary":
        return this.binary(node, owner);
      case "call":
        return this.call(node, owner);
    }
  }

  /** An argument that MAX, MIN, SUM, INDEX, ROWS or an INFRA function read as a reference, when it is one. */
  private area(node: Node, owner: Slot): ((st: State) => Area) | undefined {
    const ref = this.reference(node, owner);
    if (!ref) return undefined;
    const { from, to } = ref;
    return (st) => this.rangeArea(st, from, to);
  }

  private binary(node: Extract<Node, { type: "binary" }>, owner: Slot): Fn {
    const left = this.compile(node.left, owner);
    const right = this.compile(node.right, owner);
    const comparison = (test: (order: number) => boolean): Fn => {
      return (st) => {
        const a = single(left(st));
        if (isFault(a)) return a;
        const b = single(right(st));
        if (isFault(b)) return b;
        return test(compare(a, b));
      };
    };
    switch (node.op) {
      // Each operator has its own closure with a fast path for two numbers (a shared one would
      // make every call site megamorphic); anything else goes through `arithmetic`.
      case "+":
        return (st) => {
          const a = left(st);
          const b = right(st);
          if (typeof a !== "number" || typeof b !== "number") return arithmetic(a, b, "+");
          const r = a + b;
          return r - r === 0 ? r : notFinite();
        };
      case "-":
        return (st) => {
          const a = left(st);
          const b = right(st);
          if (typeof a !== "number" || typeof b !== "number") return arithmetic(a, b, "-");
          const r = a - b;
          return r - r === 0 ? r : notFinite();
        };
      case "*":
        return (st) => {
          const a = left(st);
          const b = right(st);
          if (typeof a !== "number" || typeof b !== "number") return arithmetic(a, b, "*");
          const r = a * b;
          return r - r === 0 ? r : notFinite();
        };
      case "/":
        return (st) => {
          const a = left(st);
          const b = right(st);
          if (typeof a !== "number" || typeof b !== "number" || b === 0) return arithmetic(a, b, "/");
          const r = a / b;
          return r - r === 0 ? r : notFinite();
        };
      case "^":
        return (st) => arithmetic(left(st), right(st), "^");
      case "&":
        return (st) => {
          const a = single(left(st));
          if (isFault(a)) return a;
          const b = single(right(st));
          return isFault(b) ? b : textOf(a) + textOf(b);
        };
      case "=":
        return comparison((o) => o === 0);
      case "<>":
        return comparison((o) => o !== 0);
      case "<":
        return comparison((o) => o < 0);
      case ">":
        return comparison((o) => o > 0);
      case "<=":
        return comparison((o) => o <= 0);
      case ">=":
        return comparison((o) => o >= 0);
    }
  }

  private call(node: Extract<Node, { type: "call" }>, owner: Slot): Fn {
    const { name, args } = node;
    if (name.startsWith("INFRA.")) return this.infra(name.slice(6), args, owner);
    const count = (min: number, max: number) => {
      if (args.length < min || args.length > max)
        throw this.unsupported(owner, `${name} with ${args.length} arguments`);
    };
    const arg = (i: number): Fn => {
      const a = args[i];
      return a ? this.compile(a, owner) : () => null;
    };
    switch (name) {
      case "IF": {
        count(2, 3);
        const guard = this.blankGuard(node, owner);
        if (guard) return guard;
        const [test, yes] = [arg(0), arg(1)];
        const no: Fn = args.length > 2 ? arg(2) : () => false;
        const [blankYes, blankNo] = [!args[1], args.length > 2 && !args[2]];
        return (st) => {
          const t = test(st);
          const c = typeof t === "boolean" ? t : toBoolean(t);
          if (isFault(c)) return c;
          if (c) return blankYes ? 0 : yes(st);
          return blankNo ? 0 : no(st);
        };
      }
      case "OR":
      case "AND": {
        if (args.length < 1) throw this.unsupported(owner, `${name} without arguments`);
        const collect = this.listArgs(args, owner, false);
        const or = name === "OR";
        const values: Scalar[] = [];
        return (st) => {
          const fault = collect(st, values);
          if (fault) return fault;
          let seen = false;
          for (const v of values)
            if (typeof v === "boolean" || typeof v === "number") {
              seen = true;
              if (Boolean(v) === or) return or;
            }
          return seen ? !or : new Fault("#VALUE!", `${name} has no logical values to test.`);
        };
      }
      case "ISBLANK":
      case "ISERROR": {
        count(1, 1);
        const x = arg(0);
        if (name === "ISERROR") return (st) => isFault(scalarOf(x(st)));
        return (st) => scalarOf(x(st)) === null;
      }
      case "IFNA":
      case "IFERROR": {
        count(2, 2);
        const [x, fallback] = [arg(0), arg(1)];
        const catches = name === "IFNA" ? (f: Fault) => f.code === "#N/A" : () => true;
        return (st) => {
          const v = x(st);
          const s = isArea(v) ? undefined : v;
          return isFault(s) && catches(s) ? fallback(st) : v;
        };
      }
      case "ROUND":
      case "ROUNDUP":
      case "ROUNDDOWN": {
        count(1, 2);
        const [x, places] = [arg(0), arg(1)];
        const round = rounder(name === "ROUND" ? Math.round : name === "ROUNDUP" ? Math.ceil : Math.floor);
        return (st) => {
          const v = x(st);
          const a = typeof v === "number" ? v : toNumber(v);
          if (isFault(a)) return a;
          const p = toNumber(places(st));
          return isFault(p) ? p : finite(round(a, p));
        };
      }
      case "FLOOR": {
        count(2, 2);
        const [x, significance] = [arg(0), arg(1)];
        return (st) => {
          const v = x(st);
          const a = typeof v === "number" ? v : toNumber(v);
          if (isFault(a)) return a;
          const s = toNumber(significance(st));
          if (isFault(s)) return s;
          if (a === 0) return 0;
          if (s === 0) return new Fault("#DIV/0!", "FLOOR's significance is 0.");
          if (a > 0 && s < 0) return new Fault("#NUM!", "FLOOR's number and significance have different signs.");
          return finite(Math.floor(a / s) * s);
        };
      }
      case "MAX":
      case "MIN":
      case "SUM": {
        if (args.length < 1) throw this.unsupported(owner, `${name} without arguments`);
        const collect = this.listArgs(args, owner, true);
        const sign = name === "MAX" ? 1 : name === "MIN" ? -1 : 0;
        const values: Scalar[] = [];
        return (st) => {
          const fault = collect(st, values);
          if (fault) return fault;
          let acc: number | undefined;
          for (const v of values)
            if (typeof v === "number")
              acc = acc === undefined ? v : sign === 0 ? acc + v : (v - acc) * sign > 0 ? v : acc;
          return finite(acc ?? 0);
        };
      }
      case "INDEX": {
        count(2, 3);
        const block = this.area(args[0]!, owner) ?? arg(0);
        const [rowArg, colArg] = [arg(1), args.length > 2 ? arg(2) : undefined];
        return (st) => {
          const v = block(st);
          if (isFault(v)) return v;
          const a: Area = isArea(v) ? v : { rows: 1, cols: 1, at: () => v };
          const r = toNumber(rowArg(st));
          if (isFault(r)) return r;
          const c = colArg ? toNumber(colArg(st)) : 1;
          if (isFault(c)) return c;
          let [i, j] = [Math.trunc(r), Math.trunc(c)];
          if (!colArg && a.rows === 1) [i, j] = [1, i];
          if (i < 1 || j < 1 || i > a.rows || j > a.cols)
            return new Fault("#REF!", `INDEX(…, ${i}, ${j}) is outside the ${a.rows} × ${a.cols} range.`);
          return a.at(i - 1, j - 1);
        };
      }
      case "ROWS":
      case "COLUMNS": {
        count(1, 1);
        const block = this.area(args[0]!, owner) ?? arg(0);
        const rows = name === "ROWS";
        return (st) => {
          const v = block(st);
          if (isFault(v)) return v;
          return isArea(v) ? (rows ? v.rows : v.cols) : 1;
        };
      }
      case "TRUE":
      case "FALSE": {
        count(0, 0);
        const v = name === "TRUE";
        return () => v;
      }
      default:
        throw this.unsupported(owner, `the function ${name}`);
    }
  }

  /**
   * requireInputs' guard, IF(OR(ISBLANK(a),ISBLANK(b),…),#VALUE!,x) over cells, as one loop over
   * those cells (it leads almost every formula of a plan); undefined for any other IF.
   */
  private blankGuard(node: Extract<Node, { type: "call" }>, owner: Slot): Fn | undefined {
    const [test, fault, rest] = node.args;
    if (node.args.length !== 3 || test?.type !== "call" || test.name !== "OR" || fault?.type !== "error" || !rest)
      return undefined;
    const cells: { row: number; col: number }[] = [];
    for (const a of test.args) {
      const inner = a?.type === "call" && a.name === "ISBLANK" && a.args.length === 1 ? a.args[0] : undefined;
      const ref = inner && inner.type !== "range" && inner.type !== "call" ? this.reference(inner, owner) : undefined;
      if (!ref || ref.from.row !== ref.to.row || ref.from.col !== ref.to.col) return undefined;
      cells.push(ref.from);
    }
    const slots = cells.map((c) => this.slots.get(keyOf(c.row, c.col)));
    if (!slots.every((x) => x?.kind === "constant")) return undefined;
    const indices = slots.map((x) => x!.index);
    const error = new Fault(fault.code);
    const x = this.compile(rest, owner);
    return (st) => {
      for (let i = 0; i < indices.length; i++) if (st.values[indices[i]] === null) return error;
      return x(st);
    };
  }

  /**
   * The arguments of a list function (MAX, OR…), collected into `out` (reused, so a call
   * allocates nothing); returns the first error. A reference's text, logical values and blanks
   * are passed on for the function to skip or read; a value typed as an argument is read as a
   * number (`numeric`) or a logical value, as Excel does.
   */
  private listArgs(args: (Node | undefined)[], owner: Slot, numeric: boolean) {
    const parts = args.map((a) => ({
      ref: a && this.area(a, owner),
      fn: a ? this.compile(a, owner) : () => null,
    }));
    const push = (area: Area, out: Scalar[]): Fault | undefined => {
      for (let r = 0; r < area.rows; r++)
        for (let c = 0; c < area.cols; c++) {
          const v = area.at(r, c);
          if (isFault(v)) return v;
          out.push(v);
        }
      return undefined;
    };
    return (st: State, out: Scalar[]): Fault | undefined => {
      out.length = 0;
      for (const { ref, fn } of parts) {
        if (ref) {
          const fault = push(ref(st), out);
          if (fault) return fault;
          continue;
        }
        const v = fn(st);
        if (isArea(v)) {
          const fault = push(v, out);
          if (fault) return fault;
          continue;
        }
        const n = typeof v === "boolean" && !numeric ? v : toNumber(v);
        if (isFault(n)) return n;
        out.push(n);
      }
      return undefined;
    };
  }

  /** An INFRA call with the workbench's calling convention (module comment). */
  private infra(id: string, args: (Node | undefined)[], owner: Slot): Fn {
    const fn = (functions as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>)[id];
    if (!fn) throw this.unsupported(owner, `the function INFRA.${id}, which does not exist`);
    const readers = args.map((a): ((st: State) => unknown) => {
      if (!a) return () => null;
      const ref = this.reference(a, owner);
      const single = ref && ref.from.row === ref.to.row && ref.from.col === ref.to.col;
      const value = this.compile(a, owner);
      if (single) return value;
      return (st) => {
        const v = value(st);
        return isArea(v) ? toGrid(v) : v;
      };
    });
    const n = readers.length;
    // The arguments are read into one array per call site (a formula is never computing twice at once).
    const values = new Array<unknown>(n);
    return (st) => {
      for (let i = 0; i < n; i++) {
        const v = readers[i](st);
        if (isFault(v)) return v;
        values[i] = v;
      }
      let result: unknown;
      try {
        result = fn.apply(undefined, values);
      } catch (e) {
        const code = (e as { code?: unknown })?.code;
        const message = e instanceof Error ? e.message : String(e);
        return new Fault(typeof code === "string" && code.startsWith("#") ? code : "#VALUE!", message);
      }
      if (Array.isArray(result)) return gridArea(result as unknown[][]);
      if (typeof result === "number") return finite(result);
      if (typeof result === "string" || typeof result === "boolean") return result;
      if (result === null || result === undefined) return null;
      return new Fault("#VALUE!", `INFRA.${id} returned a value that is not a number, text or logical value.`);
    };
  }
}

/** A block as a function argument: a 2-D array, a blank as "", or its first error. */
function toGrid(a: Area): unknown[][] | Fault {
  const rows: unknown[][] = [];
  for (let r = 0; r < a.rows; r++) {
    const row: unknown[] = [];
    for (let c = 0; c < a.cols; c++) {
      const v = a.at(r, c);
      if (isFault(v)) return v;
      row.push(v === null ? "" : v);
    }
    rows.push(row);
  }
  return rows;
}

/** How an input sets cells of the sheet: an in_* cell, or a task's min, likely and max. */
interface InputWriter {
  input: ModelInput;
  /** The cells (constant slots) it writes. */
  slots: number[];
  write(values: Scalar[], x: number): void;
}

/** Inputs the analyses leave fixed (a build-out's Monte Carlo settings). */
const FIXED = new Set(["trials", "seed"]);

/** A number, or null (a blank cell) for NaN. */
const cellNumber = (x: number): Scalar => (x !== x ? null : x);

function inputWriters(s: Scenario, sheet: CompiledSheet): InputWriter[] {
  const writers: InputWriter[] = [];
  for (const { name, address } of sheet.plan.names) {
    const key = name.slice(3);
    const value = s.values[key];
    if (!name.startsWith("in_") || address.includes(":") || typeof value !== "number" || FIXED.has(key)) continue;
    const spec = field(s.kind, key);
    const slot = slotAt(sheet, address);
    const input: ModelInput = {
      key,
      label: spec.label,
      unit: spec.unit,
      format: spec.format,
      value,
      min: spec.min,
      max: spec.max,
      ...(spec.minExclusive ? { minExclusive: true } : {}),
      ...(spec.integer ? { integer: true } : {}),
      field: spec,
    };
    writers.push({ input, slots: [slot], write: (values, x) => void (values[slot] = cellNumber(x)) });
  }
  if (s.kind === "buildout") writers.push(...taskWriters(s, sheet));
  return writers;
}

function slotAt(sheet: CompiledSheet, address: string): number {
  const { row, col } = parseCell(address);
  const slot = sheet.slots.get(keyOf(row, col));
  if (slot?.kind !== "constant") throw new Error(`${address} of ${sheet.plan.sheet} is not an input cell.`);
  return slot.index;
}

/** The longest duration the task table accepts (its months rule). */
const MAX_MONTHS = 600;

/** Build-out inputs: each task's likely duration; the min and max move with it (the min no lower than 0). */
function taskWriters(s: Extract<Scenario, { kind: "buildout" }>, sheet: CompiledSheet): InputWriter[] {
  const tasks = sheet.names.get("in_tasks");
  if (!tasks) throw new Error("The build-out plan names no task table (in_tasks).");
  const header = tasks.from.row - 1;
  const columnOf = (label: RegExp) => {
    for (let col = tasks.from.col; col <= tasks.to.col; col++) {
      const c = sheet.plan.cells.find((x) => x.address === cell(header, col));
      if (c?.text !== undefined && label.test(c.text)) return col;
    }
    throw new Error(`The build-out task table has no column ${label.source}.`);
  };
  const [minCol, likelyCol, maxCol] = [/^Min\b/, /^Likely\b/, /^Max\b/].map(columnOf);
  return s.tasks.map((t, i) => {
    const row = tasks.from.row + i;
    const [lo, mid, hi] = [minCol, likelyCol, maxCol].map((col) => slotAt(sheet, cell(row, col)));
    const input: ModelInput = {
      key: `task_${i + 1}`,
      label: `Task "${t.name}": likely duration`,
      unit: "months",
      format: "months",
      value: t.likely,
      min: 0,
      max: MAX_MONTHS - (t.max - t.likely),
    };
    return {
      input,
      slots: [lo, mid, hi],
      write(values, x) {
        if (x !== x) {
          values[mid] = null;
          return;
        }
        const shift = x - t.likely;
        values[lo] = Math.max(0, t.min + shift);
        values[mid] = x;
        values[hi] = t.max + shift;
      },
    };
  });
}

/** The outputs that hold one number: each out_* name of one formula cell, with its row's label and unit. */
function modelOutputs(sheet: CompiledSheet): ModelOutput[] {
  const textAt = (row: number, col: number) => sheet.plan.cells.find((c) => c.address === cell(row, col))?.text ?? "";
  const outputs: ModelOutput[] = [];
  for (const { name, address } of sheet.plan.names) {
    if (!name.startsWith("out_") || address.includes(":")) continue;
    const { row } = parseCell(address);
    const format = sheet.plan.formats.find((f) => f.address === address)?.format ?? "plain";
    outputs.push({ name, label: textAt(row, 1), unit: textAt(row, 3), format });
  }
  return outputs;
}

/** A cell's value as an outcome; `what` names the cell in the message for a value that is not a number. */
const outcomeOf = (v: Scalar | Fault, what: string): Outcome => {
  if (typeof v === "number") return { value: v };
  if (isFault(v)) return { error: v.code, message: v.message || PLAIN_MESSAGES[v.code] || v.code };
  const shown =
    v === null || v === ""
      ? "is blank"
      : `shows ${typeof v === "string" ? `"${v.slice(0, 24)}"` : v ? "TRUE" : "FALSE"}`;
  return { error: "#VALUE!", message: `${what} ${shown}, not a number.` };
};

/**
 * What the cell at `address` of a plan's sheet shows, evaluated as scenarioModel evaluates an
 * output (the tests hold it against the workbench's engine on any plan).
 */
export function evaluatePlan(plan: SheetPlan, address: string): Outcome {
  const sheet = new CompiledSheet(plan);
  const { row, col } = parseCell(address);
  return outcomeOf(sheet.read(sheet.state(), row, col), address);
}

/** The model of a scenario: its inputs, outputs and their evaluation from its sheet plan. */
export function scenarioModel(s: Scenario): ScenarioModel {
  const sheet = new CompiledSheet(planScenario(s));
  const writers = inputWriters(s, sheet);
  const byKey = new Map(writers.map((w) => [w.input.key, w]));
  const outputs = modelOutputs(sheet);
  const outputCell = (output: string) => {
    if (!outputs.some((o) => o.name === output)) throw new Error(`${output} is not an output of ${s.name}.`);
    return sheet.cellOf(output)!;
  };
  const writer = (key: string) => {
    const w = byKey.get(key);
    if (!w) throw new Error(`${key} is not an input of ${s.name}.`);
    return w;
  };
  return {
    scenario: s,
    inputs: writers.map((w) => w.input),
    outputs,
    evaluate(output, values = {}) {
      const { row, col } = outputCell(output);
      const st = sheet.state();
      for (const [key, x] of Object.entries(values)) writer(key).write(st.values, x);
      return outcomeOf(sheet.read(st, row, col), outputs.find((o) => o.name === output)?.label || output);
    },
    compile(output, varying) {
      const { row, col } = outputCell(output);
      const write = varying.map((key) => writer(key).write);
      const st = sheet.keptState(varying.flatMap((key) => writer(key).slots));
      return (x) => {
        for (let i = 0; i < write.length; i++) write[i](st.values, x[i]);
        if (++st.gen === KEPT) {
          // After 4 billion calls: start the generations again (kept formulas keep their stamp).
          st.stamp.forEach((stamp, i) => (st.stamp[i] = stamp === KEPT ? KEPT : 0));
          st.gen = 1;
        }
        const v = sheet.read(st, row, col);
        return typeof v === "number" ? v : NaN;
      };
    },
    formula(output, cells) {
      outputCell(output);
      for (const key of Object.keys(cells)) writer(key);
      if (Object.keys(cells).some((k) => k.startsWith("task_"))) return undefined;
      const text = inlineFormula(sheet, output, cells);
      return text !== undefined && text.length <= MAX_FORMULA ? text : undefined;
    },
  };
}

/** Thrown inside inlineFormula when a reference cannot be written on another sheet. */
const CANNOT = Symbol("cannot inline");

/** Functions whose arguments may be a list of single cells in place of a range. */
const LIST_FUNCTIONS = new Set(["MAX", "MIN", "SUM", "OR", "AND"]);

/** The formula of `output` for another sheet (ScenarioModel.formula), or undefined. */
function inlineFormula(
  sheet: CompiledSheet,
  output: string,
  cells: Readonly<Record<string, string>>,
): string | undefined {
  const prefix = `${quoteSheet(sheet.plan.sheet)}!`;
  const spills = new Map<number, string>();
  const replaced = new Set(Object.keys(cells).map((k) => `in_${k}`.toLowerCase()));
  const slotOf = (row: number, col: number) => sheet.slots.get(keyOf(row, col));
  /** Ranges written as a list of cells (arguments of MAX, MIN, SUM, OR, AND). */
  const listed = new Set<Node>();

  const spillText = (index: number): string => {
    let text = spills.get(index);
    if (text === undefined) {
      text = print(sheet.formulas[index].node);
      spills.set(index, text);
    }
    return text;
  };
  const cellText = (row: number, col: number): string => {
    const slot = slotOf(row, col);
    if (slot?.kind === "formula") return slot.spill ? `INDEX(${spillText(slot.index)},1,1)` : `(${print(slot.node)})`;
    if (slot?.kind === "spilled") return `INDEX(${spillText(slot.anchor)},${slot.dr + 1},${slot.dc + 1})`;
    if (slot?.name) return nameText(slot.name);
    return `${prefix}$${column(col)}$${row}`;
  };
  const nameText = (name: string): string => (replaced.has(name.toLowerCase()) ? cells[name.slice(3)] : prefix + name);
  const rangeText = (from: CellRef, to: CellRef, name: string | undefined, asList: boolean): string => {
    const all: { row: number; col: number }[] = [];
    for (let row = Math.min(from.row, to.row); row <= Math.max(from.row, to.row); row++)
      for (let col = Math.min(from.col, to.col); col <= Math.max(from.col, to.col); col++) all.push({ row, col });
    const slots = all.map((c) => slotOf(c.row, c.col));
    if (slots.every((x) => !x || x.kind === "constant")) {
      if (slots.some((x) => x?.kind === "constant" && x.name && replaced.has(x.name.toLowerCase()))) throw CANNOT;
      return prefix + (name ?? `$${column(from.col)}$${from.row}:$${column(to.col)}$${to.row}`);
    }
    const anchor = slots[0];
    if (anchor?.kind === "formula" && anchor.spill) {
      const exact =
        anchor.spill.rows === all[all.length - 1].row - all[0].row + 1 &&
        anchor.spill.cols === all[all.length - 1].col - all[0].col + 1;
      if (exact) return spillText(anchor.index);
    }
    if (!asList) throw CANNOT;
    return all.map((c) => cellText(c.row, c.col)).join(",");
  };
  const rewrite = (n: Node): string | undefined => {
    if (n.type === "call" && LIST_FUNCTIONS.has(n.name)) for (const a of n.args) if (a) listed.add(a);
    if (n.type === "cell") return cellText(n.ref.row, n.ref.col);
    if (n.type === "range") return rangeText(n.from, n.to, undefined, listed.has(n));
    if (n.type !== "name") return undefined;
    const ref = sheet.names.get(n.name.toLowerCase());
    if (!ref) throw CANNOT;
    if (ref.from.row === ref.to.row && ref.from.col === ref.to.col) {
      const slot = slotOf(ref.from.row, ref.from.col);
      return slot?.kind === "constant" ? nameText(ref.name) : cellText(ref.from.row, ref.from.col);
    }
    return rangeText(ref.from, ref.to, ref.name, listed.has(n));
  };
  const print = (node: Node) => printFormula(node, rewrite);
  try {
    const { row, col } = sheet.cellOf(output)!;
    const slot = slotOf(row, col);
    return slot?.kind === "formula" ? `=${print(slot.node)}` : `=${cellText(row, col)}`;
  } catch (e) {
    if (e === CANNOT) return undefined;
    throw e;
  }
}
