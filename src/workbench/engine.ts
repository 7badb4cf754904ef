/**
 * The workbench's spreadsheet engine: one HyperFormula instance per workbook (GPL-3.0; the
 * workbench and tests only, never the add-in bundle) with every INFRA custom function registered
 * as a plugin from the same function table Excel calls, and Excel-compatible settings
 * (HyperFormula's guide "Compatibility with Microsoft Excel"): no 10-digit smart rounding, Excel's row and column
 * limits, array arithmetic (dynamic arrays), the 1900 leap-year bug, and Excel's error codes with
 * the InfraError's message kept.
 *
 * Incremental: an edit is HyperFormula's own setCellContents inside a batch, so only the cells that
 * depend on it are computed again. The engine is built afresh (`load`) only when the list of sheets
 * changes (an import, an added, renamed or deleted sheet), because formulas name other sheets and
 * names by text. The sheet storage is sparse, so a far cell (XFD1048576) costs one cell.
 *
 * Arguments reach a function as Excel passes them: numbers, text, booleans, null for an omitted
 * argument or an empty cell, and a 2-D array for a range parameter (a scalar given to a range
 * parameter arrives as a 1×1 array). An error argument is returned without calling the function.
 *
 * Ranges: HyperFormula allocates per cell of every referenced range, so a range of more than
 * CLAMP_AREA cells is cut to the sheet's used range (its non-empty cells and spills, which it
 * therefore reads the same) before the engine sees it, and cut again when that range grows; one
 * still larger than MAX_RANGE_CELLS makes its cell #VALUE! with a message. An INFRA function given
 * such a range receives the cut one: Excel would pass every empty row of it.
 *
 * Spills: HyperFormula fixes a formula's result size when it reads the formula. The size of an
 * INFRA result is predicted by calling the function on its arguments read from the source
 * (literals and cells; a formula cell's last value); when the evaluated result's size differs, the
 * formula is entered again with the observed size, until every size is settled (a chain of n such
 * formulas takes n + 1 passes; a size still changing after that shows #SPILL!). Results are kept
 * by a hash of the arguments and told apart by comparing them value by value (no serialisation),
 * so a function runs again only when its arguments really changed; HyperFormula's dependency
 * tracking decides which calls are evaluated at all.
 */
import {
  AlwaysSparse,
  ArraySize,
  CellError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  ExportedCellChange,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import type { ConfigParams, ExportedChange, ImplementedFunctions, RawCellContent } from "hyperformula";
import { InfraError } from "../functions/errors";
import { cell, cellsOf, parseCell, quoteSheet } from "../scenario/plan";
import type { CellValue } from "../workbook/port";

/** A custom function as the table holds it. */
export type InfraFunction = (...args: unknown[]) => unknown;

/** Each parameter of each function: its name and whether it takes a range ("matrix") or one value ("scalar"). */
export type Signatures = Record<string, { name: string; kind: "scalar" | "matrix" }[]>;

/** functions.json's shape, as far as the engine needs it. */
export interface FunctionsJson {
  functions: {
    id: string;
    description?: string;
    parameters: { name: string; description?: string; optional?: boolean; dimensionality?: string }[];
  }[];
}

export const signaturesOf = (metadata: FunctionsJson): Signatures =>
  Object.fromEntries(
    metadata.functions.map((f) => [
      f.id,
      f.parameters.map((p) => ({ name: p.name, kind: p.dimensionality === "matrix" ? "matrix" : "scalar" })),
    ]),
  );

/** A source cell: a constant, or a formula with its last value. */
export interface SourceCell {
  value: CellValue;
  formula?: string;
}

/**
 * A worksheet as the engine reads it: cells by A1 address and its worksheet-scoped names;
 * `spilled` lists the cells whose values a formula beside them spilled (not source).
 */
export interface SourceSheet {
  name: string;
  cells: ReadonlyMap<string, SourceCell>;
  names: ReadonlyMap<string, string>;
  spilled?: ReadonlySet<string>;
}

/** An evaluated cell: its value; for an Excel error (the value is its code), the message if any. */
export interface EvaluatedCell {
  value: CellValue;
  error?: CellFault;
  /** A formula's result size, [width, height], when it spills over more than its own cell. */
  spill?: [number, number];
}

/** What makes a value an Excel error rather than text: its message, when it has one. */
export interface CellFault {
  message?: string;
}

/** A cell whose value changed, by sheet name and A1 address. */
export interface CellChange {
  sheet: string;
  address: string;
  cell: EvaluatedCell;
}

export const PREFIX = "INFRA.";

/** Excel-compatible settings (GPL-3.0 self-declared: the workbench is not part of the add-in). */
export const ENGINE_CONFIG: Partial<ConfigParams> = {
  licenseKey: "gpl-v3",
  smartRounding: false,
  maxRows: 1_048_576,
  maxColumns: 16_384,
  leapYear1900: true,
  evaluateNullToZero: true,
  useArrayArithmetic: true,
  // One cell costs one entry however far it is; the default (dense) allocates every row above it.
  chooseAddressMappingPolicy: new AlwaysSparse(),
  // The workbook keeps its own undo history (EngineWorkbook.undo).
  undoLimit: 0,
};

/** Ranges larger than this are cut to the used range before the engine sees them. */
export const CLAMP_AREA = 10_000;
/** Cells a range may still cover once cut (HyperFormula spends about 2 µs and 400 bytes per cell). */
export const MAX_RANGE_CELLS = 250_000;

const ERROR_TYPES: Record<string, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#NUM!": ErrorType.NUM,
  "#N/A": ErrorType.NA,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
};

