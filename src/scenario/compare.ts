/**
 * The plan of the Compare sheet, a summary report like Excel's Scenario Manager summary: the chosen
 * scenarios side by side, one column each, on the same results, then (with two or more) each
 * result's change and % change against a base scenario with a chart of the % changes, then every
 * input any of them has (a build-out's tasks by their likely durations). Every cell is a live
 * formula reading a scenario sheet's names ('Sheet'!out_x, 'Sheet'!in_x) or the results above it,
 * so editing a scenario's inputs updates the summary. The results come first (rows 5 to 12, where
 * they always were) so they show on the first screen whatever the number of inputs.
 */
import { FIELDS, Format } from "./fields";
import { ChartSpec, Metric, PlanCell, SheetPlan, cell, changeFormat, parseCell, quoteSheet, range } from "./plan";
import { MAX_SCENARIOS, MAX_TASKS, Scenario, TOPOLOGIES } from "./schema";
import { planScenario } from "./sheets";

export const COMPARE_SHEET = "Compare";

const METRICS: { metric: Metric; label: string; format: Format }[] = [
  { metric: "effective_mw", label: "Effective (delivered) MW", format: "mw" },
  { metric: "mw_online_p50", label: "MW online at the horizon (P50, nameplate)", format: "mw" },
  { metric: "value_per_year", label: "Value per year (USD)", format: "usd" },
  { metric: "value_per_gw", label: "Value per GW-year of grid (USD)", format: "usd" },
  { metric: "goodput", label: "Goodput", format: "percent" },
  { metric: "tco_per_year", label: "TCO per year", format: "usd" },
  { metric: "p50_month", label: "P50 project completion", format: "months" },
  { metric: "p90_month", label: "P90 project completion", format: "months" },
];

/** The header row of the results; the results follow it, one row per metric. */
const HEADER_ROW = 4;
/** Rows a block of metrics takes: its header row, the metrics, a gap. */
const METRIC_BLOCK = 1 + METRICS.length + 1;
/**
 * The most input rows a set of scenarios can have: every field of every kind, the accelerator,
 * one cell per topology, and the tasks of every scenario (as many as build-outs hold).
 */
const MAX_INPUT_ROWS =
  new Set(Object.values(FIELDS).flatMap((fields) => fields.map((f) => f.key))).size +
  1 +
  TOPOLOGIES.length +
  MAX_TASKS * MAX_SCENARIOS;
/**
 * Column widths in characters (see SheetPlan.columns): the labels' column fits its longest label
 * up to LABEL_WIDTH (longer ones, a few inputs, are cut where the values start; the cell holds them
 * whole), a scenario's column its header between the widths of a money value and of SCENARIO_WIDTH.
 */
const LABEL_WIDTH = 50;
const VALUE_WIDTH = 14;
const SCENARIO_WIDTH = 24;
const clamp = (n: number, low: number, high: number) => Math.min(high, Math.max(low, n));

/** The header row of the % change block (with two or more scenarios), its title, and the base's mark in its header. */
const PERCENT_ROW = HEADER_ROW + 2 * METRIC_BLOCK;
const PERCENT_TITLE = "% change vs ";
const BASE_MARK = " (base)";

/** The first row of the inputs block (its header row) for `count` scenarios. */
const inputsHeaderRow = (count: number): number => HEADER_ROW + METRIC_BLOCK * (count > 1 ? 3 : 1);

/**
 * The block a Compare sheet written with `extent` covers, or an error when the stored extent is not
 * one a Compare plan can have (the store is untrusted: it must not aim a clear at a wider range).
 * Both shapes are recognised: the results-only sheet of earlier versions (its last row is the last
 * result, row 12) and the summary's (results, changes and inputs: as many rows as the inputs need).
 */
export function compareFootprint(extent: string): string {
  const m = /^([A-Z]{1,2})([0-9]{1,4})$/.exec(extent);
  const { row, col } = m ? parseCell(extent) : { row: 0, col: 0 };
  const lastRow = inputsHeaderRow(MAX_SCENARIOS) + MAX_INPUT_ROWS;
  if (row < HEADER_ROW + METRICS.length || row > lastRow || col < 2 || col > MAX_SCENARIOS + 1)
    throw new Error(
      `The store's record of the Compare sheet (${extent.slice(0, 12)}) is not valid: rename the Compare sheet and try again.`,
    );
  return `A1:${extent}`;
}

/**
 * An input of a scenario as a row of the summary: `key` identifies the row across scenarios (the
 * in_* name, or the task's name), `label` names it with its unit, `ref` reads it on the scenario's
 * sheet (`sheet`: the quoted sheet name).
 */
interface InputLine {
  key: string;
  label: string;
  format?: Format;
  ref: (sheet: string) => string;
}

/** The header of the task table's column a build-out task's likely duration is in. */
const LIKELY_HEADER = "Likely (months)";

