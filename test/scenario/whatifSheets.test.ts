/**
 * What-if sheet plans written into the workbench's engine next to the scenario's own sheet: every
 * number where a number belongs, formula tables equal to value tables, sorted tornado rows, and
 * charts that read cells of the plan and cover none.
 */
import { CHART_ROWS, Scenario, SheetPlan, cellsOf, parseCell } from "../../src/scenario";
import { ScenarioModel, scenarioModel } from "../../src/scenario/evaluate";
import { Analysis, AnalysisResult, defaultAnalysis, runAnalysis } from "../../src/scenario/whatif";
import { errorText, planAnalysis } from "../../src/scenario/whatifSheets";
import { evaluatedSheet } from "./evaluated";
import { buildout, everyKind, fleet } from "./fixtures";

/** A build-out with fewer Monte Carlo trials, so a sheet test runs its simulation a few hundred times quickly. */
const smallBuildout = (): Scenario => {
  const s = buildout();
  return { ...s, values: { ...s.values, trials: 200 } };
};

const scenarios = everyKind(smallBuildout);

const SHEET = "What-if";

/** The default analysis of a kind, with fewer trials for an uncertainty run. */
function analysisOf(model: ScenarioModel, kind: Analysis["kind"], mode?: "formulas" | "values"): Analysis {
  const a = defaultAnalysis(model, kind);
  if (a.kind === "uncertainty") return { ...a, trials: Math.min(a.trials, 2000) };
  if (mode && (a.kind === "table1" || a.kind === "table2")) return { ...a, mode };
  return a;
}

async function written(scenario: Scenario, a: (m: ScenarioModel) => Analysis) {
  const sheet = await evaluatedSheet(scenario);
  const model = scenarioModel(sheet.s);
  const analysis = a(model);
  const result = runAnalysis(model, analysis);
  const plan = planAnalysis(model, analysis, result, SHEET, "wi1");
  await sheet.wb.writePlan(plan);
  const read = (address: string) => sheet.wb.value(SHEET, address);
  return { ...sheet, model, analysis, result, plan, read };
}

const key = (p: { row: number; col: number }) => `${p.row},${p.col}`;

