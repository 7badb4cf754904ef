/**
 * Sheet plans for the three scenario kinds. Layout, top to bottom in columns A–D (wider spills
 * run further right): a title, an inputs table (label, value, unit, source) whose value cells carry
 * worksheet-scoped names `in_<key>` and data validation, an outputs table of INFRA formulas that
 * reference only those names (so editing an input recalculates everything) and carry names
 * `out_<key>`, then the spilled tables the charts draw from, each under a heading and a header row.
 * The chart sits beside the tables near the top. Formulas are English-locale strings (Range.formulas).
 *
 * Value is money: tokens per second per MW of IT at full useful work × SECONDS_PER_YEAR × the price
 * per million tokens is the value of one effective MW-year (IT power doing useful work), and every
 * value output is effective MW × that, so it falls with PUE (at fixed grid power), redundancy loss,
 * unavailability, idle capacity and lost goodput, each applied once.
 */
import { NEVER } from "../model/buildout/risks";
import { greenfieldTemplateTable } from "../model/buildout/template";
import { FIELDS, Format, Kind, NumberField, SECONDS_PER_YEAR, acceptedRange, field } from "./fields";
import { CHART_ROWS, ChartSpec, Metric, PlanCell, SheetPlan, Validation, cell, parseCell, range } from "./plan";
import {
  BuildoutRisk,
  BuildoutScenario,
  BuildoutTask,
  CHIP_NAMES,
  CUSTOM_CHIP,
  DISTRIBUTIONS,
  FleetScenario,
  RedundancyScenario,
  Scenario,
  TOPOLOGIES,
} from "./schema";

type Rule = Omit<Validation, "address">;

interface InputRow {
  label: string;
  key: string;
  value: number | string;
  unit: string;
  source: string;
  format?: Format;
  rule: Rule;
}

interface OutputRow {
  label: string;
  key: string;
  formula: string;
  unit: string;
  format: Format;
  metric?: Metric;
}

const INPUT_HEADER = ["Input", "Value", "Unit", "Source"];
/**
 * Widths (characters) of the label, value, unit and source/formula columns: values and all but
 * the longest labels and units fit; sources and formulas are cut or run on under the chart (the
 * cell holds them whole). Together narrow enough (about 450 px) for the chart beside them to show
 * whole on the first screen of a 1,400-px-wide window beside the task pane.
 */
const SUMMARY_WIDTHS = [27, 13, 15, 7];
/** The build-out task table's columns (below the chart, so they may be wider than the summary); its source column is cut. */
const BUILDOUT_WIDTHS = [21, 14, 12, 15, 12, 12, 13, 15, 24];
const OUTPUT_HEADER = ["Output", "Value", "Unit", "Formula"];
/** Rows the outputs table adds below its header before the next block: itself, a gap. */
const AFTER_TABLE = 2;

/** The validation rule of a numeric field: its range, with a message saying what it accepts. */
export function fieldRule(spec: NumberField): Rule {
  return {
    rule: spec.integer ? "whole" : "decimal",
    min: spec.min,
    max: spec.max,
    ...(spec.minExclusive ? { minExclusive: true } : {}),
    message: `${spec.label} (${spec.unit}) must be ${acceptedRange(spec)}.`,
  };
}

const listRule = (what: string, list: readonly string[], extra = ""): Rule => ({
  rule: "list",
  list: [...list],
  message: `${what} must be one of: ${list.join(", ")}.${extra}`,
});

/** Inputs whose blank cell means something: 0 modules derives N; the ranges list what they hold. */
const BLANK_ALLOWED = new Set(["in_modules_needed", "in_topologies", "in_tasks", "in_risks"]);

/**
 * `formula` as #VALUE! while an input it reads is blank. Excel and the workbench read a cleared
 * cell as 0 in arithmetic and as an omitted argument (the function's default) in an INFRA call:
 * either way a plausible number where an input is missing ($0 of value, utilization 1).
 */
