/**
 * The scenario evaluator against the reference: the workbench's HyperFormula engine calculating
 * the same sheet (test/scenario/evaluated.ts). Every output of every kind and option agrees at the
 * defaults, at seeded random valid inputs and at bad inputs (same error code and message).
 */
import { functions } from "../../src/functions";
import { InfraFunction, signaturesOf } from "../../src/workbench/engine";
import { EngineWorkbook } from "../../src/workbench/workbook";
import { CellValue } from "../../src/workbook/port";
import { loadMetadata } from "../metadata";
import { ModelInput, Outcome, ScenarioModel, evaluatePlan, scenarioModel } from "../../src/scenario/evaluate";
import { Scenario, SheetPlan, cell, parseCell, planScenario } from "../../src/scenario";
import { evaluatedSheet } from "./evaluated";
import { buildout, fleet, formulaPlan, redundancy } from "./fixtures";

/** mulberry32: a small seeded generator, so every run draws the same input sets. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid value of an input: mostly near its value (× 0.5–1.5), sometimes anywhere in its range. */
function sample(rng: () => number, input: ModelInput): number {
  const { min, max } = input;
  let x = rng() < 0.75 ? input.value * (0.5 + rng()) : min + (max - min) * rng() ** 3;
  x = Math.min(max, Math.max(min, x));
  if (input.integer) x = Math.round(x);
  if (input.minExclusive && x <= min) x = min + (max - min) * 0.001;
  return x;
}

const withTrials = (s: Scenario, trials: number): Scenario => ({ ...s, values: { ...s.values, trials } });

const CASES: [string, () => Scenario][] = [
  ["redundancy, availability given", redundancy],
  ["redundancy, availability from MTBF", () => ({ ...redundancy(), availabilityFrom: "mtbf" }) as Scenario],
  ["redundancy, one topology", () => ({ ...redundancy(), topologies: ["N+1"] }) as Scenario],
  ["fleet by count, catalog chip", () => fleet("count")],
  ["fleet by power, catalog chip", () => fleet("power")],
  ["fleet by power, custom chip", () => fleet("power", "Custom")],
  ["fleet by count, chip without BF16 (V100)", () => fleet("count", "V100 SXM2")],
  ["build-out", () => withTrials(buildout(), 2000)],
];

/** The engine's sheet with a way to set any model input and read any output as an Outcome. */
async function reference(s: Scenario) {
  const sheet = await evaluatedSheet(s);
  const { wb } = sheet;
  const plan = planScenario(sheet.s);
  const tasks = sheet.names.get("in_tasks");
  const taskCells = (n: number) => {
    const first = parseCell(tasks!.split(":")[0]);
    const header = first.row - 1;
    const col = (label: RegExp) =>
      plan.cells.find((c) => parseCell(c.address).row === header && c.text !== undefined && label.test(c.text))!
        .address;
    const row = first.row + n - 1;
    return [/^Min\b/, /^Likely\b/, /^Max\b/].map((l) => cell(row, parseCell(col(l)).col));
  };
  const task = sheet.s.kind === "buildout" ? sheet.s.tasks : [];
  const set = (key: string, x: number) => {
    const v: CellValue = Number.isNaN(x) ? null : x;
    if (!key.startsWith("task_")) return wb.setCell(sheet.s.sheet, sheet.names.get(`in_${key}`)!, v);
    const n = Number(key.slice(5));
    const t = task[n - 1];
    const [lo, mid, hi] = taskCells(n);
    if (v === null) return wb.setCell(sheet.s.sheet, mid, null);
    wb.setCell(sheet.s.sheet, lo, Math.max(0, t.min + x - t.likely));
    wb.setCell(sheet.s.sheet, mid, x);
    wb.setCell(sheet.s.sheet, hi, t.max + x - t.likely);
  };
  const outcome = (name: string): Outcome => {
    const address = sheet.names.get(name)!;
    const v = wb.value(sheet.s.sheet, address);
    const fault = wb.errorAt(sheet.s.sheet, address);
    if (fault) return { error: v as string, message: fault.message ?? "" };
    return typeof v === "number" ? { value: v } : { error: "not a number", message: String(v) };
  };
  return { ...sheet, set, outcome };
}

