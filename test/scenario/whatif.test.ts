/**
 * What-if analyses as specs: their defaults (sourced ranges or ±20 %), their problems in words,
 * and runs over each scenario kind.
 */
import { FLEET_FIELDS, REDUNDANCY_FIELDS, Scenario, acceptedRange } from "../../src/scenario";
import { scenarioModel } from "../../src/scenario/evaluate";
import {
  ANALYSIS_LABELS,
  Analysis,
  MAX_TABLE_VALUES,
  analysisProblems,
  defaultAnalysis,
  defaultSwing,
  maxTrials,
  runAnalysis,
} from "../../src/scenario/whatif";
import { defaultOf } from "./analyses";
import { buildout, everyKind, fleet, redundancy } from "./fixtures";

const kinds = Object.keys(ANALYSIS_LABELS) as Analysis["kind"][];
const scenarios = everyKind();

describe("sourced ranges on fields", () => {
  test("each range lies in the field's accepted range, has low < high and names its source", () => {
    const ranged = [...REDUNDANCY_FIELDS, ...FLEET_FIELDS].filter((f) => f.low !== undefined || f.high !== undefined);
    expect(ranged.map((f) => f.key)).toEqual(
      expect.arrayContaining(["pue", "common_cause_beta", "accel_mtbf_hours", "mfu", "facility_capex_per_mw"]),
    );
    for (const f of ranged) {
      expect(f.low! < f.high!).toBe(true);
      expect(f.minExclusive ? f.low! > f.min : f.low! >= f.min).toBe(true);
      expect(f.high! <= f.max).toBe(true);
      expect(f.rangeSource).toMatch(/[A-Za-z]{3,}.*[0-9]/);
    }
  });

  test("Kokolis et al. 2024: 6.50 and 2.34 failures per 1000 node-days at 8 GPUs a node give the MTBF range", () => {
    const mtbf = FLEET_FIELDS.find((f) => f.key === "accel_mtbf_hours")!;
    // Per-accelerator MTBF = 8 GPUs × 1000 node-days × 24 h ÷ failures; the field rounds to 500 h.
    expect(mtbf.low).toBeCloseTo((8 * 1000 * 24) / 6.5, -3);
    expect(mtbf.high).toBeCloseTo((8 * 1000 * 24) / 2.34, -3);
  });
});

describe("default swings", () => {
  const model = scenarioModel(fleet("count"));

  test("a field with a published range swings over it (PUE: Google 1.10 to the 1.58 industry average)", () => {
    const d = defaultSwing(model, "pue");
    expect(d.swing).toEqual({ low: 1.1, high: 1.58 });
    expect("source" in d && d.source).toMatch(/Google/);
  });

  test("a range that excludes the scenario's value is widened to it (electricity at $60 against EIA's $67.9–180.4)", () => {
    expect(defaultSwing(model, "power_price_per_mwh").swing).toEqual({ low: 60, high: 180.4 });
  });

  test("else ±20 %, rounded for whole numbers and clamped to what the input accepts", () => {
    expect(defaultSwing(model, "system_kw").swing).toEqual({ low: 132 * 0.8, high: 132 * 1.2 });
    expect(defaultSwing(model, "accelerators_per_system").swing).toEqual({ low: 58, high: 86 });
    expect(defaultSwing(model, "training_share").swing).toEqual({ low: 0.8, high: 1 }); // 1.2 is above 1
  });

  test("an availability swings its unavailability by ±20 % (0.999: 0.9988 to 0.9992), not its value", () => {
    const r = scenarioModel(redundancy());
    const swing = defaultSwing(r, "module_availability").swing!;
    expect(swing.low).toBeCloseTo(0.9988, 12);
    expect(swing.high).toBeCloseTo(0.9992, 12);
  });

  test("an input at 0 gets no ±20 % swing and is left out of the default tornado, with the reason", () => {
    const r = scenarioModel(redundancy());
    const d = defaultSwing(r, "modules_needed");
    expect(d.swing).toBeUndefined();
    expect("reason" in d && d.reason).toMatch(/is 0/);
    const t = defaultAnalysis(r, "tornado");
    expect(t.kind === "tornado" && t.inputs).not.toContain("modules_needed");
  });

  test("a build-out task swings over its own min and max", () => {
    const b = scenarioModel(buildout());
    const s = b.scenario as Extract<Scenario, { kind: "buildout" }>;
    const task = s.tasks.findIndex((t) => t.max > t.min);
    expect(defaultSwing(b, `task_${task + 1}`).swing).toEqual({ low: s.tasks[task].min, high: s.tasks[task].max });
  });
});

