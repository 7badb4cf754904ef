/**
 * Issue 12 point 5: risk events, completion probability, the normal distribution, the completion
 * histogram and S-curve, and Monte Carlo standard errors, against closed forms.
 */
import {
  completionCurve,
  distributionCdf,
  finishReport,
  parseRiskTable,
  parseTaskTable,
  percentilesInc,
  percentilesIncWithInfinity,
  planOf,
  projectStandardErrors,
  RiskEvent,
  simulate,
  TaskTableError,
  truncatedNormalQuantile,
} from "../../../src/model";
import { normalCdf } from "../../../src/model/buildout/normal";

const planFrom = (rows: unknown[][]) => planOf(parseTaskTable(rows));
const run = (rows: unknown[][], trials: number, seed: number, risks: unknown[][] = []) => {
  const plan = planFrom(rows);
  const events = parseRiskTable(risks, plan);
  return { plan, run: simulate(plan, { trials, seed, groupCorrelation: 0.5, risks: events }) };
};
const sampleMean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sampleSd = (xs: Float64Array) => {
  const m = sampleMean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

describe("risk events (Bernoulli: probability × delay)", () => {
  test("one uniform(10, 20) task with a 30 % risk of 6 months: mean finish = 15 + 0.3 × 6 = 16.8 (within 4 standard errors)", () => {
    const { plan, run: r } = run([["A", "", 10, 15, 20, "uniform"]], 20_000, 3, [["A", 0.3, 6]]);
    const [, project] = finishReport(plan, r, [0.5]);
    const se = projectStandardErrors(r, [0.5]).mean!;
    expect(Math.abs(project.mean - 16.8)).toBeLessThan(4 * se);
    // The variance adds the event's p(1 − p)d² to the uniform's 100/12.
    expect(sampleSd(r.project)).toBeCloseTo(Math.sqrt(100 / 12 + 0.3 * 0.7 * 36), 1);
  });

  test("events are independent of each other: two events on a fixed 10-month task give 10, 14, 18, 22 with shares (1 − p₁)(1 − p₂), …", () => {
    const risks = [
      ["task", "probability", "delay"],
      ["A", 0.5, 4],
      ["a", 0.25, 8],
    ];
    const { run: r } = run([["A", "", 10, 10, 10]], 20_000, 9, risks);
    const se = projectStandardErrors(r, []).mean!;
    expect(Math.abs(sampleMean(r.project) - (10 + 0.5 * 4 + 0.25 * 8))).toBeLessThan(4 * se);
    const shares = new Map([
      [10, 0.5 * 0.75],
      [14, 0.5 * 0.75],
      [18, 0.5 * 0.25],
      [22, 0.5 * 0.25],
    ]);
    expect(new Set(r.project)).toEqual(new Set(shares.keys()));
    for (const [finish, p] of shares) {
      const share = r.project.filter((x) => x === finish).length / r.trials;
      expect(Math.abs(share - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / r.trials));
    }
  });

  test('completion probability of a chain = the product of its tasks\' (1 − q) for "never" events', () => {
    const tasks = [
      ["A", "", 1, 2, 3],
      ["B", "A", 1, 2, 3],
      ["C", "B", 1, 2, 3],
    ];
    const risks = [
      ["A", 0.2, "never"],
      ["B", 0.5, "Never"],
      ["C", 0.1, " never "],
    ];
    const { run: r } = run(tasks, 20_000, 5, risks);
    const finished = r.project.filter((x) => x !== Infinity).length / r.trials;
    const p = 0.8 * 0.5 * 0.9;
    expect(Math.abs(finished - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / r.trials));
    // A task after one that never finishes never finishes either.
    for (let t = 0; t < r.trials; t++) if (r.finish[0][t] === Infinity) expect(r.finish[2][t]).toBe(Infinity);
  });

  test('with "never" at probability q the S-curve ends at 1 − q; the histogram sums to it', () => {
    const q = 0.81; // LBNL Queued Up (2025): about 19 % of queued projects reach commercial operation.
    const { run: r } = run([["Interconnection", "", 30, 55, 96]], 20_000, 7, [["Interconnection", q, "never"]]);
    const curve = completionCurve(r, 120);
    const last = curve[curve.length - 1].byMonth;
    expect(Math.abs(last - (1 - q))).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / r.trials));
    expect(curve.reduce((sum, m) => sum + m.inMonth, 0)).toBeCloseTo(last, 12);
    expect(curve[29].byMonth).toBe(0); // nothing before min
    expect(curve[0].stdError).toBeNull(); // F = 0: no estimate, not 0
    expect(curve[120].stdError).toBeCloseTo(Math.sqrt((last * (1 - last)) / r.trials), 15);
  });

  test("percentiles that reach trials that never finish are Infinity; the mean is over the trials that finish", () => {
    const { plan, run: r } = run([["A", "", 10, 15, 20, "uniform"]], 10_000, 2, [["A", 0.6, "never"]]);
    const [task] = finishReport(plan, r, [0.1, 0.3, 0.5, 0.9]);
    expect(task.percentiles[0]).toBeGreaterThan(10);
    expect(task.percentiles[0]).toBeLessThan(20);
    expect(task.percentiles.slice(2)).toEqual([Infinity, Infinity]);
    expect(Math.abs(task.mean - 15)).toBeLessThan(4 * projectStandardErrors(r, []).mean!);
    // The finishing trials' mean is their plain mean; its standard error uses only them.
    const finished = r.project.filter((x) => x !== Infinity);
    expect(projectStandardErrors(r, []).mean).toBeCloseTo(sampleSd(finished) / Math.sqrt(finished.length), 12);
  });

  test("a task with an actual duration has finished: its events no longer apply", () => {
    const { run: r } = run([["A", "", 10, 15, 20, "uniform", 0, "", 12]], 1000, 1, [["A", 1, "never"]]);
    expect(new Set(r.project)).toEqual(new Set([12]));
  });

  test("probability 0 and a risk table of blank or header rows leave every draw as it was (bit for bit)", () => {
    const tasks = [
      ["A", "", 2, 4, 9, "uniform", 10, "g"],
      ["B", "A", 1, 3, 6, "triangular", 0, "g"],
      ["C", "", 3, 5, 8, "normal", 5],
    ];
    const plain = run(tasks, 3000, 4);
    for (const risks of [
      [["B", 0, 12]],
      [["", "", ""]],
      [
        ["task", "probability", "delay"],
        [null, null, null],
      ],
    ]) {
      const other = run(tasks, 3000, 4, risks);
      expect(other.run.project).toEqual(plain.run.project);
      expect(other.run.critical).toEqual(plain.run.critical);
    }
  });

  test("bad rows are refused naming the row and what is accepted", () => {
    const plan = planFrom([["Grid", "", 1, 2, 3]]);
    const refusal = (rows: unknown[][]) => {
      try {
        parseRiskTable(rows, plan);
      } catch (e) {
        if (e instanceof TaskTableError) return e.message;
      }
      return "accepted";
    };
    expect(refusal([["Grd", 0.5, 3]])).toBe(
      'row 1: the task must be the name of a task in the task table (got the text "Grd").',
    );
    expect(
      refusal([
        ["task", "p", "delay"],
        ["Grid", 1.5, 3],
      ]),
    ).toBe('row 2 ("Grid"): probability must be a number from 0 to 1 (got 1.5).');
    expect(refusal([["Grid", "0.5", 3]])).toContain('probability must be a number from 0 to 1 (got the text "0.5")');
    expect(refusal([["Grid", 0.5, "soon"]])).toBe(
      'row 1 ("Grid"): delay must be a number of months from 0 to 1,200, or "never" for a task that may never finish (got the text "soon").',
    );
    expect(refusal([["Grid", 0.5, -1]])).toContain("delay must be a number of months from 0 to 1,200");
    expect(refusal([["Grid", 0.5]])).toBe(
      'row 1 has 2 columns; a risk needs task name, probability (0–1), delay (months from 0 to 1,200, or "never").',
    );
  });
});

