/**
 * The workbench's spreadsheet engine: HyperFormula (GPL-3.0; the workbench and tests only, never
 * the add-in bundle) with every INFRA custom function registered as a plugin from the same
 * function table Excel calls, and Excel-compatible settings (reference/engines-and-mc-anchors.md §1):
 * no 10-digit smart rounding, Excel's row and column limits, array arithmetic (dynamic arrays),
 * the 1900 leap-year bug, and Excel's error codes with the InfraError's message kept.
 *
 * Arguments reach a function as Excel passes them: numbers, text, booleans, null for an omitted
 * argument or an empty cell, and a 2-D array for a range parameter (a scalar given to a range
 * parameter arrives as a 1×1 array). An error argument is returned without calling the function.
 *
 * Spills: HyperFormula fixes a formula's result size before evaluating it, from its syntax. The
 * size of an INFRA result is found by calling the function on its arguments read from the source
 * (literals and cells; a formula cell's last value); if the evaluated result differs, the
 * whole book is evaluated again with the observed sizes, until every size is settled (a chain of n
 * such formulas takes n + 1 passes; a size still changing after that shows #SPILL!). A call's
 * result is kept for the whole evaluation, so each function runs once per distinct arguments; given
 * an EngineMemory, results and spill sizes carry over to the next evaluation (a recalculation), which
 * then calls only the functions whose arguments changed and usually needs one pass.
 */
import {
  ArraySize,
  CellError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import type { ConfigParams, ImplementedFunctions, RawCellContent } from "hyperformula";
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

/** A worksheet as the engine reads it: cells by A1 address and its worksheet-scoped names. */
export interface SourceSheet {
  name: string;
  cells: ReadonlyMap<string, { value: CellValue; formula?: string }>;
  names: ReadonlyMap<string, string>;
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
};

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
  value2?: Ast;
  procedureName?: string;
  expressionName?: string;
  reference?: { sheet?: number; toSimpleCellAddress(base: Address): Address };
  start?: { sheet?: number; toSimpleCellAddress(base: Address): Address };
  end?: { toSimpleCellAddress(base: Address): Address };
  expression?: Ast;
};
type Address = { sheet: number; row: number; col: number };
type State = { formulaAddress: Address };

/** What one evaluation pass knows: the table, the source and the sizes seen. */
interface Context {
  functions: Record<string, InfraFunction>;
  signatures: Signatures;
  sheets: SourceSheet[];
  /** Result sizes observed by the previous pass, by "sheet!row!col". */
  observed: Map<string, [number, number]>;
  /** Sizes predicted in this pass, with the call they belong to. */
  predicted: Map<string, { ast: Ast; size: [number, number] }>;
  stale: boolean;
  /** The last pass: a size that is still wrong becomes #SPILL!. */
  final: boolean;
  /** Results by function and arguments, for the whole evaluation. */
  results: Map<string, unknown>;
}

let context: Context | undefined;

const keyOf = (a: Address) => `${a.sheet}!${a.row}!${a.col}`;
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
    if (v instanceof CellError) return v;
    if (v instanceof SimpleRangeValue) {
      const rows = v.rawData().map((r) => r.map((x) => (x === EmptyValue ? "" : plain(x))));
      for (const r of rows) for (const x of r) if (x instanceof CellError) return x;
      if (matrix) out.push(rows);
      else if (rows.length === 1 && rows[0].length === 1) out.push(rows[0][0] === "" ? null : rows[0][0]);
      else
        return new CellError(
          ErrorType.VALUE,
          `${signature[i]?.name ?? `Argument ${i + 1}`} takes one value, not a range.`,
        );
    } else out.push(matrix && v !== null && v !== EmptyValue ? [[plain(v)]] : plain(v));
  }
  return out;
}

/** Arguments as a cache key: JSON, with the non-finite numbers JSON would turn into null kept apart. */
const keyOfCall = (id: string, args: unknown[]) =>
  `${id}:${JSON.stringify(args, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? { n: String(v) } : v))}`;

