/**
 * What-if analyses over a scenario, as specs (what to compute), runs (the numbers) and their
 * problems in words: sensitivity (tornado and spider), one- and two-input data tables, goal seek and
 * uncertainty (a seeded Monte Carlo simulation). An analysis evaluates the scenario's own sheet plan
 * (src/scenario/evaluate.ts), never the workbook, so it changes no input; the algorithms are in
 * src/model/whatif. Pure and synchronous.
 */
import {
  GoalSeekResult,
  InputDistribution,
  SimulationResult,
  Swing,
  dataTable1,
  dataTable2,
  correlationProblem,
  distributionProblem,
  goalSeek,
  simulateOutput,
  spider,
  tornado,
  truncationProblem,
} from "../model/whatif";
import { DEFAULT_TRIALS, MAX_TRIALS, MAX_WORK } from "../model/buildout/simulate";
import { MAX_FORMULA, ModelInput, Outcome, ScenarioModel } from "./evaluate";
import { NumberField, acceptedRange, field } from "./fields";
import { BuildoutTask, buildoutUnits } from "./schema";
import { planScenario } from "./sheets";

export type Analysis =
  | { kind: "tornado"; output: string; inputs: string[]; swings: Record<string, Swing>; steps: number }
  | { kind: "table1"; output: string; input: string; values: number[]; mode: "formulas" | "values" }
  | {
      kind: "table2";
      output: string;
      rowInput: string;
      rowValues: number[];
      colInput: string;
      colValues: number[];
      mode: "formulas" | "values";
    }
  | { kind: "goalseek"; output: string; input: string; target: number; low: number; high: number }
  | {
      kind: "uncertainty";
      output: string;
      uncertain: { input: string; distribution: InputDistribution }[];
      correlations: { a: string; b: string; rho: number }[];
      trials: number;
      seed: number;
    };

export type AnalysisKind = Analysis["kind"];

export const ANALYSIS_LABELS: Record<AnalysisKind, string> = {
  tornado: "Sensitivity (tornado)",
  table1: "Data table (one input)",
  table2: "Data table (two inputs)",
  goalseek: "Goal seek",
  uncertainty: "Uncertainty (Monte Carlo)",
};

/** One input's bar: the output at the low and high ends of its swing, and |atHigh − atLow| (NaN if either is an error). */
export interface TornadoRow {
  input: string;
  low: number;
  high: number;
  atLow: Outcome;
  atHigh: Outcome;
  swing: number;
}

/** One input of the spider: its values from low through base to high, and the output at each. */
export interface SpiderLine {
  input: string;
  inputs: number[];
  values: Outcome[];
}

export type AnalysisResult =
  | { kind: "tornado"; base: Outcome; bars: TornadoRow[]; spider: SpiderLine[] }
  | { kind: "table1"; base: Outcome; values: Outcome[] }
  | { kind: "table2"; base: Outcome; values: Outcome[][] }
  | { kind: "goalseek"; base: Outcome; result: GoalSeekResult }
  | {
      kind: "uncertainty";
      base: Outcome;
      simulation: SimulationResult;
      /** The first failed trial's error, evaluated again at its inputs. */
      firstFailure?: { error: string; message: string };
    };

/** The default swing when no source gives a range: ±20 % of the value. */
export const DEFAULT_SWING = 0.2;
/** Steps of a spider line, low through base to high. */
export const SPIDER_STEPS = 5;
/** Inputs the spider draws (the widest swings), so its lines stay readable. */
export const SPIDER_INPUTS = 6;
/** Values a default one-input table takes; rows and columns of a default two-input table. */
export const TABLE1_VALUES = 11;
export const TABLE2_VALUES = 7;
/** Most rows (and columns) of a data table. */
export const MAX_TABLE_VALUES = 50;
/** Trials and seeds of an uncertainty run: those BUILDOUT takes. */
export { DEFAULT_TRIALS, MAX_TRIALS };
export const MAX_SEED = field("buildout", "seed").max;
/**
 * Most work a build-out uncertainty may take, in units of trials × (tasks + predecessor links):
 * one BUILDOUT call's cap, a few seconds (the template at 10,000 trials allows 13 trials here; its
 * own risk table is the simulation to use).
 */