describe('the "normal" task distribution: mean = likely, σ = (max − min)/6, truncated at 0', () => {
  test("normal(6, 12, 18): mean 12 and σ 2 (sampled, within Monte Carlo error); quantiles are μ + σ·Φ⁻¹(p)", () => {
    const { run: r } = run([["A", "", 6, 12, 18, "normal"]], 20_000, 11);
    expect(Math.abs(sampleMean(r.project) - 12)).toBeLessThan((4 * 2) / Math.sqrt(r.trials));
    expect(Math.abs(sampleSd(r.project) / 2 - 1)).toBeLessThan(0.03);
    // Truncation removes Φ(−6) ≈ 1e-9 here, so the quantiles are the normal's: median 12, P90 = 12 + 2·1.28155.
    expect(truncatedNormalQuantile(6, 12, 18, 0.5)).toBeCloseTo(12, 8);
    expect(truncatedNormalQuantile(6, 12, 18, 0.9)).toBeCloseTo(12 + 2 * 1.2815515655446004, 8);
  });

  test("likely 0: the half-normal, mean σ√(2/π) and median σ·Φ⁻¹(0.75); the CDF inverts the quantile", () => {
    const sigma = 1; // (6 − 0)/6
    const { run: r } = run([["A", "", 0, 0, 6, "normal"]], 20_000, 12);
    const mean = sigma * Math.sqrt(2 / Math.PI);
    expect(Math.abs(sampleMean(r.project) - mean)).toBeLessThan(
      (4 * sigma * Math.sqrt(1 - 2 / Math.PI)) / Math.sqrt(r.trials),
    );
    expect(Math.min(...r.project)).toBeGreaterThanOrEqual(0);
    expect(truncatedNormalQuantile(0, 0, 6, 0.5)).toBeCloseTo(0.6744897501960817, 8);
    for (const p of [0.01, 0.3, 0.5, 0.9, 0.999]) {
      expect(distributionCdf("normal", 0, 0, 6, truncatedNormalQuantile(0, 0, 6, p))).toBeCloseTo(p, 10);
      expect(distributionCdf("normal", 6, 12, 18, truncatedNormalQuantile(6, 12, 18, p))).toBeCloseTo(p, 10);
    }
    const cut = normalCdf(-6); // the mass below 0 that the truncation removes from N(12, 2)
    expect(distributionCdf("normal", 6, 12, 18, 12)).toBeCloseTo((0.5 - cut) / (1 - cut), 15);
  });
});

