/** Scenarios with the sourced defaults, one per kind, for the tests. */
import { Scenario, SheetPlan, defaultValues, templateTasks } from "../../src/scenario";

const base = { id: "abc1", sheet: "S", frozen: false, extent: "A1" };
export const redundancy = (): Scenario => ({
  ...base,
  name: "Site A",
  kind: "redundancy",
  values: defaultValues("redundancy"),
  topologies: ["2N", "2N FLEX", "N+1", "3N/2"],
  availabilityFrom: "direct",
});
export const fleet = (sizing: "count" | "power", chip = "GB200"): Scenario => ({
  ...base,
  name: "Fleet",
  kind: "fleet",
  values: defaultValues("fleet"),
  chip,
  sizing,
});
export const buildout = (): Scenario => ({
  ...base,
  name: "Build",
  kind: "buildout",
  values: defaultValues("buildout"),
  tasks: templateTasks(),
  risks: [],
});

/** One scenario of each kind and sizing, named for test.each; `build` makes the build-out (e.g. with fewer trials). */
export const everyKind = (build: () => Scenario = buildout): [string, () => Scenario][] => [
  ["redundancy", redundancy],
  ["fleet by count", () => fleet("count")],
  ["fleet by power, custom chip", () => fleet("power", "Custom")],
  ["build-out", build],
];

/** A one-sheet plan "T" of constants and formulas (A1 named in_x), for the evaluator's built-in functions. */
export function formulaPlan(cells: Record<string, string | number>): SheetPlan {
  return {
    sheet: "T",
    cells: Object.entries(cells).map(([address, v]) =>
      typeof v === "number"
        ? { address, number: v }
        : v.startsWith("=")
          ? { address, formula: v }
          : { address, text: v },
    ),
    names: [{ name: "in_x", address: "A1" }],
    formats: [],
    tables: [],
    validations: [],
    charts: [],
    extent: "A1",
    metrics: {},
  };
}
