/**
 * Sheet plans of what-if analyses: the run's numbers as native tables and charts, in the scenario
 * sheets' conventions (a title, a note, header rows, number formats by each input's and output's
 * Format, Excel tables named BP_<id>_<part>, charts with unit-bearing axis titles). Sections run
 * down the sheet in columns A–I; each chart sits beside its own section at column K (the one-input
 * table's under its two columns), and a section with a chart is at least as tall as the chart, so no
 * chart covers a cell the plan writes. A result that is an error is written as its error and message
 * (text), never as a number; money that can fall below zero is shown signed and scaled.
 */
import { formatValue } from "../workbench/format";
import { ModelOutput, Outcome, ScenarioModel } from "./evaluate";
import { Format } from "./fields";
import { CHART_ROWS, ChartSpec, NUMBER_FORMATS, PlanCell, SheetPlan, cell, changeFormat, column, range } from "./plan";
import { ANALYSIS_LABELS, Analysis, AnalysisResult, defaultSwing } from "./whatif";

/** The column charts are anchored at (K): right of every section's cells. */
const CHART_COL = 11;
/** Most points of the S-curve table (the cumulative curve is thinned evenly beyond that). */
const MAX_CURVE_POINTS = 101;
/** Most bars that still carry readable data labels, and most points of a line. */
const MAX_LABELLED = 12;
const MAX_LABELLED_POINTS = 6;
/** Bars a tornado chart draws at most (inputs that do not move the output stay in its table only). */
const MAX_TORNADO_BARS = 12;

type Kinded<K extends Analysis["kind"]> = Extract<Analysis, { kind: K }>;
type Ran<K extends AnalysisResult["kind"]> = Extract<AnalysisResult, { kind: K }>;

/** An error outcome as the sheet shows it: its error code and message, as text. */
export const errorText = (o: { error: string; message: string }): string => `${o.error} ${o.message}`;

/** Accumulates a what-if sheet's plan. */
class Sheet {
  readonly plan: Omit<SheetPlan, "extent">;
  private lastRow = 1;
  private lastCol = 1;

  constructor(
    sheet: string,
    private readonly id: string,
  ) {
    this.plan = { sheet, cells: [], names: [], formats: [], tables: [], validations: [], charts: [], metrics: {} };
  }

  private put(c: PlanCell, row: number, col: number) {
    this.plan.cells.push(c);
    this.lastRow = Math.max(this.lastRow, row);
    this.lastCol = Math.max(this.lastCol, col);
  }

  text(row: number, col: number, text: string, style?: PlanCell["style"]) {
    this.put({ address: cell(row, col), text, ...(style ? { style } : {}) }, row, col);
  }

  number(row: number, col: number, value: number, format: Format, style: PlanCell["style"] = "output") {
    this.put({ address: cell(row, col), number: value, style }, row, col);
    this.plan.formats.push({ address: cell(row, col), format });
  }

  formula(row: number, col: number, formula: string, format: Format) {
    this.put({ address: cell(row, col), formula, style: "output" }, row, col);
    this.plan.formats.push({ address: cell(row, col), format });
  }

  /** A result: its number, or its error and message as text. */
  outcome(row: number, col: number, o: Outcome, format: Format) {
    if ("value" in o) this.number(row, col, o.value, format);
    else this.text(row, col, errorText(o), "output");
  }

  header(row: number, labels: readonly string[], from = 1) {
    labels.forEach((label, i) => this.text(row, from + i, label, "header"));
  }

  table(part: string, address: string) {
    this.plan.tables.push({ name: `BP_${this.id}_${part}`, address });
  }

  chart(part: string, row: number, spec: Omit<ChartSpec, "name" | "anchor">, col = CHART_COL) {
    this.plan.charts.push({ ...spec, name: `BP_${this.id}_${part}chart`, anchor: cell(row, col) });
  }

  finish(widths: readonly number[]): SheetPlan {
    this.plan.columns = widths.map((width, i) => ({ col: i + 1, width }));
    return { ...this.plan, extent: cell(this.lastRow, this.lastCol) };
  }
}

