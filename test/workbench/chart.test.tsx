/** @jest-environment jsdom */
/**
 * The workbench's chart drawing (src/workbench/Chart.tsx, issue 10 point 6) from a chart spec and
 * its cells: title, axis titles, category labels, a formatted value scale, data labels when asked,
 * a legend only for several series, bars drawn horizontally, and errors drawn as gaps, never as 0.
 */
import { render } from "@testing-library/react";
import { CHART_ROWS, type ChartSpec } from "../../src/scenario/plan";
import { Chart, MAX_HEIGHT } from "../../src/workbench/Chart";
import { textWidth } from "../../src/workbench/chartScale";
import { ROW_HEIGHT } from "../../src/workbench/Grid";
import type { MemoryCell, MemorySheet } from "../../src/workbook/memory";
import { BINS, CDF, TORNADO, analysisPlan } from "../workbook/analysisPlan";

function sheetOf(cells: Record<string, MemoryCell["value"]>): MemorySheet {
  return {
    name: "S",
    visibility: "visible",
    cells: new Map(Object.entries(cells).map(([a, value]) => [a, { value }])),
    names: new Map(),
    tables: new Map(),
    charts: [],
  } as unknown as MemorySheet;
}

const base: ChartSpec = {
  name: "BP_x_chart",
  type: "ColumnClustered",
  title: "Expected delivered MW by topology",
  categories: "A1:A3",
  series: [{ name: "Expected delivered MW", values: "B1:B3" }],
  anchor: "D1",
  categoryAxisTitle: "Topology",
  valueAxisTitle: "Expected delivered MW (MW)",
  valueFormat: "mw",
  dataLabels: true,
};
const cells = { A1: "N+1", A2: "2N", A3: "Distributed redundant", B1: 96.5, B2: 48.25, B3: 72 };

function draw(spec: ChartSpec, values: Record<string, MemoryCell["value"]>) {
  const { container } = render(<Chart spec={spec} sheet={sheetOf(values)} />);
  // A label on two lines (tspans) reads as its words joined by a space.
  const texts = (part: string) =>
    Array.from(container.querySelectorAll(`[data-part="${part}"]`)).map((e) => {
      const lines = Array.from(e.querySelectorAll("tspan")).map((t) => t.textContent);
      return lines.length > 0 ? lines.join(" ") : e.textContent;
    });
  const points = Array.from(container.querySelectorAll('rect[data-part="point"]')).map((r) => ({
    x: Number(r.getAttribute("x")),
    y: Number(r.getAttribute("y")),
    width: Number(r.getAttribute("width")),
    height: Number(r.getAttribute("height")),
  }));
  return { container, texts, points };
}

test("a column chart: title, both axis titles, category labels, MW tick labels, data labels, no legend", () => {
  const { texts, points } = draw(base, cells);
  expect(texts("title")).toEqual([base.title]);
  expect(texts("category-axis-title")).toEqual(["Topology"]);
  expect(texts("value-axis-title")).toEqual(["Expected delivered MW (MW)"]);
  expect(texts("category-label")).toEqual(["N+1", "2N", "Distributed redundant"]);
  // The scale without the zeros every tick shares; data labels keep the cells' format.
  expect(texts("tick-label")).toEqual(["0 MW", "20 MW", "40 MW", "60 MW", "80 MW", "100 MW"]);
  expect(texts("data-label")).toEqual(["96.5 MW", "48.3 MW", "72.0 MW"]);
  expect(texts("legend")).toEqual([]);
  // Vertical columns: one width, heights proportional to the values.
  expect(new Set(points.map((p) => p.width)).size).toBe(1);
  expect(points[0].height / points[1].height).toBeCloseTo(96.5 / 48.25, 6);
});

test("a bar chart is drawn horizontally: one height, lengths proportional to the values", () => {
  const { texts, points } = draw(
    { ...base, type: "BarClustered", valueFormat: "percent" },
    {
      ...cells,
      B1: 0.5,
      B2: 0.25,
      B3: 0.125,
    },
  );
  expect(new Set(points.map((p) => p.height)).size).toBe(1);
  expect(points[0].width / points[1].width).toBeCloseTo(2, 6);
  expect(new Set(points.map((p) => p.x)).size).toBe(1); // all start at zero
  expect(points[0].y).toBeLessThan(points[1].y); // the sheet's first category on top
  expect(texts("tick-label")).toEqual(["0%", "10%", "20%", "30%", "40%", "50%"]);
  expect(texts("data-label")).toEqual(["50.00%", "25.00%", "12.50%"]);
});

