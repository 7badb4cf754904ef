import { lognormalParameters } from "../../../src/model/buildout/distributions";
import { normalCdf } from "../../../src/model/buildout/normal";
import {
  InputDistribution,
  SimulationSpec,
  UncertainInput,
  simulateOutput,
  simulationProblems,
  spearman,
} from "../../../src/model/whatif";

const sum = (x: readonly number[]) => x.reduce((s, v) => s + v, 0);
const spec = (uncertain: UncertainInput[], trials: number, extra: Partial<SimulationSpec> = {}): SimulationSpec => ({
  base: uncertain.map(() => 0),
  uncertain,
  trials,
  seed: 7,
  ...extra,
});
const inputs = (ds: InputDistribution[]): UncertainInput[] =>
  ds.map((distribution, index) => ({ index, distribution }));
const density = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);

describe("moments of a sum of independent inputs against closed forms", () => {
  const N = 40_000;
  const ln = lognormalParameters(0, 1, 5);
  // Means and variances: PERT (a + 4m + b)/6 and αβ(b − a)²/252 with α = 1 + 4(m − a)/(b − a), α + β = 6
  // (Vose, Risk Analysis, §9.1.3); triangular (a + m + b)/3 and (a² + m² + b² − am − ab − mb)/18; uniform
  // (a + b)/2 and (b − a)²/12; the shifted lognormal min + e^(μ + σ²/2) and (e^(σ²) − 1)·e^(2μ + σ²); normal μ, σ².
  const cases: [InputDistribution, number, number][] = [
    [{ kind: "pert", min: 1, likely: 2, max: 6 }, 2.5, (1.8 * 4.2 * 25) / 252],
    [{ kind: "triangular", min: 0, likely: 1, max: 4 }, 5 / 3, 13 / 18],
    [{ kind: "uniform", min: 2, likely: 3, max: 5 }, 3.5, 9 / 12],
    [
      { kind: "lognormal", min: 0, likely: 1, max: 5 },
      Math.exp(ln.mu + ln.sigma ** 2 / 2),
      (Math.exp(ln.sigma ** 2) - 1) * Math.exp(2 * ln.mu + ln.sigma ** 2),
    ],
    [{ kind: "normal", mean: 10, sd: 2 }, 10, 4],
  ];
  const run = simulateOutput(sum, spec(inputs(cases.map((c) => c[0])), N));
  const mean = sum(cases.map((c) => c[1]));
  const variance = sum(cases.map((c) => c[2]));

  test("no trial fails and every input's own mean matches within 4 standard errors", () => {
    expect(run.failed).toBe(0);
    cases.forEach(([, m, v], k) => {
      const column = run.inputs[k];
      expect(Math.abs(column.reduce((s, x) => s + x, 0) / N - m)).toBeLessThan(4 * Math.sqrt(v / N));
    });
  });

  test("the output's mean is the sum of the means, within 4 standard errors", () => {
    expect(Math.abs(run.stats.mean - mean)).toBeLessThan(4 * Math.sqrt(variance / N));
    expect(run.stats.stdError).toBeCloseTo(run.stats.sd / Math.sqrt(N), 15);
  });

  test("the output's variance is the sum of the variances, within 4 standard errors of s²", () => {
    // Var(s²) ≈ (m₄ − s⁴)/n (Cramér, Mathematical Methods of Statistics, 1946, §27.4), m₄ from the sample.
    const s2 = run.stats.sd ** 2;
    const m4 = run.samples.reduce((s, y) => s + (y - run.stats.mean) ** 4, 0) / N;
    expect(Math.abs(s2 - variance)).toBeLessThan(4 * Math.sqrt((m4 - s2 * s2) / N));
  });
});