/** The first row after a section whose table ends at `last`, starting at `first`, with a chart beside it. */
const afterChart = (first: number, last: number): number => Math.max(last + 2, first + CHART_ROWS + 1);

/** The plan of an analysis's sheet; goal seek has none (the pane shows its answer). */
export function planAnalysis(
  model: ScenarioModel,
  a: Analysis,
  r: AnalysisResult,
  sheet: string,
  id: string,
): SheetPlan {
  if (a.kind !== r.kind) throw new Error(`a ${r.kind} result does not belong to a ${a.kind} analysis`);
  const output = model.outputs.find((o) => o.name === a.output);
  if (!output) throw new Error(`${a.output} is not an output of this scenario`);
  const s = new Sheet(sheet, id);
  s.text(1, 1, `${ANALYSIS_LABELS[a.kind]}: ${output.label} — ${model.scenario.name}`, "title");
  const ctx = { model, s, output };
  if (a.kind === "tornado") return tornadoSheet(ctx, a, r as Ran<"tornado">);
  if (a.kind === "table1") return table1Sheet(ctx, a, r as Ran<"table1">);
  if (a.kind === "table2") return table2Sheet(ctx, a, r as Ran<"table2">);
  if (a.kind === "uncertainty") return uncertaintySheet(ctx, a, r as Ran<"uncertainty">);
  throw new Error("Goal seek writes no sheet: the pane shows its answer.");
}

interface Context {
  model: ScenarioModel;
  s: Sheet;
  output: ModelOutput;
}

const inputOf = (model: ScenarioModel, key: string) => {
  const found = model.inputs.find((i) => i.key === key);
  if (!found) throw new Error(`${key} is not an input of this scenario`);
  return found;
};

const withUnit = (label: string, unit: string) => (unit ? `${label} (${unit})` : label);

const valuesOf = (outcomes: readonly Outcome[]): number[] => outcomes.flatMap((o) => ("value" in o ? [o.value] : []));

/**
 * How an output's values show where some may be below zero: money signed and scaled (the usd
 * format's scales, $1.2 B and $340.0 M, hold for positive amounts only: -$279,900,000 otherwise).
 */
export const levelFormat = (format: Format, values: readonly number[]): Format =>
  values.some((v) => v < 0) ? changeFormat(format) : format;

const computedNote = (ctx: Context, what: string) =>
  `${what} Computed by the Balance Point pane from the scenario "${ctx.model.scenario.name}" (sheet ` +
  `${ctx.model.scenario.sheet}): the numbers are values, so run the analysis again after editing the scenario.`;

/** Row 4: the output with the scenario's own values (a formula over them when the table holds formulas). */
function baseRow(ctx: Context, base: Outcome, formulas = false, format = ctx.output.format) {
  ctx.s.text(4, 1, "Base (the scenario's values)", "header");
  const f = formulas ? ctx.model.formula(ctx.output.name, {}) : undefined;
  if (f) ctx.s.formula(4, 2, f, format);
  else ctx.s.outcome(4, 2, base, format);
}