type Ast = {
  type: string;
  value?: unknown;
  args?: Ast[];
  procedureName?: string;
  reference?: { toSimpleCellAddress(base: Address): Address };
  start?: { toSimpleCellAddress(base: Address): Address };
  end?: { toSimpleCellAddress(base: Address): Address };
  expression?: Ast;
};
type Address = { sheet: number; row: number; col: number };
type State = { formulaAddress: Address };

/** A call's arguments and result: compared argument by argument, never serialised. */
interface CallRecord {
  args: unknown[];
  result: unknown;
}

/** Results kept at most: past it the engine starts afresh. */
const MAX_KEPT = 10_000;

const WORDS = new Uint32Array(2);
const DOUBLE = new Float64Array(WORDS.buffer);

/** A 32-bit FNV-1a hash of arguments (values and shapes), read once without building any text. */
function hashOf(args: unknown[]): number {
  let h = 0x811c9dc5;
  const mix = (n: number) => (h = Math.imul(h ^ n, 0x01000193));
  const value = (v: unknown) => {
    if (typeof v === "number") {
      DOUBLE[0] = v;
      (mix(1), mix(WORDS[0]), mix(WORDS[1]));
    } else if (typeof v === "string") {
      mix(2);
      for (let i = 0; i < v.length; i++) mix(v.charCodeAt(i));
    } else mix(v === true ? 3 : v === false ? 4 : v === null ? 5 : 6);
  };
  for (const a of args) {
    if (!Array.isArray(a)) value(a);
    else {
      (mix(7), mix(a.length));
      for (const row of a as unknown[][]) {
        mix(row.length);
        for (const v of row) value(v);
      }
    }
  }
  return h >>> 0;
}

/** The engine whose HyperFormula instance is running (plugins are registered per class, not per instance). */
let running: Engine | undefined;
const UNKNOWN = Symbol("unknown");

/** An InterpreterValue as Excel passes it to a custom function. */
function plain(v: unknown): unknown {
  if (v === EmptyValue) return null;
  if (typeof v === "object" && v !== null && "val" in v) return (v as { val: number }).val; // dates, percents
  return v;
}

/** Converts evaluated arguments per signature; an error argument is returned as is. */
function excelArgs(values: unknown[], signature: Signatures[string]): unknown[] | CellError {
  const out: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const matrix = signature[i]?.kind === "matrix";
    const name = signature[i]?.name ?? `Argument ${i + 1}`;
    if (v instanceof CellError) return v;
    if (v instanceof SimpleRangeValue) {
      if (v.width() * v.height() > MAX_RANGE_CELLS)
        return new CellError(
          ErrorType.VALUE,
          `${name} covers more than ${MAX_RANGE_CELLS.toLocaleString("en-US")} cells.`,
        );
      const rows = v.rawData().map((r) => r.map((x) => (x === EmptyValue ? "" : plain(x))));
      for (const r of rows) for (const x of r) if (x instanceof CellError) return x;
      if (matrix) out.push(rows);
      else if (rows.length === 1 && rows[0].length === 1) out.push(rows[0][0] === "" ? null : rows[0][0]);
      else return new CellError(ErrorType.VALUE, `${name} takes one value, not a range.`);
    } else out.push(matrix && v !== null && v !== EmptyValue ? [[plain(v)]] : plain(v));
  }
  return out;
}

/** Whether two argument lists are equal value by value (ranges cell by cell). */
function sameArgs(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (Object.is(x, y)) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let r = 0; r < x.length; r++) {
      const [p, q] = [x[r] as unknown[], y[r] as unknown[]];
      if (p.length !== q.length) return false;
      for (let c = 0; c < p.length; c++) if (!Object.is(p[c], q[c])) return false;
    }
  }
  return true;
}

/** An exception as the cell shows it: an InfraError's code, else #VALUE!, with the message Excel shows. */
function errorOf(e: unknown): CellError {
  const code = e instanceof InfraError ? (ERROR_TYPES[e.code] ?? ErrorType.VALUE) : ErrorType.VALUE;
  // Excel shows a custom function's message only for #VALUE! and #N/A.
  const shown = code === ErrorType.VALUE || code === ErrorType.NA;
  return new CellError(code, shown ? (e instanceof Error ? e.message : String(e)) : undefined);
}