/** Calls the function (once per arguments); an InfraError becomes the Excel error it stands for, with its message as Excel shows it. */
function call(id: string, args: unknown[]): unknown {
  const ctx = context!;
  const key = keyOfCall(id, args);
  if (ctx.results.has(key)) return ctx.results.get(key);
  let result: unknown;
  try {
    result = ctx.functions[id](...args);
  } catch (e) {
    const code = e instanceof InfraError ? (ERROR_TYPES[e.code] ?? ErrorType.VALUE) : ErrorType.VALUE;
    // Excel shows a custom function's message only for #VALUE! and #N/A.
    const shown = code === ErrorType.VALUE || code === ErrorType.NA;
    result = new CellError(code, shown ? (e instanceof Error ? e.message : String(e)) : undefined);
  }
  ctx.results.set(key, result);
  return result;
}

const sizeOf = (r: unknown): [number, number] =>
  Array.isArray(r) && r.length && Array.isArray(r[0]) ? [r[0].length, r.length] : [1, 1];

/** The plugin: one method serves every INFRA function (its id is the call's name). */
class InfraPlugin extends FunctionPlugin {
  static implementedFunctions: ImplementedFunctions = {};

  infra(ast: Ast, state: State): unknown {
    const id = ast.procedureName!.slice(PREFIX.length);
    const ctx = context!;
    const values = ast.args!.map((a) => (a.type === "EMPTY" ? null : this.evaluateAst(a as never, state as never)));
    const args = excelArgs(values, ctx.signatures[id] ?? []);
    const result = args instanceof CellError ? args : call(id, args);
    const [width, height] = sizeOf(result); // a scalar or an error: [1, 1]
    const key = keyOf(state.formulaAddress);
    const predicted = ctx.predicted.get(key);
    let [w, h] = predicted?.ast === ast ? predicted.size : [width, height];
    if (w !== width || h !== height) {
      if (ctx.final) return new CellError(ErrorType.SPILL, "The result's size kept changing: it depends on itself.");
      ctx.observed.set(key, [width, height]);
      ctx.stale = true;
    }
    if (!Array.isArray(result)) return typeof result === "number" && !Number.isFinite(result) ? num() : result;
    [w, h] = [Math.max(w, 1), Math.max(h, 1)];
    const rows = Array.from({ length: h }, (_, r) =>
      Array.from({ length: w }, (_, c) => {
        const x = (result as unknown[][])[r]?.[c];
        return x === null || x === undefined ? EmptyValue : x;
      }),
    );
    return SimpleRangeValue.onlyValues(rows as never);
  }

  infraSize(ast: Ast, state: State): ArraySize {
    const ctx = context!;
    const id = ast.procedureName!.slice(PREFIX.length);
    const key = keyOf(state.formulaAddress);
    let size = ctx.observed.get(key);
    if (!size) {
      const values = ast.args!.map((a) => this.staticValue(a, state.formulaAddress));
      if (values.includes(UNKNOWN)) size = [1, 1];
      else {
        const args = excelArgs(values, ctx.signatures[id] ?? []);
        size = args instanceof CellError ? [1, 1] : sizeOf(call(id, args));
      }
    }
    ctx.predicted.set(key, { ast, size });
    return size[0] === 1 && size[1] === 1 ? ArraySize.scalar() : new ArraySize(size[0], size[1]);
  }

  /** An argument's value without evaluating: literals and cells read from the source (names are inlined). */
  private staticValue(ast: Ast, base: Address): unknown {
    const sheets = context!.sheets;
    const read = (sheet: number, row: number, col: number): unknown => {
      const v = sheets[sheet]?.cells.get(cell(row + 1, col + 1))?.value;
      return v === null || v === undefined ? EmptyValue : v;
    };
    const range = (sheet: number, a: Address, b: Address) =>
      SimpleRangeValue.onlyValues(
        Array.from({ length: b.row - a.row + 1 }, (_, r) =>
          Array.from({ length: b.col - a.col + 1 }, (_, c) => read(sheet, a.row + r, a.col + c)),
        ) as never,
      );
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
        return read(a.sheet, a.row, a.col);
      }
      case "CELL_RANGE": {
        const a = ast.start!.toSimpleCellAddress(base);
        return range(a.sheet, a, ast.end!.toSimpleCellAddress(base));
      }
      default:
        return UNKNOWN;
    }
  }
}