function tornadoSheet(ctx: Context, a: Kinded<"tornado">, r: Ran<"tornado">): SheetPlan {
  const { model, s, output } = ctx;
  const left = model.inputs.filter((i) => !a.inputs.includes(i.key));
  const reasons = left.map((i) => {
    const d = defaultSwing(model, i.key);
    return d.swing ? `${i.label} (not chosen)` : d.reason;
  });
  s.text(
    2,
    1,
    computedNote(
      ctx,
      `Each of ${a.inputs.length} inputs was moved alone to the low and high ends of its range while the others kept the scenario's values.`,
    ),
    "note",
  );
  if (reasons.length) s.text(3, 1, `Left out: ${reasons.join("; ")}.`, "note");
  const level = levelFormat(output.format, valuesOf([r.base, ...r.bars.flatMap((b) => [b.atLow, b.atHigh])]));
  baseRow(ctx, r.base, false, level);

  const first = 6;
  s.text(first, 1, `${output.label} at each end of each input's range, widest swing first`, "header");
  const header = first + 1;
  s.header(header, [
    "Input",
    "Low",
    "High",
    "Output at low",
    "Output at high",
    "Change at low",
    "Change at high",
    "Swing",
    "Range source",
  ]);
  const baseValue = "value" in r.base ? r.base.value : NaN;
  const change = (o: Outcome): Outcome =>
    "value" in o
      ? Number.isFinite(baseValue)
        ? { value: o.value - baseValue }
        : (r.base as Exclude<Outcome, { value: number }>)
      : o;
  r.bars.forEach((b, n) => {
    const row = header + 1 + n;
    const input = inputOf(model, b.input);
    const d = defaultSwing(model, b.input);
    const sameAsDefault = d.swing && d.swing.low === b.low && d.swing.high === b.high;
    s.text(row, 1, input.label);
    s.number(row, 2, b.low, input.format);
    s.number(row, 3, b.high, input.format);
    s.outcome(row, 4, b.atLow, level);
    s.outcome(row, 5, b.atHigh, level);
    s.outcome(row, 6, change(b.atLow), changeFormat(output.format));
    s.outcome(row, 7, change(b.atHigh), changeFormat(output.format));
    const failed = "error" in b.atLow ? b.atLow : "error" in b.atHigh ? b.atHigh : undefined;
    if (failed) s.text(row, 8, errorText(failed), "output");
    else s.number(row, 8, b.swing, output.format);
    s.text(row, 9, sameAsDefault && "source" in d ? d.source : "set in the pane");
  });
  const last = header + r.bars.length;
  s.table("tornado", range(header, 1, last, 9));
  // The chart draws the widest swings that move the output (the rows are sorted, so they come first).
  const moving = Math.min(MAX_TORNADO_BARS, r.bars.filter((b) => b.swing > 0).length);
  const charted = header + moving;
  if (moving > 0)
    s.chart("tornado", first, {
      type: "BarClustered",
      title:
        moving < r.bars.length
          ? `Sensitivity of ${output.label}: the ${moving} widest swings`
          : `Sensitivity of ${output.label}`,
      categories: range(header + 1, 1, charted, 1),
      series: [
        { name: "Input at its low", values: range(header + 1, 6, charted, 6) },
        { name: "Input at its high", values: range(header + 1, 7, charted, 7) },
      ],
      categoryAxisTitle: "Input (widest swing first)",
      valueAxisTitle: `Change in ${output.label} from base${output.unit ? ` (${output.unit})` : ""}`,
      valueFormat: changeFormat(output.format),
      dataLabels: moving <= MAX_LABELLED / 2,
      overlap: 100,
      gapWidth: 40,
    });

  const lines = r.spider;
  if (lines.length) spiderSection(ctx, a, lines, afterChart(first, last));
  return s.finish([34, 14, 14, 16, 16, 16, 16, 16, 48]);
}