const sizeOf = (r: unknown): [number, number] =>
  Array.isArray(r) && r.length && Array.isArray(r[0]) ? [r[0].length, r.length] : [1, 1];

const num = () => new CellError(ErrorType.NUM, "The result is not a finite number.");

/** The plugin: one method serves every INFRA function (its id is the call's name). */
class InfraPlugin extends FunctionPlugin {
  static implementedFunctions: ImplementedFunctions = {};

  infra(ast: Ast, state: State): unknown {
    const engine = running!;
    const id = ast.procedureName!.slice(PREFIX.length);
    const values = ast.args!.map((a) => (a.type === "EMPTY" ? null : this.evaluateAst(a as never, state as never)));
    const args = excelArgs(values, engine.signatures[id] ?? []);
    const site = engine.siteOf(state.formulaAddress);
    const result = args instanceof CellError ? args : engine.call(id, args);
    const [width, height] = sizeOf(result); // a scalar or an error: [1, 1]
    const predicted = engine.predicted.get(site);
    let [w, h] = predicted?.ast === ast ? predicted.size : [width, height];
    if (w !== width || h !== height) {
      if (engine.final) return new CellError(ErrorType.SPILL, "The result's size kept changing: it depends on itself.");
      engine.observed.set(site, [width, height]);
      engine.stale.add(site);
    }
    if (!Array.isArray(result)) return typeof result === "number" && !Number.isFinite(result) ? num() : result;
    [w, h] = [Math.max(w, 1), Math.max(h, 1)];
    const rows = Array.from({ length: h }, (_, r) =>
      Array.from({ length: w }, (_, c) => {
        const x = (result as unknown[][])[r]?.[c];
        if (typeof x === "number" && !Number.isFinite(x)) return num();
        return x === null || x === undefined ? EmptyValue : x;
      }),
    );
    return SimpleRangeValue.onlyValues(rows as never);
  }

  infraSize(ast: Ast, state: State): ArraySize {
    const engine = running!;
    const id = ast.procedureName!.slice(PREFIX.length);
    const site = engine.siteOf(state.formulaAddress);
    let size = engine.observed.get(site);
    if (!size) {
      try {
        const values = ast.args!.map((a) => this.staticValue(a, state.formulaAddress));
        const args = values.includes(UNKNOWN) ? undefined : excelArgs(values, engine.signatures[id] ?? []);
        size = args && !(args instanceof CellError) ? sizeOf(engine.call(id, args)) : [1, 1];
      } catch {
        size = [1, 1]; // the evaluation will tell
      }
    }
    engine.predicted.set(site, { ast, size });
    return size[0] === 1 && size[1] === 1 ? ArraySize.scalar() : new ArraySize(size[0], size[1]);
  }

  /** An argument's value without evaluating: literals and cells read from the source (names are inlined). */
  private staticValue(ast: Ast, base: Address): unknown {
    const engine = running!;
    switch (ast.type) {
      case "EMPTY":
        return null;
      case "NUMBER":
      case "STRING":
        return ast.value;
      case "MINUS_UNARY_OP": {
        const v = this.staticValue(ast.value as Ast, base);
        return typeof v === "number" ? -v : UNKNOWN;
      }
      case "PARENTHESES":
        return this.staticValue(ast.expression as Ast, base);
      case "CELL_REFERENCE": {
        const a = ast.reference!.toSimpleCellAddress(base);
        return engine.peek(a.sheet, a.row, a.col);
      }
      case "CELL_RANGE": {
        const [a, b] = [ast.start!.toSimpleCellAddress(base), ast.end!.toSimpleCellAddress(base)];
        if ((b.row - a.row + 1) * (b.col - a.col + 1) > CLAMP_AREA) return UNKNOWN;
        return SimpleRangeValue.onlyValues(
          Array.from({ length: b.row - a.row + 1 }, (_, r) =>
            Array.from({ length: b.col - a.col + 1 }, (_, c) => engine.peek(a.sheet, a.row + r, a.col + c)),
          ) as never,
        );
      }
      default:
        return UNKNOWN;
    }
  }
}

let registered: string | undefined;

/** Registers (once per set of ids) the INFRA plugin with an English name for every function. */
function register(ids: string[]) {
  const signature = ids.join(",");
  if (registered === signature) return;
  if (registered !== undefined) HyperFormula.unregisterFunctionPlugin(InfraPlugin as never);
  InfraPlugin.implementedFunctions = Object.fromEntries(
    ids.map((id) => [PREFIX + id, { method: "infra", sizeOfResultArrayMethod: "infraSize", parameters: [] }]),
  );
  const names = Object.fromEntries(ids.map((id) => [PREFIX + id, PREFIX + id]));
  HyperFormula.registerFunctionPlugin(InfraPlugin as never, { enGB: names, enUS: names });
  registered = signature;
}

type Interpreter = { evaluateAst(ast: Ast, state: State): unknown; dependencyGraph: never };
const patched = new WeakSet<object>();

