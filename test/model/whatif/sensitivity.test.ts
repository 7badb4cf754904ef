import { dataTable1, dataTable2, spider, tornado } from "../../../src/model/whatif";

// A linear model f = c + Σ a_i·x_i: one-at-a-time swings are exact (Clemen, Making Hard Decisions, ch. 5).
const a = [3, -7, 0.5, 0];
const c = 11;
const linear = (x: readonly number[]) => c + x.reduce((sum, v, i) => sum + a[i] * v, 0);
const base = [10, 2, 40, 5];
const swings = [
  { low: 8, high: 12 },
  { low: 1, high: 3.5 },
  { low: 20, high: 60 },
  { low: 0, high: 10 },
];

describe("tornado", () => {
  test("a linear output's bars are exact: atLow − f(base) = a·(low − base), sorted by |atHigh − atLow|", () => {
    const t = tornado(linear, base, swings);
    expect(t.base).toBe(linear(base));
    // swings: |3·4| = 12, |−7·2.5| = 17.5, |0.5·40| = 20, 0.
    expect(t.bars.map((b) => b.index)).toEqual([2, 1, 0, 3]);
    for (const bar of t.bars) {
      const i = bar.index;
      expect(bar.low).toBe(swings[i].low);
      expect(bar.high).toBe(swings[i].high);
      expect(bar.atLow).toBeCloseTo(t.base + a[i] * (swings[i].low - base[i]), 12);
      expect(bar.atHigh).toBeCloseTo(t.base + a[i] * (swings[i].high - base[i]), 12);
      expect(bar.swing).toBeCloseTo(Math.abs(a[i]) * (swings[i].high - swings[i].low), 12);
    }
  });

  test("bars with no value at an end come last; only one input changes at a time", () => {
    const seen: number[][] = [];
    const f = (x: readonly number[]) => {
      seen.push([...x]);
      return x[1] > 3 ? NaN : linear(x);
    };
    const t = tornado(f, base, swings);
    expect(t.bars[t.bars.length - 1].index).toBe(1);
    expect(t.bars[t.bars.length - 1].swing).toBeNaN();
    for (const x of seen) expect(x.filter((v, i) => v !== base[i]).length).toBeLessThanOrEqual(1);
  });

  test("one swing per input is required", () => {
    expect(() => tornado(linear, base, swings.slice(1))).toThrow(/one swing per input/);
  });
});

describe("spider", () => {
  test("a linear output gives straight lines through the base, steps evenly spaced on each side", () => {
    const { points } = spider(linear, base, swings, 5);
    expect(points).toHaveLength(4);
    for (const p of points) {
      const i = p.index;
      expect(p.inputs).toHaveLength(5);
      expect(p.inputs[0]).toBe(swings[i].low);
      expect(p.inputs[2]).toBe(base[i]);
      expect(p.inputs[4]).toBe(swings[i].high);
      expect(p.inputs[1]).toBeCloseTo((swings[i].low + base[i]) / 2, 12);
      p.values.forEach((v, j) => expect(v).toBeCloseTo(linear(base) + a[i] * (p.inputs[j] - base[i]), 12));
    }
  });

  test("steps must be odd and at least 3", () => {
    expect(() => spider(linear, base, swings, 4)).toThrow(/odd/);
    expect(() => spider(linear, base, swings, 1)).toThrow(/odd/);
  });
});

describe("data tables (Excel's Data Table: each cell is f with the table's inputs replaced)", () => {
  const f = (x: readonly number[]) => x[0] * x[1] + x[2];
  const b = [2, 3, 1];

  test("one input", () => {
    expect(dataTable1(f, b, 1, [0, 1, 10])).toEqual([1, 3, 21]);
    expect(() => dataTable1(f, b, 3, [1])).toThrow(/input position from 0 to 2/);
  });

  test("two inputs: result[r][c] with the row input at rowValues[r] and the column input at colValues[c]", () => {
    expect(dataTable2(f, b, 0, [1, 2], 2, [0, 5, 7])).toEqual([
      [3, 8, 10],
      [6, 11, 13],
    ]);
    expect(() => dataTable2(f, b, 1, [1], 1, [2])).toThrow(/two different inputs/);
  });

  test("the base vector is not changed", () => {
    const copy = [...b];
    dataTable2(f, b, 0, [5], 1, [6]);
    dataTable1(f, b, 0, [9]);
    expect(b).toEqual(copy);
  });
});