/** Checks that hold for every plan: numbers where numbers belong, charts reading plan cells and covering none. */
function checkPlan(plan: SheetPlan, read: (address: string) => unknown) {
  const written = new Set(plan.cells.map((c) => key(parseCell(c.address))));
  expect(written.size).toBe(plan.cells.length);
  for (const c of plan.cells) {
    const v = read(c.address);
    if (c.number !== undefined || c.formula !== undefined) expect([c.address, typeof v]).toEqual([c.address, "number"]);
    // The defaults are all inside what the inputs accept: no result is an error.
    if (c.text !== undefined)
      expect([c.address, c.text]).not.toEqual([c.address, expect.stringMatching(/^#(N\/A|[A-Z/0]+[!?])/)]);
  }
  const extent = parseCell(plan.extent);
  for (const c of plan.cells) {
    const p = parseCell(c.address);
    expect(p.row <= extent.row && p.col <= extent.col).toBe(true);
  }
  const covered = new Set<string>();
  for (const chart of plan.charts) {
    const categories = cellsOf(chart.categories).flat();
    expect(categories.length).toBeGreaterThan(1);
    for (const s of chart.series) {
      const values = cellsOf(s.values).flat();
      expect(values.length).toBe(categories.length);
      for (const p of values) expect(written).toContain(key(p));
    }
    for (const p of categories) expect(written).toContain(key(p));
    expect(chart.name).toMatch(/^BP_wi1_[a-z]+$/);
    expect(chart.valueAxisTitle.length).toBeGreaterThan(3);
    expect(chart.categoryAxisTitle.length).toBeGreaterThan(3);
    // The chart covers CHART_ROWS rows from its anchor and every column right of it: no written cell, no other chart.
    const anchor = parseCell(chart.anchor);
    for (let row = anchor.row; row < anchor.row + CHART_ROWS; row++) {
      expect(covered).not.toContain(String(row));
      covered.add(String(row));
    }
    for (const c of plan.cells) {
      const p = parseCell(c.address);
      if (p.row >= anchor.row && p.row < anchor.row + CHART_ROWS) expect(p.col).toBeLessThan(anchor.col);
    }
  }
  // Tables: text headers, distinct, BP_<id>_<part>, not overlapping.
  const tableCells = new Set<string>();
  for (const t of plan.tables) {
    expect(t.name).toMatch(/^BP_wi1_[a-z]+$/);
    const [header, ...rows] = cellsOf(t.address);
    expect(rows.length).toBeGreaterThan(0);
    const labels = header.map((p) => plan.cells.find((c) => key(parseCell(c.address)) === key(p))?.text);
    expect(labels.every((l) => typeof l === "string" && l.length > 0)).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
    for (const p of [header, ...rows].flat()) {
      expect(tableCells).not.toContain(key(p));
      tableCells.add(key(p));
    }
  }
}

/** A one-input table of value per year at PUE 1.2 and 1.3, as values, and its result. */
function pueTable(model: ScenarioModel) {
  const a: Analysis = {
    kind: "table1",
    output: "out_value_per_year",
    input: "pue",
    values: [1.2, 1.3],
    mode: "values",
  };
  const good = runAnalysis(model, a);
  if (good.kind !== "table1") throw new Error("not a table");
  return { a, good };
}

describe.each(scenarios)("%s", (_, make) => {
  test("tornado: sorted rows, the base, the tornado and spider charts", async () => {
    const { plan, read, result, model, analysis } = await written(make(), (m) => analysisOf(m, "tornado"));
    checkPlan(plan, read);
    if (result.kind !== "tornado" || !("value" in result.base)) throw new Error("no tornado");
    expect(read("B4")).toBeCloseTo(result.base.value, 6);
    expect(plan.cells.find((c) => c.address === "A1")!.text).toBe(
      `Sensitivity (tornado): ${model.outputs.find((o) => o.name === analysis.output)!.label} — ${model.scenario.name}`,
    );
    const swings = result.bars.map((_, n) => read(`H${8 + n}`) as number);
    expect(swings).toEqual([...swings].sort((p, q) => q - p));
    // Each bar's change columns are its outputs less the base.
    result.bars.forEach((b, n) => {
      if ("value" in b.atLow)
        expect(read(`F${8 + n}`)).toBeCloseTo(b.atLow.value - (result.base as { value: number }).value, 3);
    });
    const tornado = plan.charts.find((c) => c.name === "BP_wi1_tornadochart")!;
    expect(tornado).toMatchObject({ type: "BarClustered", overlap: 100 });
    // The chart draws the widest swings that move the output (at most 12); the others stay in the table.
    const moving = result.bars.filter((b) => b.swing > 0).length;
    expect(moving).toBeGreaterThan(0);
    expect(cellsOf(tornado.categories).flat()).toHaveLength(Math.min(12, moving));
    // Changes in money are signed (the usd format's scales would show -$116,123,158).
    const format = model.outputs.find((o) => o.name === analysis.output)!.format;
    expect(tornado.valueFormat).toBe(format === "usd" ? "usdChange" : format);
    // Inputs the tornado leaves out are named in the note under the title, with the reason.
    const left = model.inputs.filter((i) => analysis.kind === "tornado" && !analysis.inputs.includes(i.key));
    for (const i of left) expect(plan.cells.find((c) => c.address === "A3")!.text).toContain(i.label);
    const spider = plan.charts.find((c) => c.name === "BP_wi1_spiderchart")!;
    expect(spider.type).toBe("Line");
    expect(spider.series.length).toBe(Math.min(6, result.bars.filter((b) => Number.isFinite(b.swing)).length));
  });

  test("one-input table: values, and formulas that equal them where the output can be written as one", async () => {
    const values = await written(make(), (m) => analysisOf(m, "table1", "values"));
    checkPlan(values.plan, values.read);
    const a = values.analysis;
    if (a.kind !== "table1") throw new Error("not a table");
    const expected = a.values.map((_, n) => values.read(`B${8 + n}`) as number);
    expect(values.plan.charts[0]).toMatchObject({
      type: "Line",
      categoryFormat: values.model.inputs.find((i) => i.key === a.input)!.format,
      // Labels on more than six points of a line run into each other.
      dataLabels: a.values.length <= 6,
    });
    // Under the table (its header runs long), on the first screen for a dozen values, not out at column K.
    expect(parseCell(values.plan.charts[0].anchor)).toEqual({ row: 8 + a.values.length + 1, col: 1 });
    // A build-out's task inputs live in its task table, so its tables hold values.
    expect(defaultAnalysis(values.model, "table1")).toMatchObject({
      mode: values.model.scenario.kind === "buildout" ? "values" : "formulas",
    });
    if (values.model.scenario.kind === "buildout") return;
    const formulas = await written(make(), (m) => analysisOf(m, "table1", "formulas"));
    checkPlan(formulas.plan, formulas.read);
    const cells = formulas.plan.cells.filter((c) => /^B[0-9]+$/.test(c.address) && Number(c.address.slice(1)) >= 8);
    expect(cells.every((c) => c.formula?.startsWith("="))).toBe(true);
    a.values.forEach((_, n) => {
      const got = formulas.read(`B${8 + n}`) as number;
      expect(Math.abs(got - expected[n])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected[n])));
    });
  });

  test("two-input table: a heat map over the body; formulas equal values", async () => {
    const values = await written(make(), (m) => analysisOf(m, "table2", "values"));
    checkPlan(values.plan, values.read);
    const a = values.analysis;
    if (a.kind !== "table2") throw new Error("not a table");
    const body = cellsOf(values.plan.colorScales![0]);
    expect([body.length, body[0].length]).toEqual([a.rowValues.length, a.colValues.length]);
    const corner = values.plan.cells.find((c) => c.address === "A7")!.text!;
    expect(corner).toMatch(/↓.*→/);
    // Column A fits the corner's label, so both inputs' names read whole.
    expect(values.plan.columns![0].width).toBeGreaterThanOrEqual(Math.min(72, corner.length));
    if (values.model.scenario.kind === "buildout") return;
    const formulas = await written(make(), (m) => analysisOf(m, "table2", "formulas"));
    for (const p of body.flat()) {
      const address = `${String.fromCharCode(64 + p.col)}${p.row}`;
      const want = values.read(address) as number;
      expect(Math.abs((formulas.read(address) as number) - want)).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(want)),
      );
    }
  });

  test("uncertainty: statistics, histogram, S-curve and rank correlations", async () => {
    const { plan, read, result } = await written(make(), (m) => analysisOf(m, "uncertainty"));
    checkPlan(plan, read);
    if (result.kind !== "uncertainty") throw new Error("not an uncertainty run");
    const stat = (label: string) => {
      const c = plan.cells.find((x) => x.text === label)!;
      return read(`B${parseCell(c.address).row}`) as number;
    };
    expect(stat("P10")).toBeLessThanOrEqual(stat("P50 (median)"));
    expect(stat("P50 (median)")).toBeLessThanOrEqual(stat("P90"));
    expect(stat("Trials")).toBe(result.simulation.samples.length);
    const histogram = plan.charts.find((c) => c.name === "BP_wi1_histogramchart")!;
    expect(histogram).toMatchObject({ type: "ColumnClustered", gapWidth: 0, valueFormat: "percent" });
    const shares = cellsOf(histogram.series[0].values)
      .flat()
      .map((p) => read(`E${p.row}`) as number);
    expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    const curve = plan.charts.find((c) => c.name === "BP_wi1_scurvechart")!;
    expect(curve.type).toBe("XYScatterLines");
    const ps = cellsOf(curve.series[0].values)
      .flat()
      .map((p) => read(`B${p.row}`) as number);
    expect(ps).toEqual([...ps].sort((p, q) => p - q));
    const ranks = plan.charts.find((c) => c.name === "BP_wi1_rankschart")!;
    const rho = cellsOf(ranks.series[0].values)
      .flat()
      .map((p) => Math.abs(read(`B${p.row}`) as number));
    expect(rho).toEqual([...rho].sort((p, q) => q - p));
  });
});