/**
 * The scenario's inputs in the order of its sheet, labelled as there ("PUE (facility ÷ IT)"):
 * those that are one cell (in_* names), then a build-out's tasks' likely durations, read by
 * position in its task table (in_tasks) in the column headed LIKELY_HEADER.
 */
function inputLines(plan: SheetPlan): InputLine[] {
  const at = (row: number, col: number) => plan.cells.find((c) => c.address === cell(row, col));
  const textAt = (row: number, col: number) => at(row, col)?.text ?? "";
  const single: InputLine[] = plan.names
    .filter((n) => n.name.startsWith("in_") && !n.address.includes(":"))
    .map((n) => {
      const { row } = parseCell(n.address);
      const unit = textAt(row, 3);
      return {
        key: n.name,
        label: unit ? `${textAt(row, 1)} (${unit})` : textAt(row, 1),
        format: plan.formats.find((f) => f.address === n.address)?.format,
        ref: (sheet) => `${sheet}!${n.name}`,
      };
    });
  const tasks = plan.names.find((n) => n.name === "in_tasks");
  if (!tasks) return single;
  const [first, end] = tasks.address.split(":").map(parseCell);
  const likely = Array.from({ length: end.col - first.col + 1 }, (_, i) => first.col + i).find(
    (c) => textAt(first.row - 1, c) === LIKELY_HEADER,
  );
  if (likely === undefined) throw new Error("the task table has no likely duration");
  const durations: InputLine[] = [];
  for (let row = first.row; row <= end.row; row++) {
    const name = textAt(row, first.col);
    durations.push({
      key: `task ${name}`,
      label: `Task "${name}": likely duration (months)`,
      format: "months",
      ref: (sheet) => `INDEX(${sheet}!in_tasks,${row - first.row + 1},${likely - first.col + 1})`,
    });
  }
  return [...single, ...durations];
}

/**
 * The summary of `scenarios` (at least one) against the one whose id is `baseId` (the first by
 * default). A metric or input a scenario's kind lacks is left blank, and so are its changes. A
 * change is scenario − base and a % change (scenario − base) / |base|, "n/a" when the base is 0;
 * neither hides an error: a result that shows an error (a bad input, a deleted sheet's #REF!)
 * shows it in its changes too. With two or more scenarios a chart draws the % changes.
 */
export function planCompare(scenarios: readonly Scenario[], baseId = scenarios[0]?.id): SheetPlan {
  const base = scenarios.findIndex((s) => s.id === baseId);
  if (base < 0) throw new Error("The base scenario must be one of the scenarios compared.");
  const col = (i: number) => i + 2;
  const last = col(scenarios.length - 1);
  const plans = scenarios.map(planScenario);
  const baseName = scenarios[base].name;
  const header = (i: number) => (i === base ? `${scenarios[i].name}${BASE_MARK}` : scenarios[i].name);
  const cells: PlanCell[] = [
    { address: "A1", text: "Scenario summary", style: "title" },
    {
      address: "A2",
      text:
        "Balance Point: each column reads a scenario sheet's named results and inputs" +
        (scenarios.length > 1 ? `; changes are against the base, ${baseName}.` : "."),
      style: "note",
    },
  ];
  const formats: SheetPlan["formats"] = [];
  const put = (row: number, c: number, formula: string, format?: Format) => {
    cells.push({ address: cell(row, c), formula, style: "output" });
    if (format) formats.push({ address: cell(row, c), format });
  };
  /** A block's header row: its title over the labels, the scenarios' names over their columns. */
  const blockHeader = (row: number, title: string) => {
    cells.push({ address: cell(row, 1), text: title, style: "header" });
    scenarios.forEach((_, i) => cells.push({ address: cell(row, col(i)), text: header(i), style: "header" }));
  };
  const metricLabels = (first: number) =>
    METRICS.forEach((m, r) => cells.push({ address: cell(first + r, 1), text: m.label }));

  blockHeader(HEADER_ROW, "Result");
  metricLabels(HEADER_ROW + 1);
  const resultAt = (r: number, i: number) => cell(HEADER_ROW + 1 + r, col(i));
  const has = (r: number, i: number) => !!plans[i].metrics[METRICS[r].metric];
  scenarios.forEach((s, i) =>
    METRICS.forEach((m, r) => {
      const name = plans[i].metrics[m.metric];
      if (name) put(HEADER_ROW + 1 + r, col(i), `=${quoteSheet(s.sheet)}!${name}`, m.format);
    }),
  );

  const charts: ChartSpec[] = [];
  if (scenarios.length > 1) {
    const changeRow = HEADER_ROW + METRIC_BLOCK;
    blockHeader(changeRow, `Change vs ${baseName} (scenario − base)`);
    blockHeader(PERCENT_ROW, `${PERCENT_TITLE}${baseName}`);
    metricLabels(changeRow + 1);
    metricLabels(PERCENT_ROW + 1);
    scenarios.forEach((_, i) =>
      METRICS.forEach((m, r) => {
        if (i === base || !has(r, i) || !has(r, base)) return;
        const [value, of] = [resultAt(r, i), absoluteColumn(resultAt(r, base))];
        put(changeRow + 1 + r, col(i), `=${value}-${of}`, changeFormat(m.format));
        put(PERCENT_ROW + 1 + r, col(i), `=IF(${of}=0,"n/a",(${value}-${of})/ABS(${of}))`, "percent");
      }),
    );
    const others = scenarios.map((_, i) => i).filter((i) => i !== base);
    charts.push(
      percentChart(
        baseName,
        others.map((i) => ({ name: scenarios[i].name, col: col(i) })),
        last,
      ),
    );
  }

  const inputsRow = inputsHeaderRow(scenarios.length);
  blockHeader(inputsRow, "Input");
  const lines = new Map<string, Pick<InputLine, "label" | "format">>();
  const own = plans.map((p) => new Map(inputLines(p).map((l) => [l.key, l])));
  for (const l of own.flatMap((m) => [...m.values()])) if (!lines.has(l.key)) lines.set(l.key, l);
  // The named inputs first, then the tasks, each in the order the scenarios first show them.
  const rows = [...lines].sort(([a], [b]) => Number(!a.startsWith("in_")) - Number(!b.startsWith("in_")));
  rows.forEach(([key, l], r) => {
    const row = inputsRow + 1 + r;
    cells.push({ address: cell(row, 1), text: l.label });
    scenarios.forEach((s, i) => {
      const ref = own[i].get(key)?.ref(quoteSheet(s.sheet));
      // A cleared input shows blank, not the 0 a reference to an empty cell gives.
      if (ref) put(row, col(i), `=IF(ISBLANK(${ref}),"",${ref})`, l.format);
    });
  });

  return {
    sheet: COMPARE_SHEET,
    cells,
    names: [],
    formats,
    tables: [],
    validations: [],
    charts,
    columns: [
      { col: 1, width: Math.min(LABEL_WIDTH, Math.max(...cells.filter(isLabel).map((c) => c.text!.length)) + 1) },
      ...scenarios.map((_, i) => ({ col: col(i), width: clamp(header(i).length + 2, VALUE_WIDTH, SCENARIO_WIDTH) })),
    ],
    metrics: {},
    extent: cell(inputsRow + lines.size, last),
  };
}

