/**
 * Property-based tests over every INFRA function in the table (fast-check): random and hostile
 * input never crashes, never returns NaN or Infinity, and bad input gets #VALUE! naming the
 * argument. New families are covered as soon as they join the table and have docs.
 */
import fc from "fast-check";
import { functions } from "../../src/functions";
import { InfraError } from "../../src/functions/errors";
import { loadDocs } from "../docs";
import { loadMetadata, Metadata } from "../metadata";

type Fn = (...args: unknown[]) => unknown;
const table = functions as unknown as Record<string, Fn>;
const docs = loadDocs();

const hostile = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    0,
    -0,
    -1,
    0.5,
    1,
    2,
    1e308,
    -1e308,
    5e-324,
    NaN,
    Infinity,
    -Infinity,
    null,
    undefined,
    true,
    false,
    "",
    "abc",
    "1",
  ),
  fc.string({ maxLength: 40 }),
  fc.array(fc.array(fc.double(), { maxLength: 3 }), { maxLength: 3 }),
);

/** A cell value Excel can show: a finite number, text or a boolean. */
const isCellValue = (v: unknown) =>
  (typeof v === "number" && Number.isFinite(v)) || typeof v === "string" || typeof v === "boolean";

function checkOutcome(id: string, args: unknown[]): { ok: true } | { ok: false; error: InfraError } {
  let result: unknown;
  try {
    result = table[id](...args);
  } catch (error) {
    expect(error).toBeInstanceOf(InfraError);
    const e = error as InfraError;
    expect(["#VALUE!", "#NUM!", "#N/A"]).toContain(e.code);
    expect(e.message.length).toBeGreaterThan(10);
    return { ok: false, error: e };
  }
  if (Array.isArray(result)) {
    expect(result.length).toBeGreaterThan(0);
    for (const row of result) {
      expect(Array.isArray(row)).toBe(true);
      for (const cell of row as unknown[]) expect(isCellValue(cell)).toBe(true);
    }
  } else {
    expect(isCellValue(result)).toBe(true);
  }
  return { ok: true };
}

let metadata: Metadata;
beforeAll(async () => {
  metadata = await loadMetadata();
}, 60000);

const ids = Object.keys(table);

describe.each(ids)("%s", (id) => {
  test("documented example evaluates", () => {
    expect(docs[id]?.args).toBeDefined();
    expect(checkOutcome(id, docs[id].args).ok).toBe(true);
  });

  test("any arguments at all: an Excel error or a cell value, never an exception or NaN", () => {
    const arity = metadata.functions.find((f) => f.id === id)!.parameters.length;
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 0, maxLength: arity + 1 }), (args) => {
        checkOutcome(id, args);
      }),
      { numRuns: 300 },
    );
  });

  test("one bad argument in a good call: either still valid, or #VALUE! naming that argument", () => {
    const params = metadata.functions.find((f) => f.id === id)!.parameters;
    if (params.length === 0) return expect(checkOutcome(id, []).ok).toBe(true);
    const example = docs[id].args as unknown[];
    fc.assert(
      fc.property(fc.nat({ max: params.length - 1 }), hostile, (index, value) => {
        const args = [...example];
        while (args.length < params.length) args.push(null);
        args[index] = value;
        const outcome = checkOutcome(id, args);
        if (!outcome.ok && outcome.error.code === "#VALUE!") {
          expect(outcome.error.message).toContain(params[index].name);
        }
      }),
      { numRuns: 300 },
    );
  });
});