describe("rank correlation by a Gaussian copula", () => {
  const N = 20_000;
  const target = [
    [1, 0.6, -0.3],
    [0.6, 1, 0.2],
    [-0.3, 0.2, 1],
  ];
  // Spearman's ρ has standard error below 1/√(n − 1) (exactly that for independent samples); tests allow 4.
  const tolerance = 4 / Math.sqrt(N - 1);

  test.each([
    [
      "normals",
      [
        { kind: "normal", mean: 0, sd: 1 },
        { kind: "normal", mean: 5, sd: 3 },
        { kind: "normal", mean: -2, sd: 0.1 },
      ],
    ],
    [
      "PERT, lognormal and uniform (ranks do not depend on the marginals)",
      [
        { kind: "pert", min: 1, likely: 2, max: 9 },
        { kind: "lognormal", min: 0, likely: 1, max: 5 },
        { kind: "uniform", min: 0, likely: 0, max: 1 },
      ],
    ],
  ] as [string, InputDistribution[]][])("%s reproduce the requested rank correlations", (_, ds) => {
    const run = simulateOutput((x) => x[0], spec(inputs(ds), N, { correlation: target }));
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++) {
        expect(Math.abs(spearman(run.inputs[i], run.inputs[j]) - target[i][j])).toBeLessThan(tolerance);
      }
    }
    // The output is input 1 itself: its rank correlation with it is 1, with the others as requested.
    expect(run.rankCorrelation[0]).toBeCloseTo(1, 12);
    expect(Math.abs(run.rankCorrelation[1] - 0.6)).toBeLessThan(tolerance);
    expect(Math.abs(run.rankCorrelation[2] + 0.3)).toBeLessThan(tolerance);
  });

  test("a rank correlation of 1 (positive semidefinite, singular) gives identical ranks", () => {
    const ds: InputDistribution[] = [
      { kind: "normal", mean: 0, sd: 1 },
      { kind: "triangular", min: 0, likely: 1, max: 3 },
    ];
    const run = simulateOutput(
      (x) => x[0],
      spec(inputs(ds), 2000, {
        correlation: [
          [1, 1],
          [1, 1],
        ],
      }),
    );
    expect(spearman(run.inputs[0], run.inputs[1])).toBeCloseTo(1, 9);
  });

  test("an input's draws do not depend on other, independent inputs (common random numbers)", () => {
    const a: InputDistribution = { kind: "uniform", min: 0, likely: 0, max: 1 };
    const one = simulateOutput(sum, spec(inputs([a]), 1000));
    const two = simulateOutput(sum, spec(inputs([a, { kind: "normal", mean: 0, sd: 1 }]), 1000));
    expect(two.inputs[0]).toEqual(one.inputs[0]);
  });
});

describe("truncation and integers", () => {
  test("a normal truncated to [−1, 2] is conditioned, not clamped: its mean is the truncated normal's", () => {
    const N = 40_000;
    const run = simulateOutput(
      sum,
      spec([{ index: 0, distribution: { kind: "normal", mean: 0, sd: 1 }, low: -1, high: 2 }], N),
    );
    const x = run.inputs[0];
    expect(x.every((v) => v > -1 && v < 2)).toBe(true);
    // Johnson, Kotz and Balakrishnan, Continuous Univariate Distributions 1, 2nd ed., §10.1: with Z = Φ(β) − Φ(α),
    // mean = (φ(α) − φ(β))/Z and variance = 1 + (αφ(α) − βφ(β))/Z − mean².
    const z = normalCdf(2) - normalCdf(-1);
    const mean = (density(-1) - density(2)) / z;
    const variance = 1 + (-1 * density(-1) - 2 * density(2)) / z - mean * mean;
    expect(Math.abs(run.stats.mean - mean)).toBeLessThan(4 * Math.sqrt(variance / N));
  });

  test("truncation keeps every distribution's samples in range", () => {
    const ds: InputDistribution[] = [
      { kind: "pert", min: 0, likely: 5, max: 10 },
      { kind: "lognormal", min: 1, likely: 2, max: 4 },
      { kind: "triangular", min: -5, likely: 0, max: 5 },
    ];
    const run = simulateOutput(
      sum,
      spec(
        ds.map((distribution, index) => ({ index, distribution, low: 2, high: 3 })),
        5000,
      ),
    );
    for (const column of run.inputs) expect(column.every((v) => v >= 2 && v <= 3)).toBe(true);
  });

  test("a three-point distribution with min = likely = max is a fixed value; outside the range it is refused", () => {
    const point: InputDistribution = { kind: "pert", min: 3, likely: 3, max: 3 };
    const run = simulateOutput(sum, spec([{ index: 0, distribution: point, low: 0, high: 3 }], 100));
    expect(run.inputs[0].every((v) => v === 3)).toBe(true);
    expect(run.stats.sd).toBe(0);
    expect(simulationProblems(spec([{ index: 0, distribution: point, low: 3, lowExclusive: true }], 100))).toEqual([
      "uncertain input 1: the distribution puts no probability in the input's range 3 to ∞",
    ]);
  });

  test("integer inputs are whole numbers in range, each value with its probability", () => {
    const N = 20_000;
    const run = simulateOutput(
      sum,
      spec([{ index: 0, distribution: { kind: "uniform", min: 0.5, likely: 1, max: 10.5 }, integer: true }], N),
    );
    const counts = new Map<number, number>();
    run.inputs[0].forEach((v) => counts.set(v, (counts.get(v) ?? 0) + 1));
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const c of counts.values()) expect(Math.abs(c / N - 0.1)).toBeLessThan(4 * Math.sqrt(0.09 / N));
    // Above an exclusive low of 0, a draw that rounds to 0 becomes 1.
    const above = simulateOutput(
      sum,
      spec(
        [
          {
            index: 0,
            distribution: { kind: "uniform", min: -0.4, likely: 0, max: 3 },
            integer: true,
            low: 0,
            lowExclusive: true,
          },
        ],
        2000,
      ),
    );
    expect(Math.min(...above.inputs[0])).toBe(1);
  });
});

