import {
  DurationSampler,
  finishReport,
  GREENFIELD_TEMPLATE,
  greenfieldTemplateTable,
  parseTaskTable,
  percentilesInc,
  mwOnlineFan,
  planOf,
  simulate,
  triangularQuantile,
  UniformStream,
} from "../../../src/model";

type Row = (string | number)[];
const N = 100_000;
const run = (rows: Row[], trials = N, seed = 1, groupCorrelation = 0.5) => {
  const plan = planOf(parseTaskTable(rows));
  return { plan, sim: simulate(plan, { trials, seed, groupCorrelation }) };
};
const PS = [0.1, 0.5, 0.9];

/**
 * Monte Carlo error of a sample p-quantile: sd = √(p(1−p)/n) / f(x_p) (asymptotic normality of
 * order statistics). Tests allow 4.5 sd, so a correct sampler fails about once in 150,000 checks.
 */
const quantileTolerance = (p: number, density: number, n = N) => (4.5 * Math.sqrt((p * (1 - p)) / n)) / density;

describe("single tasks against analytic quantiles", () => {
  test("triangular(6, 12, 36): P10/P50/P90 within Monte Carlo error", () => {
    const { plan, sim } = run([["A", "", 6, 12, 36, "triangular"]]);
    const [row] = finishReport(plan, sim, PS);
    PS.forEach((p, k) => {
      const x = triangularQuantile(6, 12, 36, p);
      const density = x < 12 ? (2 * (x - 6)) / (30 * 6) : (2 * (36 - x)) / (30 * 24);
      expect(Math.abs(row.percentiles[k] - x)).toBeLessThan(quantileTolerance(p, density));
    });
    expect(Math.abs(row.mean - 18)).toBeLessThan(
      (4.5 * Math.sqrt((36 + 144 + 1296 - 72 - 216 - 432) / 18)) / Math.sqrt(N),
    );
  });

  test("PERT(6, 12, 36): P10/P50/P90 and the mean (min + 4·likely + max)/6 within Monte Carlo error", () => {
    const { plan, sim } = run([["A", "", 6, 12, 36, "pert"]]);
    const [row] = finishReport(plan, sim, PS);
    // SciPy 1.17: 6 + 30·beta.ppf(p, 1.8, 4.2), and beta.pdf there / 30 (R: qbeta, dbeta).
    const scipy = [
      [8.69706391377725, 0.05961462489544738],
      [14.300167781775567, 0.07025864944894028],
      [22.36002151300746, 0.02736533611038506],
    ];
    PS.forEach((p, k) => {
      const [x, density] = scipy[k];
      expect(Math.abs(row.percentiles[k] - x)).toBeLessThan(quantileTolerance(p, density));
    });
    const sd = Math.sqrt(((15 - 6) * (36 - 15)) / 7); // PERT variance (μ − min)(max − μ)/7
    expect(Math.abs(row.mean - 15)).toBeLessThan((4.5 * sd) / Math.sqrt(N));
  });
});

