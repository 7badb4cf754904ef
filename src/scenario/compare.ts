/** The plan of the Compare sheet: chosen scenarios side by side on the same metrics. */
import { Format } from "./fields";
import { Metric, SheetPlan, cell, parseCell, quoteSheet } from "./plan";
import { MAX_SCENARIOS, Scenario } from "./schema";
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

/**
 * The block a Compare sheet written with `extent` covers, or an error when the stored extent is not
 * one a Compare plan can have (the store is untrusted: it must not aim a clear at a wider range).
 */
export function compareFootprint(extent: string): string {
  const m = /^([A-Z]{1,2})([0-9]{1,3})$/.exec(extent);
  const { row, col } = m ? parseCell(extent) : { row: 0, col: 0 };
  if (row !== 4 + METRICS.length || col < 2 || col > MAX_SCENARIOS + 1)
    throw new Error(
      `The store's record of the Compare sheet (${extent.slice(0, 12)}) is not valid: rename the Compare sheet and try again.`,
    );
  return `A1:${extent}`;
}

/** One column per scenario; a metric a kind does not compute is left blank. */
export function planCompare(scenarios: readonly Scenario[]): SheetPlan {
  const plan: SheetPlan = {
    sheet: COMPARE_SHEET,
    cells: [
      { address: "A1", text: "Scenarios compared", style: "title" },
      { address: "A2", text: "Balance Point: each column reads a scenario sheet's named outputs.", style: "note" },
      { address: "A4", text: "Metric", style: "header" },
    ],
    names: [],
    formats: [],
    tables: [],
    validations: [],
    charts: [],
    metrics: {},
    extent: cell(4 + METRICS.length, scenarios.length + 1),
  };
  scenarios.forEach((s, i) => {
    const col = i + 2;
    plan.cells.push({ address: cell(4, col), text: s.name, style: "header" });
    const metrics = planScenario(s).metrics;
    METRICS.forEach((m, r) => {
      const name = metrics[m.metric];
      const address = cell(5 + r, col);
      if (name) {
        plan.cells.push({ address, formula: `=${quoteSheet(s.sheet)}!${name}`, style: "output" });
        plan.formats.push({ address, format: m.format });
      }
    });
  });
  METRICS.forEach((m, r) => plan.cells.push({ address: cell(5 + r, 1), text: m.label }));
  return plan;
}