export const MAX_BUILDOUT_WORK = MAX_WORK;
/**
 * What one evaluation of a build-out costs beyond its trials, in the same units: reading the task
 * table and setting up the run (measured on the template at 200, 1,000 and 10,000 trials: about
 * as much as 4,000 to 6,000 units).
 */
const BUILDOUT_CALL_WORK = 5_000;
/**
 * A build-out goal seek stops after this much work (in the same units; each evaluation is a whole
 * simulation), but tries at least MIN_BUILDOUT_SEEKS points: 66 evaluations of the template at
 * 10,000 trials, where a search from the scenario's value usually ends within a few dozen.
 */
const MAX_BUILDOUT_SEEK_WORK = 5 * MAX_WORK;
const MIN_BUILDOUT_SEEKS = 20;
/** Goal seek's default bracket is at most this factor either side of the value when the accepted range is far wider. */
const BRACKET_FACTOR = 10;

/** An input's accepted range as a field, so messages read like the wizard's. */
const asField = (i: ModelInput): NumberField => ({
  key: i.key,
  label: i.label,
  unit: i.unit,
  min: i.min,
  max: i.max,
  minExclusive: i.minExclusive,
  integer: i.integer,
  format: i.format,
  default: i.value,
  source: "",
});

const accepts = (i: ModelInput, v: number): boolean =>
  Number.isFinite(v) && (i.minExclusive ? v > i.min : v >= i.min) && v <= i.max && (!i.integer || Number.isInteger(v));

const number = (x: number): string => x.toLocaleString("en-US", { maximumFractionDigits: 6 });

/** Clamps `v` into what `i` accepts (just inside an exclusive minimum), rounded for whole numbers. */
function clampTo(i: ModelInput, v: number): number {
  let x = i.integer ? Math.round(v) : v;
  if (x > i.max) x = i.integer ? Math.floor(i.max) : i.max;
  if (i.minExclusive ? x <= i.min : x < i.min)
    x = i.integer ? (i.minExclusive ? Math.floor(i.min) + 1 : Math.ceil(i.min)) : i.min;
  if (i.minExclusive && x <= i.min) x = (i.min + i.value) / 2;
  return x;
}

/** The build-out task behind a "task_<n>" input, when it is one. */
function taskOf(model: ScenarioModel, key: string) {
  const m = /^task_([0-9]+)$/.exec(key);
  const s = model.scenario;
  return m && s.kind === "buildout" ? s.tasks[Number(m[1]) - 1] : undefined;
}

/** An input's default swing and where it comes from, or why it has none. */
export type DefaultSwing = { swing: Swing; source: string; sourced: boolean } | { swing?: undefined; reason: string };

/**
 * The swing a planner would start from: a build-out task's own min and max; a field's sourced
 * range (widened to include the scenario's value); else ±20 % of the value (of the unavailability
 * for an availability). Clamped to what the input accepts, whole numbers rounded; an input at 0
 * (where ±20 % is no swing) gets none.
 */
export function defaultSwing(model: ScenarioModel, key: string): DefaultSwing {
  const input = model.inputs.find((i) => i.key === key);
  if (!input) return { reason: `${key} is not an input of this scenario` };
  const task = taskOf(model, key);
  let low: number;
  let high: number;
  let source: string;
  let sourced = true;
  if (task && task.max > task.min) {
    [low, high, source] = [task.min, task.max, `the task's own min and max (${task.source})`];
  } else if (input.field?.low !== undefined && input.field.high !== undefined) {
    low = Math.min(input.field.low, input.value);
    high = Math.max(input.field.high, input.value);
    source = input.field.rangeSource ?? input.field.source;
  } else if (input.format === "availability" && input.value < 1) {
    // ±20 % of an availability (0.999 to 0.80) is no planner's range: swing its unavailability.
    const down = 1 - input.value;
    [low, high] = [1 - down * (1 + DEFAULT_SWING), 1 - down * (1 - DEFAULT_SWING)];
    source = "±20 % of the unavailability, 1 − the value (no published range)";
    sourced = false;
  } else {
    if (input.value === 0) return { reason: `${input.label} is 0, so ±20 % is no swing: give it a range` };
    [low, high] = [input.value * (1 - DEFAULT_SWING), input.value * (1 + DEFAULT_SWING)].sort((a, b) => a - b);
    source = "±20 % of the value (no published range)";
    sourced = false;
  }
  low = clampTo(input, low);
  high = clampTo(input, high);
  if (!(high > low)) return { reason: `${input.label} has no room to swing within ${acceptedRange(asField(input))}` };
  return { swing: { low, high }, source, sourced };
}