/**
 * HyperFormula 3.5 throws "Unknown array" (an exception out of the whole recalculation) when a
 * range is exactly the area of an array formula whose result is an error; Excel gives that error.
 * This wraps the interpreter's evaluation so such a range evaluates to the array's error.
 */
function patchErroredArrays(hf: HyperFormula) {
  const proto = Object.getPrototypeOf(
    (hf as unknown as { _evaluator: { interpreter: object } })._evaluator.interpreter,
  );
  if (patched.has(proto)) return;
  patched.add(proto);
  const original = proto.evaluateAst as Interpreter["evaluateAst"];
  proto.evaluateAst = function (this: Interpreter, ast: Ast, state: State) {
    try {
      return original.call(this, ast, state);
    } catch (e) {
      if (!(e instanceof Error) || e.message !== "Unknown array" || ast.type !== "CELL_RANGE") throw e;
      const [a, b] = [
        ast.start!.toSimpleCellAddress(state.formulaAddress),
        ast.end!.toSimpleCellAddress(state.formulaAddress),
      ];
      const graph = this.dependencyGraph as unknown as {
        getArray(range: unknown): { array: { error?: CellError } } | undefined;
      };
      const range = { start: a, end: b, sheet: a.sheet };
      return graph.getArray(range)?.array.error ?? new CellError(ErrorType.SPILL);
    }
  };
}

type SequencePlugin = {
  sequence(ast: Ast, state: State): unknown;
  sequenceArraySize(ast: Ast, state: State): ArraySize;
  metadata(name: string): unknown;
  runFunction(args: unknown, state: State, metadata: unknown, fn: (rows: number, cols: number) => unknown): unknown;
};
let sequenceBounded = false;
const formatCount = (n: number) => n.toLocaleString("en-US");

/**
 * HyperFormula 3.5 builds SEQUENCE's whole result, bounded only by the sheet's size: a typed
 * =SEQUENCE(1048576,16384) fills 17 billion numbers and crashes the tab. Here a SEQUENCE of more
 * than MAX_RANGE_CELLS cells is #VALUE! with a message, as a range that large is, before any
 * array area is reserved for it.
 */
function boundSequence() {
  const plugin = HyperFormula.getFunctionPlugin("SEQUENCE") as unknown as { prototype: SequencePlugin } | undefined;
  if (!plugin || sequenceBounded) return;
  sequenceBounded = true;
  const [original, size] = [plugin.prototype.sequence, plugin.prototype.sequenceArraySize];
  // Too large a literal size is not given an array area (HyperFormula would check every cell of it for space).
  plugin.prototype.sequenceArraySize = function (this: SequencePlugin, ast: Ast, state: State) {
    const predicted = size.call(this, ast, state);
    return predicted.width * predicted.height > MAX_RANGE_CELLS ? ArraySize.error() : predicted;
  };
  const fits = Symbol("fits");
  plugin.prototype.sequence = function (this: SequencePlugin, ast: Ast, state: State) {
    const checked = this.runFunction(
      (ast as unknown as { args: unknown }).args,
      state,
      this.metadata("SEQUENCE"),
      (rows, cols) =>
        Math.trunc(rows) * Math.trunc(cols) > MAX_RANGE_CELLS
          ? new CellError(
              ErrorType.VALUE,
              `SEQUENCE of ${formatCount(Math.trunc(rows))} × ${formatCount(Math.trunc(cols))} cells: the workbench computes at most ${formatCount(MAX_RANGE_CELLS)} cells per array.`,
            )
          : fits,
    );
    return checked === fits ? original.call(this, ast, state) : checked;
  };
}

/**
 * One token of a formula, as `rewriteFormula` sees it: a string literal, a sheet-qualified
 * reference (`'My sheet'!rate`, `Data!A1`), a quoted sheet name, or a bare identifier that is not a
 * function call. Text inside string literals and quoted sheet names is never an identifier.
 */
const TOKEN =
  /("(?:[^"]|"")*")|('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!(\$?[A-Za-z_][A-Za-z0-9_.$]*)(?![A-Za-z0-9_.(])|('(?:[^']|'')+')|(?<![A-Za-z0-9_.!$])([A-Za-z_][A-Za-z0-9_.]*)(?![A-Za-z0-9_.(!])/g;

const sheetNameOf = (token: string) => (token.startsWith("'") ? token.slice(1, -1).replace(/''/g, "'") : token);

/** A formula with each sheet-qualified `sheet!name` and each bare identifier replaced as `replace` says (undefined: kept). */
export function rewriteFormula(
  formula: string,
  replace: { qualified(sheet: string, name: string): string | undefined; bare(name: string): string | undefined },
): string {
  return formula.replace(TOKEN, (whole, text, sheet, name, quoted, bare) => {
    if (sheet !== undefined) return replace.qualified(sheetNameOf(sheet), name) ?? whole;
    return bare !== undefined ? (replace.bare(bare) ?? whole) : whole;
  });
}

const BOOLEANS: Record<string, string> = { true: "TRUE()", false: "FALSE()" };
const REFERENCE = /^\$?[A-Za-z]{1,3}\$?[0-9]+$/;

