/**
 * A small hand-made analysis sheet plan using the chart and plan features the what-if sheets need:
 * a tornado (two series of changes from the base value, overlapped on one row), a histogram
 * (columns touching, numeric bins in a category format), an S-curve (XY scatter with lines over
 * numeric x values), a two-input table shaded by a colour scale, and charts at anchors below row 4.
 * The numbers are made up for drawing, not results of any model.
 */
import { PlanCell, SheetPlan, cell } from "../../src/scenario/plan";

export const TORNADO = [
  ["Price per million tokens", -20, 20],
  ["Utilization", -15, 12.5],
  ["PUE", 9, -7],
  ["Model FLOPs utilization", -5, 4],
] as const;

/** Histogram bins: lower edge (MW) and trials in the bin. */
export const BINS = [
  [80, 12],
  [85, 60],
  [90, 180],
  [95, 310],
  [100, 250],
  [105, 130],
  [110, 45],
  [115, 13],
] as const;

/** S-curve: output value (MW) and the probability of an output at most that. */
export const CDF = [
  [80, 0],
  [85, 0.012],
  [90, 0.072],
  [95, 0.252],
  [100, 0.562],
  [105, 0.812],
  [110, 0.942],
  [115, 0.987],
  [120, 1],
] as const;

/** The heat map's body B27:E30 and its headers (rows: PUE; columns: utilization). */
export const HEAT_ROWS = [1.1, 1.2, 1.3, 1.4];
export const HEAT_COLS = [0.6, 0.7, 0.8, 0.9];
export const heat = (pue: number, u: number): number => Math.round((100 * u) / pue);
export const HEAT_RANGE = "B27:E30";

export function analysisPlan(sheet = "Analysis"): SheetPlan {
  const cells: PlanCell[] = [{ address: "A1", text: "What-if analysis", style: "title" }];
  const put = (row: number, col: number, v: string | number, style?: PlanCell["style"]) =>
    cells.push({ address: cell(row, col), ...(typeof v === "number" ? { number: v } : { text: v }), style });
  ["Input", "Output at low input", "Output at high input"].forEach((h, i) => put(3, 1 + i, h, "header"));
  TORNADO.forEach(([name, low, high], i) => (put(4 + i, 1, name), put(4 + i, 2, low), put(4 + i, 3, high)));
  ["Bin from", "Trials"].forEach((h, i) => put(10, 1 + i, h, "header"));
  BINS.forEach(([from, count], i) => (put(11 + i, 1, from), put(11 + i, 2, count)));
  ["Effective MW", "P(output ≤ x)"].forEach((h, i) => put(10, 4 + i, h, "header"));
  CDF.forEach(([x, p], i) => (put(11 + i, 4, x), put(11 + i, 5, p)));
  put(26, 1, "PUE \\ utilization", "header");
  HEAT_COLS.forEach((u, j) => put(26, 2 + j, u, "header"));
  HEAT_ROWS.forEach((pue, i) => {
    put(27 + i, 1, pue, "header");
    HEAT_COLS.forEach((u, j) => put(27 + i, 2 + j, heat(pue, u)));
  });
  const common = { dataLabels: false, categoryAxisTitle: "", valueAxisTitle: "" };
  return {
    sheet,
    cells,
    names: [],
    formats: [
      { address: "B4:C7", format: "mw" },
      { address: "A11:A18", format: "mw" },
      { address: "D11:D19", format: "mw" },
      { address: "E11:E19", format: "percent" },
      { address: "B26:E26", format: "percent" },
      { address: HEAT_RANGE, format: "mw" },
    ],
    tables: [],
    validations: [],
    charts: [
      {
        ...common,
        name: "BP_t1_tornado",
        type: "BarClustered",
        title: "Effective MW: change from the base value",
        categories: "A4:A7",
        series: [
          { name: "Output at low input", values: "B4:B7" },
          { name: "Output at high input", values: "C4:C7" },
        ],
        anchor: "G2",
        categoryAxisTitle: "Input",
        valueAxisTitle: "Change in effective MW (MW)",
        valueFormat: "mw",
        overlap: 100,
        gapWidth: 50,
      },
      {
        ...common,
        name: "BP_t1_scurve",
        type: "XYScatterLines",
        title: "Probability of an effective MW at most x",
        categories: "D11:D19",
        series: [{ name: "P(output ≤ x)", values: "E11:E19" }],
        anchor: "P2",
        categoryAxisTitle: "Effective MW (MW)",
        valueAxisTitle: "Probability (%)",
        valueFormat: "percent",
        categoryFormat: "mw",
      },
      {
        ...common,
        name: "BP_t1_histogram",
        type: "ColumnClustered",
        title: "Effective MW over 1,000 trials",
        categories: "A11:A18",
        series: [{ name: "Trials", values: "B11:B18" }],
        anchor: "G32",
        categoryAxisTitle: "Effective MW, bin from (MW)",
        valueAxisTitle: "Trials",
        valueFormat: "count",
        categoryFormat: "mw",
        gapWidth: 0,
      },
    ],
    colorScales: [HEAT_RANGE],
    extent: "E30",
    metrics: {},
  };
}