/** Numbers agree to 1e-12 (whole numbers such as rounded money exactly); errors by code and message. */
function expectSame(got: Outcome, want: Outcome, what: string) {
  if ("value" in want) {
    expect({ what, got }).toEqual({ what, got: expect.objectContaining({ value: expect.any(Number) }) });
    const value = (got as { value: number }).value;
    if (Number.isInteger(want.value)) expect({ what, value }).toEqual({ what, value: want.value });
    else expect({ what, relative: Math.abs(value / want.value - 1) < 1e-12 }).toEqual({ what, relative: true });
  } else {
    expect({ what, error: "error" in got ? got.error : got.value }).toEqual({ what, error: want.error });
    // The engine keeps a function's message (Excel shows it for #VALUE! and #N/A); a literal error has none.
    if (want.message) expect({ what, message: "error" in got && got.message }).toEqual({ what, message: want.message });
  }
}

function expectAllOutputs(
  model: ScenarioModel,
  ref: Awaited<ReturnType<typeof reference>>,
  values: Record<string, number>,
) {
  for (const o of model.outputs)
    expectSame(model.evaluate(o.name, values), ref.outcome(o.name), `${o.name} at ${JSON.stringify(values)}`);
}

describe.each(CASES)("scenario evaluator: %s", (_, make) => {
  test("every output equals the engine's at the scenario's values", async () => {
    const s = make();
    const model = scenarioModel(s);
    const ref = await reference(s);
    expect(model.outputs.length).toBeGreaterThan(0);
    expectAllOutputs(model, ref, {});
    for (const i of model.inputs) expect(typeof i.value).toBe("number");
  });

  test("every output equals the engine's at 20 seeded random valid input sets", async () => {
    const s = make();
    const model = scenarioModel(s);
    const ref = await reference(s);
    const rng = random(12);
    const sets = s.kind === "buildout" ? 5 : 20;
    let numbers = 0;
    // One compiled function per output, called with each draw in turn.
    const all = new Map(
      model.outputs.map((o) => [
        o.name,
        model.compile(
          o.name,
          model.inputs.map((i) => i.key),
        ),
      ]),
    );
    for (let k = 0; k < sets; k++) {
      const values = Object.fromEntries(model.inputs.map((i) => [i.key, sample(rng, i)]));
      for (const [key, x] of Object.entries(values)) ref.set(key, x);
      expectAllOutputs(model, ref, values);
      numbers += model.outputs.filter((o) => "value" in model.evaluate(o.name, values)).length;
      // The fast path computes the same numbers, varying every input at once or one of them
      // (its other formulas computed once and kept across calls).
      const keys = Object.keys(values);
      const one = keys[k % keys.length];
      for (const o of model.outputs) {
        const want = (r: Outcome) => ("value" in r ? r.value : NaN);
        expect({ o: o.name, f: all.get(o.name)!(keys.map((key) => values[key])) }).toEqual({
          o: o.name,
          f: want(model.evaluate(o.name, values)),
        });
        const single = model.compile(o.name, [one]);
        for (const x of [values[one], model.inputs.find((i) => i.key === one)!.value])
          expect({ o: o.name, one, f: single([x]) }).toEqual({
            o: o.name,
            one,
            f: want(model.evaluate(o.name, { [one]: x })),
          });
      }
    }
    // Most draws are numbers, not errors: the comparison covers the arithmetic, not just the errors.
    expect(numbers).toBeGreaterThan(sets * model.outputs.length * 0.5);
  }, 120_000);
});