/**
 * A formula as the engine takes it. Names become absolute references: the sheet's own names, and
 * `'Sheet'!name` for another sheet's (HyperFormula 3.5 has named expressions, but an array formula
 * that depends through one on another formula is evaluated before it, "Value of the formula cell
 * is not computed", so the engine never sees names). A name on a sheet that does not exist is
 * #REF!, as Excel shows a reference to a deleted sheet. Bare TRUE and FALSE, which HyperFormula 3.5
 * reads as unknown names, become TRUE() and FALSE().
 */
export function engineFormula(formula: string, sheet: SourceSheet, sheets: readonly SourceSheet[]): string {
  const find = (s: SourceSheet | undefined, name: string) => {
    for (const [n, address] of s?.names ?? []) if (n.toLowerCase() === name.toLowerCase()) return address;
    return undefined;
  };
  return rewriteFormula(formula, {
    qualified: (sheetName, name) => {
      const target = sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
      if (!target) return REFERENCE.test(name) ? undefined : "#REF!";
      const address = find(target, name);
      return address && `${quoteSheet(target.name)}!${absolute(address)}`;
    },
    bare: (name) => {
      const address = find(sheet, name);
      return address ? absolute(address) : BOOLEANS[name.toLowerCase()];
    },
  });
}

/** `B5` → `$B$5`, `B5:C6` → `$B$5:$C$6`. */
export const absolute = (address: string) =>
  address
    .split(":")
    .map((a) => a.replace(/^([A-Z]+)([0-9]+)$/, "$$$1$$$2"))
    .join(":");

/** A string literal, or a range (`A1:B2`, `A:C`, `1:3`) with its optional sheet. */
const RANGE =
  /("(?:[^"]|"")*")|(?<![A-Za-z0-9_.$])(?:('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?[A-Za-z]{1,3}\$?[0-9]{1,7}:\$?[A-Za-z]{1,3}\$?[0-9]{1,7}|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?[0-9]{1,7}:\$?[0-9]{1,7})(?![A-Za-z0-9_.(!])/g;

/** The cell of a range's corner; a column or row reference spans the whole sheet. */
function corner(part: string, end: boolean): { row: number; col: number } {
  const p = part.replace(/\$/g, "").toUpperCase();
  if (/^[0-9]+$/.test(p)) return { row: Number(p), col: end ? ENGINE_CONFIG.maxColumns! : 1 };
  if (/^[A-Z]+$/.test(p)) return { row: end ? ENGINE_CONFIG.maxRows! : 1, col: parseCell(`${p}1`).col };
  return parseCell(p);
}

/** A one-sheet workbook range's rows and columns in use: its highest row and column (0: empty). */
export interface UsedRange {
  rows: number;
  cols: number;
}

/**
 * The workbook's engine. `source` gives the sheets as they now are (the workbook's own cells:
 * constants, formulas with their last values, and the values spilled beside them).
 */
export class Engine {
  private hf: HyperFormula;
  /** HyperFormula sheet id → sheet name. */
  private names: string[] = [];
  /** What the engine was given, by sheet (lower case) and address. */
  private sent = new Map<string, Map<string, RawCellContent>>();
  /** Cells refused (a range too large), with their message. */
  private refused = new Map<string, string>();
  /** Formula cells whose ranges were cut to a used range, by "sheet\0address": entered again when it grows. */
  private clamped = new Set<string>();
  private used = new Map<string, UsedRange>();
  /** Results by function and argument hash (collisions told apart by comparing the arguments). */
  private calls = new Map<string, CallRecord[]>();
  private kept = 0;
  /** Result sizes seen, by call site ("sheet\0row\0col"), for the next time the formula is read. */
  readonly observed = new Map<string, [number, number]>();
  /** Sizes predicted when each formula was last read. */
  readonly predicted = new Map<string, { ast: unknown; size: [number, number] }>();
  /** Call sites whose result size differs from the one predicted. */
  readonly stale = new Set<string>();
  /** The last pass: a size that is still wrong becomes #SPILL!. */
  final = false;
  /** Notes a cell given to the engine during the running update (its value is reported even if unchanged). */
  private touched: (a: Address) => void = () => undefined;
  /** The source as the running update sees it. */
  private now: readonly SourceSheet[] = [];

  constructor(
    private readonly functions: Record<string, InfraFunction>,
    readonly signatures: Signatures,
    private readonly source: () => readonly SourceSheet[],
  ) {
    register(Object.keys(functions));
    this.hf = HyperFormula.buildEmpty(ENGINE_CONFIG);
    patchErroredArrays(this.hf);
    boundSequence();
  }

  /** A call site's key: the formula's sheet name and position. */
  siteOf(a: Address): string {
    return `${this.names[a.sheet]}\0${a.row}\0${a.col}`;
  }

