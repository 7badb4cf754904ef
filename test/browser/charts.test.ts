/**
 * The generated sheets' charts in a real browser (issue 10 point 6), served as `npm start` serves
 * the workbench (scripts/static-server.js, with its Content-Security-Policy: issue 11 point 7).
 * Each scenario kind is built through the wizard; every chart drawn on its sheet must show the
 * spec's title, both axis titles, category labels, a formatted value scale and, with more than one
 * series, a legend naming them. A screenshot of each sheet and each chart is left in
 * test-artifacts/charts/. The pane's function reference link opens the served functions.html
 * (issue 10 point 8). A hand-made what-if sheet plan (test/workbook/analysisPlan.ts) written through
 * the workbench's workbook shows a tornado, an S-curve and a histogram at their anchors and a heat map.
 */
import path from "path";
import type { Page } from "playwright-core";
import type { ChartSpec } from "../../src/scenario/plan";
import type { EngineWorkbook } from "../../src/workbench/workbook";
import { BINS, CDF, HEAT_COLS, HEAT_ROWS, TORNADO, analysisPlan } from "../workbook/analysisPlan";
import * as h from "./harness";

jest.setTimeout(120_000);

let workbench: h.Workbench;
let page: Page;
const problems: string[] = [];
const snap = h.screenshots("charts");
const chartShot = (kind: string, name: string) =>
  path.join(__dirname, "..", "..", "test-artifacts", "charts", `chart-${kind}-${name}.png`);

/** Content-Security-Policy violations the page reported, recorded before any script of the page runs. */
const recordViolations = () => {
  const seen: string[] = [];
  (window as unknown as { cspViolations: string[] }).cspViolations = seen;
  document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
};

beforeAll(async () => {
  workbench = await h.startWorkbench();
  page = await h.openPage(workbench, problems, (p) => p.addInitScript(recordViolations));
}, 240_000);

afterAll(() => workbench?.close());

afterEach(async () => {
  const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  h.expectNoProblems(
    problems,
    violations.map((v) => `CSP violation: ${v}`),
  );
});

/** What the chart drawn for `spec` shows, read from its SVG. */
async function drawn(spec: ChartSpec) {
  const figure = page.locator(`figure[data-chart="${spec.name}"]`);
  await figure.locator("svg").waitFor();
  return figure.evaluate((f) => {
    const texts = (part: string) =>
      Array.from(f.querySelectorAll(`[data-part="${part}"]`)).map((e) => {
        const lines = Array.from(e.querySelectorAll("tspan")).map((t) => t.textContent ?? "");
        return lines.length > 0 ? lines.join(" ") : (e.textContent ?? "");
      });
    const rects = Array.from(f.querySelectorAll('rect[data-part="point"]')).map((r) => r.getBoundingClientRect());
    return {
      label: f.querySelector("svg")!.getAttribute("aria-label"),
      title: texts("title"),
      categoryAxisTitle: texts("category-axis-title"),
      valueAxisTitle: texts("value-axis-title"),
      categories: texts("category-label"),
      ticks: texts("tick-label"),
      dataLabels: texts("data-label"),
      legend: texts("legend-entry"),
      xTicks: texts("x-tick-label"),
      polylines: f.querySelectorAll("polyline").length,
      markers: f.querySelectorAll('circle[data-part="point"]').length,
      rects: rects.map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })),
    };
  });
}

/** A tick label as the spec's number format writes it. */
/** Tick labels in the value format, without the decimal zeros every tick shares ("20 MW", "12.5%"). */
const TICK_PATTERNS: Partial<Record<ChartSpec["valueFormat"], RegExp>> = {
  mw: /^-?[\d,]+(\.\d)? MW$/,
  percent: /^-?[\d,]+(\.\d\d?)?%$/,
};

const CASES: [kind: string, sheet: string, type: ChartSpec["type"]][] = [
  ["redundancy", "Redundancy scenario", "ColumnClustered"],
  ["fleet", "Fleet scenario", "BarClustered"],
  ["build-out", "Build-out scenario", "Line"],
];