describe("summaries of the output", () => {
  const N = 10_000;
  const failing = (x: readonly number[]) => (x[0] < 0.2 ? NaN : x[0]);
  const run = simulateOutput(failing, spec(inputs([{ kind: "uniform", min: 0, likely: 0.5, max: 1 }]), N));

  test("failed trials are counted and left out of the statistics", () => {
    const nan = run.samples.filter((v) => Number.isNaN(v)).length;
    expect(run.failed).toBe(nan);
    expect(Math.abs(nan / N - 0.2)).toBeLessThan(4 * Math.sqrt(0.16 / N));
    expect(run.stats.min).toBeGreaterThanOrEqual(0.2);
    expect(run.stats.max).toBeLessThanOrEqual(1);
  });

  test("histogram: contiguous bins covering [min, max], counts summing to the trials that did not fail", () => {
    const h = run.histogram;
    expect(h.length).toBeGreaterThanOrEqual(10);
    expect(h.length).toBeLessThanOrEqual(50);
    expect(h[0].from).toBeLessThanOrEqual(run.stats.min);
    expect(h[h.length - 1].to).toBeGreaterThanOrEqual(run.stats.max);
    h.slice(1).forEach((bin, b) => expect(bin.from).toBe(h[b].to));
    expect(h.reduce((s, bin) => s + bin.count, 0)).toBe(N - run.failed);
    const valid = run.samples.filter((v) => !Number.isNaN(v));
    h.forEach((bin, b) => {
      const last = b === h.length - 1;
      expect(bin.count).toBe(valid.filter((v) => v >= bin.from && (last ? v <= bin.to : v < bin.to)).length);
    });
  });

  test("S-curve: at most 201 points, ascending, from min to max, its P50 the median", () => {
    const c = run.cdf;
    expect(c.length).toBeLessThanOrEqual(201);
    expect(c[0]).toEqual({ x: run.stats.min, p: 0 });
    expect(c[c.length - 1]).toEqual({ x: run.stats.max, p: 1 });
    c.slice(1).forEach((point, k) => {
      expect(point.x).toBeGreaterThanOrEqual(c[k].x);
      expect(point.p).toBeGreaterThan(c[k].p);
    });
    expect(c.find((point) => point.p === 0.5)?.x).toBe(run.stats.p50);
    // The output is uniform on [0.2, 1] given success: median 0.6; sd of a sample median √(p(1−p)/n)/f.
    expect(Math.abs(run.stats.p50 - 0.6)).toBeLessThan((4 * Math.sqrt(0.25 / (N - run.failed))) / 1.25);
  });

  test("the same seed gives the same result bit for bit; another seed differs", () => {
    const s = spec(
      inputs([
        { kind: "pert", min: 0, likely: 1, max: 4 },
        { kind: "normal", mean: 0, sd: 1 },
      ]),
      3000,
      {
        correlation: [
          [1, 0.5],
          [0.5, 1],
        ],
      },
    );
    const a = simulateOutput(sum, s);
    const b = simulateOutput(sum, s);
    expect(Buffer.from(b.samples.buffer).equals(Buffer.from(a.samples.buffer))).toBe(true);
    expect(b.stats).toEqual(a.stats);
    const c = simulateOutput(sum, { ...s, seed: 8 });
    expect(c.samples).not.toEqual(a.samples);
  });

  test("all trials failing gives no statistics rather than numbers", () => {
    const none = simulateOutput(() => NaN, spec(inputs([{ kind: "normal", mean: 0, sd: 1 }]), 100));
    expect(none.failed).toBe(100);
    expect(none.stats.mean).toBeNaN();
    expect(none.stats.p50).toBeNaN();
    expect(none.histogram).toEqual([]);
    expect(none.cdf).toEqual([]);
    expect(none.rankCorrelation[0]).toBeNaN();
  });
});

