import {
  blockSampler,
  distributionCdf,
  lognormalFits,
  lognormalQuantile,
  pertQuantile,
  pertTable,
  pertTableQuantile,
  triangularQuantile,
  uniformQuantile,
} from "../../../src/model";

// Closed forms: PERT with α, β integers is a Beta whose CDF is a binomial sum,
// I_x(a, b) = Σ_{j=a}^{a+b−1} C(a+b−1, j) x^j (1−x)^(a+b−1−j).
describe("three-point quantiles against closed forms", () => {
  test("PERT(0, 0, 10): Beta(1, 5), Q(p) = 10·(1 − (1 − p)^(1/5))", () => {
    for (const p of [0, 0.01, 0.1, 0.5, 0.9, 0.999, 1])
      expect(pertQuantile(0, 0, 10, p)).toBeCloseTo(10 * (1 - (1 - p) ** 0.2), 12);
  });

  test("PERT(0, 2.5, 10): Beta(2, 4), CDF 1 − (1−x)^5 − 5x(1−x)^4 at the quantile equals p", () => {
    for (const p of [0.001, 0.1, 0.5, 0.9, 0.999]) {
      const x = pertQuantile(0, 2.5, 10, p) / 10;
      expect(1 - (1 - x) ** 5 - 5 * x * (1 - x) ** 4).toBeCloseTo(p, 12);
    }
  });

  // SciPy 1.17: 6 + 30·scipy.stats.beta.ppf(p, 1.8, 4.2) (R: 6 + 30*qbeta(p, 1.8, 4.2)); PERT(6, 12, 36)
  // is Beta(1 + 4·6/30, 1 + 4·24/30) on [6, 36].
  test.each([
    [0.1, 8.69706391377725],
    [0.5, 14.300167781775567],
    [0.9, 22.36002151300746],
  ])("PERT(6, 12, 36) at p = %p is %p (SciPy beta.ppf)", (p, x) => {
    expect(pertQuantile(6, 12, 36, p)).toBeCloseTo(x, 11);
  });

  test("triangular: min + √(p(max−min)(likely−min)) below the mode, max − √((1−p)(max−min)(max−likely)) above", () => {
    expect(triangularQuantile(6, 12, 36, 0.5)).toBeCloseTo(36 - Math.sqrt(360), 12);
    expect(triangularQuantile(6, 12, 36, 0.1)).toBeCloseTo(6 + Math.sqrt(0.1 * 30 * 6), 12);
    expect(triangularQuantile(6, 12, 36, 0.2)).toBeCloseTo(12, 12); // the mode sits at p = 6/30
    expect(uniformQuantile(6, 36, 0.25)).toBe(13.5);
  });

  test("lognormal: starts at min, max is the 95th percentile, mode at likely", () => {
    expect(lognormalQuantile(6, 12, 36, 0.95)).toBeCloseTo(36, 10);
    expect(lognormalQuantile(6, 12, 36, 1e-12)).toBeGreaterThan(6);
    // σ from σ² + z·σ = ln((max−min)/(likely−min)), z = 1.6448536269514722; median = min + (likely−min)·e^(σ²).
    const z = 1.6448536269514722;
    const sigma = (-z + Math.sqrt(z * z + 4 * Math.log(30 / 6))) / 2;
    expect(lognormalQuantile(6, 12, 36, 0.5)).toBeCloseTo(6 + 6 * Math.exp(sigma * sigma), 10);
  });

  test("CDFs at hand-computed points: where an actual duration falls in its distribution", () => {
    expect(distributionCdf("triangular", 6, 12, 36, 12)).toBeCloseTo(6 / 30, 15); // the mode's share of the range
    expect(distributionCdf("triangular", 6, 12, 36, 24)).toBeCloseTo(1 - 12 ** 2 / (30 * 24), 15);
    expect(distributionCdf("uniform", 6, 21, 36, 13.5)).toBe(0.25);
    expect(distributionCdf("pert", 0, 0, 10, 3)).toBeCloseTo(1 - 0.7 ** 5, 14); // Beta(1, 5)
    expect(distributionCdf("lognormal", 6, 12, 36, 36)).toBeCloseTo(0.95, 13); // max is the 95th percentile
    for (const name of ["pert", "triangular", "uniform", "lognormal"] as const) {
      expect(distributionCdf(name, 6, 12, 36, 5)).toBe(0);
      expect(distributionCdf(name, 6, 12, 36, 6)).toBe(0);
    }
    expect(distributionCdf("uniform", 6, 12, 36, 40)).toBe(1);
    expect(distributionCdf("triangular", 6, 12, 36, 40)).toBe(1);
  });

  test("the lognormal fit refuses a likely so close to min that σ would overflow", () => {
    expect(lognormalFits(0, 1e-306, 1000)).toBe(false); // (max − min)/(likely − min) = 1e309
    expect(lognormalFits(0, 1e-10, 1000)).toBe(false); // 1e13 > 1e12
    expect(lognormalFits(0, 1e-9, 1000)).toBe(true);
    expect(lognormalFits(5, 5, 5)).toBe(true);
    expect(lognormalFits(1, 1, 10)).toBe(false);
    expect(lognormalFits(1, 10, 10)).toBe(false);
  });

  test("degenerate ranges return the single value", () => {
    expect(pertQuantile(5, 5, 5, 0.3)).toBe(5);
    expect(lognormalQuantile(5, 5, 5, 0.3)).toBe(5);
    const out = new Float64Array(3);
    blockSampler("pert", 4, 4, 4)(new Float64Array([0.1, 0.5, 0.9]), out, 3);
    expect(Array.from(out)).toEqual([4, 4, 4]);
  });
});