test.each(CASES)("a %s scenario's chart is readable: titles, labels, scale, legend", async (kind, sheet, type) => {
  await h.buildScenario(page, kind);
  await h.openTab(page, sheet);
  const specs = await page.evaluate(
    (name) => (window as unknown as { workbench: EngineWorkbook }).workbench.sheet(name)!.charts,
    sheet,
  );
  expect(specs.map((s) => s.type)).toContain(type);
  await snap(page, `${kind}-sheet`);
  for (const spec of specs) {
    const chart = await drawn(spec);
    expect(chart.label).toBe(spec.title);
    expect(chart.title).toEqual([spec.title]);
    expect(chart.categoryAxisTitle).toEqual([spec.categoryAxisTitle]);
    expect(chart.valueAxisTitle).toEqual([spec.valueAxisTitle]);
    expect(spec.categoryAxisTitle.length * spec.valueAxisTitle.length).toBeGreaterThan(0);
    // A scatter chart (the build-out's S-curve) labels its numeric x axis with ticks instead.
    const xLabels = spec.type === "XYScatterLines" ? chart.xTicks : chart.categories;
    expect(xLabels.length).toBeGreaterThan(0);
    expect(xLabels.every((c) => c.trim() !== "")).toBe(true);
    expect(chart.ticks.length).toBeGreaterThanOrEqual(3);
    const pattern = TICK_PATTERNS[spec.valueFormat];
    if (pattern) for (const tick of chart.ticks) expect(tick).toMatch(pattern);
    expect(chart.legend).toEqual(spec.series.length > 1 ? spec.series.map((s) => s.name) : []);
    expect(chart.dataLabels.length > 0).toBe(spec.dataLabels);
    if (spec.type === "Line" || spec.type === "XYScatterLines") {
      expect(chart.polylines).toBeGreaterThanOrEqual(spec.series.length);
      expect(chart.markers).toBeGreaterThan(0);
    } else {
      expect(chart.rects.length).toBeGreaterThan(0);
      // Bars share one height and vary in width; columns share one width.
      const fixed = chart.rects.map((r) => (spec.type === "BarClustered" ? r.height : r.width));
      expect(Math.max(...fixed) - Math.min(...fixed)).toBeLessThan(0.5);
    }
    await page.locator(`figure[data-chart="${spec.name}"]`).scrollIntoViewIfNeeded();
    await page.locator(`figure[data-chart="${spec.name}"]`).screenshot({ path: chartShot(kind, spec.name) });
  }
});