describe("what-if sheets", () => {
  test("the spider's x is the inputs' common change from base when they share one, else the position in the range", () => {
    const model = scenarioModel(fleet("count"));
    const plot = (inputs: string[]) => {
      const a = defaultAnalysis(model, "tornado");
      if (a.kind !== "tornado") throw new Error("not a tornado");
      const narrowed: Analysis = { ...a, inputs };
      const plan = planAnalysis(model, narrowed, runAnalysis(model, narrowed), SHEET, "wi1");
      const chart = plan.charts.find((c) => c.name === "BP_wi1_spiderchart")!;
      const xs = cellsOf(chart.categories)
        .flat()
        .map((p) => plan.cells.find((c) => c.address === `A${p.row}`)!.number);
      return { title: chart.categoryAxisTitle, xs };
    };
    // ±20 % inputs: −20 %, −10 %, 0, +10 %, +20 %.
    const common = plot(["utilization", "price_per_m_tokens"]);
    expect(common.title).toMatch(/^Change of each input from base/);
    common.xs.forEach((x, j) => expect(x).toBeCloseTo(-0.2 + 0.1 * j, 12));
    // PUE (1.1–1.58 around 1.2) and MFU (0.38–0.552 around 0.4) move by different shares.
    const mixed = plot(["pue", "mfu"]);
    expect(mixed.title).toMatch(/^Position in each input's range/);
    expect(mixed.xs).toEqual([-1, -0.5, 0, 0.5, 1]);
  });

  test("an error point shows its error and message, never a number", async () => {
    const s = fleet("count");
    const { wb } = await evaluatedSheet(s);
    const model = scenarioModel(s);
    const { a, good } = pueTable(model);
    const failure = { error: "#NUM!", message: "GOODPUT: the job makes no progress." };
    const r: AnalysisResult = { ...good, values: [good.values[0], failure] };
    const plan = planAnalysis(model, a, r, SHEET, "wi1");
    await wb.writePlan(plan);
    expect(typeof wb.value(SHEET, "B8")).toBe("number");
    expect(wb.value(SHEET, "B9")).toBe(errorText(failure));
  });

  test("statistics over trials of which some failed say over how many trials that gave a value", () => {
    const model = scenarioModel(fleet("count"));
    const a = defaultAnalysis(model, "uncertainty");
    if (a.kind !== "uncertainty") throw new Error("not an uncertainty analysis");
    const small = { ...a, trials: 200 };
    const good = runAnalysis(model, small);
    if (good.kind !== "uncertainty") throw new Error("not an uncertainty result");
    const header = (r: AnalysisResult) =>
      planAnalysis(model, small, r, SHEET, "wi1").cells.find((c) => c.address === "A6")!.text;
    expect(header(good)).toBe("Value per year: statistics over the trials");
    const failing = { ...good, simulation: { ...good.simulation, failed: 3 } };
    expect(header(failing)).toBe("Value per year: statistics over the 197 trials that gave a value (3 failed)");
  });

  test("money below zero shows signed and scaled (-$5.0 M), not as -$5,000,000 from the usd format's positive scales", () => {
    const model = scenarioModel(fleet("count"));
    const { a, good } = pueTable(model);
    const formatAt = (plan: SheetPlan, address: string) => plan.formats.find((f) => f.address === address)?.format;
    const positive = planAnalysis(model, a, good, SHEET, "wi1");
    expect([formatAt(positive, "B4"), formatAt(positive, "B8"), positive.charts[0].valueFormat]).toEqual([
      "usd",
      "usd",
      "usd",
    ]);
    const negative = planAnalysis(model, a, { ...good, values: [good.values[0], { value: -5e6 }] }, SHEET, "wi1");
    expect([formatAt(negative, "B4"), formatAt(negative, "B9"), negative.charts[0].valueFormat]).toEqual([
      "usdChange",
      "usdChange",
      "usdChange",
    ]);
  });

  test("the histogram's columns are labelled by where each bin starts, a number in the output's format", () => {
    const model = scenarioModel(fleet("count"));
    const a = defaultAnalysis(model, "uncertainty");
    if (a.kind !== "uncertainty") throw new Error("not an uncertainty analysis");
    const small = { ...a, trials: 500 };
    const plan = planAnalysis(model, small, runAnalysis(model, small), SHEET, "wi1");
    const histogram = plan.charts.find((c) => c.name === "BP_wi1_histogramchart")!;
    const bins = cellsOf(histogram.categories)
      .flat()
      .map((p) => plan.cells.find((c) => c.address === `${String.fromCharCode(64 + p.col)}${p.row}`)!);
    expect(bins.every((c) => typeof c.number === "number")).toBe(true);
    expect(histogram.categoryFormat).toBe("usd");
    expect(histogram.categoryAxisTitle).toBe("Value per year, bin from (USD per year)");
  });

  test("formula tables recalculate when the scenario's inputs change", async () => {
    const { wb, set, s } = await evaluatedSheet(fleet("count"));
    const model = scenarioModel(s);
    const a: Analysis = { kind: "table1", output: "out_value_per_year", input: "mfu", values: [0.4], mode: "formulas" };
    await wb.writePlan(planAnalysis(model, a, runAnalysis(model, a), SHEET, "wi1"));
    const before = wb.value(SHEET, "B8") as number;
    set("in_utilization", 0.6);
    const after = wb.value(SHEET, "B8") as number;
    expect(after).toBeLessThan(before);
    const expected = scenarioModel({ ...s, values: { ...s.values, utilization: 0.6 } }).evaluate("out_value_per_year");
    expect("value" in expected && after).toBeCloseTo("value" in expected ? expected.value : NaN, 0);
    // The base above the table is a formula too: it follows the scenario (MFU 0.4 is its own value).
    expect(wb.value(SHEET, "B4")).toBe(after);
  });

  test("goal seek writes no sheet", () => {
    const model = scenarioModel(fleet("count"));
    const a = defaultAnalysis(model, "goalseek");
    expect(() => planAnalysis(model, a, runAnalysis(model, a), SHEET, "wi1")).toThrow(/Goal seek/);
  });
});
