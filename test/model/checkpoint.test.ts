import {
  checkpointIntervalMin,
  dalyFirstOrderIntervalMin,
  dalyIntervalMin,
  ettr,
  exactIntervalMin,
  lambertW0,
  logGamma,
  youngIntervalMin,
} from "../../src/model";

// Test vectors: Young 1974 and Daly 2006 as each test names them; published values to their
// printed rounding, recomputed ones to floating-point precision.
describe("Young 1974 first-order interval", () => {
  test("δ = 5 min, M = 1,440 min gives sqrt(2·5·1440) = 120 min", () => {
    expect(youngIntervalMin(5, 1440)).toBeCloseTo(120, 6);
  });

  test("Distributed GraphLab: 64 machines, 1-year machine MTBF, 2-minute checkpoint → '3 hrs' (acolyer.org review of Daly)", () => {
    const hours = checkpointIntervalMin(2, 8760 / 64, "young") / 60;
    expect(hours).toBeCloseTo(3.02, 2);
    expect(Math.abs(hours - 3) / 3).toBeLessThan(0.05);
  });
});

describe("Daly 2006 eq. 37 (FGCS 22, figure captions: T_s = 500 h, R = 10 min, δ = 5 min)", () => {
  // Published figures are compared at their own rounding: ±half a unit in the last printed digit.
  test.each([
    [24, 116.69, 117, 0.5],
    [6, 56.71, 57, 0.5],
    [0.25, 9.14, 9.1, 0.05],
  ])("M = %p h gives %p min (paper: %p ± %p)", (mtbfHours, derived, published, tolerance) => {
    const tau = checkpointIntervalMin(5, mtbfHours, "daly");
    expect(Math.abs(tau - derived)).toBeLessThan(0.01);
    expect(Math.abs(tau - published)).toBeLessThanOrEqual(tolerance);
  });

  test("δ ≥ 2M branch: τ = M (LLNL SCR scr_ckpt_interval.py, eq. 37)", () => {
    expect(dalyIntervalMin(40, 15)).toBe(15);
    expect(dalyIntervalMin(30, 15)).toBe(15);
  });

  test("Daly subtracts δ; mlsysim's old docstring 'sqrt(2δM) + δ' is wrong", () => {
    expect(dalyIntervalMin(5, 1440)).toBeLessThan(youngIntervalMin(5, 1440));
  });
});

describe("Daly 2006 first-order model with restart time: τ = sqrt(2δ(M + R)) (Daly, FGCS 22(3), 2006)", () => {
  test.each([
    // Daly's caption cases, δ = 5 min, R = 10 min: sqrt(2·5·(M + 10))
    [24, 120.416],
    [6, 60.828],
    [0.25, 15.811],
  ])("M = %p h, δ = 5, R = 10 gives %p min", (mtbfHours, expected) => {
    expect(checkpointIntervalMin(5, mtbfHours, "daly_first_order", 10)).toBeCloseTo(expected, 3);
  });

  test("with R = 0 it is Young's interval; a longer restart lengthens it", () => {
    expect(dalyFirstOrderIntervalMin(5, 1440, 0)).toBe(youngIntervalMin(5, 1440));
    expect(checkpointIntervalMin(5, 24, "daly_first_order")).toBe(youngIntervalMin(5, 1440));
    expect(dalyFirstOrderIntervalMin(5, 1440, 60)).toBeGreaterThan(dalyFirstOrderIntervalMin(5, 1440, 10));
  });

  test("the complete model's optimum does not move with R: the best ETTR on a 0.01-min grid sits at the exact optimum for R = 0, 10 and 120", () => {
    const exact = exactIntervalMin(5, 360); // M = 6 h, δ = 5 min
    for (const restart of [0, 10, 120]) {
      let best = 0;
      let bestTau = 0;
      for (let tau = 40; tau <= 80; tau += 0.01) {
        const r = ettr(6, tau, 5, restart, 0);
        if (r > best) [best, bestTau] = [r, tau];
      }
      expect(Math.abs(bestTau - exact)).toBeLessThan(0.011);
      expect(checkpointIntervalMin(5, 6, "exact", restart)).toBe(exact);
      expect(checkpointIntervalMin(5, 6, "daly", restart)).toBe(dalyIntervalMin(5, 360));
    }
  });
});

describe("exact optimum of Daly's complete model (Lambert W)", () => {
  test("M = 24 h, δ = 5 min: 116.690 min, matching a brute-force search (116.689)", () => {
    expect(exactIntervalMin(5, 1440)).toBeCloseTo(116.69, 2);
  });

  test("M = 15 min, δ = 5 min: 9.17 min, where Young (12.25) and Daly (9.14) diverge", () => {
    expect(exactIntervalMin(5, 15)).toBeCloseTo(9.17, 2);
    expect(youngIntervalMin(5, 15)).toBeCloseTo(12.25, 2);
  });

  test("tiny δ/M: the exact optimum keeps its digits and agrees with Young's sqrt(2δM) to first order", () => {
    for (const ratio of [1e-8, 1e-12, 1e-16, 1e-20]) {
      const m = 1e6;
      const young = youngIntervalMin(ratio * m, m);
      expect(Math.abs(exactIntervalMin(ratio * m, m) / young - 1)).toBeLessThan(Math.sqrt(ratio));
    }
  });

  test("the series and the Lambert W branch agree where they meet (p = 1e-3)", () => {
    const ratio = -Math.log1p(-0.5e-6); // p = sqrt(−2·expm1(−δ/M)) = 1e-3
    const below = exactIntervalMin(ratio * 0.999999, 1);
    const above = exactIntervalMin(ratio * 1.000001, 1);
    expect(Math.abs(above / below - 1)).toBeLessThan(2e-6);
  });

  test("the exact optimum minimises (e^{(τ+δ)/M} − 1)/τ", () => {
    const m = 600;
    const d = 7;
    const cost = (tau: number) => Math.expm1((tau + d) / m) / tau;
    const tau = exactIntervalMin(d, m);
    expect(cost(tau)).toBeLessThan(cost(tau * 1.01));
    expect(cost(tau)).toBeLessThan(cost(tau * 0.99));
  });
});

describe("Lambert W0", () => {
  test.each([
    [1, 0.5671432904097838],
    [Math.E, 1],
    [-1 / Math.E, -1],
    [0, 0],
    [-0.2, -0.2591711018190738],
    [-0.36, -0.806084315970818],
  ])("W0(%p) = %p", (x, w) => {
    expect(lambertW0(x)).toBeCloseTo(w, 12);
  });
});

describe("log-gamma", () => {
  test.each([
    [1, 0],
    [2, 0],
    [0.5, 0.5 * Math.log(Math.PI)],
    [10, Math.log(362880)],
    [171, 706.5730622457874],
  ])("lnΓ(%p) = %p", (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 10);
  });
});

test("Lambert W0 solves w·e^w = x across its domain", () => {
  for (const x of [-0.3678, -0.3, -0.1, -1e-6, 1e-6, 0.5, 3, 100, 1e6]) {
    const w = lambertW0(x);
    expect(w * Math.exp(w)).toBeCloseTo(x, 9);
  }
});