export function requireInputs(formula: string): string {
  const inputs = [...new Set(formula.match(/\bin_[a-z0-9_]+/g) ?? [])].filter((n) => !BLANK_ALLOWED.has(n));
  if (inputs.length === 0) return formula;
  return `=IF(OR(${inputs.map((n) => `ISBLANK(${n})`).join(",")}),#VALUE!,${formula.slice(1)})`;
}

/** Shows the error of the spill at `anchor` (#VALUE! with its message, #SPILL!) instead of a summary of blank cells. */
const guarded = (anchor: string, expression: string): string => `=IF(ISERROR(${anchor}),${anchor},${expression})`;

/** Value of one effective MW-year in USD, rounded to the dollar (`scale` multiplies the throughput). */
const valuePerEffectiveMw = (scale = ""): string =>
  `=ROUND(in_tokens_per_s_per_mw${scale}*${SECONDS_PER_YEAR}/1000000*in_price_per_m_tokens,0)`;

/** Accumulates a plan row by row. */
class Builder {
  row = 1;
  width = 4;
  readonly plan: Omit<SheetPlan, "extent">;

  constructor(
    private readonly scenario: Scenario,
    note: string,
  ) {
    this.plan = {
      sheet: scenario.sheet,
      cells: [],
      names: [],
      formats: [],
      tables: [],
      validations: [],
      charts: [],
      metrics: {},
    };
    this.text(1, 1, scenario.name, "title");
    this.text(2, 1, note, "note");
    this.row = 4;
  }

  private text(row: number, col: number, text: string, style?: PlanCell["style"]) {
    this.plan.cells.push({ address: cell(row, col), text, style });
  }

  /** A heading on the current row, then the next row. */
  heading(text: string) {
    this.text(this.row, 1, text, "header");
    this.row++;
  }

  header(labels: readonly string[]) {
    labels.forEach((label, i) => this.text(this.row, i + 1, label, "header"));
    this.width = Math.max(this.width, labels.length);
  }

  private table(suffix: string, first: number, cols: number) {
    const name = suffix === "inputs" ? inputsTable(this.scenario.id) : `BP_${this.scenario.id}_${suffix}`;
    this.plan.tables.push({ name, address: range(first, 1, this.row - 1, cols) });
  }

  validate(address: string, rule: Rule) {
    this.plan.validations.push({ address, ...rule });
  }

  inputs(rows: InputRow[]) {
    const first = this.row;
    this.header(INPUT_HEADER);
    for (const r of rows) {
      this.row++;
      this.text(this.row, 1, r.label);
      const address = cell(this.row, 2);
      this.plan.cells.push(
        typeof r.value === "number"
          ? { address, number: r.value, style: "input" }
          : { address, text: r.value, style: "input" },
      );
      this.plan.names.push({ name: `in_${r.key}`, address });
      if (r.format) this.plan.formats.push({ address, format: r.format });
      this.validate(address, r.rule);
      this.text(this.row, 3, r.unit);
      this.text(this.row, 4, r.source);
    }
    this.row++;
    this.table("inputs", first, 4);
    this.row++;
  }

  /** Names a run of input cells already written (e.g. the topologies), by their rows. */
  nameRange(key: string, address: string) {
    this.plan.names.push({ name: `in_${key}`, address });
  }

  outputs(rows: OutputRow[]) {
    const first = this.row;
    this.header(OUTPUT_HEADER);
    for (const r of rows) {
      this.row++;
      this.text(this.row, 1, r.label);
      const address = cell(this.row, 2);
      this.plan.cells.push({ address, formula: requireInputs(r.formula), style: "output" });
      this.plan.names.push({ name: `out_${r.key}`, address });
      this.plan.formats.push({ address, format: r.format });
      if (r.metric) this.plan.metrics[r.metric] = `out_${r.key}`;
      this.text(this.row, 3, r.unit);
      this.text(this.row, 4, r.formula);
    }
    this.row++;
    this.table("outputs", first, 4);
    this.row++;
  }