/** Bad inputs per kind: a blank cell (NaN), values the functions refuse, a site too small for one rack. */
const BAD: [string, () => Scenario, Record<string, number>[]][] = [
  [
    "redundancy",
    redundancy,
    [
      { grid_mw: NaN },
      { pue: 0.5 },
      { module_availability: 1.5 },
      { ups_module_mw: 0 },
      { modules_needed: 1000 },
      { price_per_m_tokens: NaN },
    ],
  ],
  [
    "redundancy from MTBF",
    () => ({ ...redundancy(), availabilityFrom: "mtbf" }) as Scenario,
    [{ module_mtbf_hours: 0 }, { module_mttr_hours: NaN }, { module_mttr_hours: -1 }],
  ],
  [
    "fleet by power",
    () => fleet("power"),
    [
      { grid_mw: 0.1 },
      { pue: NaN },
      { pue: 0.5 },
      { throughput_mfu: 0 },
      { accel_mtbf_hours: 0 },
      { training_share: 2 },
      { system_kw: NaN },
      { discount_rate: -1 },
    ],
  ],
  ["fleet by count", () => fleet("count"), [{ accelerators: 0 }, { accelerators: NaN }, { mfu: 0 }]],
  ["build-out", () => withTrials(buildout(), 500), [{ task_1: NaN }, { task_2: 700 }]],
];

test.each(BAD)(
  "%s: bad inputs give the engine's error in every output",
  async (_, make, cases) => {
    const s = make();
    const model = scenarioModel(s);
    const ref = await reference(s);
    let errors = 0;
    for (const values of cases) {
      for (const [key, x] of Object.entries(values)) ref.set(key, x);
      expectAllOutputs(model, ref, values);
      errors += model.outputs.filter((o) => "error" in model.evaluate(o.name, values)).length;
      for (const i of model.inputs) if (i.key in values) ref.set(i.key, i.value);
    }
    expect(errors).toBeGreaterThanOrEqual(cases.length);
  },
  60_000,
);

test("a blank input gives #VALUE! with a message, and NaN on the fast path", () => {
  const model = scenarioModel(fleet("power"));
  const r = model.evaluate("out_value_per_year", { pue: NaN });
  expect(r).toEqual({ error: "#VALUE!", message: expect.stringMatching(/blank/) });
  expect(model.compile("out_value_per_year", ["pue"])([NaN])).toBeNaN();
  expect(model.compile("out_value_per_year", ["pue"])([1.2])).toBe(
    (model.evaluate("out_value_per_year") as { value: number }).value,
  );
});

describe("scenario model: inputs and outputs", () => {
  test("inputs are the numeric in_* fields (not chip, topologies, trials, seed); outputs are the one-number out_* cells", () => {
    const r = scenarioModel(redundancy());
    expect(r.inputs.map((i) => i.key)).toEqual([
      "grid_mw",
      "pue",
      "it_load_mw",
      "ups_module_mw",
      "modules_needed",
      "module_availability",
      "common_cause_beta",
      "utilization",
      "tokens_per_s_per_mw",
      "price_per_m_tokens",
    ]);
    const pue = r.inputs[1];
    expect(pue).toMatchObject({ label: "PUE", unit: "facility ÷ IT", value: 1.2, min: 1, max: 10, format: "plain" });
    expect(pue.field?.key).toBe("pue");
    expect(r.inputs[0].minExclusive).toBe(true);
    expect(r.inputs[4].integer).toBe(true);
    expect(r.outputs.map((o) => o.name)).toEqual([
      "out_modules_needed",
      "out_module_availability",
      "out_value_per_effective_mw",
      "out_effective_mw",
      "out_value_per_year",
    ]);
    expect(r.outputs[4]).toEqual({
      name: "out_value_per_year",
      label: "Best value per year",
      unit: "USD per year",
      format: "usd",
    });
    const b = scenarioModel(buildout());
    expect(b.outputs.map((o) => o.name)).not.toContain("out_fan");
    expect(b.inputs.some((i) => i.key === "trials" || i.key === "seed")).toBe(false);
  });

  test("build-out: one input per task; setting it shifts the task's min, likely and max (min clipped at 0)", () => {
    const s = withTrials(buildout(), 500) as Extract<Scenario, { kind: "buildout" }>;
    const model = scenarioModel(s);
    expect(model.inputs.map((i) => i.key)).toEqual(s.tasks.map((_, i) => `task_${i + 1}`));
    const t = s.tasks[0];
    expect(model.inputs[0]).toMatchObject({
      label: `Task "${t.name}": likely duration`,
      unit: "months",
      value: t.likely,
      min: 0,
      max: 600 - (t.max - t.likely),
    });
    // The same as a scenario whose task table holds the shifted task.
    const shifted = (v: number): Scenario => ({
      ...s,
      tasks: s.tasks.map((x, i) =>
        i === 0 ? { ...x, min: Math.max(0, x.min + v - x.likely), likely: v, max: x.max + v - x.likely } : x,
      ),
    });
    for (const v of [0, t.likely + 5])
      for (const o of ["out_p50_month", "out_mw_p50"])
        expect(model.evaluate(o, { task_1: v })).toEqual(scenarioModel(shifted(v)).evaluate(o));
  });

  test("unknown outputs and inputs are refused by name", () => {
    const model = scenarioModel(fleet("count"));
    expect(() => model.evaluate("out_nothing")).toThrow(/out_nothing/);
    expect(() => model.evaluate("out_goodput", { nothing: 1 })).toThrow(/nothing/);
    expect(() => model.compile("out_goodput", ["chip"])).toThrow(/chip/);
  });
});

