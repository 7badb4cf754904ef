/**
 * analysisProblems against hostile parameters: every problem is in words (no NaN, Infinity or ∞
 * for a blank, text or too-large field), the same input twice is refused, and contradictory
 * correlations are named by their inputs' labels.
 */
import { scenarioModel } from "../../src/scenario/evaluate";
import { Analysis, analysisProblems, defaultAnalysis } from "../../src/scenario/whatif";
import { fleet } from "./fixtures";

const model = scenarioModel(fleet("count"));
const of = <K extends Analysis["kind"]>(kind: K) => defaultAnalysis(model, kind) as Extract<Analysis, { kind: K }>;

describe("problems are worded, never NaN or Infinity", () => {
  const u = of("uncertainty");
  const t = of("tornado");
  const [first, second] = u.uncertain.map((x) => x.input);
  const cases: [string, Analysis][] = [
    ["blank trials", { ...u, trials: NaN }],
    ["1e400 trials", { ...u, trials: Infinity }],
    ["blank seed", { ...u, seed: NaN }],
    ["blank ρ", { ...u, correlations: [{ a: first, b: second, rho: NaN }] }],
    ["ρ of −1e400", { ...u, correlations: [{ a: first, b: second, rho: -Infinity }] }],
    [
      "a normal with a blank mean",
      { ...u, uncertain: [{ input: first, distribution: { kind: "normal", mean: NaN, sd: 1 } }] },
    ],
    [
      "a uniform up to 1e400",
      { ...u, uncertain: [{ input: first, distribution: { kind: "uniform", min: 1, likely: 1, max: Infinity } }] },
    ],
    ["a blank table value", { ...of("table1"), values: [NaN, 1] }],
    ["a table value of 1e400", { ...of("table1"), values: [Infinity] }],
    ["a blank target", { ...of("goalseek"), target: NaN }],
    ["a target of 1e400", { ...of("goalseek"), target: Infinity }],
    ["a blank lowest value to try", { ...of("goalseek"), low: NaN }],
    ["a blank swing", { ...t, swings: { ...t.swings, [t.inputs[0]]: { low: NaN, high: -Infinity } } }],
    ["blank spider steps", { ...t, steps: NaN }],
  ];
  test.each(cases)("%s", (_, a) => {
    const problems = analysisProblems(model, a);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).not.toMatch(/NaN|Infinity|∞/);
    expect(problems.join(" ")).toMatch(/no number|a number too large/);
  });
});

test("the same input twice is refused, in a tornado, an uncertainty and a two-input table", () => {
  const t = of("tornado");
  expect(analysisProblems(model, { ...t, inputs: [t.inputs[0], t.inputs[0]] })).toContain(
    "Inputs: each input may be swung once.",
  );
  const u = of("uncertainty");
  expect(analysisProblems(model, { ...u, uncertain: [u.uncertain[0], u.uncertain[0]] })).toContain(
    "Uncertain inputs: each input may have one distribution.",
  );
  const d = of("table2");
  expect(analysisProblems(model, { ...d, colInput: d.rowInput, colValues: d.rowValues })).toContain(
    "Column input: choose an input other than the row input.",
  );
});

test("a contradictory correlation triple is refused, naming an input by its label", () => {
  const u = of("uncertainty");
  const [a, b, c] = u.uncertain.map((x) => x.input);
  const problems = analysisProblems(model, {
    ...u,
    correlations: [
      { a, b, rho: 0.9 },
      { a: b, b: c, rho: 0.9 },
      { a, b: c, rho: -0.9 },
    ],
  });
  const labels = [a, b, c].map((k) => model.inputs.find((i) => i.key === k)!.label);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/^Correlations: the correlations are inconsistent with each other/);
  expect(labels.some((l) => problems[0].includes(l))).toBe(true);
  expect(problems[0]).not.toMatch(/inputs? [0-9]/);
});