const num = () => new CellError(ErrorType.NUM, "The result is not a finite number.");

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

/**
 * One token of a formula, as `rewriteFormula` sees it: a string literal, a sheet-qualified
 * reference (`'My sheet'!rate`, `Data!A1`), a quoted sheet name, or a bare identifier that is not a
 * function call. Text inside string literals and quoted sheet names is never an identifier.
 */
const TOKEN =
  /("(?:[^"]|"")*")|('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!(\$?[A-Za-z_][A-Za-z0-9_.$]*)(?![A-Za-z0-9_.(])|('(?:[^']|'')+')|(?<![A-Za-z0-9_.!$])([A-Za-z_][A-Za-z0-9_.]*)(?![A-Za-z0-9_.(!])/g;

/** A formula with each sheet-qualified `sheet!name` and each bare identifier replaced as `replace` says (undefined: kept). */
export function rewriteFormula(
  formula: string,
  replace: { qualified(sheet: string, name: string): string | undefined; bare(name: string): string | undefined },
): string {
  return formula.replace(TOKEN, (whole, text, sheet, name, quoted, bare) => {
    if (sheet !== undefined) {
      const sheetName = sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
      return replace.qualified(sheetName, name) ?? whole;
    }
    return bare !== undefined ? (replace.bare(bare) ?? whole) : whole;
  });
}

const BOOLEANS: Record<string, string> = { true: "TRUE()", false: "FALSE()" };

/**
 * A formula as the engine takes it. Names become absolute references: the sheet's own names, and
 * `'Sheet'!name` for another sheet's (HyperFormula 3.5 has named expressions, but an array formula
 * that depends through one on another formula is evaluated before it, "Value of the formula cell
 * is not computed", so the engine never sees names). Bare TRUE and FALSE, which HyperFormula 3.5
 * reads as unknown names, become TRUE() and FALSE().
 */