describe("networks against closed forms", () => {
  test("three independent uniform(0, 10) tasks in parallel: the project is their max, Q(p) = 10·p^(1/3)", () => {
    const { plan, sim } = run([
      ["A", "", 0, 5, 10, "uniform"],
      ["B", "", 0, 5, 10, "uniform"],
      ["C", "", 0, 5, 10, "uniform"],
    ]);
    const project = finishReport(plan, sim, PS)[3];
    PS.forEach((p, k) => {
      const x = 10 * p ** (1 / 3);
      expect(Math.abs(project.percentiles[k] - x)).toBeLessThan(quantileTolerance(p, (3 * x * x) / 1000));
    });
    // Each is the latest with probability 1/3.
    for (let i = 0; i < 3; i++) expect(Math.abs(sim.critical[i] / N - 1 / 3)).toBeLessThan(4.5 * Math.sqrt(2 / 9 / N));
  });

  test("a chain of two uniform(0, 10) tasks: the sum is triangular on [0, 20], Q(p) = 10·√(2p) below the median", () => {
    const { plan, sim } = run([
      ["A", "", 0, 5, 10, "uniform"],
      ["B", "A", 0, 5, 10, "uniform"],
    ]);
    const project = finishReport(plan, sim, PS)[2];
    PS.forEach((p, k) => {
      const x = p <= 0.5 ? 10 * Math.sqrt(2 * p) : 20 - 10 * Math.sqrt(2 * (1 - p));
      expect(Math.abs(project.percentiles[k] - x)).toBeLessThan(quantileTolerance(p, Math.min(x, 20 - x) / 100));
    });
    expect(sim.critical[0]).toBe(N);
    expect(sim.critical[1]).toBe(N);
  });

  test("a chain of five PERT tasks: mean and variance of the sum are the sums of the tasks'", () => {
    const rows: Row[] = [0, 1, 2, 3, 4].map((i) => [`T${i}`, i === 0 ? "" : `T${i - 1}`, 2 + i, 4 + i, 12 + 2 * i]);
    const { sim } = run(rows);
    let mean = 0;
    let variance = 0;
    rows.forEach(([, , a, m, b]) => {
      const mu = ((a as number) + 4 * (m as number) + (b as number)) / 6;
      mean += mu;
      variance += ((mu - (a as number)) * ((b as number) - mu)) / 7;
    });
    const sample = Array.from(sim.project);
    const sampleMean = sample.reduce((s, x) => s + x, 0) / N;
    const sampleVariance = sample.reduce((s, x) => s + (x - sampleMean) ** 2, 0) / (N - 1);
    expect(Math.abs(sampleMean - mean)).toBeLessThan(4.5 * Math.sqrt(variance / N));
    expect(Math.abs(sampleVariance / variance - 1)).toBeLessThan(4.5 * Math.sqrt(2 / N) * 1.2);
  });

  test("a dominant path is critical in every trial; a path with float never is", () => {
    const { plan, sim } = run(
      [
        ["Long", "", 20, 25, 30],
        ["Short", "", 1, 2, 3],
        ["End", "Long, Short", 1, 2, 3],
      ],
      10_000,
    );
    const rows = finishReport(plan, sim, PS);
    expect(rows.map((r) => r.criticality)).toEqual([1, 0, 1, 1]);
  });

  test("ties: two tasks with the same actual duration are both critical", () => {
    const { sim } = run(
      [
        ["A", "", 1, 2, 3, "pert", 0, "", 4],
        ["B", "", 1, 2, 3, "pert", 0, "", 4],
        ["C", "A, B", 1, 2, 3],
      ],
      1000,
    );
    expect(Array.from(sim.critical)).toEqual([1000, 1000, 1000]);
  });
});

describe("risk groups: one-factor Gaussian copula", () => {
  const spearman = (x: Float64Array, y: Float64Array) => {
    const ranks = (v: Float64Array) => {
      const idx = Array.from(v.keys()).sort((a, b) => v[a] - v[b]);
      const r = new Float64Array(v.length);
      idx.forEach((i, k) => (r[i] = k));
      return r;
    };
    const rx = ranks(x);
    const ry = ranks(y);
    const n = x.length;
    const m = (n - 1) / 2;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      sxy += (rx[i] - m) * (ry[i] - m);
      sxx += (rx[i] - m) ** 2;
    }
    return sxy / sxx;
  };
  const rows: Row[] = [
    ["Grid", "", 24, 48, 96, "pert", 0, "utility"],
    ["Substation", "", 12, 18, 40, "lognormal", 0, "Utility"],
    ["Build", "", 12, 20, 36, "triangular"],
  ];

  test.each([0, 0.5, 0.8, 1])("rank correlation within a group is group_correlation = %p; outside it is 0", (rs) => {
    const { sim } = run(rows, 20_000, 5, rs);
    // The standard error of Spearman's ρ is at most 1/√(n − 1) = 0.0071 (at ρ = 0); 0.032 is 4.5 of them.
    expect(Math.abs(spearman(sim.finish[0], sim.finish[1]) - rs)).toBeLessThan(0.032);
    expect(Math.abs(spearman(sim.finish[0], sim.finish[2]))).toBeLessThan(0.032);
  });
});

describe("reproducibility and replanning", () => {
  const rows: Row[] = [
    ["Site", "", 6, 9, 18],
    ["Grid", "Site", 24, 48, 96, "pert", 0, "utility"],
    ["Build", "Site", 12, 20, 36, "triangular", 0, "utility"],
  ];

  test("the same seed repeats exactly; another seed differs", () => {
    expect(run(rows, 5000, 42).sim).toEqual(run(rows, 5000, 42).sim);
    expect(run(rows, 5000, 43).sim.project).not.toEqual(run(rows, 5000, 42).sim.project);
  });

  test("common random numbers: a task's draws do not depend on the trial count or on other rows", () => {
    const long = run(rows, 3000, 7).sim;
    const short = run(rows, 1000, 7).sim;
    expect(short.finish[1]).toEqual(long.finish[1].subarray(0, 1000));
    const more = run([...rows.slice().reverse(), ["Permits", "Site", 6, 12, 36]], 1000, 7).sim;
    expect(more.finish[1]).toEqual(short.finish[1]); // Grid is still row 2 of the reversed table
  });

  test("an actual duration fixes the task: with the same draws for B, the project is B shifted by the actual", () => {
    const chain: Row[] = [
      ["A", "", 2, 4, 9, "pert", 0, "", 5],
      ["B", "A", 10, 12, 20],
    ];
    const replanned = run(chain, 10_000).sim;
    const alone = run([["B", "", 10, 12, 20]], 10_000).sim;
    expect(Array.from(replanned.finish[0])).toEqual(Array(10_000).fill(5));
    expect(Array.from(replanned.project)).toEqual(Array.from(alone.project, (x) => x + 5));
    const shifted = percentilesInc(alone.project, PS);
    percentilesInc(replanned.project, PS).forEach((x, k) => expect(x).toBeCloseTo(shifted[k] + 5, 12));
  });

  test("golden values, the same on every engine: a stream's first uniforms (independent Python port)", () => {
    // xoshiro128** seeded by the (seed, name) hash, re-implemented in Python with 32-bit masks.
    const u = new Float64Array(4);
    UniformStream.keyed(1, "task:a").fill(u, 4);
    expect(Array.from(u)).toEqual([0.7103158418321982, 0.9213775243842974, 0.2736985682277009, 0.05260237923357636]);
  });

  test("the sampler alone draws the durations the simulation uses", () => {
    const plan = planOf(parseTaskTable([["A", "", 2, 4, 9]]));
    const options = { trials: 512, seed: 3, groupCorrelation: 0.5 };
    const durations = [new Float64Array(512)];
    new DurationSampler(plan, options).draw(durations, 512);
    expect(simulate(plan, options).finish[0]).toEqual(durations[0]);
  });
});