/** The spider: the output at each step of the widest inputs' ranges, and the inputs' values there. */
function spiderSection(ctx: Context, a: Kinded<"tornado">, lines: Ran<"tornado">["spider"], first: number) {
  const { model, s, output } = ctx;
  const inputs = lines.map((l) => inputOf(model, l.input));
  const level = levelFormat(output.format, valuesOf(lines.flatMap((l) => l.values)));
  const steps = a.steps;
  const mid = (steps - 1) / 2;
  // x: the inputs' common change from base when they share one (a ±20 % swing), else the position in the range.
  const changes = lines.map((l, k) => l.inputs.map((v) => (v - inputs[k].value) / inputs[k].value));
  const common =
    inputs.every((i) => i.value !== 0) && changes.every((c) => c.every((x, j) => Math.abs(x - changes[0][j]) < 1e-9));
  const xHeader = common ? "Change of each input from base" : "Step (−100% low, +100% high)";
  const xs = common ? changes[0] : Array.from({ length: steps }, (_, j) => (j - mid) / mid);
  s.text(
    first,
    1,
    `Spider: ${output.label} as each of the ${lines.length} widest inputs moves from low through base to high`,
    "header",
  );
  const header = first + 1;
  s.header(header, [xHeader, ...inputs.map((i) => i.label)]);
  xs.forEach((x, j) => {
    s.number(header + 1 + j, 1, x, "percent");
    lines.forEach((l, k) => s.outcome(header + 1 + j, 2 + k, l.values[j], level));
  });
  const last = header + steps;
  s.table("spider", range(header, 1, last, 1 + lines.length));
  s.chart("spider", first, {
    type: "Line",
    title: `Spider: ${output.label}`,
    categories: range(header + 1, 1, last, 1),
    series: inputs.map((i, k) => ({ name: i.label, values: range(header + 1, 2 + k, last, 2 + k) })),
    categoryAxisTitle: common ? "Change of each input from base (%)" : "Position in each input's range (%)",
    valueAxisTitle: withUnit(output.label, output.unit),
    valueFormat: level,
    dataLabels: false,
    categoryFormat: "percent",
  });

  // Below the chart: the table may be wider than the columns left of it.
  const valuesFirst = afterChart(first, last);
  s.text(valuesFirst, 1, "The inputs' values at each step, and their change from base", "header");
  const valuesHeader = valuesFirst + 1;
  s.header(valuesHeader, [
    xHeader,
    ...inputs.map((i) => withUnit(i.label, i.unit)),
    ...inputs.filter((i) => i.value !== 0).map((i) => `${i.label}: change`),
  ]);
  xs.forEach((x, j) => {
    const row = valuesHeader + 1 + j;
    s.number(row, 1, x, "percent");
    lines.forEach((l, k) => s.number(row, 2 + k, l.inputs[j], inputs[k].format));
    let col = 2 + lines.length;
    lines.forEach((l, k) => {
      if (inputs[k].value !== 0) s.number(row, col++, changes[k][j], "percent");
    });
  });
  const width = 1 + lines.length + inputs.filter((i) => i.value !== 0).length;
  s.table("spiderinputs", range(valuesHeader, 1, valuesHeader + steps, width));
}

function table1Sheet(ctx: Context, a: Kinded<"table1">, r: Ran<"table1">): SheetPlan {
  const { model, s, output } = ctx;
  const input = inputOf(model, a.input);
  const formulas = a.mode === "formulas";
  s.text(
    2,
    1,
    formulas
      ? `${output.label} for each value of ${input.label}, the other inputs from the scenario sheet ${model.scenario.sheet}. ` +
          "Column B holds formulas: they recalculate when you edit the scenario or the values in column A."
      : computedNote(
          ctx,
          `${output.label} for each value of ${input.label}, the other inputs at the scenario's values.`,
        ),
    "note",
  );
  const level = levelFormat(output.format, valuesOf([r.base, ...r.values]));
  baseRow(ctx, r.base, formulas, level);
  const first = 6;
  s.text(first, 1, `${output.label} by ${input.label}`, "header");
  const header = first + 1;
  s.header(header, [withUnit(input.label, input.unit), withUnit(output.label, output.unit)]);
  a.values.forEach((v, n) => {
    const row = header + 1 + n;
    s.number(row, 1, v, input.format, formulas ? "input" : "output");
    const f = formulas ? model.formula(a.output, { [a.input]: `$A${row}` }) : undefined;
    if (formulas && !f) throw new Error(`${output.label} cannot be written as a formula over ${input.label}`);
    if (f) s.formula(row, 2, f, level);
    else s.outcome(row, 2, r.values[n], level);
  });
  const last = header + a.values.length;
  s.table("table", range(header, 1, last, 2));
  // Under the table, from column A: beside it, the chart would cover its long header.
  s.chart(
    "table",
    last + 2,
    {
      type: "Line",
      title: `${output.label} by ${input.label}`,
      categories: range(header + 1, 1, last, 1),
      series: [{ name: output.label, values: range(header + 1, 2, last, 2) }],
      categoryAxisTitle: withUnit(input.label, input.unit),
      valueAxisTitle: withUnit(output.label, output.unit),
      valueFormat: level,
      dataLabels: a.values.length <= MAX_LABELLED_POINTS,
      categoryFormat: input.format,
    },
    1,
  );
  return s.finish([30, 22]);
}