  /**
   * A heading, a header row naming the columns when the function spills none (`columns`), and a
   * spilled formula below them; returns the spill's first row.
   */
  spill(
    heading: string,
    formula: string,
    rows: number,
    cols: number,
    formats: (Format | undefined)[] = [],
    columns?: readonly string[],
  ): number {
    this.text(this.row, 1, heading, "header");
    this.row++;
    if (columns) {
      this.header(columns);
      this.row++;
    }
    const first = this.row;
    this.plan.cells.push({
      address: cell(first, 1),
      formula: requireInputs(formula),
      spill: { rows, cols },
      style: "output",
    });
    formats.forEach((format, i) => {
      if (format) this.plan.formats.push({ address: range(first, i + 1, first + rows - 1, i + 1), format });
    });
    this.width = Math.max(this.width, cols);
    this.row = first + rows + 1;
    return first;
  }

  /** Column widths in characters, from column A on (see SheetPlan.columns). */
  widths(widths: readonly number[]) {
    this.plan.columns = widths.map((width, i) => ({ col: i + 1, width }));
  }

  /**
   * A chart named BP_<id>_<part>. Without `anchor` it goes beside the tables at the top (see
   * finish); only one chart may go there.
   */
  chart(spec: Omit<ChartSpec, "name" | "anchor">, part = "chart", anchor = "") {
    if (!anchor && this.plan.charts.some((c) => !c.anchor)) throw new Error("one chart at the top of a sheet");
    this.plan.charts.push({ ...spec, name: `BP_${this.scenario.id}_${part}`, anchor });
  }

  /**
   * The plan, its chart beside the tables at the top: at row 4, in the first column right of every
   * cell in the rows the chart covers (CHART_ROWS), so it shows on the first screen without hiding a cell.
   */
  finish(): SheetPlan {
    const covered = (c: PlanCell) => {
      const { row, col } = parseCell(c.address);
      const rows = c.spill?.rows ?? 1;
      return row < 4 + CHART_ROWS && row + rows > 4 ? col + (c.spill?.cols ?? 1) - 1 : 0;
    };
    const beside = Math.max(...this.plan.cells.map(covered));
    const charts = this.plan.charts.map((c) => ({ ...c, anchor: c.anchor || cell(4, beside + 1) }));
    return { ...this.plan, charts, extent: cell(this.row - 1, this.width) };
  }
}

/** An input row for a numeric field of `kind`, with the scenario's value. */
function numberInput(kind: Kind, s: Scenario, key: string): InputRow {
  const spec = field(kind, key);
  return {
    label: spec.label,
    key,
    value: s.values[key],
    unit: spec.unit,
    source: spec.source,
    format: spec.format,
    rule: fieldRule(spec),
  };
}

const inputsOf = (kind: Kind, s: Scenario, keys: string[]) => keys.map((k) => numberInput(kind, s, k));

