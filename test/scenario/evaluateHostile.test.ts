/**
 * The scenario evaluator on hostile arguments, against the workbench's HyperFormula engine: every
 * built-in function it supports with error arguments, blank cells and text where numbers belong,
 * very large and tiny numbers. Where the engine shows an error the evaluator gives an error (never
 * a plausible number); where the engine shows a number, the same number. And compile() (the fast
 * path) is NaN exactly where evaluate() gives an error, whatever the order of calls.
 */
import { functions } from "../../src/functions";
import { Scenario } from "../../src/scenario";
import { MAX_FORMULA, evaluatePlan, scenarioModel } from "../../src/scenario/evaluate";
import { InfraFunction, signaturesOf } from "../../src/workbench/engine";
import { EngineWorkbook } from "../../src/workbench/workbook";
import { loadMetadata } from "../metadata";
import { buildout, fleet, formulaPlan, redundancy } from "./fixtures";

const plan = formulaPlan;

/** A1 4, A2:A5 3 "text" 9 −2, B2:B5 20…50, A7 blank. */
const CONSTANTS = { A1: 4, A2: 3, A3: "text", A4: 9, A5: -2, B2: 20, B3: 30, B4: 40, B5: 50 };

const HOSTILE = [
  // ROUND, ROUNDUP, ROUNDDOWN
  "=ROUND(A3,0)",
  "=ROUND(A7,0)",
  "=ROUND(1/0,0)",
  "=ROUND(1,A3)",
  "=ROUND(1e308*10,0)",
  "=ROUND(1e300,-400)",
  "=ROUND(1.5e-300,310)",
  "=ROUNDUP(A3,0)",
  "=ROUNDDOWN(#N/A,0)",
  "=ROUNDDOWN(-2.5,0)",
  "=ROUND(A2:A5,0)",
  // FLOOR
  "=FLOOR(A3,1)",
  "=FLOOR(1/0,1)",
  "=FLOOR(A7,1)",
  "=FLOOR(5,A7)",
  "=FLOOR(-7.9,-2)",
  "=FLOOR(5,A3)",
  "=FLOOR(1e308,1e-308)",
  // MAX, MIN, SUM
  "=MAX(A3)",
  "=MAX(1/0,1)",
  "=MAX(A2:A5,#N/A)",
  '=SUM("3",1)',
  '=SUM("x",1)',
  "=MIN(A7)",
  "=SUM(1e308,1e308)",
  "=MAX(A7,-1)",
  "=MIN(A2:B5,A3)",
  "=SUM(A8:A9)",
  // OR, AND
  "=--OR(A3)",
  "=--OR(1/0)",
  "=--AND(A2:A5,1/0)",
  "=--OR(A7,FALSE)",
  // IF, ISBLANK, ISERROR, IFNA, IFERROR
  "=IF(A3,1,2)",
  "=IF(A7,1,2)",
  "=IF(1/0,1,2)",
  "=IF(in_x,A3+1,2)",
  '=IF("TRUE",1,2)',
  "=IF(A2:A5>0,1,2)",
  "=--ISBLANK(1/0)",
  "=--ISERROR(A3)",
  "=--ISBLANK(A3)",
  "=--ISERROR(#N/A)",
  "=IFERROR(A3+1,7)",
  "=IFNA(A7,3)",
  "=IFNA(A3+1,3)",
  "=IFERROR(A7,3)",
  "=IFERROR(1,1/0)",
  // INDEX, ROWS, COLUMNS
  "=INDEX(A2:B5,1/0,1)",
  "=INDEX(A2:B5,A3,1)",
  "=INDEX(A2:B5,2,A3)",
  "=ROWS(A2:B5)",
  "=COLUMNS(A1)",
  // operators, large and tiny numbers
  "=1e-320*1",
  "=1e308+1e308",
  "=-1e308*10",
  "=2^1024",
  "=0^0",
  "=(-8)^(1/3)",
  "=0^-1",
  "=A3^2",
  "=A7^0",
  "=1e-200*1e-200",
  "=5e-324/2",
  "=A3&1/0",
  "=1/A7",
  "=A3/0",
  "=1/0/A3",
  "=-A3",
  "=+A3",
  "=--A3",
  "=A7-A7",
  "=--(1/0>1)",
  "=A2:A5+1",
  "=-A2:A5",
];

test("every supported function and operator with error, blank, text, huge and tiny arguments: an error where the engine shows one, else its number", async () => {
  const cells: Record<string, string | number> = { ...CONSTANTS };
  HOSTILE.forEach((f, i) => (cells[`D${i + 1}`] = f));
  const p = plan(cells);
  const wb = new EngineWorkbook(
    functions as unknown as Record<string, InfraFunction>,
    signaturesOf(await loadMetadata()),
  );
  await wb.writePlan(p);
  const seen = HOSTILE.map((f, i) => {
    const address = `D${i + 1}`;
    const engine = wb.value("T", address);
    const got = evaluatePlan(p, address);
    if (wb.errorAt("T", address) || wb.isSpilled("T", address) || wb.spillAt("T", address))
      return { f, engine: "an error", got: "error" in got ? "an error" : got };
    if (typeof engine === "number") return { f, engine, got: "value" in got ? got.value : got };
    // Text or a logical value: not a number, and the outcome says what the cell shows.
    return { f, engine, got: "error" in got && got.message.includes(String(engine).slice(0, 24)) ? engine : got };
  });
  expect(seen).toEqual(seen.map(({ f, engine }) => ({ f, engine, got: engine })));
});