function table2Sheet(ctx: Context, a: Kinded<"table2">, r: Ran<"table2">): SheetPlan {
  const { model, s, output } = ctx;
  const rowInput = inputOf(model, a.rowInput);
  const colInput = inputOf(model, a.colInput);
  const formulas = a.mode === "formulas";
  const what = `${output.label} for each pair of values of ${rowInput.label} (down) and ${colInput.label} (across)`;
  s.text(
    2,
    1,
    formulas
      ? `${what}, the other inputs from the scenario sheet ${model.scenario.sheet}. The body holds formulas: they ` +
          "recalculate when you edit the scenario or the values in column A and the header row."
      : computedNote(ctx, `${what}, the other inputs at the scenario's values.`),
    "note",
  );
  const level = levelFormat(output.format, valuesOf([r.base, ...r.values.flat()]));
  baseRow(ctx, r.base, formulas, level);
  const first = 6;
  s.text(first, 1, `${withUnit(output.label, output.unit)}: shaded from lowest (light) to highest (dark)`, "header");
  const header = first + 1;
  const corner = `${withUnit(rowInput.label, rowInput.unit)} ↓ · ${withUnit(colInput.label, colInput.unit)} →`;
  s.text(header, 1, corner, "header");
  const style = formulas ? "input" : "output";
  a.colValues.forEach((v, c) => s.number(header, 2 + c, v, colInput.format, style));
  a.rowValues.forEach((v, n) => {
    const row = header + 1 + n;
    s.number(row, 1, v, rowInput.format, style);
    a.colValues.forEach((_, c) => {
      const col = 2 + c;
      const f = formulas
        ? model.formula(a.output, { [a.rowInput]: `$A${row}`, [a.colInput]: `${column(col)}$${header}` })
        : undefined;
      if (formulas && !f) throw new Error(`${output.label} cannot be written as a formula over these inputs`);
      if (f) s.formula(row, col, f, level);
      else s.outcome(row, col, r.values[n][c], level);
    });
  });
  const last = header + a.rowValues.length;
  s.plan.colorScales = [range(header + 1, 2, last, 1 + a.colValues.length)];
  // Column A as wide as the corner's label (up to 72 characters), so that both inputs read whole.
  return s.finish([Math.min(72, Math.max(40, corner.length + 2)), ...a.colValues.map(() => 14)]);
}

const describe = (d: Kinded<"uncertainty">["uncertain"][number]["distribution"]): string =>
  ({ pert: "PERT", triangular: "Triangular", uniform: "Uniform", lognormal: "Lognormal", normal: "Normal" })[d.kind];

