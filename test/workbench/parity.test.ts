/**
 * Parity (issue 7): every INFRA function evaluated through the workbench's engine (HyperFormula
 * with the INFRA plugin) gives exactly what the function table gives when called with the
 * arguments Excel passes: the documented example, and the example with each argument in turn
 * replaced by text, -1, TRUE, an omitted argument, an empty cell and an error value (errors must
 * carry the same code and message; an error argument comes back as is, as Excel does without
 * calling the function). Spills are compared cell by cell. The table is src/functions, the module
 * dist/lib compiles unchanged (tsconfig.lib.json), so the test needs no build.
 */
import { functions } from "../../src/functions";
import { InfraError } from "../../src/functions/errors";
import {
  EvaluatedCell,
  InfraFunction,
  Signatures,
  evaluateFormula,
  evaluateFormulas,
  signaturesOf,
} from "../../src/workbench/engine";
import { cell } from "../../src/scenario/plan";
import { loadMetadata } from "../metadata";

const docs: Record<string, { args?: unknown[] }> = Object.assign(
  {},
  ...["reliability", "power", "balance", "buildout"].map((f) => require(`../../src/functions/docs/${f}.json`)),
);
const table = functions as unknown as Record<string, InfraFunction>;

/** An argument that is a reference to an empty cell, and one that is an error value. */
const EMPTY_CELL = Symbol("empty cell");
const ERROR = Symbol("#DIV/0!");

/** A sheet without cells, for EMPTY_CELL (a far-off cell would make the engine allocate up to it). */
const EMPTY_SHEET = { name: "Empty", cells: new Map(), names: new Map() };

const literal = (v: unknown): string =>
  v === EMPTY_CELL
    ? "Empty!A1"
    : v === ERROR
      ? "1/0"
      : v === null
        ? ""
        : typeof v === "string"
          ? `"${v.replace(/"/g, '""')}"`
          : typeof v === "boolean"
            ? v
              ? "TRUE"
              : "FALSE"
            : String(v);

/** A formula for `args`, ranges written to a Data sheet; and the arguments Excel would pass. */
function call(id: string, args: unknown[], signature: Signatures[string], data: string) {
  const cells = new Map<string, { value: string | number | boolean | null }>();
  let col = 0;
  const text = args.map((a) => {
    if (!Array.isArray(a)) return literal(a);
    col += 1;
    const rows = a as unknown[][];
    rows.forEach((r, i) => r.forEach((v, j) => cells.set(cell(i + 1, col + j), { value: v as never })));
    const ref = `${data}!${cell(1, col)}:${cell(rows.length, col + rows[0].length - 1)}`;
    col += rows[0].length;
    return ref;
  });
  const passed = args
    .map((a) => (a === EMPTY_CELL ? null : a))
    .map((a, i) => (signature[i].kind === "matrix" && a !== null && !Array.isArray(a) ? [[a]] : a));
  return { formula: `=INFRA.${id}(${text.join(",")})`, data: { name: data, cells, names: new Map() }, passed };
}

/** The table's answer in the engine's terms. */
function expected(id: string, passed: unknown[]): EvaluatedCell | EvaluatedCell[][] {
  if (passed.flat(2).includes(ERROR)) return { value: "#DIV/0!", error: {} };
  try {
    const r = table[id](...passed);
    if (Array.isArray(r))
      return (r as unknown[][]).map((row) => row.map((v) => ({ value: (v ?? null) as EvaluatedCell["value"] })));
    return { value: r as EvaluatedCell["value"] };
  } catch (e) {
    if (!(e instanceof InfraError)) throw e;
    // Excel shows the message of #VALUE! and #N/A only.
    return { value: e.code, error: ["#VALUE!", "#N/A"].includes(e.code) ? { message: e.message } : {} };
  }
}

const samples = (args: unknown[]): unknown[][] => [
  args,
  ...args.flatMap((_, i) => ["x", -1, true, null, EMPTY_CELL, ERROR].map((v) => args.map((a, j) => (i === j ? v : a)))),
];

let signatures: Signatures;
beforeAll(async () => {
  signatures = signaturesOf(await loadMetadata());
});

test("every function in the table is documented with an example (so parity covers all of them)", () => {
  expect(Object.keys(table).filter((id) => !docs[id]?.args)).toEqual([]);
});

describe.each(Object.keys(table))("INFRA.%s", (id) => {
  test("engine and function table agree on the example and its hostile variants", () => {
    // One engine for all the samples (each on its own sheets): building one costs more than evaluating.
    const calls = samples(docs[id].args ?? []).map((args, i) => call(id, args, signatures[id], `Data${i}`));
    const got = evaluateFormulas(
      calls.map((c) => c.formula),
      table,
      signatures,
      [EMPTY_SHEET, ...calls.map((c) => c.data)],
    );
    calls.forEach(({ formula, passed }, i) =>
      expect({ formula, got: got[i] }).toEqual({ formula, got: expected(id, passed) }),
    );
  });
});

test("a spill whose size depends on a formula's value is re-evaluated to its true size", () => {
  // A1's last value (12 months) is stale: the formula now gives 48, so the first size is too small.
  const data = {
    name: "S",
    cells: new Map<string, { value: number | string | null; formula?: string }>([
      ["A1", { value: 12, formula: "=4*12" }],
      ["B1", { value: null, formula: "=INFRA.BUILDOUT_MW(D100:J100,A1,100,7)" }],
      ...["Phase 1", "", 18, 24, 36, "pert", 50].map((v, i) => [cell(100, 4 + i), { value: v }] as const),
    ]),
    names: new Map(),
  };
  const rows = (months: number) =>
    (table.BUILDOUT_MW([["Phase 1", "", 18, 24, 36, "pert", 50]], months, 100, 7) as unknown[][]).length;
  expect(rows(48)).toBeGreaterThan(rows(12));
  expect(evaluateFormula("=COUNTA(S!B1:B99)", table, signatures, [data])).toEqual({ value: rows(48) });
});