/** The output an analysis starts from: value per year when the scenario has it, else its first metric. */
export function defaultOutput(model: ScenarioModel): string {
  const names = new Set(model.outputs.map((o) => o.name));
  const metrics = Object.values(planScenario(model.scenario).metrics);
  const first = ["out_value_per_year", ...metrics].find((n) => n && names.has(n));
  if (first) return first;
  if (!model.outputs.length) throw new Error("This scenario has no single-number output to analyse.");
  return model.outputs[0].name;
}

/** `count` values evenly across a swing (distinct whole numbers for an integer input, at least 2). */
export function valuesAcross(input: ModelInput, swing: Swing, count: number): number[] {
  const raw = Array.from({ length: count }, (_, k) => swing.low + ((swing.high - swing.low) * k) / (count - 1));
  if (!input.integer) return raw.map((v) => Number(v.toPrecision(12)));
  return [...new Set(raw.map((v) => Math.round(v)))];
}

/** The inputs with a default swing, those with a published range first (then in the sheet's order). */
function swingable(model: ScenarioModel): { input: ModelInput; swing: Swing }[] {
  const found = model.inputs.flatMap((input) => {
    const d = defaultSwing(model, input.key);
    return d.swing ? [{ input, swing: d.swing, sourced: d.sourced }] : [];
  });
  return [...found.filter((x) => x.sourced), ...found.filter((x) => !x.sourced)];
}

/**
 * The swingable inputs, those that move `output` most over their default swing first (a quick
 * tornado), so a table or goal seek starts from an input that matters. A build-out keeps the
 * order of swingable: each of its evaluations is a whole simulation.
 */
function byInfluence(model: ScenarioModel, output: string): { input: ModelInput; swing: Swing }[] {
  const candidates = swingable(model);
  if (model.scenario.kind === "buildout") return candidates;
  const keys = candidates.map((c) => c.input.key);
  const f = model.compile(output, keys);
  const t = tornado(
    (x) => f(x),
    candidates.map((c) => c.input.value),
    candidates.map((c) => c.swing),
  );
  return t.bars.map((b) => candidates[b.index]);
}

/**
 * A build-out task's own distribution over its likely duration: the same kind (the normal read
 * from three points as BUILDOUT reads it: mean likely, σ = (max − min)/6).
 */
function taskDistribution(
  kind: BuildoutTask["distribution"],
  p: { min: number; likely: number; max: number },
): InputDistribution {
  if (kind === "normal") return { kind, mean: p.likely, sd: (p.max - p.min) / 6 };
  return { kind, ...p };
}

/** Whether the output can be written as a formula over these inputs (else a table holds values). */
const formulaMode = (model: ScenarioModel, output: string, cells: Record<string, string>) =>
  model.formula(output, cells) !== undefined ? ("formulas" as const) : ("values" as const);

/** A build-out scenario's work per evaluation: its trials × (tasks + predecessor links + risk events); 0 for other kinds. */
function buildoutWork(model: ScenarioModel): number {
  const s = model.scenario;
  if (s.kind !== "buildout") return 0;
  return s.values.trials * buildoutUnits(s.tasks, s.risks.length).units + BUILDOUT_CALL_WORK;
}

/** Most uncertainty trials the scenario allows (a build-out runs its own simulation per trial). */
export function maxTrials(model: ScenarioModel): number {
  const work = buildoutWork(model);
  return work === 0 ? MAX_TRIALS : Math.min(MAX_TRIALS, Math.floor(MAX_BUILDOUT_WORK / work));
}

/**
 * Where a goal seek looks for an input by default: its accepted range, at most BRACKET_FACTOR times
 * either side of its value when that range is far wider (whole numbers for a whole-number input).
 */