function uncertaintySheet(ctx: Context, a: Kinded<"uncertainty">, r: Ran<"uncertainty">): SheetPlan {
  const { model, s, output } = ctx;
  const sim = r.simulation;
  const fmt = levelFormat(
    output.format,
    valuesOf([r.base]).concat(Number.isFinite(sim.stats.min) ? [sim.stats.min] : []),
  );
  const inputs = a.uncertain.map((u) => inputOf(model, u.input));
  s.text(
    2,
    1,
    computedNote(
      ctx,
      `${a.trials.toLocaleString("en-US")} trials (seed ${a.seed}) drew ${inputs.length} inputs from the distributions below` +
        `${a.correlations.length ? ", rank-correlated as shown" : ", independently"}; the other inputs kept the scenario's values.`,
    ),
    "note",
  );
  baseRow(ctx, r.base, false, fmt);

  // Statistics, with the histogram beside them.
  let first = 6;
  const valued = a.trials - sim.failed;
  s.text(
    first,
    1,
    sim.failed
      ? `${output.label}: statistics over the ${valued.toLocaleString("en-US")} trials that gave a value (${sim.failed.toLocaleString("en-US")} failed)`
      : `${output.label}: statistics over the trials`,
    "header",
  );
  s.header(first + 1, ["Statistic", "Value"]);
  const st = sim.stats;
  const stats: [string, number, Format][] = [
    ["Mean", st.mean, fmt],
    ["Standard error of the mean", st.stdError, output.format],
    ["Standard deviation", st.sd, output.format],
    ["P10", st.p10, fmt],
    ["P50 (median)", st.p50, fmt],
    ["P90", st.p90, fmt],
    ["Minimum", st.min, fmt],
    ["Maximum", st.max, fmt],
    ["Trials", a.trials, "count"],
    ["Failed trials (the output was an error)", sim.failed, "count"],
  ];
  let row = first + 2;
  const noValue = r.firstFailure ?? { error: "#VALUE!", message: "Every trial failed." };
  for (const [label, value, format] of stats) {
    s.text(row, 1, label);
    if (Number.isFinite(value)) s.number(row, 2, value, format);
    else s.text(row, 2, errorText(noValue), "output");
    row++;
  }
  if (r.firstFailure) {
    s.text(row, 1, "First failed trial");
    s.text(row, 2, errorText(r.firstFailure), "output");
    row++;
  }
  s.table("stats", range(first + 1, 1, row - 1, 2));
  first = row + 1;

  // Histogram.
  s.text(first, 1, `Histogram of ${output.label}`, "header");
  let header = first + 1;
  s.header(header, ["Bin", "From", "To", "Trials", "Share of trials"]);
  const counted = Math.max(1, a.trials - sim.failed);
  const code = NUMBER_FORMATS[fmt];
  sim.histogram.forEach((b, n) => {
    const at = header + 1 + n;
    s.text(at, 1, `${formatValue(b.from, code)}–${formatValue(b.to, code)}`);
    s.number(at, 2, b.from, fmt);
    s.number(at, 3, b.to, fmt);
    s.number(at, 4, b.count, "count");
    s.number(at, 5, b.count / counted, "percent");
  });
  let last = header + sim.histogram.length;
  if (sim.histogram.length) {
    s.table("histogram", range(header, 1, last, 5));
    s.chart("histogram", first, {
      type: "ColumnClustered",
      title: `Distribution of ${output.label}`,
      // Each column under the value its bin starts at: "$200 M" rather than "$200.0 M–$300.0 M" on two lines.
      categories: range(header + 1, 2, last, 2),
      series: [{ name: "Share of trials", values: range(header + 1, 5, last, 5) }],
      categoryAxisTitle: withUnit(`${output.label}, bin from`, output.unit),
      valueAxisTitle: "Share of trials (%)",
      valueFormat: "percent",
      categoryFormat: fmt,
      dataLabels: false,
      gapWidth: 0,
    });
    first = afterChart(first, last);
  } else first = last + 2;

  // S-curve.
  const curve = thin(sim.cdf, MAX_CURVE_POINTS);
  s.text(first, 1, `S-curve: probability that ${output.label} is at most x`, "header");
  header = first + 1;
  s.header(header, [withUnit(output.label, output.unit), "Cumulative probability"]);
  curve.forEach((p, n) => {
    s.number(header + 1 + n, 1, p.x, fmt);
    s.number(header + 1 + n, 2, p.p, "percent");
  });
  last = header + curve.length;
  if (curve.length) {
    s.table("scurve", range(header, 1, last, 2));
    s.chart("scurve", first, {
      type: "XYScatterLines",
      title: `S-curve of ${output.label}`,
      categories: range(header + 1, 1, last, 1),
      series: [{ name: "Cumulative probability", values: range(header + 1, 2, last, 2) }],
      categoryAxisTitle: withUnit(output.label, output.unit),
      valueAxisTitle: "Cumulative probability (%)",
      valueFormat: "percent",
      dataLabels: false,
      categoryFormat: fmt,
    });
    first = afterChart(first, last);
  } else first = last + 2;

  // Rank correlation of each input with the output, strongest first.
  const ranked = inputs
    .map((i, k) => ({ i, rho: sim.rankCorrelation[k] }))
    .sort((p, q) => (Number.isFinite(q.rho) ? Math.abs(q.rho) : -1) - (Number.isFinite(p.rho) ? Math.abs(p.rho) : -1));
  s.text(first, 1, `What drives ${output.label}: rank correlation of each input with it (Spearman)`, "header");
  header = first + 1;
  s.header(header, ["Input", "Rank correlation"]);
  ranked.forEach(({ i, rho }, n) => {
    s.text(header + 1 + n, 1, i.label);
    if (Number.isFinite(rho)) s.number(header + 1 + n, 2, Number(rho.toFixed(3)), "plain");
    else s.text(header + 1 + n, 2, "#DIV/0! The input or the output did not vary.", "output");
  });
  last = header + ranked.length;
  s.table("ranks", range(header, 1, last, 2));
  s.chart("ranks", first, {
    type: "BarClustered",
    title: `Rank correlation with ${output.label}`,
    categories: range(header + 1, 1, last, 1),
    series: [{ name: "Rank correlation", values: range(header + 1, 2, last, 2) }],
    categoryAxisTitle: "Input (strongest first)",
    valueAxisTitle: "Rank correlation with the output (−1 to 1)",
    valueFormat: "plain",
    dataLabels: ranked.length <= MAX_LABELLED,
  });
  first = afterChart(first, last);

  // The inputs' distributions, and their correlations.
  s.text(first, 1, "Uncertain inputs and their distributions", "header");
  header = first + 1;
  s.header(header, ["Input", "Base value", "Distribution", "Min", "Likely", "Max", "Mean", "SD"]);
  a.uncertain.forEach((u, n) => {
    const at = header + 1 + n;
    const i = inputs[n];
    const d = u.distribution;
    s.text(at, 1, i.label);
    s.number(at, 2, i.value, i.format);
    s.text(at, 3, describe(d));
    if (d.kind === "normal") {
      s.number(at, 7, d.mean, i.format);
      s.number(at, 8, d.sd, i.format);
    } else {
      s.number(at, 4, d.min, i.format);
      s.number(at, 5, d.likely, i.format);
      s.number(at, 6, d.max, i.format);
    }
  });
  last = header + a.uncertain.length;
  s.table("distributions", range(header, 1, last, 8));
  first = last + 2;

  if (a.correlations.length) {
    const keys = a.uncertain.map((u) => u.input).filter((k) => a.correlations.some((c) => c.a === k || c.b === k));
    const labels = keys.map((k) => inputOf(model, k).label);
    s.text(first, 1, "Rank correlations between inputs (as given; unlisted pairs are 0)", "header");
    header = first + 1;
    s.header(header, ["Input", ...labels]);
    keys.forEach((p, n) => {
      s.text(header + 1 + n, 1, labels[n]);
      keys.forEach((q, m) => {
        const c = a.correlations.find((x) => (x.a === p && x.b === q) || (x.a === q && x.b === p));
        s.number(header + 1 + n, 2 + m, p === q ? 1 : (c?.rho ?? 0), "plain");
      });
    });
    s.table("correlations", range(header, 1, header + keys.length, 1 + keys.length));
  }
  return s.finish([34, 16, 14, 14, 14, 14, 14, 14]);
}

/** At most `n` points of a curve, evenly spaced by index, its first and last kept. */
function thin<T>(points: readonly T[], n: number): T[] {
  if (points.length <= n) return [...points];
  return Array.from({ length: n }, (_, k) => points[Math.round((k * (points.length - 1)) / (n - 1))]);
}