function redundancyPlan(s: RedundancyScenario): SheetPlan {
  const b = new Builder(s, "Redundancy scenario by Balance Point: edit the values in column B; outputs recalculate.");
  const availability =
    s.availabilityFrom === "mtbf" ? ["module_mtbf_hours", "module_mttr_hours"] : ["module_availability"];
  const keys = [
    "grid_mw",
    "pue",
    "it_load_mw",
    "ups_module_mw",
    "modules_needed",
    ...availability,
    "common_cause_beta",
    "utilization",
    "tokens_per_s_per_mw",
    "price_per_m_tokens",
  ];
  const firstTopology = b.row + 1 + keys.length;
  b.inputs([
    ...inputsOf("redundancy", s, keys),
    ...s.topologies.map((t, i) => ({
      label: `Topology ${i + 1}`,
      key: `topology_${i + 1}`,
      value: t,
      unit: "",
      source: "Uptime tiers; ISCA 2021 Flex for FLEX",
      rule: listRule("A topology", TOPOLOGIES),
    })),
  ]);
  b.nameRange("topologies", range(firstTopology, 2, firstTopology + s.topologies.length - 1, 2));
  const outputCount = 5;
  const anchorRow = b.row + outputCount + AFTER_TABLE + 1; // the outputs, the spill's heading
  const anchor = cell(anchorRow, 1);
  const n = s.topologies.length;
  const delivered = range(anchorRow + 1, 5, anchorRow + n, 5);
  const value = range(anchorRow + 1, 6, anchorRow + n, 6);
  b.outputs([
    o(
      "Modules needed (N)",
      "modules_needed",
      "=IF(in_modules_needed>0,in_modules_needed,ROUNDUP(ROUND(in_it_load_mw/in_ups_module_mw,9),0))",
      "modules",
      "count",
    ),
    o(
      "Module availability",
      "module_availability",
      s.availabilityFrom === "mtbf"
        ? "=INFRA.MODULE_AVAILABILITY(in_module_mtbf_hours,in_module_mttr_hours)"
        : // One module in series is the module itself: AVAILABILITY checks the figure is in (0, 1].
          '=INFRA.AVAILABILITY("N",in_module_availability,1)',
      "0–1",
      "availability",
    ),
    o(
      "Value per effective MW-year (IT doing useful work)",
      "value_per_effective_mw",
      valuePerEffectiveMw(),
      "USD per MW-year",
      "usd",
    ),
    o("Best expected delivered MW", "effective_mw", guarded(anchor, `MAX(${delivered})`), "MW", "mw", "effective_mw"),
    o(
      "Best value per year",
      "value_per_year",
      guarded(anchor, `ROUND(MAX(${value}),0)`),
      "USD per year",
      "usd",
      "value_per_year",
    ),
  ]);
  const first = b.spill(
    "Topologies compared",
    "=INFRA.REDUNDANCY_COMPARE(in_topologies,in_grid_mw,in_pue,out_module_availability,out_modules_needed," +
      "in_common_cause_beta,out_value_per_effective_mw,in_utilization)",
    n + 1,
    7,
    [undefined, "mw", "availability", "hours", "mw", "usd", "percent"],
  );
  if (first !== anchorRow) throw new Error("redundancy layout drifted");
  b.widths([...SUMMARY_WIDTHS, 21, 14, 15]);
  b.chart({
    type: "ColumnClustered",
    title: "Expected delivered MW by topology",
    categories: range(first + 1, 1, first + n, 1),
    series: [{ name: "Expected delivered MW", values: delivered }],
    categoryAxisTitle: "Topology",
    valueAxisTitle: "Expected delivered MW (MW)",
    valueFormat: "mw",
    dataLabels: true,
  });
  return b.finish();
}