test("an error or text value is a gap, never a zero-height column", () => {
  const { container, texts, points } = draw(base, { ...cells, B2: "#VALUE!" });
  expect(points).toHaveLength(2);
  expect(container.querySelectorAll('[data-part="gap"]')).toHaveLength(1);
  expect(container.querySelector('[data-part="gap"] title')?.textContent).toBe("Expected delivered MW, 2N: #VALUE!");
  expect(texts("data-label")).toEqual(["96.5 MW", "72.0 MW"]);
});

test("every value an error: no bars and a note saying why, not an axis of zeros", () => {
  const { container, points } = draw(base, { ...cells, B1: "#VALUE!", B2: "#VALUE!", B3: null });
  expect(points).toHaveLength(0);
  expect(container.textContent).toContain("No numbers to draw: the cells show errors or are empty.");
});

test("a line chart with three series: a legend naming them, markers, and a line broken at a gap", () => {
  const spec: ChartSpec = {
    ...base,
    type: "Line",
    title: "MW online by month (fan chart)",
    categories: "A1:A4",
    series: ["P10", "P50", "P90"].map((name, i) => ({ name, values: `${"BCD"[i]}1:${"BCD"[i]}4` })),
    categoryAxisTitle: "Month",
    valueAxisTitle: "MW online (MW)",
    dataLabels: false,
  };
  const values = { A1: 0, A2: 1, A3: 2, A4: 3, B1: 0, B2: 50, B3: 100, B4: 100, C1: 0, C2: 0, C3: 50, C4: 100 };
  const { container, texts } = draw(spec, { ...values, D1: 0, D2: "#NUM!", D3: 0, D4: 50 });
  expect(texts("legend-entry")).toEqual(["P10", "P50", "P90"]);
  expect(texts("category-label")).toEqual(["0", "1", "2", "3"]);
  expect(texts("data-label")).toEqual([]);
  expect(container.querySelectorAll('circle[data-part="point"]')).toHaveLength(11);
  // P10 and P50 are one line each; P90 breaks at its error into a lone point and a segment.
  expect(container.querySelectorAll("polyline")).toHaveLength(3);
});

test("long category labels are cut beside bars and wrapped under columns, the whole label kept as a tooltip", () => {
  const long = "A very long topology label that would overflow the plot area";
  const { container, texts } = draw({ ...base, type: "BarClustered" }, { ...cells, A3: long });
  const shown = texts("category-label")[2]!;
  expect(shown.endsWith("…")).toBe(true);
  expect(shown.length).toBeLessThanOrEqual(28);
  expect(Array.from(container.querySelectorAll("g > title")).map((t) => t.textContent)).toContain(long);
  const columns = draw(base, { ...cells, A3: long }).container;
  const lines = Array.from(columns.querySelectorAll('[data-part="category-label"]')[2].querySelectorAll("tspan"));
  expect(lines.map((l) => l.textContent)).toEqual(["A very long", "topology label", "that would overfl…"]); // 18 characters fit a third of the plot
});

test("sixty months of columns show every few labels so they do not overlap", () => {
  const values: Record<string, number> = {};
  for (let i = 1; i <= 61; i++) Object.assign(values, { [`A${i}`]: i - 1, [`B${i}`]: i });
  const { texts } = draw({ ...base, categories: "A1:A61", series: [{ name: "MW", values: "B1:B61" }] }, values);
  const labels = texts("category-label");
  expect(labels.length).toBeGreaterThan(5);
  expect(labels.length).toBeLessThan(61);
  expect(labels[0]).toBe("0");
});

