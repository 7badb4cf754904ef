/**
 * The Compare sheet's summary evaluated by the workbench's engine (HyperFormula with the INFRA
 * functions), over redundancy, fleet and build-out scenarios made by the pane: its inputs are the
 * sheets' inputs, its changes are the differences of its results, and an error stays an error.
 */
import { BuildoutScenario, COMPARE_SHEET, RedundancyScenario, Scenario, planCompare } from "../../src/scenario";
import { cell, parseCell } from "../../src/scenario/plan";
import { ScenarioBook, draftOf } from "../../src/workbook/scenarios";
import { engineWorkbook } from "../engineWorkbook";
import { buildout, fleet, redundancy } from "./fixtures";

jest.setTimeout(60_000);

/** Two redundancy, two fleet and two build-out scenarios on an engine workbook, compared against `base`. */
async function world() {
  const wb = await engineWorkbook();
  const book = new ScenarioBook(wb);
  const few = (s: Scenario, trials: number, seed: number) => ({ ...s, values: { ...s.values, trials, seed } });
  const made = [
    await book.create(draftOf({ ...redundancy(), name: "Site A" })),
    await book.create(draftOf({ ...fleet("count"), name: "Fleet" })),
    await book.create(draftOf(few({ ...buildout(), name: "Build" }, 2000, 1))),
    await book.create(draftOf({ ...fleet("power", "H100 SXM"), name: "Fleet by power" })),
    await book.create(
      draftOf({
        ...(redundancy() as RedundancyScenario),
        name: "Site B",
        availabilityFrom: "mtbf",
        topologies: ["N+1", "2N"],
      }),
    ),
    await book.create(draftOf(few({ ...buildout(), name: "Build fast" }, 1000, 7))),
  ];
  return { wb, book, made };
}

type World = Awaited<ReturnType<typeof world>>;

/** The Compare sheet read through its plan: blocks by their header in column A, cells by row and scenario. */
function summary({ wb, made }: World, base: Scenario) {
  const plan = planCompare(made, base.id);
  const rowOf = (title: RegExp) =>
    parseCell(plan.cells.find((c) => c.style === "header" && /^A\d+$/.test(c.address) && title.test(c.text!))!.address)
      .row;
  const col = (s: Scenario) => made.indexOf(s) + 2;
  const at = (row: number, s: Scenario) => cell(row, col(s));
  const value = (row: number, s: Scenario) => wb.value(COMPARE_SHEET, at(row, s));
  const formula = (row: number, s: Scenario) => wb.formula(COMPARE_SHEET, at(row, s));
  const label = (row: number) => wb.value(COMPARE_SHEET, cell(row, 1));
  /** What the scenario's own sheet shows under a name. */
  const named = (s: Scenario, name: string) => wb.value(s.sheet, wb.sheet(s.sheet)!.names.get(name)!);
  return { plan, rowOf, value, formula, label, named, at };
}

/** Writes the Compare sheet of every scenario against `base`, and reads it. */
async function compareAll(w: World, base: Scenario) {
  await w.book.compare(
    w.made.map((s) => s.id),
    base.id,
  );
  return summary(w, base);
}

const METRIC_ROWS = 8;