describe("invalid specs are refused with words", () => {
  const normal: InputDistribution = { kind: "normal", mean: 0, sd: 1 };
  const refused = (s: SimulationSpec, words: RegExp) => {
    expect(simulationProblems(s).join("; ")).toMatch(words);
    expect(() => simulateOutput(sum, s)).toThrow(words);
  };

  test("distributions", () => {
    refused(spec(inputs([{ kind: "pert", min: 3, likely: 1, max: 2 }]), 10), /PERT needs min ≤ likely ≤ max/);
    refused(spec(inputs([{ kind: "triangular", min: 0, likely: NaN, max: 2 }]), 10), /must be finite numbers/);
    refused(spec(inputs([{ kind: "normal", mean: 0, sd: 0 }]), 10), /standard deviation must be above 0/);
    refused(spec(inputs([{ kind: "lognormal", min: 0, likely: 0, max: 2 }]), 10), /lognormal needs min < likely < max/);
    refused(
      spec([{ index: 0, distribution: { kind: "uniform", min: 0, likely: 0, max: 1 }, low: 2, high: 3 }], 10),
      /no probability in the input's range 2 to 3/,
    );
  });

  test("correlations", () => {
    const two = spec(inputs([normal, normal]), 10);
    refused(
      {
        ...two,
        correlation: [
          [1, 0.5],
          [0.4, 1],
        ],
      },
      /must be symmetric/,
    );
    refused(
      {
        ...two,
        correlation: [
          [1, 0.5],
          [0.5, 0.9],
        ],
      },
      /with itself must be 1/,
    );
    refused(
      {
        ...two,
        correlation: [
          [1, 1.5],
          [1.5, 1],
        ],
      },
      /from −1 to 1/,
    );
    refused(
      {
        ...two,
        correlation: [
          [1, 0.5, 0],
          [0.5, 1, 0],
        ],
      },
      /must be 2 × 2/,
    );
    const three = spec(inputs([normal, normal, normal]), 10);
    const inconsistent = [
      [1, 0.9, -0.9],
      [0.9, 1, 0.9],
      [-0.9, 0.9, 1],
    ];
    refused(
      { ...three, correlation: inconsistent },
      /inconsistent with each other \(the matrix is not positive semidefinite/,
    );
  });

  test("trials, seed and indices", () => {
    refused(spec(inputs([normal]), 0), /trials must be a whole number from 1/);
    refused(spec(inputs([normal]), 10, { seed: -1 }), /seed must be a whole number from 0/);
    refused(spec([{ index: 3, distribution: normal }], 10), /index must be an input position from 0 to 0/);
    refused(
      spec(
        [
          { index: 0, distribution: normal },
          { index: 0, distribution: normal },
        ],
        10,
        { base: [0, 0] },
      ),
      /already uncertain/,
    );
  });
});