describe("what-if charts", () => {
  const plan = analysisPlan();
  const spec = (part: string) => plan.charts.find((c) => c.name === `BP_t1_${part}`)!;
  const values = Object.fromEntries(plan.cells.map((c) => [c.address, c.number ?? c.text ?? null]));

  test("a tornado: both series from zero on one row per input, lows left and highs right, a legend with both", () => {
    const { texts, points } = draw(spec("tornado"), values);
    expect(texts("legend-entry")).toEqual(["Output at low input", "Output at high input"]);
    expect(texts("category-label")).toEqual(TORNADO.map(([name]) => name));
    expect(points).toHaveLength(8);
    const [low, high] = [points.slice(0, 4), points.slice(4)];
    // Overlap 100: the low and high bar of an input share their row.
    low.forEach((p, i) => expect([p.y, p.height]).toEqual([high[i].y, high[i].height]));
    // Each bar starts or ends at zero, its length proportional to its change.
    const zero = low[0].x + low[0].width; // price: low −20 runs left of zero
    TORNADO.forEach(([, l, h], i) => {
      const [pl, ph] = [low[i], high[i]];
      expect(l < 0 ? pl.x + pl.width : pl.x).toBeCloseTo(zero, 6);
      expect(h < 0 ? ph.x + ph.width : ph.x).toBeCloseTo(zero, 6);
      expect(pl.width / ph.width).toBeCloseTo(Math.abs(l / h), 6);
    });
    expect(texts("tick-label")).toEqual(["-20 MW", "-10 MW", "0 MW", "10 MW", "20 MW"]);
  });

  test("without overlap the two series sit side by side in each row", () => {
    const { points } = draw({ ...spec("tornado"), overlap: undefined, gapWidth: undefined }, values);
    expect(points[4].y - points[0].y).toBeCloseTo(points[0].height, 6);
  });

  test("a histogram with gap width 0: columns touch, bins shown in the category format without shared zeros", () => {
    const { texts, points } = draw(spec("histogram"), values);
    expect(texts("category-label")).toEqual(BINS.map(([from]) => `${from} MW`));
    for (let i = 1; i < points.length; i++) expect(points[i].x).toBeCloseTo(points[i - 1].x + points[i - 1].width, 6);
    expect(points[3].height / points[2].height).toBeCloseTo(310 / 180, 6);
  });

  test("an S-curve: a line over a numeric x axis whose ticks use the category format; no category labels", () => {
    const { container, texts } = draw(spec("scurve"), values);
    expect(texts("category-label")).toEqual([]);
    expect(texts("x-tick-label")).toEqual(["80 MW", "90 MW", "100 MW", "110 MW", "120 MW"]);
    expect(texts("tick-label")).toContain("100%");
    const circles = Array.from(container.querySelectorAll('circle[data-part="point"]')).map((c) => ({
      x: Number(c.getAttribute("cx")),
      y: Number(c.getAttribute("cy")),
    }));
    expect(circles).toHaveLength(CDF.length);
    // x in proportion to the values (80 … 120 evenly: equal steps), y rising as the probability does.
    const steps = circles.slice(1).map((c, i) => c.x - circles[i].x);
    for (const s of steps) expect(s).toBeCloseTo(steps[0], 6);
    for (let i = 1; i < circles.length; i++) expect(circles[i].y).toBeLessThanOrEqual(circles[i - 1].y);
    expect(container.querySelectorAll("polyline")).toHaveLength(1);
  });

  test("an S-curve point without a numeric x is a gap, not a point at x = 0", () => {
    const { container } = draw(spec("scurve"), { ...values, D13: "#NUM!" });
    expect(container.querySelectorAll('circle[data-part="point"]')).toHaveLength(CDF.length - 1);
    expect(container.querySelectorAll("polyline")).toHaveLength(2);
  });

  test("negative columns run down from zero, their data labels below them", () => {
    const { points, texts, container } = draw(base, { ...cells, B2: -48.25 });
    const zero = points[0].y + points[0].height;
    expect(points[1].y).toBeCloseTo(zero, 6);
    expect(texts("data-label")).toContain("-48.3 MW");
    const label = Array.from(container.querySelectorAll('[data-part="data-label"]'))[1];
    expect(Number(label.getAttribute("y"))).toBeGreaterThan(zero);
  });
});