describe("the Compare sheet's summary in the workbench engine", () => {
  test("inputs are the sheets' inputs, every one any scenario has, blank where its kind lacks it", async () => {
    const w = await world();
    const base = w.made[1];
    const { plan, rowOf, value, formula, label, named } = await compareAll(w, base);
    const first = rowOf(/^Input$/) + 1;
    const last = parseCell(plan.extent).row;
    const seen = new Set<string>();
    /** What the cell an input row reads shows on the scenario's sheet: a name's cell, or a task table's. */
    const source = (s: Scenario, f: string) => {
      const task = /!in_tasks,(\d+),(\d+)\)/.exec(f);
      if (!task) return named(s, f.match(/!(in_[a-z0-9_]+)/)![1]);
      const start = parseCell(w.wb.sheet(s.sheet)!.names.get("in_tasks")!.split(":")[0]);
      return w.wb.value(s.sheet, cell(start.row + Number(task[1]) - 1, start.col + Number(task[2]) - 1));
    };
    let tasks = 0;
    for (let row = first; row <= last; row++) {
      const key = /^Task "/.test(String(label(row))) ? `task ${label(row)}` : undefined;
      if (key) tasks++;
      const names = new Set(w.made.map((s) => formula(row, s)?.match(/!(in_[a-z0-9_]+)/)?.[1]).filter(Boolean));
      expect([row, names.size]).toEqual([row, 1]);
      const name = [...names][0]!;
      if (!key) seen.add(name);
      for (const s of w.made) {
        const f = formula(row, s);
        const own = key ? s.kind === "buildout" : w.wb.sheet(s.sheet)!.names.has(name);
        if (own) expect([name, s.name, value(row, s)]).toEqual([name, s.name, source(s, f!)]);
        else expect([name, s.name, f, value(row, s) ?? null]).toEqual([name, s.name, undefined, null]);
      }
    }
    // Both build-outs hold the template's tasks: one row each, likely durations in months.
    const template = (w.made[2] as BuildoutScenario).tasks;
    expect(tasks).toBe(template.length);
    expect(label(last)).toBe(`Task "${template[template.length - 1].name}": likely duration (months)`);
    expect(value(last, w.made[5])).toBe(template[template.length - 1].likely);
    const single = (s: Scenario) =>
      [...w.wb.sheet(s.sheet)!.names].filter(([n, a]) => n.startsWith("in_") && !a.includes(":")).map(([n]) => n);
    expect([...seen].sort()).toEqual([...new Set(w.made.flatMap(single))].sort());
    // Text inputs too, and each row is labelled with its unit.
    expect([...seen]).toEqual(
      expect.arrayContaining(["in_chip", "in_topology_1", "in_pue", "in_seed", "in_module_mtbf_hours"]),
    );
    const pueRow = first + [...seen].indexOf("in_pue");
    expect(label(pueRow)).toBe("PUE (facility ÷ IT)");
    expect(value(first + [...seen].indexOf("in_chip"), w.made[3])).toBe("H100 SXM");
    // A cleared input shows blank, not the 0 a reference to an empty cell reads as.
    w.wb.setCell(w.made[2].sheet, w.wb.sheet(w.made[2].sheet)!.names.get("in_seed")!, null);
    expect(value(first + [...seen].indexOf("in_seed"), w.made[2])).toBe("");
  });

  test("changes are scenario − base and (scenario − base) / |base|, for every result both compute", async () => {
    const w = await world();
    const base = w.made[1];
    const { rowOf, value, formula, named } = await compareAll(w, base);
    const [results, change, percent] = [/^Result$/, /^Change vs Fleet/, /^% change vs Fleet$/].map((t) => rowOf(t) + 1);
    let compared = 0;
    for (let r = 0; r < METRIC_ROWS; r++)
      for (const s of w.made) {
        const [mine, theirs] = [formula(results + r, s), formula(results + r, base)];
        if (mine) {
          // A result reads the scenario sheet's output.
          const output = mine.match(/!(out_[a-z0-9_]+)$/)![1];
          expect(value(results + r, s)).toBe(named(s, output));
        }
        if (s === base || !mine || !theirs) {
          expect([s.name, r, formula(change + r, s), formula(percent + r, s)]).toEqual([
            s.name,
            r,
            undefined,
            undefined,
          ]);
          continue;
        }
        const [x, b] = [value(results + r, s), value(results + r, base)] as number[];
        expect([typeof x, typeof b]).toEqual(["number", "number"]);
        expect(value(change + r, s)).toBeCloseTo(x - b, 6);
        expect(value(percent + r, s)).toBeCloseTo((x - b) / Math.abs(b), 9);
        compared++;
      }
    // Site A and Site B share 2 results with the fleet base, Fleet by power all 5 of the fleet's.
    expect(compared).toBe(9);
    // Against a build-out base the other build-out's completion months and MW online compare.
    const build = w.made[2];
    const again = await compareAll(w, build);
    const row = again.rowOf(/^Change vs Build /) + 1 + 6; // P50 project completion
    expect(again.label(row)).toBe("P50 project completion");
    const results2 = again.rowOf(/^Result$/) + 1 + 6;
    expect(again.value(row, w.made[5])).toBeCloseTo(
      (again.value(results2, w.made[5]) as number) - (again.value(results2, build) as number),
      6,
    );
    expect(again.value(row, w.made[1]) ?? null).toBeNull();
  });

  test("an error in a result shows as that error in its changes, never as a number; a base of 0 has no % change", async () => {
    const w = await world();
    const [site, base, , byPower] = w.made;
    const { rowOf, value, at } = await compareAll(w, base);
    const [results, change, percent] = [/^Result$/, /^Change vs/, /^% change vs/].map((t) => rowOf(t) + 1);
    const effective = 0; // Effective (delivered) MW
    const set = (s: Scenario, name: string, v: number) =>
      w.wb.setCell(s.sheet, w.wb.sheet(s.sheet)!.names.get(name)!, v);
    const error = (row: number, s: Scenario) => w.wb.errorAt(COMPARE_SHEET, at(row, s));

    set(byPower, "in_utilization", 5); // outside 0–1: EFFECTIVE_MW refuses it
    const shown = value(results + effective, byPower);
    expect(shown).toBe("#VALUE!");
    for (const row of [change, percent]) {
      expect([row, value(row + effective, byPower)]).toEqual([row, shown]);
      expect(error(row + effective, byPower)).toBeDefined();
    }
    // The other scenarios' changes are untouched.
    expect(typeof value(change + effective, site)).toBe("number");

    // An error in the base shows in every change against it.
    set(byPower, "in_utilization", 0.8);
    set(base, "in_pue", 0.5); // below 1: refused
    expect(typeof value(change + effective, byPower)).not.toBe("number");
    expect(error(change + effective, byPower)).toBeDefined();
    expect(error(percent + effective, site)).toBeDefined();

    // A base worth $0 a year: the change is the scenario's value, the % change has none.
    set(base, "in_pue", 1.2);
    set(base, "in_price_per_m_tokens", 0);
    const valueRow = 2; // Value per year
    expect(value(results + valueRow, base)).toBe(0);
    expect(value(change + valueRow, byPower)).toBe(value(results + valueRow, byPower));
    expect(value(percent + valueRow, byPower)).toBe("n/a");
  });

  test("a chart draws the % change of each scenario against the base, beside the block", async () => {
    const w = await world();
    const base = w.made[0];
    const { plan } = summary(w, base);
    expect(plan.charts).toHaveLength(1);
    const [chart] = plan.charts;
    expect(chart.series.map((s) => s.name)).toEqual(w.made.slice(1).map((s) => s.name));
    // Bars, so that the results' labels read beside them rather than cut under narrow columns.
    expect(chart).toMatchObject({ type: "BarClustered", valueFormat: "percent", categoryAxisTitle: "Result" });
    expect(chart.valueAxisTitle).toBe("Change vs Site A (%)");
    expect(parseCell(chart.anchor).col).toBeGreaterThan(parseCell(plan.extent).col);
    // Categories and series are the % change block.
    const percent = parseCell(
      plan.cells.find((c) => c.address.startsWith("A") && c.text === "% change vs Site A")!.address,
    ).row;
    expect(chart.categories).toBe(`A${percent + 1}:A${percent + METRIC_ROWS}`);
    expect(chart.series[0].values).toBe(`C${percent + 1}:C${percent + METRIC_ROWS}`);
    // One scenario has nothing to change against: no change blocks, no chart.
    const alone = planCompare([base]);
    expect(alone.charts).toEqual([]);
    expect(alone.cells.some((c) => /change/.test(c.text ?? ""))).toBe(false);
    // The base is marked in its header; the label column fits every result label and nearly every input's.
    expect(plan.cells.filter((c) => c.text === "Site A (base)").length).toBeGreaterThan(0);
    const labels = plan.cells.filter((c) => /^A\d+$/.test(c.address) && c.text && !c.style).map((c) => c.text!);
    const width = plan.columns![0].width;
    expect(labels.filter((l) => l.length > width && !l.startsWith("Task "))).toEqual([
      "Modules needed (N), override (modules; 0 = IT load ÷ module size)",
      "Throughput per MW of IT at full useful work (tokens/s per MW)",
    ]);
    expect(plan.columns!.slice(1).every((c) => c.width >= 14)).toBe(true);
  });
});