  /** The function's result for these arguments: a kept one when an earlier call had the same arguments. */
  call(id: string, args: unknown[]): unknown {
    const key = `${id}\0${hashOf(args)}`;
    const bucket = this.calls.get(key);
    const kept = bucket?.find((c) => sameArgs(c.args, args));
    if (kept) return kept.result;
    let result: unknown;
    try {
      result = this.functions[id](...args);
    } catch (e) {
      result = errorOf(e);
    }
    if (++this.kept > MAX_KEPT) [this.calls, this.kept] = [new Map(), 1];
    if (bucket && this.calls.has(key)) bucket.push({ args, result });
    else this.calls.set(key, [{ args, result }]);
    return result;
  }

  /** A source cell's last value as a function argument, for size prediction. */
  peek(sheet: number, row: number, col: number): unknown {
    const s = this.now.find((x) => x.name === this.names[sheet]);
    const v = s?.cells.get(cell(row + 1, col + 1))?.value;
    return v === null || v === undefined ? EmptyValue : v;
  }

  /** Builds the engine afresh from the source: on import and when sheets are added, renamed or deleted. */
  load(): CellChange[] {
    return this.run(() => {
      this.hf.destroy();
      this.hf = HyperFormula.buildEmpty(ENGINE_CONFIG);
      [this.sent, this.used, this.names] = [new Map(), new Map(), []];
      this.refused.clear();
      this.clamped.clear();
      this.predicted.clear();
      const sheets = this.source();
      for (const s of sheets) this.names[this.hf.getSheetId(this.hf.addSheet(s.name))!] = s.name;
      for (const s of sheets) {
        this.sent.set(s.name.toLowerCase(), new Map());
        for (const [address, c] of s.cells)
          if (!s.spilled?.has(address) && (c.formula !== undefined || c.value !== null))
            this.extend(s.name, parseCell(address));
      }
      return this.hf.batch(() => {
        for (const s of sheets) for (const address of s.cells.keys()) this.send(s, address, sheets);
      });
    }, true);
  }

  /** Whether the sheets (names, in order) are the ones the engine holds. */
  private matches(sheets: readonly SourceSheet[]): boolean {
    return sheets.length === this.names.length && sheets.every((s, i) => this.names[i] === s.name);
  }

  /**
   * Brings the engine up to date with the source: the given cells of one sheet, or (without
   * `cells`) every cell of every sheet, compared with what the engine holds. The values that
   * changed, spilled cells included.
   */
  sync(sheet?: string, cells?: Iterable<string>): CellChange[] {
    const sheets = this.source();
    if (!this.matches(sheets)) return this.load();
    return this.run(() => {
      const targets = sheet !== undefined ? sheets.filter((s) => s.name.toLowerCase() === sheet.toLowerCase()) : sheets;
      return this.hf.batch(() => {
        for (const s of targets) {
          const addresses = cells ?? new Set([...s.cells.keys(), ...this.sent.get(s.name.toLowerCase())!.keys()]);
          for (const address of addresses) {
            const c = s.cells.get(address);
            if (c && !s.spilled?.has(address) && (c.formula !== undefined || c.value !== null))
              this.extend(s.name, parseCell(address));
            this.send(s, address, sheets);
          }
        }
      });
    }, false);
  }

  /** The used range of a sheet: its highest row and column holding a constant, a formula or a spilled value. */
  usedRange(sheet: string): UsedRange {
    return { ...(this.used.get(sheet.toLowerCase()) ?? { rows: 0, cols: 0 }) };
  }

  /** A cell's value now (on demand, for any cell). */
  value(sheet: string, address: string): EvaluatedCell {
    const id = this.hf.getSheetId(sheet);
    if (id === undefined) return { value: null };
    const { row, col } = parseCell(address);
    return this.evaluated(id, row - 1, col - 1);
  }

  /** A cell's value as the workbook shows it; `value`: HyperFormula's, when already known. */
  private evaluated(sheet: number, row: number, col: number, value?: { v: unknown }): EvaluatedCell {
    const address = cell(row + 1, col + 1);
    if (this.refused.size) {
      const refused = this.refused.get(`${this.names[sheet].toLowerCase()}\0${address}`);
      if (refused !== undefined) return { value: "#VALUE!", error: { message: refused } };
    }
    const out = shown(value ? value.v : this.hf.getCellValue({ sheet, row, col }));
    const held = this.sent.get(this.names[sheet].toLowerCase())?.get(address);
    if (out.error || typeof held !== "string" || !held.startsWith("=")) return out;
    const array = (
      this.hf as unknown as {
        dependencyGraph: {
          arrayMapping: { getArrayByCorner(a: Address): { width: number; height: number } | undefined };
        };
      }
    ).dependencyGraph.arrayMapping.getArrayByCorner({ sheet, row, col });
    if (array && (array.width > 1 || array.height > 1)) out.spill = [array.width, array.height];
    return out;
  }