export function goalSeekBracket(input: ModelInput): { low: number; high: number } {
  let [low, high] = [input.min, input.max];
  const scale = Math.abs(input.value);
  if (scale > 0 && high - low > 100 * scale) {
    low = Math.max(low, input.value / BRACKET_FACTOR);
    high = Math.min(high, input.value * BRACKET_FACTOR);
    if (input.integer) [low, high] = [Math.ceil(low), Math.floor(high)];
  }
  return { low, high };
}

/**
 * The analysis of `kind` a planner would start from, on `output` (value per year, else the first
 * metric): a tornado over every input with a default swing (5 spider steps); tables over the
 * inputs that move the output most (11 values, 7 × 7), as formulas where the output can be one;
 * goal seek of 10 % more than the current output over that input's accepted range (at most 10×
 * either side of its value when the range is far wider); uncertainty with PERT on published
 * ranges, a task's own distribution, else triangular ±20 %, independent, 10,000 trials (fewer
 * where a build-out's cap allows fewer), seed 1.
 */
export function defaultAnalysis(model: ScenarioModel, kind: AnalysisKind, output = defaultOutput(model)): Analysis {
  const candidates = kind === "tornado" || kind === "uncertainty" ? swingable(model) : byInfluence(model, output);
  if (!candidates.length) throw new Error("This scenario has no input that can be swung.");
  const [first, second = first] = candidates;
  if (kind === "tornado") {
    const ordered = model.inputs.filter((i) => candidates.some((c) => c.input.key === i.key));
    const swings = Object.fromEntries(candidates.map((c) => [c.input.key, c.swing]));
    return { kind, output, inputs: ordered.map((i) => i.key), swings, steps: SPIDER_STEPS };
  }
  if (kind === "table1") {
    const values = valuesAcross(first.input, first.swing, TABLE1_VALUES);
    const mode = formulaMode(model, output, { [first.input.key]: "$A1" });
    return { kind, output, input: first.input.key, values, mode };
  }
  if (kind === "table2") {
    const rowValues = valuesAcross(first.input, first.swing, TABLE2_VALUES);
    const colValues = valuesAcross(second.input, second.swing, TABLE2_VALUES);
    const mode = formulaMode(model, output, { [first.input.key]: "$A1", [second.input.key]: "B$1" });
    return { kind, output, rowInput: first.input.key, rowValues, colInput: second.input.key, colValues, mode };
  }
  if (kind === "goalseek") {
    const input = first.input;
    const { low, high } = goalSeekBracket(input);
    const base = model.evaluate(output);
    const target = "value" in base && base.value !== 0 ? Number((base.value * 1.1).toPrecision(12)) : 1;
    return { kind, output, input: input.key, target, low, high };
  }
  const uncertain = candidates.map(({ input, swing }) => {
    const d = defaultSwing(model, input.key);
    const bounded = { min: swing.low, likely: Math.min(Math.max(input.value, swing.low), swing.high), max: swing.high };
    const task = taskOf(model, input.key);
    const distribution: InputDistribution = task
      ? taskDistribution(task.distribution, bounded)
      : { kind: d.swing && d.sourced ? "pert" : "triangular", ...bounded };
    return { input: input.key, distribution };
  });
  return {
    kind,
    output,
    uncertain,
    correlations: [],
    trials: Math.max(1, Math.min(DEFAULT_TRIALS, maxTrials(model))),
    seed: 1,
  };
}