describe("default analyses", () => {
  test.each(scenarios)("%s: every kind's default has no problems", (_, make) => {
    const model = scenarioModel(make());
    for (const kind of kinds) expect(analysisProblems(model, defaultAnalysis(model, kind))).toEqual([]);
  });

  test("the output defaults to value per year, else the scenario's first metric", () => {
    expect(defaultAnalysis(scenarioModel(fleet("count")), "tornado").output).toBe("out_value_per_year");
    expect(defaultAnalysis(scenarioModel(buildout()), "tornado").output).toBe("out_p50_month");
  });

  test("uncertainty: PERT on sourced ranges, triangular ±20 % elsewhere, 10,000 trials, seed 1", () => {
    const a = defaultOf(scenarioModel(fleet("count")), "uncertainty");
    expect(a.trials).toBe(10_000);
    expect(a.seed).toBe(1);
    expect(a.uncertain.find((u) => u.input === "mfu")!.distribution).toEqual({
      kind: "pert",
      min: 0.38,
      likely: 0.4,
      max: 0.552,
    });
    const kw = a.uncertain.find((u) => u.input === "system_kw")!.distribution;
    expect(kw).toEqual({ kind: "triangular", min: 132 * 0.8, likely: 132, max: 132 * 1.2 });
  });

  test("a build-out's default uncertainty fits its work cap (each trial runs the scenario's own simulation)", () => {
    const model = scenarioModel(buildout());
    const a = defaultAnalysis(model, "uncertainty");
    expect(a.kind === "uncertainty" && a.trials).toBe(maxTrials(model));
    expect(maxTrials(model)).toBeLessThan(10_000);
  });

  test("goal seek: target 10 % above the current output, bracket within the accepted range", () => {
    const model = scenarioModel(fleet("count"));
    const a = defaultOf(model, "goalseek");
    const base = model.evaluate(a.output);
    expect("value" in base && a.target).toBeCloseTo("value" in base ? base.value * 1.1 : NaN, 0);
    const input = model.inputs.find((i) => i.key === a.input)!;
    expect(a.low).toBeGreaterThanOrEqual(input.min);
    expect(a.high).toBeLessThanOrEqual(input.max);
    expect(Number.isFinite(a.high - a.low)).toBe(true);
  });
});

