/** The Excel port against office-addin-mock: batched writes, a fixed number of syncs, text kept as text. */
import { OfficeMockObject } from "office-addin-mock";
import { CHART_ROWS, Scenario, cellsOf, planScenario } from "../../src/scenario";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { COLOR_SCALE, ConflictError, FreezeError, addressesOf, footprint } from "../../src/workbook/port";
import { buildout, fleet, redundancy } from "../scenario/fixtures";
import { HEAT_RANGE, analysisPlan } from "./analysisPlan";

(globalThis as Record<string, unknown>).Excel = {
  SheetVisibility: { veryHidden: "VeryHidden", visible: "Visible" },
  ClearApplyTo: { all: "All", contents: "Contents" },
  ChartSeriesBy: { columns: "Columns" },
  RangeValueType: { error: "Error" },
  ChartAxisTickLabelPosition: { low: "Low" },
  ConditionalFormatType: { colorScale: "ColorScale" },
  ConditionalFormatColorCriterionType: {
    lowestValue: "LowestValue",
    percentile: "Percentile",
    highestValue: "HighestValue",
  },
};

/**
 * A mock workbook whose ranges record what the port writes; existing cells can be seeded (text
 * starting with "#" reads as an error value), and the sheet's generated objects named.
 */
function mockExcel(existing: Record<string, string> = {}, objects: string[] = [], api18 = true) {
  const written: Record<string, unknown> = {};
  const validations: Record<string, Record<string, unknown>> = {};
  const charts: Record<string, unknown>[] = [];
  const cleared: string[] = [];
  /** Conditional formats added (range, type, what was set on them) and ranges whose formats were cleared. */
  const conditional: { range: string; type: string; colorScale: Record<string, unknown> }[] = [];
  const clearedFormats: string[] = [];
  const removed: string[] = [];
  const items = () =>
    objects.map((name) => ({
      name,
      delete: () => removed.push(name),
      convertToRange: () => removed.push(name),
      getRange: () => sheet.getRange("B5"),
    }));
  const collection = <T>(add: T) => ({
    items: items(),
    load: () => undefined,
    add,
    getItemOrNullObject: (name: string) => ({ isNullObject: !objects.includes(name) }),
  });
  /** A chart series recording the ranges it is given (by address) and the properties set on it. */
  const series = () => {
    const s: Record<string, unknown> & { values: string[]; xValues: string[] } = {
      values: [],
      xValues: [],
      setValues: (r: { address: string }) => s.values.push(r.address),
      setXAxisValues: (r: { address: string }) => s.xValues.push(r.address),
    };
    return s;
  };
  const chart = (type: string, source: { address: string }) => {
    const first = series();
    const made = {
      type,
      source: source.address,
      title: {},
      setPosition: jest.fn(),
      axes: { categoryAxis: { title: {} }, valueAxis: { title: {}, majorGridlines: {} } },
      legend: {},
      dataLabels: {},
      seriesNames: [] as string[],
      all: [first],
      series: {
        getItemAt: () => first,
        add: (name: string) => {
          made.seriesNames.push(name);
          const added = series();
          made.all.push(added);
          return added;
        },
      },
    };
    charts.push(made);
    return made;
  };
  const sheet = {
    isNullObject: false,
    names: collection(jest.fn()),
    tables: collection(jest.fn(() => ({}))),
    charts: collection(jest.fn(chart)),
    getRange(address: string) {
      const formulas = /^[A-Z]+[0-9]+:[A-Z]+[0-9]+$/.test(address)
        ? cellsOf(address).map((line) => line.map((p) => existing[`${String.fromCharCode(64 + p.col)}${p.row}`] ?? ""))
        : [[""]];
      const range = {
        formulas,
        values: formulas,
        valueTypes: formulas.map((line) => line.map((v) => (v.startsWith("#") ? "Error" : "String"))),
        format: {
          font: {},
          set columnWidth(points: number) {
            written[`${address}.columnWidth`] = points;
          },
        },
        dataValidation: {
          clear: () => (validations[address] = { cleared: true }),
          set rule(rule: unknown) {
            validations[address] = { ...validations[address], rule };
          },
          set errorAlert(alert: unknown) {
            validations[address] = { ...validations[address], alert };
          },
          set ignoreBlanks(ignore: boolean) {
            validations[address] = { ...validations[address], ignore };
          },
        },
        clear: () => cleared.push(address),
        conditionalFormats: {
          add: (type: string) => {
            const format = { range: address, type, colorScale: {} };
            conditional.push(format);
            return format;
          },
          clearAll: () => clearedFormats.push(address),
        },
        address,
        rowIndex: 0,
        getUsedRangeOrNullObject: () => Object.assign(sheet.getRange("A1:C2"), { isNullObject: false }),
      };
      const proxy: typeof range & { load: () => typeof proxy } = new Proxy(
        { ...range, load: () => proxy },
        {
          set(target, key, value) {
            written[`${address}.${String(key)}`] = value;
            return Reflect.set(target, key, value);
          },
        },
      );
      return proxy;
    },
  };
  const context = new OfficeMockObject({
    workbook: { worksheets: { add: () => sheet, getItem: () => sheet, getItemOrNullObject: () => sheet } },
  });
  const sync = jest.spyOn(context, "sync");
  const port = new ExcelWorkbook(
    async (batch) => batch(context as unknown as Excel.RequestContext),
    (version) => version === "1.7" || api18,
  );
  return { port, sync, written, sheet, cleared, removed, validations, charts, conditional, clearedFormats };
}