/**
 * The chart of the % change block: one series per scenario (name and column) other than the
 * base, over the results' labels, beside the block (whose last column is `last`).
 */
function percentChart(baseName: string, series: { name: string; col: number }[], last: number): ChartSpec {
  const [first, end] = [PERCENT_ROW + 1, PERCENT_ROW + METRICS.length];
  return {
    name: "BP_compare_chart",
    // Bars: the results' labels read whole beside them, in the table's order (columns cut them to "Effec…").
    type: "BarClustered",
    title: `Results: % change vs ${baseName}`,
    categories: range(first, 1, end, 1),
    series: series.map((s) => ({ name: s.name, values: range(first, s.col, end, s.col) })),
    anchor: cell(HEADER_ROW, last + 2),
    categoryAxisTitle: "Result",
    valueAxisTitle: `Change vs ${baseName} (%)`,
    valueFormat: "percent",
    dataLabels: series.length <= 2,
  };
}

/**
 * The chart of a Compare sheet written with `extent`, read back from its cells (`text`: a cell's
 * text; `formula`: whether it holds a formula), for a file that keeps no charts (the workbench's
 * import). None unless the sheet has the summary's % change block. The base is the column headed
 * "<name> (base)" for the name in the block's title whose % changes hold no formula.
 */
export function compareCharts(
  extent: string,
  text: (address: string) => string | undefined,
  formula: (address: string) => boolean,
): ChartSpec[] {
  try {
    compareFootprint(extent);
  } catch {
    return [];
  }
  const { row, col: last } = parseCell(extent);
  const title = text(cell(PERCENT_ROW, 1));
  if (row < PERCENT_ROW + METRICS.length || last < 3 || !title?.startsWith(PERCENT_TITLE)) return [];
  const baseName = title.slice(PERCENT_TITLE.length);
  const columns = Array.from({ length: last - 1 }, (_, i) => i + 2);
  const headerOf = (c: number) => text(cell(HEADER_ROW, c)) ?? "";
  const base = columns.find(
    (c) => headerOf(c) === `${baseName}${BASE_MARK}` && METRICS.every((_, r) => !formula(cell(PERCENT_ROW + 1 + r, c))),
  );
  if (base === undefined) return [];
  const others = columns.filter((c) => c !== base).map((c) => ({ name: headerOf(c), col: c }));
  return [percentChart(baseName, others, last)];
}

/** A row's label: the text of a column A cell below the title and note, not a header. */
const isLabel = (c: PlanCell): boolean => /^A\d+$/.test(c.address) && c.text !== undefined && c.style === undefined;

/** The cell with its column fixed ("$B5"), so a change's formula names its base plainly. */
const absoluteColumn = (address: string): string => `$${address}`;
