import {
  binomialCdf,
  MAX_SPARES,
  sparePoolProbability,
  spareReadyProbability,
  sparesNeeded,
  unitUnavailability,
} from "../../src/model";

// Binomial spare pool of independent node states (failure rate from Kokolis et al., arXiv 2410.21680): N = 2,048 nodes at Meta's RSC-1 rate
// (6.5 failures per 1,000 node-days, Kokolis et al. arXiv 2410.21680).
const nodeMtbfHours = 24 / 6.5e-3;

describe("node availability 1/(1 + r_f·MTTR)", () => {
  test("MTTR 4 h gives A = 0.99892 and MTTR 48 h gives A = 0.98717", () => {
    expect(1 - unitUnavailability(nodeMtbfHours, 4)).toBeCloseTo(0.99892, 5);
    expect(1 - unitUnavailability(nodeMtbfHours, 48)).toBeCloseTo(0.98717, 5);
  });
});

describe("P(job finds 2,048 healthy nodes in a pool of 2,048 + k)", () => {
  test.each([
    [48, 16, 0.0195, 1e-4],
    [48, 32, 0.8696, 1e-4],
    [48, 64, 1.0, 1e-4],
    [4, 0, 0.1089, 1e-4],
    [4, 16, 1.0, 1e-4],
  ])("MTTR %p h, k = %p: %p", (mttr, k, expected, tol) => {
    expect(Math.abs(sparePoolProbability(2048, k, nodeMtbfHours, mttr) - expected)).toBeLessThan(tol);
  });

  test("k = 0 with MTTR 48 h is practically zero", () => {
    expect(sparePoolProbability(2048, 0, nodeMtbfHours, 48)).toBeLessThan(1e-10);
  });
});

describe("binomial CDF", () => {
  test("matches a direct sum for a small case", () => {
    const n = 12;
    const p = 0.3;
    let direct = 0;
    let c = 1;
    for (let i = 0; i <= 4; i++) {
      direct += c * p ** i * (1 - p) ** (n - i);
      c = (c * (n - i)) / (i + 1);
    }
    expect(binomialCdf(4, n, p)).toBeCloseTo(direct, 12);
  });

  test("does not underflow for a million units", () => {
    const p = binomialCdf(11000, 1e6, 0.01);
    expect(p).toBeGreaterThan(0.99);
    expect(p).toBeLessThanOrEqual(1);
  });
});

describe("spares needed", () => {
  test("the answer is the first k whose pool meets the target", () => {
    for (const target of [0.5, 0.8, 0.85, 0.99, 0.999999]) {
      const k = sparesNeeded(2048, nodeMtbfHours, 48, target);
      expect(k).not.toBeNull();
      expect(sparePoolProbability(2048, k!, nodeMtbfHours, 48)).toBeGreaterThanOrEqual(target);
      expect(sparePoolProbability(2048, k! - 1, nodeMtbfHours, 48)).toBeLessThan(target);
    }
  });

  test("0.85 needs 32 spares at MTTR 48 h (P = 0.8696; 31 give 0.827)", () => {
    expect(sparesNeeded(2048, nodeMtbfHours, 48, 0.85)).toBe(32);
  });

  test("a target already met without spares needs none", () => {
    expect(sparesNeeded(8, 1e6, 1, 0.9)).toBe(0);
  });

  test("units down half the time still reach a target with enough spares (P grows with every spare)", () => {
    // u = 10/(10+10) = 0.5: 135 spares give P = 0.9907 by direct sum (reviewer's check); 134 fall short.
    const k = sparesNeeded(100, 10, 10, 0.99);
    expect(k).toBe(135);
    expect(sparePoolProbability(100, 135, 10, 10)).toBeCloseTo(0.9907, 4);
  });

  test("the search reaches the cap itself before it gives up", () => {
    // u = 55/115: about 9.2 million spares, between the last doubling (8,388,608) and the cap.
    const k = sparesNeeded(1e7, 60, 55, 0.99);
    expect(k).not.toBeNull();
    expect(k!).toBeGreaterThan(8388608);
    expect(k!).toBeLessThanOrEqual(MAX_SPARES);
  });

  test("a pool beyond the cap is reported as unreachable", () => {
    expect(sparesNeeded(1e7, 1, 100, 0.99)).toBeNull();
  });
});

describe("large pools", () => {
  test("the skip below the mean agrees with the full sum", () => {
    // n·p = 5,000, σ ≈ 70: the first term summed is far below the mean.
    const n = 500000;
    const p = 0.01;
    let logTerm = n * Math.log1p(-p);
    let sum = Math.exp(logTerm);
    for (let i = 0; i < 5100; i++) {
      logTerm += Math.log((n - i) / (i + 1)) + Math.log(p / (1 - p));
      sum += Math.exp(logTerm);
    }
    // lnΓ of 5e5 carries ~1e-9 absolute rounding, so agreement is to about 1e-8.
    expect(binomialCdf(5100, n, p)).toBeCloseTo(sum, 7);
  });

  test("ten million nodes at 40% down: the answer sits where the pool's mean downtime is covered", () => {
    const k = sparesNeeded(1e7, 60, 40, 0.5);
    expect(k).not.toBeNull();
    expect(k! / (1e7 * (0.4 / 0.6))).toBeCloseTo(1, 3);
  });
});

describe("a spare ready at a failure", () => {
  test("no spares: never", () => {
    expect(spareReadyProbability(1024, 0, 50000, 24)).toBe(0);
  });

  test("is P(D ≤ k − 1 | D ≤ k), checked by explicit sums for 20 + 2 units at u = 0.1", () => {
    const n = 22;
    const u = 0.1;
    const term = (i: number) => {
      let c = 1;
      for (let j = 0; j < i; j++) c = (c * (n - j)) / (j + 1);
      return c * u ** i * (1 - u) ** (n - i);
    };
    const expected = (term(0) + term(1)) / (term(0) + term(1) + term(2));
    // u = 0.1 means MTTR / (MTBF + MTTR) = 0.1: MTBF 9 h, MTTR 1 h.
    expect(spareReadyProbability(20, 2, 9, 1)).toBeCloseTo(expected, 12);
  });

  test("a few spares for a big job are often all in use (16,384 accelerators, 48 h repair, 8 spares)", () => {
    const p = spareReadyProbability(16384, 8, 50000, 48);
    expect(p).toBeGreaterThan(0.4);
    expect(p).toBeLessThan(0.5);
    expect(spareReadyProbability(16384, 64, 50000, 48)).toBeGreaterThan(0.999);
  });
});