describe("the tabulated PERT quantile used for sampling", () => {
  // Shapes near 1 (α or β = 6 − α) give the density an infinite slope at an end of [0, 1].
  test.each([1, 1.001, 1.05, 1.4, 2, 3, 4.6, 4.95, 4.999, 5])(
    "α = %p: within 3e-5 of the exact quantile for p in [0.01, 0.99] and 3e-3 in the tails",
    (alpha) => {
      const table = pertTable(alpha);
      const likely = (alpha - 1) / 4;
      let inner = 0;
      let outer = 0;
      for (let i = 1; i < 10000; i++) {
        const u = i / 10000;
        const error = Math.abs(pertTableQuantile(table, u) - pertQuantile(0, likely, 1, u));
        if (u >= 0.01 && u <= 0.99) inner = Math.max(inner, error);
        else outer = Math.max(outer, error);
      }
      expect(inner).toBeLessThan(3e-5);
      expect(outer).toBeLessThan(3e-3);
    },
  );
});

/** Mean and standard deviation of a quantile function on [0, 1], by the midpoint rule over p. */
function moments(quantile: (p: number) => number, n = 200000): { mean: number; sd: number } {
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = quantile((i + 0.5) / n);
    s1 += x;
    s2 += x * x;
  }
  const mean = s1 / n;
  return { mean, sd: Math.sqrt(s2 / n - mean * mean) };
}

describe("PERT variance conventions (issue 13)", () => {
  test('"beta" (Vose §9.1.3, @RISK): α + β = 6, so a symmetric PERT(0, 5, 10) has σ = 10/√28 = 1.890', () => {
    const { mean, sd } = moments((p) => pertQuantile(0, 5, 10, p));
    expect(mean).toBeCloseTo(5, 6);
    expect(sd).toBeCloseTo(10 / Math.sqrt(28), 3);
  });

  test('"textbook" (Malcolm et al. 1959): σ = (max − min)/6; symmetric it is Beta(4, 4), whose CDF is a binomial sum', () => {
    // I_x(4, 4) = Σ_{j=4}^{7} C(7, j) x^j (1 − x)^(7 − j)
    const binom = [1, 7, 21, 35, 35, 21, 7, 1];
    for (const p of [0.01, 0.1, 0.5, 0.9, 0.99]) {
      const x = pertQuantile(0, 5, 10, p, "textbook") / 10;
      let cdf = 0;
      for (let j = 4; j <= 7; j++) cdf += binom[j] * x ** j * (1 - x) ** (7 - j);
      expect(cdf).toBeCloseTo(p, 12);
    }
    expect(moments((p) => pertQuantile(0, 5, 10, p, "textbook")).sd).toBeCloseTo(10 / 6, 3);
  });

  test.each([
    [6, 12, 36],
    [0, 0, 10],
    [0, 10, 10],
    [100, 130, 400],
  ])("both keep the PERT mean (min + 4·likely + max)/6; textbook σ = (max − min)/6 for (%p, %p, %p)", (a, m, b) => {
    const mean = (a + 4 * m + b) / 6;
    const textbook = moments((p) => pertQuantile(a, m, b, p, "textbook"));
    expect(textbook.mean).toBeCloseTo(mean, 3);
    expect(Math.abs(textbook.sd / ((b - a) / 6) - 1)).toBeLessThan(1e-4);
    expect(moments((p) => pertQuantile(a, m, b, p)).mean).toBeCloseTo(mean, 3);
  });

  test("the CDF inverts the quantile for the textbook shapes, down to α = 2/3 (likely at min)", () => {
    for (const [a, m, b] of [
      [0, 0, 10],
      [6, 12, 36],
      [0, 10, 10],
    ]) {
      for (const p of [0.001, 0.2, 0.5, 0.8, 0.999]) {
        expect(distributionCdf("pert_textbook", a, m, b, pertQuantile(a, m, b, p, "textbook"))).toBeCloseTo(p, 10);
      }
    }
  });

  test('BUILDOUT\'s "pert_textbook" sampler draws the textbook distribution: mean 15, σ 5 for (6, 12, 36)', () => {
    const n = 100000;
    const u = new Float64Array(n).map((_, i) => (i + 0.5) / n);
    const out = new Float64Array(n);
    blockSampler("pert_textbook", 6, 12, 36)(u, out, n);
    const mean = out.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(out.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(15, 2);
    expect(Math.abs(sd / 5 - 1)).toBeLessThan(1e-3);
    blockSampler("pert_textbook", 0, 0, 10)(u, out, n);
    expect(Math.abs(out.reduce((s, x) => s + x, 0) / n - 10 / 6)).toBeLessThan(1e-3);
  });
});