function fleetPlan(s: FleetScenario): SheetPlan {
  const b = new Builder(s, "Fleet scenario by Balance Point: edit the values in column B; outputs recalculate.");
  const custom = s.chip === CUSTOM_CHIP;
  const size = s.sizing === "count" ? ["accelerators"] : ["grid_mw"];
  const keys = [
    ...(custom ? ["custom_bf16_tflops"] : []),
    "system_kw",
    "accelerators_per_system",
    ...size,
    "pue",
    "training_share",
    "accel_mtbf_hours",
    "ckpt_write_min",
    "restart_min",
    "mfu",
    "utilization",
    "tokens_per_s_per_mw",
    "throughput_mfu",
    "price_per_m_tokens",
    "facility_capex_per_mw",
    "capex_per_accelerator_usd",
    "power_price_per_mwh",
    "it_life_years",
    "facility_life_years",
    "discount_rate",
  ];
  const chips = custom
    ? listRule("This scenario's accelerator", [CUSTOM_CHIP], " Choose another accelerator in the pane (Open).")
    : listRule(
        "The accelerator",
        CHIP_NAMES.filter((c) => c !== CUSTOM_CHIP),
        " For your own figures, choose Custom in the pane.",
      );
  b.inputs([
    { label: "Accelerator", key: "chip", value: s.chip, unit: "", source: "CHIPS() catalog", rule: chips },
    ...inputsOf("fleet", s, keys),
  ]);
  const training = "MAX(1,ROUND(out_accelerators*in_training_share,0))";
  const job = `${training},in_accel_mtbf_hours,in_ckpt_write_min,in_restart_min`;
  b.outputs([
    o(
      "Accelerators per MW of IT",
      "accel_per_mw",
      "=INFRA.ACCELERATORS_PER_MW(in_system_kw,in_accelerators_per_system)",
      "per MW",
      "count",
    ),
    o(
      "Accelerators",
      "accelerators",
      s.sizing === "count"
        ? "=in_accelerators"
        : "=FLOOR(in_grid_mw/in_pue*1000/in_system_kw,1)*in_accelerators_per_system",
      "count",
      "count",
    ),
    o("IT power", "it_mw", "=out_accelerators/out_accel_per_mw", "MW", "mw"),
    o("Grid power", "grid_mw", "=out_it_mw*in_pue", "MW", "mw"),
    // A chip without a BF16 rate (V100) trains in FP16 mixed precision, the peak its MFU figures are quoted against.
    o(
      custom ? "Peak dense BF16" : "Peak dense BF16 (FP16 if no BF16)",
      "peak_pflops",
      custom
        ? "=out_accelerators*in_custom_bf16_tflops/1000"
        : '=out_accelerators*IFNA(INFRA.CHIP(in_chip,"bf16_tflops"),INFRA.CHIP(in_chip,"fp16_tflops"))/1000',
      "PFLOP/s",
      "count",
    ),
    o("Training job goodput (time)", "training_goodput", `=INFRA.GOODPUT(${job})`, "0–1", "percent"),
    o(
      "Fleet goodput (inference loses no checkpoint time)",
      "goodput",
      "=in_training_share*out_training_goodput+(1-in_training_share)",
      "0–1",
      "percent",
      "goodput",
    ),
    o("Useful compute", "useful_pflops", "=out_peak_pflops*out_goodput*in_mfu*in_utilization", "PFLOP/s", "count"),
    o(
      "Effective MW (IT doing useful work)",
      "effective_mw",
      "=INFRA.EFFECTIVE_MW(out_grid_mw,in_pue,1,1,in_utilization,out_goodput)",
      "MW",
      "mw",
      "effective_mw",
    ),
    o(
      "Value per effective MW-year (at this MFU)",
      "value_per_effective_mw",
      valuePerEffectiveMw("*in_mfu/in_throughput_mfu"),
      "USD per MW-year",
      "usd",
    ),
    o(
      "Value per year",
      "value_per_year",
      "=ROUND(out_effective_mw*out_value_per_effective_mw,0)",
      "USD per year",
      "usd",
      "value_per_year",
    ),
    o(
      "Value per GW-year of grid",
      "value_per_gw",
      "=ROUND(INFRA.VALUE_PER_GW(out_value_per_effective_mw,in_pue,1,1,in_utilization,out_goodput),0)",
      "USD per GW-year",
      "usd",
      "value_per_gw",
    ),
    o(
      "TCO per year",
      "tco",
      "=INFRA.TCO(out_it_mw,in_facility_capex_per_mw,out_accelerators*in_capex_per_accelerator_usd," +
        "in_power_price_per_mwh,in_pue,in_it_life_years,in_facility_life_years,in_discount_rate,in_utilization)",
      "USD per year",
      "usd",
      "tco_per_year",
    ),
    o("Value per USD of TCO", "value_per_usd", "=out_value_per_year/out_tco", "USD per USD", "ratio"),
  ]);
  const first = b.spill(
    "Where the training job's time goes",
    `=INFRA.GOODPUT_BREAKDOWN(${job},,in_mfu)`,
    7,
    2,
    [undefined, "percent"],
    ["Part of accelerator-time", "Share"],
  );
  b.chart({
    type: "BarClustered",
    title: "Where the training job's time goes",
    categories: range(first, 1, first + 6, 1),
    series: [{ name: "Share of accelerator-time", values: range(first, 2, first + 6, 2) }],
    categoryAxisTitle: "Part of accelerator-time",
    valueAxisTitle: "Share of accelerator-time (%)",
    valueFormat: "percent",
    dataLabels: true,
  });
  b.spill(
    "TCO breakdown",
    "=INFRA.TCO_BREAKDOWN(out_it_mw,in_facility_capex_per_mw,out_accelerators*in_capex_per_accelerator_usd," +
      "in_power_price_per_mwh,in_pue,in_it_life_years,in_facility_life_years,in_discount_rate,in_utilization)",
    6,
    5,
    [undefined, "usd", "usd", "usd", "usd"],
  );
  b.widths([...SUMMARY_WIDTHS, 14]);
  return b.finish();
}