describe("charts fit their room on the sheet and keep their text readable", () => {
  const heightOf = (container: HTMLElement) => Number(container.querySelector("svg")!.getAttribute("height"));
  const many = (n: number) => {
    const values: Record<string, MemoryCell["value"]> = {};
    for (let i = 1; i <= n; i++) Object.assign(values, { [`A${i}`]: `Input number ${i}`, [`B${i}`]: (i % 7) - 3 });
    return values;
  };

  test("a bar chart of 19 inputs is no taller than the CHART_ROWS rows left for it (it was 500 px)", () => {
    const spec: ChartSpec = {
      ...base,
      type: "BarClustered",
      categories: "A1:A19",
      series: [{ name: "ρ", values: "B1:B19" }],
    };
    const { container, points } = draw(spec, many(19));
    expect(heightOf(container)).toBeLessThanOrEqual(MAX_HEIGHT);
    expect(MAX_HEIGHT + 8).toBeLessThanOrEqual(CHART_ROWS * ROW_HEIGHT); // with its 4 px frame, on the grid
    expect(points).toHaveLength(19);
    // 60 bars: thinner still, and the labels every few rows so that they do not overlap.
    const sixty = draw({ ...spec, categories: "A1:A60", series: [{ name: "ρ", values: "B1:B60" }] }, many(60));
    expect(heightOf(sixty.container)).toBeLessThanOrEqual(MAX_HEIGHT);
    const ys = Array.from(sixty.container.querySelectorAll('[data-part="category-label"]')).map((e) =>
      Number(e.getAttribute("y")),
    );
    ys.slice(1).forEach((y, i) => expect(y - ys[i]).toBeGreaterThanOrEqual(11));
  });

  test("a legend of six long names wraps onto rows inside the chart instead of running off both sides", () => {
    const names = [
      "Model FLOPs utilization",
      "MFU behind that throughput",
      "Accelerators per rack or server",
      "Rack or server power",
      "Utilization",
      "Throughput per MW of IT at full useful work",
    ];
    const values: Record<string, MemoryCell["value"]> = { A1: -1, A2: 0, A3: 1 };
    names.forEach((_, k) => [1, 2, 3].forEach((r) => (values[`${"BCDEFG"[k]}${r}`] = 100 + k * r)));
    const spec: ChartSpec = {
      ...base,
      type: "Line",
      categories: "A1:A3",
      series: names.map((name, k) => ({ name, values: `${"BCDEFG"[k]}1:${"BCDEFG"[k]}3` })),
    };
    const { container, texts } = draw(spec, values);
    expect(texts("legend-entry")).toEqual(names);
    const entries = Array.from(container.querySelectorAll('[data-part="legend-entry"]'));
    for (const e of entries) {
      const x = Number(e.querySelector("rect")!.getAttribute("x"));
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x + 14 + textWidth(e.querySelector("text")!.textContent!, 11)).toBeLessThanOrEqual(480);
    }
    expect(new Set(entries.map((e) => e.querySelector("text")!.getAttribute("y"))).size).toBeGreaterThan(1);
  });

  test("a long value-axis title is kept whole on two lines beside the plot, inside the chart", () => {
    const title = "Value per GW-year of grid (USD per GW-year) at the scenario's other inputs";
    const { container, texts } = draw({ ...base, valueAxisTitle: title }, cells);
    expect(texts("value-axis-title")).toEqual([title]);
    const lines = container.querySelectorAll('[data-part="value-axis-title"] tspan');
    expect(lines).toHaveLength(2);
    const y = Number(
      /translate\([^,]+, ([^)]+)\)/.exec(
        container.querySelector('[data-part="value-axis-title"]')!.getAttribute("transform")!,
      )![1],
    );
    const longest = Math.max(...Array.from(lines).map((l) => textWidth(l.textContent!, 11)));
    expect(y - longest / 2).toBeGreaterThanOrEqual(0);
    expect(y + longest / 2).toBeLessThanOrEqual(Number(container.querySelector("svg")!.getAttribute("height")));
  });

  test("a tornado in money: tick labels signed, scaled, and far enough apart not to overlap; the axis title inside", () => {
    const spec: ChartSpec = {
      ...base,
      type: "BarClustered",
      categories: "A1:A3",
      series: [
        { name: "Input at its low", values: "B1:B3" },
        { name: "Input at its high", values: "C1:C3" },
      ],
      valueFormat: "usdChange",
      valueAxisTitle: "Change in Value per year from base (USD per year)",
      dataLabels: false,
      overlap: 100,
    };
    const values = {
      A1: "Throughput per MW of IT at full useful work",
      A2: "MFU behind that throughput",
      A3: "Restart",
      B1: -29e6,
      C1: 220.6e6,
      B2: 145.2e6,
      C2: -96.8e6,
      B3: 22.6e6,
      C3: -15.6e6,
    };
    const { container, texts } = draw(spec, values);
    const ticks = Array.from(container.querySelectorAll('[data-part="tick-label"]'));
    expect(texts("tick-label")).toContain("-$100 M");
    expect(texts("tick-label")).toContain("+$200 M");
    const xs = ticks.map((t) => Number(t.getAttribute("x")));
    const widest = Math.max(...ticks.map((t) => textWidth(t.textContent!, 11)));
    xs.slice(1).forEach((x, i) => expect(x - xs[i]).toBeGreaterThan(widest));
    const title = container.querySelector('[data-part="value-axis-title"]')!;
    const half = textWidth(title.textContent!, 11) / 2;
    expect(Number(title.getAttribute("x")) - half).toBeGreaterThanOrEqual(0);
    expect(Number(title.getAttribute("x")) + half).toBeLessThanOrEqual(480);
  });
});

test("bar data labels stay inside the chart and clear of the category labels, either side of zero", () => {
  const spec: ChartSpec = { ...base, type: "BarClustered", valueFormat: "percent" };
  const { container } = draw(spec, { ...cells, B1: -0.3571, B2: 0, B3: -0.0078 });
  const right = Math.max(
    ...Array.from(container.querySelectorAll('[data-part="category-label"]')).map((e) => Number(e.getAttribute("x"))),
  );
  for (const label of Array.from(container.querySelectorAll('[data-part="data-label"]'))) {
    const x = Number(label.getAttribute("x"));
    const width = textWidth(label.textContent!, 10);
    const [from, to] = label.getAttribute("text-anchor") === "end" ? [x - width, x] : [x, x + width];
    expect(from).toBeGreaterThan(right);
    expect(to).toBeLessThanOrEqual(480);
  }
});