describe("only the cone of an output is evaluated", () => {
  test("a build-out's completion months never run BUILDOUT_MW, the MW outputs never run BUILDOUT", () => {
    const calls: string[] = [];
    const spies = (["BUILDOUT", "BUILDOUT_MW"] as const).map((id) => {
      const original = functions[id] as (...a: unknown[]) => unknown;
      return jest.spyOn(functions, id).mockImplementation(((...a: unknown[]) => {
        calls.push(id);
        return original(...a);
      }) as never);
    });
    // The model is built after the spies: it binds each INFRA function when it compiles.
    const model = scenarioModel(withTrials(buildout(), 200));
    try {
      model.evaluate("out_p50_month");
      expect(calls).toEqual(["BUILDOUT"]);
      calls.length = 0;
      model.evaluate("out_mw_p50");
      expect(calls).toEqual(["BUILDOUT_MW"]);
      calls.length = 0;
      model.evaluate("out_trials");
      expect(calls).toEqual([]);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });
});

const plan = formulaPlan;

test("built-in functions and operators agree with the engine (Excel semantics that matter here)", async () => {
  const formulas = [
    "=ROUND(2.5,0)",
    "=ROUND(-2.5,0)",
    "=ROUND(1234.5678,-2)",
    "=ROUND(in_x/3,9)",
    "=ROUNDUP(ROUND(1.1/0.1,9),0)",
    "=ROUNDUP(-1.2,0)",
    "=FLOOR(7.9,2)",
    "=FLOOR(-7.9,2)",
    "=FLOOR(7.9,-2)",
    "=FLOOR(7.9,0)",
    "=MAX(A2:A5)",
    "=MIN(A2:A5)",
    "=MAX(A5)",
    "=MAX(A6:A7)",
    "=MAX(1,TRUE)",
    '=MAX(1,"x")',
    "=SUM(A2:A5,10)",
    "=IF(in_x>0,1,1/0)",
    "=IF(in_x<0,1,1/0)",
    "=--IF(in_x<0,1)",
    "=IF(A4,1,2)",
    "=--OR(in_x>5,FALSE)",
    "=--OR(A2:A5)",
    "=--OR(in_x<0,1/0)",
    "=--AND(in_x>0,TRUE)",
    "=--ISBLANK(A7)",
    "=--ISBLANK(A2)",
    "=--ISERROR(1/0)",
    "=--ISERROR(A3)",
    "=IFNA(#N/A,5)",
    "=IFNA(1/0,5)",
    "=IFERROR(1/0,5)",
    "=INDEX(A2:B5,2,2)",
    "=INDEX(A2:B5,ROWS(A2:B5),1)",
    "=COLUMNS(A2:B5)",
    "=-2^2",
    "=2^3^2",
    "=1+2*3-4/2",
    '=IF("a"&1&TRUE="a1TRUE",1,0)',
    "=1/0+#VALUE!",
    "=#N/A+1/0",
    '="abc"+1',
    '=" 12 "+1',
    "=A7+1",
    "=A4*2",
    "=10^400",
    "=--(2>1)",
    '=--("b">"A")',
    '=--("a"=1)',
    "=--(A7=0)",
    "=IF(#N/A,1,2)",
  ];
  const constants = { A1: 4, A2: 3, A3: "text", A4: 9, A5: -2, B2: 20, B3: 30, B4: 40, B5: 50, A6: "only text" };
  const cells: Record<string, string | number> = { ...constants };
  formulas.forEach((f, i) => (cells[`D${i + 1}`] = f));
  const p = plan(cells);
  const wb = new EngineWorkbook(
    functions as unknown as Record<string, InfraFunction>,
    signaturesOf(await loadMetadata()),
  );
  await wb.writePlan(p);
  formulas.forEach((f, i) => {
    const address = `D${i + 1}`;
    const v = wb.value("T", address);
    const fault = wb.errorAt("T", address);
    const want: Outcome = fault ? { error: v as string, message: fault.message ?? "" } : { value: v as number };
    const got = evaluatePlan(p, address);
    if (fault) expect({ f, error: "error" in got && got.error }).toEqual({ f, error: v });
    else {
      expect({ f, type: typeof v }).toEqual({ f, type: "number" });
      expectSame(got, want, f);
    }
  });
});

test("a formula the evaluator cannot compute is refused with an Error naming it", () => {
  expect(() => evaluatePlan(plan({ A1: 1, B1: "=SQRT(A1)" }), "B1")).toThrow(
    "The scenario evaluator does not support the function SQRT, in =SQRT(A1).",
  );
  expect(() => evaluatePlan(plan({ B1: "=INFRA.NOTHING(1)" }), "B1")).toThrow(/INFRA\.NOTHING, which does not exist/);
  expect(() => evaluatePlan(plan({ B1: "=1+" }), "B1")).toThrow("T!B1: Cannot read the formula =1+");
});

test("INDEX outside its range is #REF! as in Excel (HyperFormula 3.5 says #NUM!)", () => {
  expect(evaluatePlan(plan({ A1: 1, A2: 2, B1: "=INDEX(A1:A2,3,1)" }), "B1")).toMatchObject({ error: "#REF!" });
  expect(evaluatePlan(plan({ A1: 1, A2: 2, B1: "=INDEX(A1:A2,2)" }), "B1")).toEqual({ value: 2 });
});

test("a boolean or text result is not a number: the outcome says what it shows", () => {
  expect(evaluatePlan(plan({ A1: 1, B1: "=A1>0" }), "B1")).toEqual({
    error: "#VALUE!",
    message: "B1 shows TRUE, not a number.",
  });
  // A build-out month that never comes ("never" with a risk event) is text, not a plausible number.
  expect(evaluatePlan(plan({ A1: "never", B1: "=A1" }), "B1")).toEqual({
    error: "#VALUE!",
    message: 'B1 shows "never", not a number.',
  });
});

describe("formula(): the output as one formula on another sheet", () => {
  const KINDS: [string, () => Scenario, string[][]][] = [
    [
      "redundancy",
      redundancy,
      [["pue", "utilization"], ["grid_mw", "module_availability", "price_per_m_tokens"], ["it_load_mw"]],
    ],
    [
      "redundancy from MTBF",
      () => ({ ...redundancy(), availabilityFrom: "mtbf" }) as Scenario,
      [["module_mtbf_hours"]],
    ],
    [
      "fleet by power",
      () => fleet("power"),
      [
        ["pue", "mfu"],
        ["grid_mw", "accel_mtbf_hours", "discount_rate"],
      ],
    ],
    ["fleet by count, custom chip", () => fleet("count", "Custom"), [["accelerators", "custom_bf16_tflops"]]],
  ];

  test.each(KINDS)(
    "%s: the inlined formula computes what evaluate() does",
    async (_, make, inputSets) => {
      const ref = await reference(make());
      const model = scenarioModel(ref.s);
      const rng = random(7);
      const calc = "Calc sheet";
      let written = 0;
      const cells: SheetPlan["cells"] = [];
      const checks: { address: string; output: string; values: Record<string, number> }[] = [];
      let row = 1;
      for (const keys of inputSets) {
        const values = Object.fromEntries(
          keys.map((k) => [
            k,
            sample(
              rng,
              model.inputs.find((i) => i.key === k)!,
            ),
          ]),
        );
        const at: Record<string, string> = {};
        keys.forEach((k, i) => {
          cells.push({ address: cell(row, i + 1), number: values[k] });
          at[k] = i % 2 ? `$${String.fromCharCode(65 + i)}${row}` : `${String.fromCharCode(65 + i)}$${row}`;
        });
        for (const o of model.outputs) {
          const text = model.formula(o.name, at);
          if (text === undefined) continue;
          expect(text.startsWith("=")).toBe(true);
          row++;
          cells.push({ address: cell(row, 1), formula: text });
          checks.push({ address: cell(row, 1), output: o.name, values });
          written++;
        }
        row += 2;
      }
      expect(written).toBeGreaterThan(0);
      await ref.wb.writePlan({ ...plan({}), sheet: calc, cells, names: [] });
      for (const c of checks) {
        const v = ref.wb.value(calc, c.address);
        const fault = ref.wb.errorAt(calc, c.address);
        const want: Outcome = fault ? { error: v as string, message: fault.message ?? "" } : { value: v as number };
        expectSame(model.evaluate(c.output, c.values), want, `${c.output} with ${JSON.stringify(c.values)}`);
      }
    },
    60_000,
  );

  test("a replaced input left blank gives #VALUE! (the ISBLANK guards read the replacing cell)", async () => {
    const ref = await reference(fleet("power"));
    const model = scenarioModel(ref.s);
    const text = model.formula("out_value_per_year", { pue: "$A$1" })!;
    expect(text).toContain("ISBLANK($A$1)");
    expect(text).toContain(`'${ref.s.sheet}'!in_utilization`);
    await ref.wb.writePlan({ ...plan({}), sheet: "Calc", cells: [{ address: "B1", formula: text }], names: [] });
    expect(ref.wb.value("Calc", "B1")).toBe("#VALUE!");
    expect(model.evaluate("out_value_per_year", { pue: NaN })).toMatchObject({ error: "#VALUE!" });
    ref.wb.setCell("Calc", "A1", 1.3);
    expect(ref.wb.value("Calc", "B1")).toBe(
      (model.evaluate("out_value_per_year", { pue: 1.3 }) as { value: number }).value,
    );
  });

  test("spill cells become INDEX(<the spill's formula>, row, column); build-out task inputs cannot be written", () => {
    const model = scenarioModel(redundancy());
    const text = model.formula("out_effective_mw", { pue: "$B$2" })!;
    expect(text).toMatch(/^=IF\(ISERROR\(INDEX\(IF\(OR\(ISBLANK\(/);
    expect(text).toMatch(/MAX\(INDEX\(IF\(.*INFRA\.REDUNDANCY_COMPARE\('S'!in_topologies,.*\),2,5\),INDEX\(/);
    expect(text).not.toMatch(/\bout_/);
    const b = scenarioModel(buildout());
    expect(b.formula("out_p50_month", { task_1: "$A$1" })).toBeUndefined();
  });
});
