/** The workbench charts' arithmetic (src/workbench/chartScale.ts): nice value axes, gaps, labels that fit. */
import {
  barLayout,
  clip,
  fittingScale,
  labelEvery,
  niceStep,
  pointOf,
  trimZeros,
  valueScale,
  wrap,
} from "../../src/workbench/chartScale";

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

test("labelEvery shows every label that fits, else every k-th with k round (2, 5, 10, 20…)", () => {
  expect(labelEvery(20, 60)).toBe(1);
  expect(labelEvery(20, 6.3)).toBe(5); // 4 would fit: 5 shows round months 0, 5, 10
  expect(labelEvery(20, 0)).toBe(20);
  expect(labelEvery(60, 3.5)).toBe(20); // 17 would fit: every 20th month, not 0, 17, 34
});

test("trimZeros drops the decimal zeros every label shares, and no more", () => {
  expect(trimZeros(["0.00%", "10.00%", "20.00%"])).toEqual(["0%", "10%", "20%"]);
  expect(trimZeros(["12.50%", "25.00%"])).toEqual(["12.5%", "25.0%"]);
  expect(trimZeros(["$0", "$200.0 M", "$1.0 B", "-$200.0 M"])).toEqual(["$0", "$200 M", "$1 B", "-$200 M"]);
  expect(trimZeros(["0.0 months", "2.5 months"])).toEqual(["0.0 months", "2.5 months"]);
  expect(trimZeros(["1,000", "2,000"])).toEqual(["1,000", "2,000"]);
  // Each scale's labels on their own: millions lose their ".0", billions keep the decimal they need.
  expect(trimZeros(["$400.0 M", "$800.0 M", "$1.2 B", "$1.6 B"])).toEqual(["$400 M", "$800 M", "$1.2 B", "$1.6 B"]);
});

test("fittingScale never labels a tick with a value it is not (1.25 shown with one decimal as 1.3)", () => {
  const oneDecimal = (v: number) => `$${(v / 1e9).toFixed(1)} B`;
  // 0.25 … 1.35 rough steps of 0.22 give steps of 0.25 (1.25 → "$1.3 B"); 0.5 shows each tick as itself.
  const { scale, labels } = fittingScale([0.25e9, 1.35e9], 1000, oneDecimal, () => 10, false);
  expect(scale.ticks[1] - scale.ticks[0]).toBe(0.5e9);
  expect(labels).toEqual(["$0.0 B", "$0.5 B", "$1.0 B", "$1.5 B"]);
});

test("fittingScale uses fewer ticks when their labels would overlap, never fewer than needed", () => {
  const labels = (t: number) => `$${t} M`;
  const size = (l: string) => l.length * 7;
  // −200 … 300 in steps of 100: six labels of up to 42 px in 250 px overlap (50 px apart is enough, 42 + gap is not).
  const wide = fittingScale([-150, 220], 250, labels, (l) => size(l) + 12);
  expect(wide.scale.ticks.length).toBeLessThan(6);
  const gaps = wide.scale.ticks
    .slice(1)
    .map((t, i) => ((t - wide.scale.ticks[i]) / (wide.scale.max - wide.scale.min)) * 250);
  for (const g of gaps) expect(g).toBeGreaterThanOrEqual(Math.max(...wide.labels.map(size)) + 12);
  expect(wide.scale.min).toBeLessThanOrEqual(-150);
  expect(wide.scale.max).toBeGreaterThanOrEqual(220);
  // Room enough: the usual five intervals.
  expect(fittingScale([-150, 220], 1000, labels, size).scale).toEqual(valueScale([-150, 220]));
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