/** Why an analysis cannot run, in words naming the field and what it accepts; [] when it can. */
export function analysisProblems(model: ScenarioModel, a: Analysis): string[] {
  const problems: string[] = [];
  const outputs = model.outputs.map((o) => o.name);
  if (!outputs.includes(a.output))
    problems.push(`Output: "${a.output}" is not one of this scenario's outputs (${outputs.join(", ")}).`);
  const inputOf = (key: string, what: string): ModelInput | undefined => {
    const found = model.inputs.find((i) => i.key === key);
    if (!found) problems.push(`${what}: "${key}" is not one of this scenario's inputs.`);
    return found;
  };
  const checkValue = (i: ModelInput, v: unknown, what: string) => {
    if (typeof v !== "number" || !accepts(i, v))
      problems.push(
        `${what}: ${i.label} (${i.unit}) must be ${acceptedRange(asField(i))} (got ${typeof v === "number" ? number(v) : String(v)}).`,
      );
  };
  const checkValues = (i: ModelInput | undefined, values: readonly number[], what: string) => {
    if (!Array.isArray(values) || values.length < 1 || values.length > MAX_TABLE_VALUES)
      problems.push(
        `${what}: give 1 to ${MAX_TABLE_VALUES} values (got ${Array.isArray(values) ? values.length : 0}).`,
      );
    else if (i) for (const v of values) checkValue(i, v, what);
  };
  const checkMode = (mode: string, cells: Record<string, string>) => {
    if (mode !== "formulas" && mode !== "values") problems.push(`Mode must be "formulas" or "values" (got "${mode}").`);
    const known = outputs.includes(a.output) && Object.keys(cells).every((k) => model.inputs.some((i) => i.key === k));
    if (mode === "formulas" && known && model.formula(a.output, cells) === undefined)
      problems.push(
        Object.keys(cells).some((k) => k.startsWith("task_"))
          ? "Mode: this output cannot be written as formulas over a build-out task (it lives in the task table): choose values."
          : `Mode: as one formula per cell, this output would be longer than Excel's ${number(MAX_FORMULA)} characters ` +
              `(each reference repeats the sheet's name "${model.scenario.sheet}"): choose values, or rename the scenario shorter.`,
      );
  };

  if (a.kind === "tornado") {
    if (!a.inputs.length) problems.push("Inputs: choose at least one input to swing.");
    if (new Set(a.inputs).size !== a.inputs.length) problems.push("Inputs: each input may be swung once.");
    for (const key of a.inputs) {
      const i = inputOf(key, "Inputs");
      const s = a.swings[key];
      if (!i) continue;
      if (!s) problems.push(`Swing of ${i.label}: give a low and a high value.`);
      else {
        checkValue(i, s.low, `Low of ${i.label}`);
        checkValue(i, s.high, `High of ${i.label}`);
        if (!(s.low < s.high))
          problems.push(`Swing of ${i.label}: the low (${number(s.low)}) must be below the high (${number(s.high)}).`);
      }
    }
    if (!Number.isInteger(a.steps) || a.steps < 3 || a.steps > 11 || a.steps % 2 === 0)
      problems.push(`Spider steps must be an odd whole number from 3 to 11 (got ${a.steps}).`);
  } else if (a.kind === "table1") {
    const i = inputOf(a.input, "Input");
    checkValues(i, a.values, `Values of ${i?.label ?? "the input"}`);
    checkMode(a.mode, { [a.input]: "$A1" });
  } else if (a.kind === "table2") {
    const r = inputOf(a.rowInput, "Row input");
    const c = inputOf(a.colInput, "Column input");
    if (a.rowInput === a.colInput) problems.push("Column input: choose an input other than the row input.");
    checkValues(r, a.rowValues, `Row values of ${r?.label ?? "the row input"}`);
    checkValues(c, a.colValues, `Column values of ${c?.label ?? "the column input"}`);
    checkMode(a.mode, { [a.rowInput]: "$A1", [a.colInput]: "B$1" });
  } else if (a.kind === "goalseek") {
    const i = inputOf(a.input, "Input");
    if (!Number.isFinite(a.target)) problems.push(`Target must be a number (got ${String(a.target)}).`);
    if (i) {
      // An exclusive minimum may bound the search: goal seek then tries only values above it.
      if (!(i.minExclusive && a.low === i.min)) checkValue(i, a.low, `Lowest ${i.label} to try`);
      checkValue(i, a.high, `Highest ${i.label} to try`);
      if (!(a.low < a.high))
        problems.push(`Range to try: the lowest (${number(a.low)}) must be below the highest (${number(a.high)}).`);
    }
  } else {
    problems.push(...uncertaintyProblems(model, a, inputOf));
  }
  return problems.map(inWords);
}

/** A problem with its non-finite numbers in words: a blank field or text reads as NaN, "1e400" as Infinity. */
const inWords = (problem: string): string =>
  problem.replace(/[-−]?(?:Infinity|∞)/g, "a number too large").replace(/\bNaN\b/g, "no number");