describe("replanning within a risk group: the actuals condition the group's factor", () => {
  // Grid PERT(24, 48, 96) and Substation PERT(18, 29, 48) share a utility at rank correlation 0.9
  // (ρ = 2·sin(0.15π) = 0.90798). Given Grid's actual x, z = Φ⁻¹(F_grid(x)) and Substation's score
  // is N(ρz, 1 − ρ²), so its p-quantile is Q_sub(Φ(ρz + √(1 − ρ²)·Φ⁻¹(p))). Figures and densities
  // from SciPy 1.17 (beta, norm).
  const utility = (actual: number | string): Row[] => [
    ["Grid", "", 24, 48, 96, "pert", 0, "utility", actual],
    ["Substation", "", 18, 29, 48, "pert", 0, "utility"],
    ["Build", "", 12, 20, 36, "triangular"],
  ];
  const substation = (actual: number | string) => {
    const { plan, sim } = run(utility(actual), 10_000, 1, 0.9);
    return finishReport(plan, sim, PS)[1].percentiles;
  };

  test.each([
    [72, [34.66392150663563, 37.939501028111536, 40.8338168018947], [0.06625, 0.164, 0.08499]],
    [95, [46.8079272602707, 47.380327295424294, 47.701266748453904], [0.3057, 1.193, 0.9804]],
  ])("Grid's actual %p months moves Substation's P10/P50/P90 to the conditional quantiles", (actual, xs, densities) => {
    const got = substation(actual);
    PS.forEach((p, k) => {
      // Monte Carlo error at 10,000 trials, plus the sampling table's 3e-3 × 30 months in the far tail.
      const allowed = quantileTolerance(p, densities[k], 10_000) + (actual === 95 ? 0.09 : 0);
      expect(Math.abs(got[k] - xs[k])).toBeLessThan(allowed);
    });
  });

  test("without an actual, Substation keeps its own PERT quantiles (SciPy: 23.115, 30.019, 38.025; density ≥ 0.03)", () => {
    const got = substation("");
    [23.115210434438143, 30.01911824507645, 38.024829374413706].forEach((x, k) =>
      expect(Math.abs(got[k] - x)).toBeLessThan(quantileTolerance(PS[k], 0.03, 10_000)),
    );
  });

  test("two actuals: the third uniform(0, 10) task follows N(ρ(z1 + z2)/(1 + ρ), (1 − ρ)(1 + 2ρ)/(1 + ρ))", () => {
    // A and B finished at 2 and 3 months of uniform(0, 10): z = Φ⁻¹(0.2), Φ⁻¹(0.3); ρ_s = 0.8,
    // ρ = 0.81347. C's p-quantile is 10·Φ(μ + s·Φ⁻¹(p)), μ = −0.61276, s = 0.51981 (SciPy 1.17).
    const { plan, sim } = run(
      [
        ["A", "", 0, 5, 10, "uniform", 0, "vendor", 2],
        ["B", "", 0, 5, 10, "uniform", 0, "vendor", 3],
        ["C", "", 0, 5, 10, "uniform", 0, "vendor"],
      ],
      20_000,
      4,
      0.8,
    );
    const got = finishReport(plan, sim, PS)[2].percentiles;
    [1.0046329407167565, 2.7001783001998128, 5.212926032661445].forEach(
      (x, k) => expect(Math.abs(got[k] - x)).toBeLessThan([0.0498, 0.0685, 0.1126][k]), // 4.5 sd at 20,000 trials
    );
  });

  test("an actual says nothing when the correlation is 0, and tasks outside the group never move", () => {
    const free = run(utility(""), 2000, 3, 0).sim;
    const known = run(utility(95), 2000, 3, 0).sim;
    expect(known.finish[1]).toEqual(free.finish[1]);
    const grouped = run(utility(95), 2000, 3, 0.9).sim;
    expect(grouped.finish[2]).toEqual(free.finish[2]);
  });
});