export function engineFormula(formula: string, sheet: SourceSheet, sheets: readonly SourceSheet[]): string {
  const find = (s: SourceSheet | undefined, name: string) =>
    [...(s?.names ?? [])].find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
  return rewriteFormula(formula, {
    qualified: (sheetName, name) => {
      const target = sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
      const address = find(target, name);
      return address && `${quoteSheet(target!.name)}!${absolute(address)}`;
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

/** A constant as the engine must store it: text stays text even when it looks like a number or formula. */
const constant = (v: CellValue): RawCellContent => (typeof v === "string" && v !== "" ? `'${v}` : v);

function build(sheets: readonly SourceSheet[]): HyperFormula {
  const data: Record<string, RawCellContent[][]> = {};
  for (const s of sheets) {
    const rows: RawCellContent[][] = [];
    for (const [address, c] of s.cells) {
      const { row, col } = parseCell(address);
      const content = c.formula !== undefined ? engineFormula(c.formula, s, sheets) : constant(c.value);
      if (content === null || content === undefined) continue;
      (rows[row - 1] ??= [])[col - 1] = content;
    }
    data[s.name] = Array.from(rows, (r) => Array.from(r ?? [], (x) => x ?? null));
  }
  return HyperFormula.buildFromSheets(data, ENGINE_CONFIG);
}

const shown = (v: unknown): EvaluatedCell =>
  v instanceof DetailedCellError
    ? { value: v.value, error: v.message ? { message: v.message } : {} }
    : { value: v as CellValue };

/** What one evaluation leaves for the next with the same function table: results by call, spill sizes by cell. */
export interface EngineMemory {
  results: Map<string, unknown>;
  /** [width, height] by "sheet name!A1 address". */
  sizes: Map<string, [number, number]>;
}

/** Results kept at most: past it the memory starts afresh. */
const MAX_RESULTS = 10_000;

export const engineMemory = (): EngineMemory => ({ results: new Map(), sizes: new Map() });

/**
 * Evaluates a workbook: every non-empty cell's value by sheet name and A1 address, spilled cells
 * included. Constants keep their value; formulas get the engine's.
 */
export function evaluate(
  sheets: readonly SourceSheet[],
  functions: Record<string, InfraFunction>,
  signatures: Signatures,
  memory: EngineMemory = engineMemory(),
): Map<string, Map<string, EvaluatedCell>> {
  register(Object.keys(functions));
  if (memory.results.size > MAX_RESULTS) memory.results.clear();
  const observed = new Map<string, [number, number]>();
  sheets.forEach((s, sheet) => {
    for (const address of s.cells.keys()) {
      const size = memory.sizes.get(`${s.name}!${address}`);
      const { row, col } = parseCell(address);
      if (size) observed.set(keyOf({ sheet, row: row - 1, col: col - 1 }), size);
    }
  });
  const ctx: Context = {
    functions,
    signatures,
    sheets: [...sheets],
    observed,
    predicted: new Map(),
    stale: false,
    final: false,
    results: memory.results,
  };
  context = ctx;
  // Each pass settles at least one more size of a chain of spills depending on spills.
  const passes = sheets.reduce((n, s) => n + [...s.cells.values()].filter((c) => c.formula !== undefined).length, 1);
  try {
    for (let pass = 1; ; pass++) {
      ctx.stale = false;
      ctx.final = pass >= passes;
      ctx.predicted.clear();
      const hf = build(sheets);
      try {
        if (!ctx.stale || ctx.final) return remember(read(hf, sheets), memory);
      } finally {
        hf.destroy();
      }
    }
  } finally {
    context = undefined;
  }
}

/** Keeps the spill sizes of `result` in `memory`; returns `result`. */
function remember(result: Map<string, Map<string, EvaluatedCell>>, memory: EngineMemory) {
  memory.sizes.clear();
  for (const [sheet, cells] of result)
    for (const [address, c] of cells) if (c.spill) memory.sizes.set(`${sheet}!${address}`, c.spill);
  return result;
}

function read(hf: HyperFormula, sheets: readonly SourceSheet[]) {
  const out = new Map<string, Map<string, EvaluatedCell>>();
  sheets.forEach((s) => {
    const values = new Map<string, EvaluatedCell>();
    const id = hf.getSheetId(s.name)!;
    hf.getSheetValues(id).forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined) values.set(cell(r + 1, c + 1), shown(v));
      }),
    );
    for (const [address, c] of s.cells) {
      if (c.formula === undefined) {
        if (c.value !== null) values.set(address, { value: c.value });
        continue;
      }
      const { row, col } = parseCell(address);
      const array = hf.arrayMapping.getArrayByCorner({ sheet: id, row: row - 1, col: col - 1 });
      const v = values.get(address);
      if (array && (array.width > 1 || array.height > 1) && v && !v.error)
        values.set(address, { ...v, spill: [array.width, array.height] });
    }
    out.set(s.name, values);
  });
  return out;
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
    const size = extent(values);
    if (size[0] === 1 && size[1] === 1) return values.get("A1") ?? { value: null };
    return cellsOf(`A1:${cell(size[1], size[0])}`).map((row) =>
      row.map((p) => {
        const { value, error } = values.get(cell(p.row, p.col)) ?? { value: null };
        return error ? { value, error } : { value };
      }),
    );
  });
}

const extent = (values: Map<string, unknown>): [number, number] => {
  let [w, h] = [1, 1];
  for (const a of values.keys()) {
    const { row, col } = parseCell(a);
    [w, h] = [Math.max(w, col), Math.max(h, row)];
  }
  return [w, h];
};