function o(label: string, key: string, formula: string, unit: string, format: Format, metric?: Metric): OutputRow {
  return { label, key, formula, unit, format, metric };
}

/** The task table's columns: BuildoutTask keys with their headers; BUILDOUT reads the first eight. */
const TASK_COLUMNS: readonly { key: keyof BuildoutTask; header: string }[] = [
  { key: "name", header: "Task" },
  { key: "predecessors", header: "Predecessors" },
  { key: "min", header: "Min (months)" },
  { key: "likely", header: "Likely (months)" },
  { key: "max", header: "Max (months)" },
  { key: "distribution", header: "Distribution" },
  { key: "mw", header: "MW delivered" },
  { key: "group", header: "Risk group" },
  { key: "source", header: "Source" },
];

/** The risk-event table's columns: BuildoutRisk keys with their headers; BUILDOUT reads the first three. */
const RISK_COLUMNS: readonly { key: keyof BuildoutRisk; header: string }[] = [
  { key: "task", header: "Task" },
  { key: "probability", header: "Probability" },
  { key: "delay", header: `Delay (months or "${NEVER}")` },
  { key: "source", header: "Source" },
];
/** Rows the risk table has at least, blank ones left for the user to fill. */
const RISK_ROWS = 5;

const MONTHS_RULE: Rule = { rule: "decimal", min: 0, max: 600, message: "Durations are months from 0 to 600." };
const MW_RULE: Rule = { rule: "decimal", min: 0, max: 100_000, message: "MW delivered is a number from 0 to 100,000." };
const PROBABILITY_RULE: Rule = {
  rule: "decimal",
  min: 0,
  max: 1,
  allowBlank: true,
  message: "A risk event's probability must be a number from 0 to 1.",
};