describe("Excel workbook port", () => {
  test.each([
    ["a small redundancy scenario", { ...redundancy(), topologies: ["2N"] } as Scenario],
    ["the full build-out template", buildout()],
  ])("writing %s takes two syncs, whatever its size", async (_, scenario) => {
    const { port, sync, written, sheet } = mockExcel();
    const plan = planScenario(scenario);
    await port.writePlan(plan);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(written[`A1:${plan.extent}.formulas`]).toHaveLength(cellsOf(`A1:${plan.extent}`).length);
    expect(sheet.names.add).toHaveBeenCalledTimes(plan.names.length);
    expect(sheet.tables.add).toHaveBeenCalledTimes(plan.tables.length);
    expect(sheet.charts.add).toHaveBeenCalledTimes(plan.charts.length);
  });

  test("input cells get Excel data validation with the plan's message; an exclusive minimum is a custom rule", async () => {
    const { port, validations, sync } = mockExcel();
    const plan = planScenario(redundancy());
    await port.writePlan(plan);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(Object.keys(validations).sort()).toEqual(plan.validations.map((v) => v.address).sort());
    const at = (name: string) => validations[plan.names.find((n) => n.name === name)!.address];
    const alert = { showAlert: true, style: "Stop", title: "Balance Point" };
    expect(at("in_module_availability")).toEqual({
      cleared: true,
      rule: { custom: { formula: "=AND(ISNUMBER(B10),B10>0,B10<=1)" } },
      alert: { ...alert, message: "Module availability (0–1) must be a number above 0 up to 1." },
      ignore: false,
    });
    expect(at("in_pue")).toMatchObject({ rule: { decimal: { formula1: 1, formula2: 10, operator: "Between" } } });
    expect(at("in_modules_needed")).toMatchObject({
      rule: { wholeNumber: { formula1: 0, formula2: 1000, operator: "Between" } },
    });
    expect(at("in_topology_1")).toMatchObject({
      rule: { list: { inCellDropDown: true, source: "N,N+1,N+2,2N,2N+1,3N/2,4N/3,2N FLEX,3N/2 FLEX" } },
    });
  });

  test("without ExcelApi 1.8 the plan is still written in two syncs, without validation or chart number formats", async () => {
    const { port, validations, sync, charts } = mockExcel({}, [], false);
    await port.writePlan(planScenario(redundancy()));
    expect(sync).toHaveBeenCalledTimes(2);
    expect(validations).toEqual({});
    expect(charts[0]).toMatchObject({ axes: { valueAxis: { title: { text: "Expected delivered MW (MW)" } } } });
    expect((charts[0] as { axes: { valueAxis: object } }).axes.valueAxis).not.toHaveProperty("numberFormat");
  });

  test("charts get axis titles, a scale format, data labels, and a legend only with several series", async () => {
    const fleetRun = mockExcel();
    await fleetRun.port.writePlan(planScenario(fleet("count")));
    expect(fleetRun.charts[0]).toMatchObject({
      name: "BP_abc1_chart",
      title: { text: "Where the training job's time goes" },
      height: CHART_ROWS * 15,
      axes: {
        categoryAxis: { title: { text: "Part of accelerator-time" }, reversePlotOrder: true },
        valueAxis: {
          title: { text: "Share of accelerator-time (%)" },
          numberFormat: "0.00%",
          majorGridlines: { visible: true },
        },
      },
      legend: { visible: false },
      dataLabels: { showValue: true, numberFormat: "0.00%" },
    });
    const buildRun = mockExcel();
    const plan = planScenario(buildout());
    await buildRun.port.writePlan(plan);
    const fan = buildRun.charts[0] as Record<string, unknown> & { setPosition: jest.Mock };
    expect(fan).toMatchObject({
      axes: { categoryAxis: { title: { text: "Month" } }, valueAxis: { title: { text: "MW online (MW)" } } },
      legend: { visible: true, position: "Bottom" },
      dataLabels: { showValue: false },
      seriesNames: ["P50", "P90"],
    });
    expect(fan.setPosition).toHaveBeenCalledWith(plan.charts[0].anchor);
    // Beside the summary (A–D); the wider task table starts below the rows the chart covers.
    expect(plan.charts[0].anchor).toBe("E4");
  });

  test.each([
    ["redundancy", redundancy()],
    ["fleet", fleet("count")],
    ["build-out", buildout()],
  ])("the %s plan's column widths are set in points, within the same two syncs", async (_, scenario) => {
    const { port, written, sync } = mockExcel();
    const plan = planScenario(scenario as Scenario);
    await port.writePlan(plan);
    expect(sync).toHaveBeenCalledTimes(2);
    const widths = Object.entries(written).filter(([key]) => key.endsWith(".columnWidth"));
    expect(plan.columns!.length).toBeGreaterThanOrEqual(4);
    expect(widths).toHaveLength(plan.columns!.length);
    // Excel's rule: characters × 7 px + 5 px, and a point is 3/4 px; e.g. 8.43 characters are 64 px, 48 points.
    for (const { col, width } of plan.columns!) {
      const letter = String.fromCharCode(64 + col);
      expect(written[`${letter}:${letter}.columnWidth`]).toBe(Math.round(width * 7 + 5) * 0.75);
    }
  });

  test("text, even a hostile name that looks like a formula, is written with Excel's text prefix", async () => {
    const { port, written } = mockExcel();
    const plan = planScenario({ ...redundancy(), name: '=HYPERLINK("http://x","y")' });
    await port.writePlan(plan);
    const block = written[`A1:${plan.extent}.formulas`] as string[][];
    expect(block[0][0]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(
      block
        .flat()
        .filter((v) => typeof v === "string" && v.startsWith("="))
        .every((f) => f === "" || !f.includes("HYPERLINK")),
    ).toBe(true);
  });

  test("regenerating over a user's cell beside the old block writes nothing and names the cell", async () => {
    const plan = planScenario(redundancy());
    const { port, written, sync } = mockExcel({ B5: "my note", G3: "kept: the plan writes no G3" }, ["BP_abc1_inputs"]);
    await expect(port.writePlan(plan, "A1:D3")).rejects.toEqual(new ConflictError("S", ["B5"]));
    expect(sync).toHaveBeenCalledTimes(1);
    expect(Object.keys(written)).toEqual([]);
  });

  test("an update clears only the cells the old plan wrote and leaves a user's note in a gap (E6) unchanged", async () => {
    const plan = planScenario(redundancy());
    const previous = footprint(plan);
    expect(addressesOf(previous).has("E6")).toBe(false); // a gap inside the block's rectangle
    const generated = ["BP_abc1_inputs", "BP_abc1_outputs", "BP_abc1_chart", "in_pue", "MyTable"];
    const { port, written, sync, cleared, removed } = mockExcel({ E6: "my note", A1: "Site A" }, generated);
    await port.writePlan(plan, previous);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(cleared).toEqual(previous.split(","));
    expect(cleared.some((a) => addressesOf(a).has("E6"))).toBe(false);
    const block = written[`A1:${plan.extent}.formulas`] as unknown[][];
    expect(block[5][4]).toBeNull(); // Excel leaves a null cell unchanged
    expect(block[0][0]).toBe("'Site A");
    expect([...new Set(removed)].sort()).toEqual(generated.filter((n) => n !== "MyTable").sort());
  });

  test("a record that names a sheet without the scenario's own inputs table is refused before anything is written", async () => {
    const plan = planScenario({ ...redundancy(), sheet: "Budget" });
    const { port, written, cleared } = mockExcel({}, ["BP_other_inputs"]);
    await expect(port.writePlan(plan, "A1:ZZ99999")).rejects.toThrow(/no longer holds this scenario/);
    expect([Object.keys(written), cleared]).toEqual([[], []]);
  });

  test("freeze refuses while a result shows an error or #BUSY!, writing nothing", async () => {
    const { port, sync, written } = mockExcel({ B21: "#BUSY!" });
    await expect(port.freeze("S", ["A20:B21"])).rejects.toBeInstanceOf(FreezeError);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(written).toEqual({});
  });

  test("freeze reads the values and writes them back in two syncs", async () => {
    const { port, sync, written } = mockExcel({ A20: "Topology" });
    await port.freeze("S", ["A20:B21", "B5"]);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(written["A20:B21.formulas"]).toEqual([
      ["'Topology", ""],
      ["", ""],
    ]);
  });

  test("the other operations take a fixed number of syncs (store: 2 each; restore, hasTable: 1; readInputs: 2)", async () => {
    const counted = async (op: (port: ExcelWorkbook) => Promise<unknown>, existing: Record<string, string> = {}) => {
      const { port, sync } = mockExcel(existing, ["BP_abc1_inputs", "in_grid_mw"]);
      const result = await op(port);
      return [sync.mock.calls.length, result];
    };
    const header = { A1: "Balance Point scenarios", B1: "2" };
    expect(await counted((p) => p.readStore(), header)).toEqual([
      2,
      [
        ["Balance Point scenarios", "2", ""],
        ["", "", ""],
      ],
    ]);
    expect(
      (
        await counted((p) =>
          p.writeStore([
            { row: 2, cells: ["a", "{}"] },
            { row: 3, cells: [] },
          ]),
        )
      )[0],
    ).toBe(2);
    expect(
      (
        await counted((p) =>
          p.restore(
            "S",
            planScenario(redundancy()).cells.filter((c) => c.formula),
          ),
        )
      )[0],
    ).toBe(1);
    expect(await counted((p) => p.hasTable("S", "BP_abc1_inputs"))).toEqual([1, true]);
    expect(await counted((p) => p.hasTable("S", "BP_zzz_inputs"))).toEqual([1, false]);
    expect(await counted((p) => p.readInputs("S"))).toEqual([2, { in_grid_mw: [[""]] }]);
  });
});

describe("Excel workbook port: frozen inputs", () => {
  test("setStyle greys each area's font (and makes it blue again) in one sync", async () => {
    const { port, sync, sheet } = mockExcel();
    const getRange = jest.spyOn(sheet, "getRange");
    const colours = () => getRange.mock.calls.map(([a], i) => [a, getRange.mock.results[i].value.format.font.color]);
    await port.setStyle("S", ["B5", "A20:I22"], "frozen");
    expect([sync.mock.calls.length, colours()]).toEqual([
      1,
      [
        ["B5", "#808080"],
        ["A20:I22", "#808080"],
      ],
    ]);
    getRange.mockClear();
    await port.setStyle("S", ["B5"], "input");
    expect(colours()).toEqual([["B5", "#0000FF"]]);
  });
});

describe("Excel workbook port: what-if charts and colour scales", () => {
  type Made = Record<string, unknown> & {
    type: string;
    source: string;
    all: (Record<string, unknown> & { values: string[]; xValues: string[] })[];
    axes: { categoryAxis: Record<string, unknown>; valueAxis: Record<string, unknown> };
  };
  const byName = (charts: Record<string, unknown>[], name: string) => charts.find((c) => c.name === name) as Made;

  test("a tornado, an S-curve and a histogram at their anchors, within the same two syncs", async () => {
    const { port, sync, charts } = mockExcel();
    const plan = analysisPlan();
    await port.writePlan(plan);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(charts.map((c) => [c.name, c.type])).toEqual([
      ["BP_t1_tornado", "BarClustered"],
      ["BP_t1_scurve", "XYScatterLines"],
      ["BP_t1_histogram", "ColumnClustered"],
    ]);
    for (const spec of plan.charts)
      expect((byName(charts, spec.name).setPosition as jest.Mock).mock.calls).toEqual([[spec.anchor]]);

    // The tornado: both series of changes on one line (overlap 100), categories top-down and labelled at the low end.
    const tornado = byName(charts, "BP_t1_tornado");
    expect(tornado.all.map((s) => [s.overlap, s.gapWidth, s.xValues])).toEqual([
      [100, 50, ["A4:A7"]],
      [100, 50, ["A4:A7"]],
    ]);
    expect(tornado.all[1].values).toEqual(["C4:C7"]);
    expect(tornado.axes.categoryAxis).toMatchObject({ reversePlotOrder: true, tickLabelPosition: "Low" });
    expect(tornado).toMatchObject({ legend: { visible: true, position: "Bottom" } });

    // The S-curve: the categories are its x values, its one series the probabilities; no bar settings.
    const scurve = byName(charts, "BP_t1_scurve");
    expect(scurve.all.map((s) => [s.values, s.xValues])).toEqual([[["E11:E19"], ["D11:D19"]]]);
    expect(scurve.all[0]).not.toHaveProperty("gapWidth");
    expect(scurve.all[0]).not.toHaveProperty("overlap");
    expect(scurve.axes.categoryAxis).toMatchObject({ numberFormat: '#,##0.0 "MW"' });
    expect(scurve.axes.categoryAxis).not.toHaveProperty("reversePlotOrder");
    expect(scurve.axes.valueAxis).toMatchObject({ numberFormat: "0.00%" });

    // The histogram: columns touching, bins in the category format.
    const histogram = byName(charts, "BP_t1_histogram");
    expect(histogram.all.map((s) => [s.gapWidth, s.overlap])).toEqual([[0, undefined]]);
    expect(histogram.axes.categoryAxis).toMatchObject({ numberFormat: '#,##0.0 "MW"', tickLabelPosition: "Low" });
  });

  test("a colour scale goes on each range: lowest, 50th percentile, highest, in the shared palette", async () => {
    const { port, sync, conditional } = mockExcel();
    await port.writePlan({ ...analysisPlan(), colorScales: [HEAT_RANGE, "H40:I41"] });
    expect(sync).toHaveBeenCalledTimes(2);
    const criteria = {
      minimum: { type: "LowestValue", color: COLOR_SCALE.low },
      midpoint: { type: "Percentile", formula: "50", color: COLOR_SCALE.mid },
      maximum: { type: "HighestValue", color: COLOR_SCALE.high },
    };
    expect(conditional).toEqual([
      { range: HEAT_RANGE, type: "ColorScale", colorScale: { criteria } },
      { range: "H40:I41", type: "ColorScale", colorScale: { criteria } },
    ]);
  });

  test("rewriting clears the conditional formats of every cell the pane wrote before, and only those", async () => {
    const plan = analysisPlan();
    const previous = footprint(plan);
    const { port, sync, conditional, clearedFormats, cleared } = mockExcel({}, []);
    await port.writePlan({ ...plan, tables: [] }, previous);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(clearedFormats).toEqual(previous.split(","));
    expect(clearedFormats).toEqual(cleared);
    expect(conditional.map((c) => c.range)).toEqual([HEAT_RANGE]);
  });

  test("without ExcelApi 1.8: gap widths (1.7) and colour scales (1.6) still, no overlap or axis formats", async () => {
    const { port, sync, charts, conditional } = mockExcel({}, [], false);
    await port.writePlan(analysisPlan());
    expect(sync).toHaveBeenCalledTimes(2);
    const tornado = byName(charts, "BP_t1_tornado");
    expect(tornado.all.map((s) => [s.gapWidth, "overlap" in s])).toEqual([
      [50, false],
      [50, false],
    ]);
    expect(byName(charts, "BP_t1_histogram").axes.categoryAxis).not.toHaveProperty("numberFormat");
    expect(tornado.axes.categoryAxis).not.toHaveProperty("tickLabelPosition");
    expect(conditional).toHaveLength(1);
  });
});