test("a block of cells where one value belongs is an error, never its top-left value", () => {
  const p = plan({ ...CONSTANTS, D1: "=IF(A2:A5>0,1,2)", D2: "=A2:A5*2", D3: "=ROUND(B2:B5,0)" });
  for (const address of ["D1", "D2", "D3"])
    expect(evaluatePlan(p, address)).toEqual({
      error: "#VALUE!",
      message: "A block of 4 × 1 cells is used where one value belongs.",
    });
});

test("unary plus changes nothing, as in Excel: +text is the text (so the output says so), +blank is 0", () => {
  const p = plan({ ...CONSTANTS, D1: "=+A3", D2: "=+A7", D3: "=+A2" });
  expect([evaluatePlan(p, "D1"), evaluatePlan(p, "D2"), evaluatePlan(p, "D3")]).toEqual([
    { error: "#VALUE!", message: 'D1 shows "text", not a number.' },
    { value: 0 },
    { value: 3 },
  ]);
});

describe.each<[string, () => Scenario]>([
  ["redundancy", redundancy],
  ["fleet", () => fleet("count")],
  ["build-out", () => ({ ...buildout(), values: { ...buildout().values, trials: 200 } }) as Scenario],
])("compile() and evaluate() agree on errors: %s", (_, make) => {
  test("blank (NaN), out-of-range, huge, tiny and valid values in turn: NaN exactly where evaluate gives an error", () => {
    const model = scenarioModel(make());
    const inputs = model.inputs.slice(0, 4);
    const keys = inputs.map((i) => i.key);
    const base = inputs.map((i) => i.value);
    const sets: number[][] = [base];
    inputs.forEach((input, n) => {
      for (const v of [NaN, input.min - 1, input.max * 10, 1e300, -1e300, 1e-300, input.value, 0]) {
        const x = [...base];
        x[n] = v;
        sets.push(x, base);
      }
    });
    for (const output of model.outputs.map((o) => o.name)) {
      const f = model.compile(output, keys);
      const fast = sets.map((x) => f(x));
      const slow = sets.map((x) => model.evaluate(output, Object.fromEntries(keys.map((k, i) => [k, x[i]]))));
      expect(fast.map((y) => (Number.isNaN(y) ? "error" : y))).toEqual(
        slow.map((o) => ("error" in o ? "error" : o.value)),
      );
      // No outcome is a non-finite number; every error has words.
      for (const o of slow)
        if ("value" in o) expect(Number.isFinite(o.value)).toBe(true);
        else expect(o.message.length).toBeGreaterThan(0);
    }
  });
});

describe("formula(): valid Excel for another sheet", () => {
  test.each<[string, () => Scenario]>([
    ["redundancy", redundancy],
    ["redundancy from MTBF", () => ({ ...redundancy(), availabilityFrom: "mtbf" }) as Scenario],
    ["fleet by count", () => fleet("count")],
    ["fleet by power, custom chip", () => fleet("power", "Custom")],
  ])(
    "%s, sheet named with apostrophes: quoted references, at most 8,192 characters, text constants ≤ 255, nesting ≤ 64",
    (_, make) => {
      const model = scenarioModel({ ...make(), sheet: "It's ''x''" });
      let written = 0;
      for (const o of model.outputs)
        for (const input of [undefined, ...model.inputs]) {
          const f = model.formula(o.name, input ? { [input.key]: "$A7" } : {});
          if (f === undefined) continue;
          written++;
          expect(f.length).toBeLessThanOrEqual(MAX_FORMULA);
          // Every reference to the scenario's sheet is quoted with its apostrophes doubled; no bare name is left.
          const outside = f.replace(/"(?:[^"]|"")*"/g, '""');
          expect(outside.replace(/'It''s ''''x'''''!in_[a-z0-9_]+/g, "")).not.toMatch(/\b(in|out)_[a-z]/);
          expect(Math.max(0, ...(f.match(/"(?:[^"]|"")*"/g) ?? []).map((t) => t.length - 2))).toBeLessThanOrEqual(255);
          let depth = 0;
          let deepest = 0;
          for (const ch of outside) deepest = Math.max(deepest, (depth += ch === "(" ? 1 : ch === ")" ? -1 : 0));
          expect(deepest).toBeLessThanOrEqual(64);
          expect(depth).toBe(0);
          // The input in the cell replaces the sheet's: it is never read from the scenario's sheet too.
          if (input) expect(outside).not.toMatch(new RegExp(`!in_${input.key}\\b`));
        }
      expect(written).toBeGreaterThan(model.outputs.length);
    },
  );
});