  /**
   * Runs an update, then settles spill sizes (entering again each formula whose result size
   * changed) and ranges cut to a used range that grew. Any failure inside the engine rebuilds it
   * from the source, so no exception leaves it stuck.
   */
  private run(update: () => ExportedChange[], rebuilding: boolean): CellChange[] {
    running = this;
    this.now = this.source();
    this.final = false;
    this.stale.clear();
    /** The last change of each cell (by a number made of its position), or the address of a cell given to the engine. */
    const changed = new Map<number, ExportedCellChange | Address>();
    const keyOf = (a: Address) => (a.sheet * 1_048_576 + a.row) * 16_384 + a.col;
    this.touched = (a) => changed.has(keyOf(a)) || changed.set(keyOf(a), a);
    const collect = (changes: ExportedChange[]) => {
      for (const c of changes)
        if (c instanceof ExportedCellChange) {
          changed.set(keyOf(c.address), c);
          if (c.newValue !== null)
            this.extend(this.names[c.address.sheet], { row: c.address.row + 1, col: c.address.col + 1 });
        }
    };
    try {
      collect(update());
      let passes = 0;
      for (let pass = 1; this.stale.size || this.growing(); pass++) {
        passes ||= 1 + this.formulaCount();
        this.final = pass >= passes;
        const sheets = this.source();
        const again = [...this.stale].map((site) => site.split("\0"));
        this.stale.clear();
        collect(
          this.hf.batch(() => {
            for (const [name, row, col] of again) {
              const s = sheets.find((x) => x.name === name);
              if (s) this.send(s, cell(Number(row) + 1, Number(col) + 1), sheets, true);
            }
            for (const key of [...this.clamped]) {
              const [name, address] = key.split("\0");
              const s = sheets.find((x) => x.name.toLowerCase() === name);
              if (s) this.send(s, address, sheets);
            }
          }),
        );
        if (this.final) break;
      }
    } catch (e) {
      if (rebuilding) throw e;
      running = undefined;
      return this.load();
    } finally {
      running = undefined;
    }
    return [...changed.values()].map((c) => {
      const a = c instanceof ExportedCellChange ? c.address : c;
      return {
        sheet: this.names[a.sheet],
        address: cell(a.row + 1, a.col + 1),
        cell: this.evaluated(a.sheet, a.row, a.col, c instanceof ExportedCellChange ? { v: c.newValue } : undefined),
      };
    });
  }

  private formulaCount(): number {
    let n = 0;
    for (const cells of this.sent.values())
      for (const c of cells.values()) if (typeof c === "string" && c.startsWith("=")) n++;
    return n;
  }

  /** Whether a cut range would now be cut differently (its sheet's used range grew). */
  private growing(): boolean {
    const sheets = this.source();
    for (const key of this.clamped) {
      const [name, address] = key.split("\0");
      const s = sheets.find((x) => x.name.toLowerCase() === name);
      if (s && this.contentOf(s, address, sheets).content !== this.sent.get(name)?.get(address)) return true;
    }
    return false;
  }

  private extend(sheet: string, p: { row: number; col: number }) {
    const key = sheet.toLowerCase();
    const u = this.used.get(key) ?? { rows: 0, cols: 0 };
    if (p.row > u.rows || p.col > u.cols)
      this.used.set(key, { rows: Math.max(u.rows, p.row), cols: Math.max(u.cols, p.col) });
  }

  /** What the engine must hold for a cell of the source (null: empty), whether its ranges were cut, or why it is refused. */
  private contentOf(
    s: SourceSheet,
    address: string,
    sheets: readonly SourceSheet[],
  ): { content: RawCellContent; cut?: boolean; refused?: string } {
    const c = s.spilled?.has(address) ? undefined : s.cells.get(address);
    if (!c) return { content: null };
    if (c.formula === undefined) return { content: constant(c.value) };
    let cut = false;
    let refused: string | undefined;
    const content = engineFormula(c.formula, s, sheets).replace(RANGE, (whole, text, sheet, range: string) => {
      if (text !== undefined) return whole;
      const [first, last] = range.split(":");
      const [a, b] = [corner(first, false), corner(last, true)];
      const [top, bottom] = [Math.min(a.row, b.row), Math.max(a.row, b.row)];
      const [left, right] = [Math.min(a.col, b.col), Math.max(a.col, b.col)];
      if ((bottom - top + 1) * (right - left + 1) <= CLAMP_AREA) return whole;
      const used = this.usedRange(sheet === undefined ? s.name : sheetNameOf(sheet));
      const [rows, cols] = [Math.max(top, Math.min(bottom, used.rows)), Math.max(left, Math.min(right, used.cols))];
      const area = (rows - top + 1) * (cols - left + 1);
      if (area > MAX_RANGE_CELLS)
        refused ??=
          `The range ${range} covers ${area.toLocaleString("en-US")} cells in use; ` +
          `the workbench reads at most ${MAX_RANGE_CELLS.toLocaleString("en-US")} cells per range.`;
      cut = true;
      return `${sheet ? `${sheet}!` : ""}${absolute(`${cell(top, left)}:${cell(rows, cols)}`)}`;
    });
    return refused !== undefined ? { content: "#VALUE!", refused } : { content, cut };
  }

