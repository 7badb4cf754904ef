import { averageRanks, histogram, pearson, sCurve, spearman, summaryStatistics } from "../../../src/model/whatif";

const oneToTen = Float64Array.from({ length: 10 }, (_, i) => i + 1);

test("summary statistics of 1…10 match Excel (AVERAGE 5.5, STDEV.S √(55/6), PERCENTILE.INC 1.9, 5.5, 9.1)", () => {
  const s = summaryStatistics(oneToTen);
  expect(s.mean).toBe(5.5);
  expect(s.sd).toBeCloseTo(Math.sqrt(55 / 6), 14);
  expect(s.stdError).toBeCloseTo(Math.sqrt(55 / 6) / Math.sqrt(10), 14);
  expect(s.p10).toBeCloseTo(1.9, 14);
  expect(s.p50).toBe(5.5);
  expect(s.p90).toBeCloseTo(9.1, 14);
  expect([s.min, s.max]).toEqual([1, 10]);
  expect(summaryStatistics(Float64Array.of(3)).sd).toBeNaN();
});

test("average ranks share ties; Spearman of a monotone pair is ±1 and of a known small sample as by hand", () => {
  expect([...averageRanks(Float64Array.of(10, 20, 20, 5, 20))]).toEqual([2, 4, 4, 1, 4]);
  const x = Float64Array.of(1, 2, 3, 4, 5);
  expect(
    spearman(
      x,
      x.map((v) => v ** 3),
    ),
  ).toBeCloseTo(1, 15);
  expect(
    spearman(
      x,
      x.map((v) => -Math.exp(v)),
    ),
  ).toBeCloseTo(-1, 15);
  // Ranks (1..5) against (2, 1, 4, 3, 5): Σd² = 4, so ρ = 1 − 6·4/(5·24) = 0.8 (Spearman's formula without ties).
  expect(spearman(x, Float64Array.of(20, 10, 40, 30, 50))).toBeCloseTo(0.8, 14);
  expect(pearson(x, Float64Array.of(7, 7, 7, 7, 7))).toBeNaN();
});

test("histogram edges are nice numbers, 10–50 bins, counts complete", () => {
  const values = Float64Array.from({ length: 1000 }, (_, i) => 0.137 + (i / 999) * 3.2);
  const h = histogram(values);
  expect(h.length).toBeGreaterThanOrEqual(10);
  expect(h.length).toBeLessThanOrEqual(50);
  const width = h[0].to - h[0].from;
  expect([0.1, 0.2, 0.25, 0.5].some((w) => Math.abs(width - w) < 1e-12)).toBe(true);
  for (const bin of h) expect(Math.abs(bin.from / width - Math.round(bin.from / width))).toBeLessThan(1e-9);
  expect(h.reduce((s, b) => s + b.count, 0)).toBe(1000);
  expect(histogram(Float64Array.of(4, 4, 4))).toEqual([{ from: 4, to: 4, count: 3 }]);
  expect(histogram(new Float64Array(0))).toEqual([]);
});

test("S-curve of few values has one point per value; of many, 201", () => {
  expect(sCurve(Float64Array.of(3, 1, 2))).toEqual([
    { x: 1, p: 0 },
    { x: 2, p: 0.5 },
    { x: 3, p: 1 },
  ]);
  expect(sCurve(Float64Array.from({ length: 500 }, (_, i) => i))).toHaveLength(201);
});