function uncertaintyProblems(
  model: ScenarioModel,
  a: Extract<Analysis, { kind: "uncertainty" }>,
  inputOf: (key: string, what: string) => ModelInput | undefined,
): string[] {
  const problems: string[] = [];
  if (!a.uncertain.length) problems.push("Uncertain inputs: give at least one input a distribution.");
  const keys = a.uncertain.map((u) => u.input);
  if (new Set(keys).size !== keys.length) problems.push("Uncertain inputs: each input may have one distribution.");
  for (const u of a.uncertain) {
    const i = inputOf(u.input, "Uncertain inputs");
    if (!i) continue;
    const problem =
      distributionProblem(u.distribution) ??
      truncationProblem(u.distribution, { low: i.min, high: i.max, lowExclusive: i.minExclusive, integer: i.integer });
    if (problem) problems.push(`Distribution of ${i.label}: ${problem} (it accepts ${acceptedRange(asField(i))}).`);
  }
  const most = maxTrials(model);
  if (!Number.isInteger(a.trials) || a.trials < 1 || a.trials > MAX_TRIALS)
    problems.push(`Trials must be a whole number from 1 to ${number(MAX_TRIALS)} (got ${number(a.trials)}).`);
  else if (a.trials > most)
    problems.push(
      `Trials: a build-out scenario is already a simulation (each trial here runs its BUILDOUT of ${number(model.scenario.values.trials)} trials), ` +
        `so at most ${number(most)} trials fit (got ${number(a.trials)}). Use its risk table, or lower its Monte Carlo trials.`,
    );
  if (!Number.isInteger(a.seed) || a.seed < 0 || a.seed > MAX_SEED)
    problems.push(`Seed must be a whole number from 0 to ${number(MAX_SEED)} (got ${number(a.seed)}).`);
  const seen = new Set<string>();
  for (const c of a.correlations) {
    const label = (k: string) => model.inputs.find((i) => i.key === k)?.label ?? k;
    const pair = `Correlation of ${label(c.a)} with ${label(c.b)}`;
    if (!keys.includes(c.a) || !keys.includes(c.b)) problems.push(`${pair}: both inputs must have a distribution.`);
    else if (c.a === c.b) problems.push(`${pair}: choose two different inputs.`);
    const id = [c.a, c.b].sort().join("|");
    if (seen.has(id)) problems.push(`${pair}: give each pair one correlation.`);
    seen.add(id);
    if (typeof c.rho !== "number" || !(c.rho >= -1 && c.rho <= 1))
      problems.push(`${pair} must be a number from −1 to 1 (got ${String(c.rho)}).`);
  }
  if (!problems.length && a.correlations.length) {
    const matrix = simulationSpec(model, a).correlation!;
    const problem = correlationProblem(matrix, matrix.length);
    // The model numbers inputs from 1 in the order given; name them instead.
    const named = (text: string) =>
      text.replace(/inputs? ([0-9]+)(?: and ([0-9]+))?/g, (_, p: string, q?: string) =>
        [p, q]
          .filter(Boolean)
          .map((n) => model.inputs.find((i) => i.key === keys[Number(n) - 1])?.label ?? n)
          .join(" and "),
      );
    if (problem) problems.push(`Correlations: ${named(problem)}.`);
  }
  return problems;
}

const valuesOf = (model: ScenarioModel, keys: readonly string[]) =>
  keys.map((k) => model.inputs.find((i) => i.key === k)!.value);

const record = (keys: readonly string[], x: readonly number[]) => Object.fromEntries(keys.map((k, n) => [k, x[n]]));

/** The outcome at `x`: the number the compiled function gave, or the error the model gives there (with its message). */
function outcome(
  model: ScenarioModel,
  output: string,
  keys: readonly string[],
  x: readonly number[],
  v: number,
): Outcome {
  if (Number.isFinite(v)) return { value: v };
  const again = model.evaluate(output, record(keys, x));
  return "error" in again ? again : { error: "#VALUE!", message: "The output is not a number here." };
}

export function simulationSpec(model: ScenarioModel, a: Extract<Analysis, { kind: "uncertainty" }>) {
  const keys = a.uncertain.map((u) => u.input);
  const uncertain = a.uncertain.map((u, n) => {
    const i = model.inputs.find((x) => x.key === u.input)!;
    return {
      index: n,
      distribution: u.distribution,
      integer: i.integer,
      low: i.min,
      high: i.max,
      lowExclusive: i.minExclusive,
    };
  });
  const correlation = a.correlations.length
    ? keys.map((p, r) =>
        keys.map((q, c) => {
          if (r === c) return 1;
          const found = a.correlations.find((x) => (x.a === p && x.b === q) || (x.a === q && x.b === p));
          return found ? found.rho : 0;
        }),
      )
    : undefined;
  return { base: valuesOf(model, keys), uncertain, correlation, trials: a.trials, seed: a.seed };
}