function buildoutPlan(s: BuildoutScenario): SheetPlan {
  const b = new Builder(
    s,
    "Build-out scenario by Balance Point: edit the inputs, the task table and the risk events; outputs recalculate.",
  );
  b.inputs(inputsOf("buildout", s, ["trials", "seed"]));
  const n = s.tasks.length;
  const riskRows = Math.max(RISK_ROWS, s.risks.length);
  // The horizon sizes the completion and fan ranges and charts, so it is set in the pane, not in a cell.
  const horizon = s.values.horizon_months;
  const outputCount = 9;
  const outputsRow = b.row;
  // The summary (inputs, outputs) sits beside the fan chart; the task table, wider than the
  // summary, starts under its heading below the rows the chart covers, so the chart shows whole.
  const headingRow = Math.max(outputsRow + 1 + outputCount + AFTER_TABLE, 4 + CHART_ROWS);
  const header = headingRow + 1;
  const last = header + n;
  // Below the tasks: a gap, the risk events' heading and header row, their rows.
  const riskHeader = last + 3;
  const riskLast = riskHeader + riskRows;
  // Then a gap, the heading and the header row, then the spill (n task rows, Project, its standard errors).
  const finishAnchor = riskLast + 4;
  const projectRow = finishAnchor + n;
  const errorRow = projectRow + 1;
  const finish = cell(finishAnchor, 1);
  // The completion histogram follows (a gap, its heading and header row), then the fan.
  const completionAnchor = errorRow + 1 + 1 + 2;
  const completionCell = cell(completionAnchor, 1);
  const fanAnchor = completionAnchor + horizon + 1 + 1 + 2;
  const fanCell = cell(fanAnchor, 1);
  const project = (col: number) => guarded(finish, cell(projectRow, col));
  b.outputs([
    o("P10 project completion", "p10_month", project(2), "months", "months"),
    o("P50 project completion", "p50_month", project(3), "months", "months", "p50_month"),
    o("P90 project completion", "p90_month", project(4), "months", "months", "p90_month"),
    o("Mean project completion (trials that finish)", "mean_month", project(5), "months", "months"),
    o(
      "Standard error of the mean (Monte Carlo)",
      "mean_month_se",
      guarded(finish, cell(errorRow, 5)),
      "months",
      "months",
    ),
    o(
      "Probability of finishing by the horizon",
      "completion_probability",
      guarded(completionCell, "INDEX(out_completion,ROWS(out_completion),3)"),
      "0–1",
      "percent",
    ),
    o(
      "MW online at the horizon, P50",
      "mw_p50",
      guarded(fanCell, "INDEX(out_fan,ROWS(out_fan),3)"),
      "MW",
      "mw",
      "mw_online_p50",
    ),
    o("MW at the horizon, P90 (firm)", "mw_p90", guarded(fanCell, "INDEX(out_fan,ROWS(out_fan),4)"), "MW", "mw"),
    o("Trials run", "trials", "=in_trials", "count", "count"),
  ]);
  b.row = headingRow;
  b.heading("Tasks (edit the table: durations in months; predecessors by task name, separated by commas)");
  b.header(TASK_COLUMNS.map((c) => c.header));
  s.tasks.forEach((t, i) => {
    const row = header + 1 + i;
    TASK_COLUMNS.forEach(({ key }, c) => {
      const v = t[key];
      const address = cell(row, c + 1);
      b.plan.cells.push(
        typeof v === "number" ? { address, number: v, style: "input" } : { address, text: v, style: "input" },
      );
    });
  });
  b.plan.tables.push({ name: `BP_${s.id}_tasks`, address: range(header, 1, last, TASK_COLUMNS.length) });
  b.widths(BUILDOUT_WIDTHS);
  b.plan.formats.push({ address: range(header + 1, 3, last, 5), format: "months" });
  b.plan.formats.push({ address: range(header + 1, 7, last, 7), format: "mw" });
  b.validate(range(header + 1, 3, last, 5), MONTHS_RULE);
  b.validate(range(header + 1, 6, last, 6), listRule("A distribution", DISTRIBUTIONS));
  b.validate(range(header + 1, 7, last, 7), MW_RULE);
  b.nameRange("tasks", range(header + 1, 1, last, 8));
  b.row = riskHeader - 1;
  b.heading(
    `Risk events (optional: with the probability, the task takes the delay longer, or "${NEVER}" finishes; leave rows blank for none)`,
  );
  b.header(RISK_COLUMNS.map((c) => c.header));
  for (let i = 0; i < riskRows; i++) {
    const r = s.risks[i];
    RISK_COLUMNS.forEach(({ key }, c) => {
      const v = r ? r[key] : "";
      const address = cell(riskHeader + 1 + i, c + 1);
      b.plan.cells.push(
        typeof v === "number" ? { address, number: v, style: "input" } : { address, text: v, style: "input" },
      );
    });
  }
  b.plan.tables.push({ name: `BP_${s.id}_risks`, address: range(riskHeader, 1, riskLast, RISK_COLUMNS.length) });
  b.plan.formats.push({ address: range(riskHeader + 1, 2, riskLast, 2), format: "percent" });
  b.validate(range(riskHeader + 1, 1, riskLast, 1), {
    ...listRule(
      "A risk event's task",
      s.tasks.map((t) => t.name),
      " Add the task to the task table in the pane first.",
    ),
    allowBlank: true,
  });
  b.validate(range(riskHeader + 1, 2, riskLast, 2), PROBABILITY_RULE);
  b.nameRange("risks", range(riskHeader + 1, 1, riskLast, RISK_COLUMNS.length));
  b.row = riskLast + 2;
  const first = b.spill(
    "Finish months and criticality (the mean is over the trials that finish)",
    "=INFRA.BUILDOUT(in_tasks,in_trials,in_seed,,,in_risks)",
    n + 2,
    6,
    [undefined, "months", "months", "months", "months", "percent"],
    [
      "Task",
      "P10 finish (months)",
      "P50 finish (months)",
      "P90 finish (months)",
      "Mean finish (months)",
      "Criticality",
    ],
  );
  if (first !== finishAnchor) throw new Error("build-out layout drifted");
  const completion = b.spill(
    `When the project finishes, by month to month ${horizon}`,
    `=INFRA.BUILDOUT_COMPLETION(in_tasks,${horizon},in_trials,in_seed,,in_risks)`,
    horizon + 1,
    4,
    ["count", "percent", "percent", "percent"],
    ["Month", "Finishes in the month", "Finished by the month", "Standard error"],
  );
  if (completion !== completionAnchor) throw new Error("build-out layout drifted");
  const completionLast = completion + horizon;
  b.plan.names.push({ name: "out_completion", address: range(completion, 1, completionLast, 4) });
  const fan = b.spill(
    `MW online by month to month ${horizon} (change the horizon in the pane)`,
    `=INFRA.BUILDOUT_MW(in_tasks,${horizon},in_trials,in_seed,,,in_risks)`,
    horizon + 1,
    4,
    ["count", "mw", "mw", "mw"],
    ["Month", "MW online, P10", "MW online, P50", "MW online, P90 (firm)"],
  );
  if (fan !== fanAnchor) throw new Error("build-out layout drifted");
  b.plan.names.push({ name: "out_fan", address: range(fan, 1, fan + horizon, 4) });
  b.chart({
    type: "Line",
    title: "MW online by month (fan chart)",
    categories: range(fan, 1, fan + horizon, 1),
    series: ["P10", "P50", "P90"].map((name, i) => ({ name, values: range(fan, i + 2, fan + horizon, i + 2) })),
    categoryAxisTitle: "Month",
    valueAxisTitle: "MW online (MW)",
    valueFormat: "mw",
    dataLabels: false,
  });
  // Beside the completion table (four columns), from its heading down: the histogram, then the S-curve.
  const months = range(completion, 1, completionLast, 1);
  const beside = 4 + 2;
  b.chart(
    {
      type: "ColumnClustered",
      title: "When the project finishes (histogram)",
      categories: months,
      series: [{ name: "Finishes in the month", values: range(completion, 2, completionLast, 2) }],
      categoryAxisTitle: "Months from the start",
      valueAxisTitle: "Share of trials (%)",
      valueFormat: "percent",
      // Whole months (0, 20, 40), in Excel too: the table's month numbers.
      categoryFormat: "count",
      gapWidth: 0,
      dataLabels: false,
    },
    "completion",
    cell(completion - 2, beside),
  );
  b.chart(
    {
      // Over a numeric month axis: round ticks, whatever the horizon.
      type: "XYScatterLines",
      title: "Probability the project has finished, by month (S-curve)",
      categories: months,
      series: [{ name: "Finished by the month", values: range(completion, 3, completionLast, 3) }],
      categoryAxisTitle: "Months from the start",
      valueAxisTitle: "Probability of having finished (%)",
      valueFormat: "percent",
      categoryFormat: "count",
      dataLabels: false,
    },
    "scurve",
    cell(completion - 1 + CHART_ROWS, beside),
  );
  return b.finish();
}

/** The scenario's inputs table: the mark that a sheet holds that scenario. */
export const inputsTable = (id: string): string => `BP_${id}_inputs`;

/** The plan of a scenario's sheet. */
export function planScenario(s: Scenario): SheetPlan {
  if (s.kind === "redundancy") return redundancyPlan(s);
  if (s.kind === "fleet") return fleetPlan(s);
  return buildoutPlan(s);
}

/** The default numbers of a kind, from the sourced field table. */
export function defaultValues(kind: Kind): Record<string, number> {
  return Object.fromEntries(FIELDS[kind].map((f) => [f.key, f.default]));
}

/** The sourced greenfield template as scenario tasks. */
export function templateTasks(): BuildoutTask[] {
  return greenfieldTemplateTable()
    .slice(1)
    .map(([name, predecessors, min, likely, max, distribution, mw, group, , source]) => ({
      name: String(name),
      predecessors: String(predecessors),
      min: Number(min),
      likely: Number(likely),
      max: Number(max),
      distribution: distribution as BuildoutTask["distribution"],
      mw: Number(mw),
      group: String(group),
      source: String(source),
    }));
}
