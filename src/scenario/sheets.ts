/**
 * Sheet plans for the three scenario kinds. Layout, top to bottom in columns A–D (wider spills
 * run further right): a title, an inputs table (label, value, unit, source) whose value cells carry
 * worksheet-scoped names `in_<key>`, an outputs table of INFRA formulas that reference only those
 * names (so editing an input recalculates everything) and carry names `out_<key>`, then the spilled
 * tables the charts draw from. Formulas are English-locale strings (Range.formulas).
 */
import { greenfieldTemplateTable } from "../model/buildout/template";
import { FIELDS, Format, Kind, field } from "./fields";
import { ChartSpec, Metric, PlanCell, SheetPlan, cell, range } from "./plan";
import { BuildoutScenario, BuildoutTask, CUSTOM_CHIP, FleetScenario, RedundancyScenario, Scenario } from "./schema";

interface InputRow {
  label: string;
  key: string;
  value: number | string;
  unit: string;
  source: string;
  format?: Format;
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
const OUTPUT_HEADER = ["Output", "Value", "Unit", "Formula"];

/** Accumulates a plan row by row. */
class Builder {
  row = 1;
  width = 4;
  readonly plan: Omit<SheetPlan, "extent">;

  constructor(
    private readonly scenario: Scenario,
    note: string,
  ) {
    this.plan = { sheet: scenario.sheet, cells: [], names: [], formats: [], tables: [], charts: [], metrics: {} };
    this.text(1, 1, scenario.name, "title");
    this.text(2, 1, note, "note");
    this.row = 4;
  }

  private text(row: number, col: number, text: string, style?: PlanCell["style"]) {
    this.plan.cells.push({ address: cell(row, col), text, style });
  }

  private header(labels: string[]) {
    labels.forEach((label, i) => this.text(this.row, i + 1, label, "header"));
    this.width = Math.max(this.width, labels.length);
  }