describe("Monte Carlo standard errors", () => {
  const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
  const runs = seeds.map((seed) => run([["A", "", 0, 5, 10, "uniform"]], 2000, seed).run);
  const spread = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  };

  test("the mean's is s/√n, and matches the spread of the mean over 40 seeds (uniform(0, 10): 10/√12/√2000 = 0.0645)", () => {
    const reported = runs.map((r) => projectStandardErrors(r, []).mean!);
    runs.forEach((r, i) => expect(reported[i]).toBeCloseTo(sampleSd(r.project) / Math.sqrt(r.trials), 12));
    const theory = 10 / Math.sqrt(12) / Math.sqrt(2000);
    expect(Math.abs(reported[0] / theory - 1)).toBeLessThan(0.05);
    // The sd of 40 sample means is within ±30 % of the truth with probability > 0.99 (χ² with 39 d.f.).
    expect(Math.abs(spread(runs.map((r) => sampleMean(r.project))) / theory - 1)).toBeLessThan(0.3);
  });

  test("the median's matches √(p(1 − p)/n)/f (f = 0.1, the uniform's density: 0.112) and the spread over 40 seeds", () => {
    const theory = Math.sqrt(0.25 / 2000) / 0.1;
    const reported = runs.map((r) => projectStandardErrors(r, [0.5]).percentiles[0]!);
    // Each estimate spans about 2√(np(1 − p)) = 45 order statistics, so it is itself uncertain by
    // about 1/√45 = 15 %: each within ±50 %, their average within ±10 %.
    for (const se of reported) expect(Math.abs(se / theory - 1)).toBeLessThan(0.5);
    expect(Math.abs(reported.reduce((a, b) => a + b, 0) / reported.length / theory - 1)).toBeLessThan(0.1);
    const medians = runs.map((r) => percentilesInc(r.project, [0.5])[0]);
    expect(Math.abs(spread(medians) / theory - 1)).toBeLessThan(0.3);
  });

  test("percentiles it cannot estimate are null: extreme p, too few trials, or trials that never finish", () => {
    const few = run([["A", "", 0, 5, 10, "uniform"]], 20, 1).run;
    expect(projectStandardErrors(few, [0.5, 0.1, 0, 1]).percentiles).toEqual([expect.any(Number), null, null, null]);
    const single = run([["A", "", 0, 5, 10, "uniform"]], 1, 1).run;
    expect(projectStandardErrors(single, [0.5])).toEqual({ percentiles: [null], mean: null });
    const never = run([["A", "", 0, 5, 10, "uniform"]], 2000, 1, [["A", 0.5, "never"]]).run;
    expect(projectStandardErrors(never, [0.2, 0.5, 0.9]).percentiles).toEqual([expect.any(Number), null, null]);
  });
});

describe("PERCENTILE.INC with trials that never finish", () => {
  test("equals PERCENTILE.INC over the extended reals; without Infinity it is percentilesInc bit for bit", () => {
    const values = Float64Array.from([5, 1, Infinity, 3, 2, Infinity, 4]);
    // Sorted: 1 2 3 4 5 ∞ ∞; h = 6p.
    expect(percentilesIncWithInfinity(values, [0, 0.25, 0.5, 2 / 3, 0.7, 0.9, 1])).toEqual([
      1,
      2.5,
      4,
      5,
      Infinity,
      Infinity,
      Infinity,
    ]);
    const finite = Float64Array.from({ length: 999 }, (_, i) => Math.sin(i) * 7);
    const ps = [0, 0.1, 0.37, 0.5, 0.9, 1];
    expect(percentilesIncWithInfinity(finite, ps)).toEqual(percentilesInc(finite, ps));
    expect(percentilesIncWithInfinity(Float64Array.from([Infinity, Infinity]), [0, 1])).toEqual([Infinity, Infinity]);
  });
});

describe("risk events in the plan's types", () => {
  test("parseRiskTable resolves task names ignoring case and keeps events in row order", () => {
    const plan = planFrom([
      ["Site", "", 1, 2, 3],
      ["Grid", "Site", 1, 2, 3],
    ]);
    const events: RiskEvent[] = parseRiskTable(
      [
        ["grid ", 0.25, 6, "a note, ignored"],
        ["", "", ""],
        ["SITE", 1, "never"],
      ],
      plan,
    );
    expect(events).toEqual([
      { task: 1, probability: 0.25, delay: 6 },
      { task: 0, probability: 1, delay: Infinity },
    ]);
  });
});