describe("problems name the field and what it accepts", () => {
  const model = scenarioModel(fleet("count"));
  const pue = model.inputs.find((i) => i.key === "pue")!;

  test("unknown output and input", () => {
    const a: Analysis = { kind: "table1", output: "out_nope", input: "nope", values: [1], mode: "values" };
    const p = analysisProblems(model, a);
    expect(p).toContainEqual(expect.stringMatching(/^Output: "out_nope" is not one of this scenario's outputs/));
    expect(p).toContainEqual(expect.stringMatching(/^Input: "nope" is not one of this scenario's inputs/));
    const b: Analysis = { kind: "table1", output: "out_value_per_year", input: "nope", values: [1], mode: "formulas" };
    expect(analysisProblems(model, b)).toEqual(['Input: "nope" is not one of this scenario\'s inputs.']);
  });

  test("formulas over a build-out task cannot be written: the problem says to choose values", () => {
    const b = scenarioModel(buildout());
    const a = { ...defaultAnalysis(b, "table1"), mode: "formulas" } as Analysis;
    expect(analysisProblems(b, a)).toEqual([
      "Mode: this output cannot be written as formulas over a build-out task (it lives in the task table): choose values.",
    ]);
  });

  test("a value outside the input's accepted range", () => {
    const a = { ...defaultAnalysis(model, "table1"), input: "pue", values: [1.2, 0.5] } as Analysis;
    expect(analysisProblems(model, a)).toEqual([
      `Values of PUE: PUE (facility ÷ IT) must be ${acceptedRange({ ...pue, default: 1, source: "" })} (got 0.5).`,
    ]);
  });

  test("too many table values", () => {
    const values = Array.from({ length: MAX_TABLE_VALUES + 1 }, (_, n) => 1 + n / 100);
    const a = { ...defaultAnalysis(model, "table1"), input: "pue", values } as Analysis;
    expect(analysisProblems(model, a)).toEqual([
      `Values of PUE: give 1 to ${MAX_TABLE_VALUES} values (got ${MAX_TABLE_VALUES + 1}).`,
    ]);
  });

  test("a tornado swing whose low is not below its high, and even spider steps", () => {
    const a = defaultOf(model, "tornado");
    const p = analysisProblems(model, { ...a, swings: { ...a.swings, pue: { low: 1.3, high: 1.2 } }, steps: 4 });
    expect(p).toEqual([
      "Swing of PUE: the low (1.3) must be below the high (1.2).",
      "Spider steps must be an odd whole number from 3 to 11 (got 4).",
    ]);
  });

  test("trials, seed, distributions and correlations", () => {
    const base = defaultOf(model, "uncertainty");
    const bad = {
      ...base,
      trials: 100_001,
      seed: -1,
      uncertain: base.uncertain.map((u) =>
        u.input === "pue"
          ? { input: "pue", distribution: { kind: "pert" as const, min: 1.5, likely: 1.2, max: 1.4 } }
          : u,
      ),
      correlations: [{ a: "pue", b: "mfu", rho: 1.5 }],
    };
    const p = analysisProblems(model, bad);
    expect(p).toContainEqual("Trials must be a whole number from 1 to 100,000 (got 100,001).");
    expect(p).toContainEqual("Seed must be a whole number from 0 to 2,147,483,647 (got -1).");
    expect(p).toContainEqual(
      expect.stringMatching(/^Distribution of PUE: .*min ≤ likely ≤ max.*it accepts a number from 1 to 10/),
    );
    expect(p).toContainEqual(
      "Correlation of PUE with Model FLOPs utilization must be a number from −1 to 1 (got 1.5).",
    );
  });

  test("correlations that contradict each other are refused, naming an input", () => {
    const a = defaultOf(model, "uncertainty");
    const correlations = [
      { a: "pue", b: "mfu", rho: 0.9 },
      { a: "mfu", b: "accel_mtbf_hours", rho: 0.9 },
      { a: "pue", b: "accel_mtbf_hours", rho: -0.9 },
    ];
    const p = analysisProblems(model, { ...a, correlations });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^Correlations: the correlations are inconsistent .*(PUE|Accelerator MTBF|Model FLOPs)/);
  });

  test("a build-out uncertainty beyond its work cap says why and what to do", () => {
    const b = scenarioModel(buildout());
    const a = defaultAnalysis(b, "uncertainty");
    const p = analysisProblems(b, { ...a, trials: 10_000 } as Analysis);
    expect(p).toEqual([expect.stringMatching(/already a simulation.*at most [0-9,]+ trials fit.*risk table/)]);
  });
});

describe("runs", () => {
  // Each default output moves one way with each input (a build-out's P50 with each task's likely
  // duration: the same seeded draws, shifted), so the base lies between each bar's ends.
  test.each(scenarios)("tornado over %s: bars sorted by swing, the base between each bar's ends", (_, make) => {
    const s = make();
    const model = scenarioModel(s.kind === "buildout" ? { ...s, values: { ...s.values, trials: 200 } } : s);
    const r = runAnalysis(model, defaultAnalysis(model, "tornado"));
    if (r.kind !== "tornado" || !("value" in r.base)) throw new Error("no tornado base");
    const swings = r.bars.map((b) => b.swing);
    expect(swings).toEqual([...swings].sort((p, q) => q - p));
    expect(swings[0]).toBeGreaterThan(0);
    for (const b of r.bars) {
      if (!("value" in b.atLow) || !("value" in b.atHigh)) throw new Error(`${b.input}: an end is an error`);
      const [lo, hi] = [b.atLow.value, b.atHigh.value].sort((p, q) => p - q);
      const slack = 1e-9 * Math.abs(r.base.value);
      expect(r.base.value).toBeGreaterThanOrEqual(lo - slack);
      expect(r.base.value).toBeLessThanOrEqual(hi + slack);
    }
    // The spider's middle step is the base.
    for (const line of r.spider) expect(line.values[(line.values.length - 1) / 2]).toEqual(r.base);
  });

  test("an error point keeps its error and message instead of a number", () => {
    const model = scenarioModel(fleet("count"));
    // An MFU behind the throughput of 1e-300 (accepted: above 0) makes the value per MW-year overflow.
    const a: Analysis = {
      kind: "table1",
      output: "out_value_per_year",
      input: "throughput_mfu",
      values: [0.4, 1e-300],
      mode: "values",
    };
    const r = runAnalysis(model, a);
    if (r.kind !== "table1") throw new Error("not a table");
    expect(r.values[0]).toEqual(model.evaluate("out_value_per_year"));
    expect(r.values[1]).toEqual({ error: "#NUM!", message: expect.stringMatching(/\w{3,}/) });
  });

  test("goal seek on an integer input returns a whole number that reaches the target", () => {
    const model = scenarioModel(fleet("count"));
    const base = model.evaluate("out_value_per_year");
    if (!("value" in base)) throw new Error("no base");
    const a: Analysis = {
      kind: "goalseek",
      output: "out_value_per_year",
      input: "accelerators",
      target: base.value * 1.5,
      low: 1,
      high: 1_000_000,
    };
    const r = runAnalysis(model, a);
    if (r.kind !== "goalseek" || !r.result.found) throw new Error("goal seek found nothing");
    expect(Number.isInteger(r.result.x)).toBe(true);
    expect(r.result.x).toBeGreaterThan(16_384);
  });

  test("goal seek with no solution in range says so", () => {
    const model = scenarioModel(fleet("count"));
    const a: Analysis = { kind: "goalseek", output: "out_goodput", input: "pue", target: 2, low: 1, high: 10 };
    const r = runAnalysis(model, a);
    expect(r.kind === "goalseek" && !r.result.found && r.result.reason).toMatch(/\w+/);
  });

  test("runAnalysis refuses an analysis with problems, with their words", () => {
    const model = scenarioModel(fleet("count"));
    expect(() =>
      runAnalysis(model, { kind: "table1", output: "out_value_per_year", input: "pue", values: [0], mode: "values" }),
    ).toThrow(/PUE \(facility ÷ IT\) must be a number from 1 to 10/);
  });
});