  private table(suffix: string, first: number, cols: number) {
    const name = suffix === "inputs" ? inputsTable(this.scenario.id) : `BP_${this.scenario.id}_${suffix}`;
    this.plan.tables.push({ name, address: range(first, 1, this.row - 1, cols) });
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
      this.plan.cells.push({ address, formula: r.formula, style: "output" });
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

  /** A heading and a spilled formula below it; returns the spill's first row. */
  spill(heading: string, formula: string, rows: number, cols: number, formats: (Format | undefined)[] = []): number {
    this.text(this.row, 1, heading, "header");
    this.row++;
    const first = this.row;
    this.plan.cells.push({ address: cell(first, 1), formula, spill: { rows, cols }, style: "output" });
    formats.forEach((format, i) => {
      if (format) this.plan.formats.push({ address: range(first, i + 1, first + rows - 1, i + 1), format });
    });
    this.width = Math.max(this.width, cols);
    this.row = first + rows + 1;
    return first;
  }

  chart(spec: Omit<ChartSpec, "name" | "anchor">) {
    this.plan.charts.push({ ...spec, name: `BP_${this.scenario.id}_chart`, anchor: cell(4, this.width + 2) });
  }

  finish(): SheetPlan {
    return { ...this.plan, extent: cell(this.row - 1, this.width) };
  }
}

/** An input row for a numeric field of `kind`, with the scenario's value. */
function numberInput(kind: Kind, s: Scenario, key: string): InputRow {
  const spec = field(kind, key);
  return { label: spec.label, key, value: s.values[key], unit: spec.unit, source: spec.source, format: spec.format };
}

const inputsOf = (kind: Kind, s: Scenario, keys: string[]) => keys.map((k) => numberInput(kind, s, k));

function redundancyPlan(s: RedundancyScenario): SheetPlan {
  const b = new Builder(s, "Redundancy scenario by Balance Point: edit the values in column B; outputs recalculate.");
  const availability =
    s.availabilityFrom === "mtbf" ? ["module_mtbf_hours", "module_mttr_hours"] : ["module_availability"];
  const keys = [
    "grid_mw",
    "pue",
    "modules_needed",
    ...availability,
    "common_cause_beta",
    "utilization",
    "value_per_mw_year",
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
    })),
  ]);
  b.nameRange("topologies", range(firstTopology, 2, firstTopology + s.topologies.length - 1, 2));
  const compareAt = b.row + 1 + 4 + 2; // outputs header and 4 rows, a gap, the spill heading
  const n = s.topologies.length;
  const delivered = range(compareAt + 1, 5, compareAt + n, 5);
  const value = range(compareAt + 1, 6, compareAt + n, 6);
  b.outputs([
    {
      label: "Module availability",
      key: "module_availability",
      formula:
        s.availabilityFrom === "mtbf"
          ? "=INFRA.MODULE_AVAILABILITY(in_module_mtbf_hours,in_module_mttr_hours)"
          : "=in_module_availability",
      unit: "0–1",
      format: "availability",
    },
    calibrated("=INFRA.VALUE_PER_EFFECTIVE_MW(in_value_per_mw_year,1,in_pue,1,1,in_utilization)"),
    {
      label: "Best expected delivered MW",
      key: "effective_mw",
      formula: `=MAX(${delivered})`,
      unit: "MW",
      format: "mw",
      metric: "effective_mw",
    },
    {
      label: "Best value per year",
      key: "value_per_year",
      formula: `=MAX(${value})`,
      unit: "value",
      format: "value",
      metric: "value_per_year",
    },
  ]);
  const first = b.spill(
    "Topologies compared",
    "=INFRA.REDUNDANCY_COMPARE(in_topologies,in_grid_mw,in_pue,out_module_availability,in_modules_needed," +
      "in_common_cause_beta,out_value_per_effective_mw,in_utilization)",
    n + 1,
    7,
    [undefined, "mw", "availability", "hours", "mw", "value", "percent"],
  );
  if (first !== compareAt) throw new Error("redundancy layout drifted");
  b.chart({
    type: "ColumnClustered",
    title: "Expected delivered MW by topology",
    categories: range(first + 1, 1, first + n, 1),
    series: [{ name: "Expected delivered MW", values: delivered }],
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
    "value_per_mw_year",
    "facility_capex_per_mw",
    "capex_per_accelerator_usd",
    "power_price_per_mwh",
    "it_life_years",
    "facility_life_years",
    "discount_rate",
  ];
  b.inputs([
    { label: "Accelerator", key: "chip", value: s.chip, unit: "", source: "CHIPS() catalog" },
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
      "plain",
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
    o(
      "Peak dense BF16",
      "peak_pflops",
      custom
        ? "=out_accelerators*in_custom_bf16_tflops/1000"
        : '=out_accelerators*INFRA.CHIP(in_chip,"bf16_tflops")/1000',
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
      "Effective MW",
      "effective_mw",
      "=INFRA.EFFECTIVE_MW(out_grid_mw,in_pue,1,1,in_utilization,out_goodput)",
      "MW",
      "mw",
      "effective_mw",
    ),
    calibrated("=INFRA.VALUE_PER_EFFECTIVE_MW(in_value_per_mw_year,1,in_pue,1,1,in_utilization,out_goodput)"),
    o(
      "Value per year",
      "value_per_year",
      "=out_effective_mw*out_value_per_effective_mw",
      "value",
      "value",
      "value_per_year",
    ),
    o(
      "Value per GW-year of grid",
      "value_per_gw",
      "=INFRA.VALUE_PER_GW(out_value_per_effective_mw,in_pue,1,1,in_utilization,out_goodput)",
      "value",
      "value",
      "value_per_gw",
    ),
    o(
      "TCO per year",
      "tco",
      "=INFRA.TCO(out_it_mw,in_facility_capex_per_mw,out_accelerators*in_capex_per_accelerator_usd," +
        "in_power_price_per_mwh,in_pue,in_it_life_years,in_facility_life_years,in_discount_rate,in_utilization)",
      "USD",
      "usd",
      "tco_per_year",
    ),
    o("Value per USD", "value_per_usd", "=out_value_per_year/out_tco", "value", "plain"),
  ]);
  const first = b.spill("Where the training job's time goes", `=INFRA.GOODPUT_BREAKDOWN(${job},,in_mfu)`, 7, 2, [
    undefined,
    "percent",
  ]);
  b.chart({
    type: "BarClustered",
    title: "Goodput breakdown",
    categories: range(first, 1, first + 6, 1),
    series: [{ name: "Share of accelerator-time", values: range(first, 2, first + 6, 2) }],
  });
  b.spill(
    "TCO breakdown",
    "=INFRA.TCO_BREAKDOWN(out_it_mw,in_facility_capex_per_mw,out_accelerators*in_capex_per_accelerator_usd," +
      "in_power_price_per_mwh,in_pue,in_it_life_years,in_facility_life_years,in_discount_rate,in_utilization)",
    6,
    5,
    [undefined, "usd", "usd", "usd", "usd"],
  );
  return b.finish();
}

