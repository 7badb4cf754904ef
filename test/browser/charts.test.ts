/**
 * The generated sheets' charts in a real browser (issue 10 point 6), served as `npm start` serves
 * the workbench (scripts/static-server.js, with its Content-Security-Policy: issue 11 point 7).
 * Each scenario kind is built through the wizard; every chart drawn on its sheet must show the
 * spec's title, both axis titles, category labels, a formatted value scale and, with more than one
 * series, a legend naming them. A screenshot of each sheet and each chart is left in
 * test-artifacts/charts/. The pane's function reference link opens the served functions.html
 * (issue 10 point 8).
 */
import path from "path";
import type { Page } from "playwright-core";
import type { ChartSpec } from "../../src/scenario/plan";
import type { EngineWorkbook } from "../../src/workbench/workbook";
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
      polylines: f.querySelectorAll("polyline").length,
      markers: f.querySelectorAll('circle[data-part="point"]').length,
      rects: rects.map((r) => ({ width: r.width, height: r.height })),
    };
  });
}

/** A tick label as the spec's number format writes it. */
const TICK_PATTERNS: Partial<Record<ChartSpec["valueFormat"], RegExp>> = {
  mw: /^-?[\d,]+\.\d MW$/,
  percent: /^-?[\d,]+\.\d\d%$/,
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
    expect(chart.categories.length).toBeGreaterThan(0);
    expect(chart.categories.every((c) => c.trim() !== "")).toBe(true);
    expect(chart.ticks.length).toBeGreaterThanOrEqual(3);
    const pattern = TICK_PATTERNS[spec.valueFormat];
    if (pattern) for (const tick of chart.ticks) expect(tick).toMatch(pattern);
    expect(chart.legend).toEqual(spec.series.length > 1 ? spec.series.map((s) => s.name) : []);
    expect(chart.dataLabels.length > 0).toBe(spec.dataLabels);
    if (spec.type === "Line") {
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
