/** The workbench charts' arithmetic (src/workbench/chartScale.ts): nice value axes, gaps, labels that fit. */
import { barLayout, clip, labelEvery, niceStep, pointOf, valueScale, wrap } from "../../src/workbench/chartScale";

describe("niceStep: the smallest of 1, 2, 2.5, 5 × 10^k at least the rough step", () => {
  test.each([
    [0.7, 1],
    [1, 1],
    [1.2, 2],
    [2.2, 2.5],
    [3, 5],
    [7, 10],
    [23, 25],
    [0.0031, 0.005],
    [180, 200],
    [2.6e9, 5e9],
  ])("%p → %p", (rough, step) => expect(niceStep(rough)).toBeCloseTo(step, 12));
});

describe("valueScale", () => {
  test("covers every value and zero with evenly spaced nice ticks", () => {
    expect(valueScale([12, 87, 45])).toEqual({ min: 0, max: 100, ticks: [0, 20, 40, 60, 80, 100] });
    expect(valueScale([0.023, 0.851])).toEqual({ min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(valueScale([-30, 50])).toEqual({ min: -40, max: 60, ticks: [-40, -20, 0, 20, 40, 60] });
  });

  test("ticks carry no float artefacts (0.30000000000000004)", () => {
    const { ticks } = valueScale([0.05, 0.31], 7); // rough step 0.044 → 0.05
    expect(ticks).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
  });

  test("all zeros, or nothing, gives a unit axis instead of dividing by zero", () => {
    expect(valueScale([0, 0])).toEqual({ min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(valueScale([])).toEqual(valueScale([0]));
  });

  test("large money values keep at most maxTicks intervals", () => {
    const { ticks, max } = valueScale([1.234e9, 3.4e8], 5);
    expect(max).toBeGreaterThanOrEqual(1.234e9);
    expect(ticks.length - 1).toBeLessThanOrEqual(5);
    expect(ticks[1] - ticks[0]).toBe(2.5e8);
  });
});

test("pointOf: only finite numbers are points; text, errors and blanks are gaps, never 0", () => {
  expect([3.5, 0, "#VALUE!", "12", null, undefined, true, NaN].map((v) => pointOf(v as never))).toEqual([
    3.5,
    0,
    null,
    null,
    null,
    null,
    null,
    null,
  ]);
});

test("labelEvery shows every label that fits, and every k-th when they would overlap", () => {
  expect(labelEvery(20, 60)).toBe(1);
  expect(labelEvery(20, 6.3)).toBe(4);
  expect(labelEvery(20, 0)).toBe(20);
});

test("clip cuts long labels with an ellipsis and leaves short ones", () => {
  expect(clip("Checkpoint overhead", 30)).toBe("Checkpoint overhead");
  expect(clip("Distributed redundant (3N/2)", 12)).toBe("Distributed…");
  expect(clip("x".repeat(32_767), 28)).toHaveLength(28);
});

test("wrap breaks between words (after a comma first) onto two lines, then cuts", () => {
  expect(wrap("2N", 10)).toEqual(["2N"]);
  expect(wrap("Distributed redundant", 17)).toEqual(["Distributed", "redundant"]);
  expect(wrap("Distributed redundant (3N/2) with catcher", 17)).toEqual(["Distributed", "redundant (3N/2)…"]);
  expect(wrap("Unbreakablelabelthatistoolong", 10)).toEqual(["Unbreakab…"]);
  expect(wrap("2N FLEX, N = 4", 12, 3)).toEqual(["2N FLEX,", "N = 4"]);
});

describe("valueScale without zero (a scatter chart's x axis)", () => {
  test("runs over the values only", () => {
    expect(valueScale([80, 120], 5, false)).toEqual({ min: 80, max: 120, ticks: [80, 90, 100, 110, 120] });
    expect(valueScale([80, 120])).toMatchObject({ min: 0, max: 125 }); // with zero: steps of 25
  });
  test("one value gets an axis up to twice it, not an empty one", () => {
    expect(valueScale([50], 5, false)).toMatchObject({ min: 50, max: 100 });
  });
});

describe("barLayout: Excel's clustered bars and columns", () => {
  test("the default (gap 100 %, no overlap) is the earlier layout: band / (series + 1) wide, half a bar of gap each side", () => {
    const { bar, offset } = barLayout(2, 90);
    expect(bar).toBeCloseTo(30, 12);
    expect([offset(0), offset(1)]).toEqual([15, 45]);
  });
  test("overlap 100 puts every series on one line (a tornado)", () => {
    const { bar, offset } = barLayout(2, 60, 50, 100);
    expect(bar).toBeCloseTo(40, 12); // band = bar × (1 + 0.5)
    expect(offset(1)).toBe(offset(0));
    expect(offset(0)).toBeCloseTo(10, 12);
  });
  test("gap width 0 makes one series' columns fill their bands: neighbours touch (a histogram)", () => {
    const { bar, offset } = barLayout(1, 25, 0);
    expect([bar, offset(0)]).toEqual([25, 0]);
  });
});