/**
 * The published value per facility MW turned into value per effective MW (VALUE_PER_EFFECTIVE_MW),
 * assuming it was measured at this sheet's PUE, utilization (and goodput) without redundancy loss,
 * so the value formulas do not apply those losses a second time.
 */
const calibrated = (formula: string): OutputRow =>
  o("Value per effective MW-year (calibrated)", "value_per_effective_mw", formula, "value", "value");

function o(label: string, key: string, formula: string, unit: string, format: Format, metric?: Metric): OutputRow {
  return { label, key, formula, unit, format, metric };
}

const TASK_COLUMNS = ["name", "predecessors", "min", "likely", "max", "distribution", "mw", "group", "source"];

function buildoutPlan(s: BuildoutScenario): SheetPlan {
  const b = new Builder(
    s,
    "Build-out scenario by Balance Point: edit the inputs and the task table; outputs recalculate.",
  );
  b.inputs(inputsOf("buildout", s, ["trials", "seed"]));
  // The task table: a header, then one row per task; BUILDOUT reads its first eight columns.
  const header = b.row;
  TASK_COLUMNS.forEach((label, i) => b.plan.cells.push({ address: cell(header, i + 1), text: label, style: "header" }));
  s.tasks.forEach((t, i) => {
    const row = header + 1 + i;
    TASK_COLUMNS.forEach((key, c) => {
      const v = t[key as keyof BuildoutTask];
      const address = cell(row, c + 1);
      b.plan.cells.push(
        typeof v === "number" ? { address, number: v, style: "input" } : { address, text: v, style: "input" },
      );
    });
  });
  const last = header + s.tasks.length;
  b.plan.tables.push({ name: `BP_${s.id}_tasks`, address: range(header, 1, last, TASK_COLUMNS.length) });
  b.plan.formats.push({ address: range(header + 1, 3, last, 5), format: "months" });
  b.plan.formats.push({ address: range(header + 1, 7, last, 7), format: "mw" });
  b.nameRange("tasks", range(header + 1, 1, last, 8));
  b.width = TASK_COLUMNS.length;
  b.row = last + 2;
  const n = s.tasks.length;
  const projectRow = b.row + 1 + 7 + 2 + n; // outputs header and 7 rows, a gap, the heading, n task rows
  b.outputs([
    o("P10 project completion", "p10_month", `=${cell(projectRow, 2)}`, "months", "months"),
    o("P50 project completion", "p50_month", `=${cell(projectRow, 3)}`, "months", "months", "p50_month"),
    o("P90 project completion", "p90_month", `=${cell(projectRow, 4)}`, "months", "months", "p90_month"),
    o("Mean project completion", "mean_month", `=${cell(projectRow, 5)}`, "months", "months"),
    o("MW online at the horizon, P50", "mw_p50", "=INDEX(out_fan,ROWS(out_fan),3)", "MW", "mw", "mw_online_p50"),
    o("MW at the horizon, P90 (firm)", "mw_p90", "=INDEX(out_fan,ROWS(out_fan),4)", "MW", "mw"),
    o("Trials run", "trials", "=in_trials", "count", "count"),
  ]);
  const first = b.spill(
    "Finish months and criticality (P10, P50, P90, mean, criticality)",
    "=INFRA.BUILDOUT(in_tasks,in_trials,in_seed)",
    n + 1,
    6,
    [undefined, "months", "months", "months", "months", "percent"],
  );
  if (first + n !== projectRow) throw new Error("build-out layout drifted");
  // The horizon sizes the fan's ranges and chart, so it is set in the pane, not in a cell.
  const horizon = s.values.horizon_months;
  const fan = b.spill(
    `MW online by month to month ${horizon} (P10, P50, P90 confidence; change the horizon in the pane)`,
    `=INFRA.BUILDOUT_MW(in_tasks,${horizon},in_trials,in_seed)`,
    horizon + 1,
    4,
    ["count", "mw", "mw", "mw"],
  );
  b.plan.names.push({ name: "out_fan", address: range(fan, 1, fan + horizon, 4) });
  const months = range(fan, 1, fan + horizon, 1);
  b.chart({
    type: "Line",
    title: "MW online: fan chart",
    categories: months,
    series: ["P10", "P50", "P90"].map((name, i) => ({
      name: `${name} confidence`,
      values: range(fan, i + 2, fan + horizon, i + 2),
    })),
  });
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