describe("MW online (fan chart) against a direct count", () => {
  // For each month: every trial's MW online, sorted, PERCENTILE.INC, written out by hand.
  const direct = (rows: Row[], horizon: number, confidences: number[]) => {
    const { plan, sim } = run(rows, 3000, 2);
    const expected = [];
    for (let mo = 0; mo <= horizon; mo++) {
      const online = Array.from({ length: 3000 }, (_, t) =>
        plan.tasks.reduce((sum, task, i) => sum + (Math.ceil(sim.finish[i][t]) <= mo ? task.mw : 0), 0),
      ).sort((a, b) => a - b);
      expected.push([
        mo,
        ...confidences.map((c) => {
          const h = 2999 * (1 - c);
          const k = Math.floor(h);
          return h > k ? online[k] + (h - k) * (online[k + 1] - online[k]) : online[k];
        }),
      ]);
    }
    return { got: mwOnlineFan(plan, sim, horizon, confidences), expected };
  };

  test("few MW totals (counts per total)", () => {
    const phases: Row[] = [
      ["P1", "", 6, 10, 20, "pert", 50],
      ["P2", "P1", 3, 6, 12, "triangular", 30],
      ["P3", "", 8, 14, 30, "uniform", 20],
    ];
    const { got, expected } = direct(phases, 48, [0.1, 0.37, 0.9]);
    expect(got).toEqual(expected);
  });

  test("2,048 possible totals, more than are counted (the direct path)", () => {
    const powers: Row[] = Array.from({ length: 11 }, (_, i) => [`U${i}`, "", 1, 5 + i, 30, "pert", 2 ** i]);
    const { got, expected } = direct(powers, 31, [0.05, 0.5, 0.95]);
    expect(got).toEqual(expected);
  });
});

describe("PERCENTILE.INC by bucket selection", () => {
  test("equals sorting and interpolating, with ties and outliers", () => {
    const values = new Float64Array(10_001);
    for (let i = 0; i < values.length; i++) values[i] = i % 7 === 0 ? 3 : i % 101 === 0 ? 1e6 : Math.sin(i) * 50;
    const sorted = Array.from(values).sort((a, b) => a - b);
    const ps = [0, 0.001, 0.1, 0.25, 0.5, 0.777, 0.9, 0.99, 1];
    const expected = ps.map((p) => {
      const h = (values.length - 1) * p;
      const k = Math.floor(h);
      return k + 1 < sorted.length ? sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]) : sorted[k];
    });
    expect(percentilesInc(values, ps)).toEqual(expected);
    expect(percentilesInc(new Float64Array([4, 4, 4]), [0.1, 0.9])).toEqual([4, 4]);
  });
});

describe("greenfield AI-site template (lead times from the sources each row names)", () => {
  test("every row's min / likely / max is the template's suggestion converted to months, with its source", () => {
    const week = 7 / 30.4375;
    const expected: Record<string, number[]> = {
      "Site control": [6, 9, 18],
      Permitting: [6, 12, 36],
      "Grid connection": [24, 48, 96],
      "Power transformer": [80 * week, 128 * week, 210 * week],
      Switchgear: [40 * week, 47 * week, 60 * week],
      Generators: [26 * week, 34 * week, 110 * week],
      Construction: [12, 20, 36],
      "GPU servers": [26 * week, 39 * week, 52 * week],
      "UPS installation": [4 * week, 7 * week, 10 * week],
    };
    expect(GREENFIELD_TEMPLATE.map((t) => t.name)).toEqual(Object.keys(expected));
    for (const t of GREENFIELD_TEMPLATE) {
      expect([t.min, t.likely, t.max]).toEqual(expected[t.name]);
      expect(t.source).toMatch(/\(template: /);
    }
  });

  test("its first-power date falls in the whole-project cross-check of 3 / 5 / 7 years (build.inc: 5–7 years normal; michaelbommarito.com: 3–5)", () => {
    const { plan, sim } = run(greenfieldTemplateTable(), 20_000);
    const project = finishReport(plan, sim, PS).at(-1)!;
    expect(project.percentiles[0]).toBeGreaterThan(36);
    expect(project.percentiles[1]).toBeGreaterThan(48);
    expect(project.percentiles[1]).toBeLessThan(72);
    expect(project.percentiles[2]).toBeLessThan(90);
  });
});