  /** Gives the engine a source cell when it differs from what it holds (or always, with `force`). */
  private send(s: SourceSheet, address: string, sheets: readonly SourceSheet[], force = false) {
    const held = this.sent.get(s.name.toLowerCase())!;
    const key = `${s.name.toLowerCase()}\0${address}`;
    const { content, cut, refused } = this.contentOf(s, address, sheets);
    if (refused !== undefined) this.refused.set(key, refused);
    else this.refused.delete(key);
    if (cut) this.clamped.add(key);
    else this.clamped.delete(key);
    if (!force && content === held.get(address) && (content !== null || !held.has(address))) return;
    const { row, col } = parseCell(address);
    const id = this.hf.getSheetId(s.name)!;
    if (!force) this.observed.delete(`${s.name}\0${row - 1}\0${col - 1}`);
    this.hf.setCellContents({ sheet: id, row: row - 1, col: col - 1 }, content);
    this.touched({ sheet: id, row: row - 1, col: col - 1 });
    if (content === null) held.delete(address);
    else held.set(address, content);
  }

  destroy() {
    this.hf.destroy();
  }
}

/** A constant as the engine must store it: text stays text even when it looks like a number or formula. */
const constant = (v: CellValue): RawCellContent => (typeof v === "string" && v !== "" ? `'${v}` : v);

/**
 * HyperFormula's own error values as Excel's: #ERROR! (a formula it cannot read) is #NAME?, #CYCLE!
 * (a circular reference) #REF!, #LIC! #VALUE!; the message says what happened.
 */
const EXCEL_ERRORS: Record<string, string> = { "#ERROR!": "#NAME?", "#CYCLE!": "#REF!", "#LIC!": "#VALUE!" };

const shown = (v: unknown): EvaluatedCell =>
  v instanceof DetailedCellError
    ? { value: EXCEL_ERRORS[v.value] ?? v.value, error: v.message ? { message: v.message } : {} }
    : { value: v as CellValue };

/**
 * Evaluates a workbook once: every non-empty cell's value by sheet name and A1 address, spilled
 * cells included. Constants keep their value; formulas get the engine's.
 */
export function evaluate(
  sheets: readonly SourceSheet[],
  functions: Record<string, InfraFunction>,
  signatures: Signatures,
): Map<string, Map<string, EvaluatedCell>> {
  const engine = new Engine(functions, signatures, () => sheets);
  try {
    engine.load();
    const out = new Map<string, Map<string, EvaluatedCell>>();
    for (const s of sheets) {
      const values = new Map<string, EvaluatedCell>();
      const used = engine.usedRange(s.name);
      const addresses = new Set(s.cells.keys());
      // Spilled cells: every cell of each spill area.
      for (const address of s.cells.keys()) {
        const spill = engine.value(s.name, address).spill;
        if (!spill) continue;
        const { row, col } = parseCell(address);
        for (const p of cellsOf(`${address}:${cell(row + spill[1] - 1, col + spill[0] - 1)}`).flat())
          if (p.row <= used.rows && p.col <= used.cols) addresses.add(cell(p.row, p.col));
      }
      for (const address of addresses) {
        const v = engine.value(s.name, address);
        if (v.value !== null) values.set(address, v);
      }
      out.set(s.name, values);
    }
    return out;
  } finally {
    engine.destroy();
  }
}

/** Evaluates one formula on an empty sheet (the formula bar's preview). */
export function evaluateFormula(
  formula: string,
  functions: Record<string, InfraFunction>,
  signatures: Signatures,
  sheets: readonly SourceSheet[] = [],
): EvaluatedCell | EvaluatedCell[][] {
  return evaluateFormulas([formula], functions, signatures, sheets)[0];
}

/** Evaluates formulas, each from A1 of its own empty sheet, in one engine (the parity test): each one's cell or spill. */
export function evaluateFormulas(
  formulas: string[],
  functions: Record<string, InfraFunction>,
  signatures: Signatures,
  sheets: readonly SourceSheet[] = [],
): (EvaluatedCell | EvaluatedCell[][])[] {
  const scratch = formulas.map((formula, i) => ({
    name: `Scratch ${i + 1}`,
    cells: new Map([["A1", { value: null, formula }]]),
    names: new Map(),
  }));
  const result = evaluate([...sheets, ...scratch], functions, signatures);
  return scratch.map((s) => {
    const values = result.get(s.name)!;
    const size = values.get("A1")?.spill ?? [1, 1];
    if (size[0] === 1 && size[1] === 1) {
      const { value, error } = values.get("A1") ?? { value: null };
      return error ? { value, error } : { value };
    }
    return cellsOf(`A1:${cell(size[1], size[0])}`).map((row) =>
      row.map((p) => {
        const { value, error } = values.get(cell(p.row, p.col)) ?? { value: null };
        return error ? { value, error } : { value };
      }),
    );
  });
}