test("what-if charts: a tornado, an S-curve and a histogram at their anchors, and a shaded heat map", async () => {
  const plan = analysisPlan();
  await page.evaluate((p) => (window as unknown as { workbench: EngineWorkbook }).workbench.writePlan(p), plan);
  await h.openTab(page, plan.sheet);
  await snap(page, "what-if-sheet");
  const spec = (part: string) => plan.charts.find((c) => c.name === `BP_t1_${part}`)!;

  const tornado = await drawn(spec("tornado"));
  expect(tornado.legend).toEqual(["Output at low input", "Output at high input"]);
  expect(tornado.categories).toEqual(TORNADO.map(([name]) => name));
  expect(tornado.ticks).toContain("0 MW");
  expect(tornado.ticks.some((t) => t.startsWith("-"))).toBe(true);
  // Overlap 100: one bar height, the low and high bars of an input on one row.
  expect(tornado.rects).toHaveLength(8);
  tornado.rects.slice(0, 4).forEach((r, i) => expect(r.y).toBeCloseTo(tornado.rects[4 + i].y, 3));

  const histogram = await drawn(spec("histogram"));
  expect(histogram.categories).toEqual(BINS.map(([from]) => `${from} MW`));
  const bars = histogram.rects;
  for (let i = 1; i < bars.length; i++) expect(bars[i].x).toBeCloseTo(bars[i - 1].x + bars[i - 1].width, 1);

  const scurve = await drawn(spec("scurve"));
  expect(scurve.xTicks).toEqual(["80 MW", "90 MW", "100 MW", "110 MW", "120 MW"]);
  expect([scurve.polylines, scurve.markers]).toEqual([1, CDF.length]);
  expect(scurve.ticks).toEqual(["0%", "20%", "40%", "60%", "80%", "100%"]);

  // Charts stand at their anchors' cells: the tornado's top-left corner at G2's.
  const corner = async (address: string) => (await h.gridCell(page, address).boundingBox())!;
  const figure = async (name: string) => (await page.locator(`figure[data-chart="${name}"]`).boundingBox())!;
  const [g2, tornadoBox] = [await corner("G2"), await figure("BP_t1_tornado")];
  expect(Math.abs(tornadoBox.y - g2.y)).toBeLessThan(8);
  expect(Math.abs(tornadoBox.x - g2.x)).toBeLessThan(8);

  // The heat map's numbers are shaded low → high; its headers are not.
  const fill = (address: string) =>
    h.gridCell(page, address).evaluate((td) => [getComputedStyle(td).backgroundColor, getComputedStyle(td).color]);
  const lowest = HEAT_COLS[0] / HEAT_ROWS[HEAT_ROWS.length - 1];
  const highest = HEAT_COLS[HEAT_COLS.length - 1] / HEAT_ROWS[0];
  expect(lowest).toBeLessThan(highest);
  expect(await fill("B30")).toEqual(["rgb(222, 235, 247)", "rgb(0, 0, 0)"]); // COLOR_SCALE.low, black text
  expect(await fill("E27")).toEqual(["rgb(49, 130, 189)", "rgb(0, 0, 0)"]); // COLOR_SCALE.high
  expect((await fill("B26"))[0]).toBe("rgba(0, 0, 0, 0)");
  await page.getByRole("table", { name: "Sheet Analysis" }).screenshot({ path: chartShot("what-if", "heat-map") });
  for (const c of plan.charts) {
    const chart = page.locator(`figure[data-chart="${c.name}"]`);
    // From the grid's top-left corner, so the sticky row headers do not cover a chart scrolled under them.
    await chart.evaluate((f) => f.closest('[tabindex="0"]')!.scrollTo(0, 0));
    await chart.screenshot({ path: chartShot("what-if", c.name) });
  }
  // The grid's scroll area (with its headers) reaches past the rightmost chart (the S-curve at P2)
  // and the lowest (the histogram at G32), so both can be scrolled to whole.
  for (const name of ["BP_t1_scurve", "BP_t1_histogram"]) {
    const [right, bottom, width, height] = await page.locator(`figure[data-chart="${name}"]`).evaluate((f) => {
      const [frame, content] = [f.parentElement!, f.parentElement!.parentElement!];
      return [
        frame.offsetLeft + frame.offsetWidth,
        frame.offsetTop + frame.offsetHeight,
        content.offsetWidth,
        content.offsetHeight,
      ];
    });
    expect([name, right <= width, bottom <= height]).toEqual([name, true, true]);
  }

  // The histogram stands below the used range (at G32): scrolled to, it moves with the cells.
  await page.locator('figure[data-chart="BP_t1_histogram"]').scrollIntoViewIfNeeded();
  const [g32, histogramBox] = [await corner("G32"), await figure("BP_t1_histogram")];
  expect(Math.abs(histogramBox.y - g32.y)).toBeLessThan(8);
  await snap(page, "what-if-sheet-scrolled");
});

test("the function reference link opens the served functions.html, not the add-in's dev server", async () => {
  const link = page.getByRole("link", { name: "INFRA function reference" });
  const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
  expect(href).toBe(new URL("functions.html", workbench.url).href);
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("INFRA.GOODPUT");
});

test("the page is served with its Content-Security-Policy and runs under it", async () => {
  const response = await page.request.get(workbench.url);
  expect(response.headers()["content-security-policy"]).toContain("script-src 'self'");
  // The afterEach check finds no violation after every step above, builds and charts included.
});