/** Runs an analysis that has no problems (analysisProblems); throws with the problems otherwise. */
export function runAnalysis(model: ScenarioModel, a: Analysis): AnalysisResult {
  const problems = analysisProblems(model, a);
  if (problems.length) throw new Error(problems.join(" "));
  const base = model.evaluate(a.output);
  if (a.kind === "tornado") {
    const f = model.compile(a.output, a.inputs);
    const x0 = valuesOf(model, a.inputs);
    const swings = a.inputs.map((k) => a.swings[k]);
    const t = tornado((x) => f(x), x0, swings);
    const at = (index: number, v: number, y: number) => {
      const x = [...x0];
      x[index] = v;
      return outcome(model, a.output, a.inputs, x, y);
    };
    const bars = t.bars.map((b) => ({
      input: a.inputs[b.index],
      low: b.low,
      high: b.high,
      atLow: at(b.index, b.low, b.atLow),
      atHigh: at(b.index, b.high, b.atHigh),
      swing: b.swing,
    }));
    const top = bars.slice(0, SPIDER_INPUTS).filter((b) => Number.isFinite(b.swing));
    const keys = top.map((b) => b.input);
    const g = model.compile(a.output, keys);
    const s = keys.length
      ? spider(
          (x) => g(x),
          valuesOf(model, keys),
          top.map((b) => ({ low: b.low, high: b.high })),
          a.steps,
        )
      : { points: [] };
    const lines = s.points.map((p) => ({
      input: keys[p.index],
      inputs: p.inputs,
      values: p.inputs.map((v, n) => {
        const x = valuesOf(model, keys);
        x[p.index] = v;
        return outcome(model, a.output, keys, x, p.values[n]);
      }),
    }));
    return { kind: "tornado", base, bars, spider: lines };
  }
  if (a.kind === "table1") {
    const f = model.compile(a.output, [a.input]);
    const ys = dataTable1((x) => f(x), valuesOf(model, [a.input]), 0, a.values);
    return { kind: "table1", base, values: ys.map((y, n) => outcome(model, a.output, [a.input], [a.values[n]], y)) };
  }
  if (a.kind === "table2") {
    const keys = [a.rowInput, a.colInput];
    const f = model.compile(a.output, keys);
    const ys = dataTable2((x) => f(x), valuesOf(model, keys), 0, a.rowValues, 1, a.colValues);
    const values = ys.map((row, r) =>
      row.map((y, c) => outcome(model, a.output, keys, [a.rowValues[r], a.colValues[c]], y)),
    );
    return { kind: "table2", base, values };
  }
  if (a.kind === "goalseek") {
    const input = model.inputs.find((i) => i.key === a.input)!;
    const f = model.compile(a.output, [a.input]);
    const start = Math.min(Math.max(input.value, a.low), a.high);
    const work = buildoutWork(model);
    const result = goalSeek((x) => f([x]), a.target, start, {
      low: a.low,
      high: a.high,
      lowExclusive: input.minExclusive && a.low === input.min,
      integer: input.integer,
      ...(work > 0 ? { maxEvaluations: Math.max(MIN_BUILDOUT_SEEKS, Math.floor(MAX_BUILDOUT_SEEK_WORK / work)) } : {}),
    });
    return { kind: "goalseek", base, result };
  }
  const spec = simulationSpec(model, a);
  const keys = a.uncertain.map((u) => u.input);
  const f = model.compile(a.output, keys);
  const simulation = simulateOutput((x) => f(x), spec);
  let firstFailure: { error: string; message: string } | undefined;
  const failed = simulation.samples.findIndex((v) => Number.isNaN(v));
  if (failed >= 0) {
    const x = simulation.inputs.map((column) => column[failed]);
    const o = outcome(model, a.output, keys, x, NaN);
    firstFailure = "error" in o ? o : undefined;
  }
  return { kind: "uncertainty", base, simulation, firstFailure };
}
