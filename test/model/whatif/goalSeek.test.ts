import { GoalSeekResult, goalSeek } from "../../../src/model/whatif";

/** The root of x³ − 2x − 5 (Wallis's example, quoted in Brent, Algorithms for Minimization without Derivatives, 1973, ch. 4). */
const WALLIS_ROOT = 2.0945514815423265;
const wallis = (x: number) => x ** 3 - 2 * x - 5;

const found = (r: GoalSeekResult) => {
  if (!r.found) throw new Error(`expected a solution: ${r.reason}`);
  return r;
};
const notFound = (r: GoalSeekResult) => {
  if (r.found) throw new Error(`expected no solution, got x = ${r.x}`);
  return r;
};

describe("goal seek of monotone functions", () => {
  test("Wallis's cubic: the root to the tolerance asked", () => {
    const r = found(goalSeek(wallis, 0, 1, { low: 0, high: 3, tolerance: 1e-14 }));
    expect(Math.abs(r.x - WALLIS_ROOT)).toBeLessThan(1e-13);
    expect(r.value).toBe(wallis(r.x));
    expect(r.evaluations).toBeLessThan(100);
  });

  test("Wallis's cubic with the default tolerance (1e-9 of the output's scale)", () => {
    const r = found(goalSeek(wallis, 0, 1, { low: 0, high: 3 }));
    expect(Math.abs(r.value)).toBeLessThan(1e-9);
    expect(Math.abs(r.x - WALLIS_ROOT)).toBeLessThan(1e-10);
  });

  test("exponential survival: R(t) = e^(−t/θ) reaches 0.9 at t = θ·ln(1/0.9)", () => {
    const theta = 50_000; // hours, a component MTBF
    const survival = (t: number) => Math.exp(-t / theta);
    const r = found(goalSeek(survival, 0.9, 1000, { low: 0, high: 100_000 }));
    expect(Math.abs(r.value - 0.9)).toBeLessThanOrEqual(0.9e-9);
    expect(Math.abs(r.x - theta * Math.log(1 / 0.9))).toBeLessThan(1e-4);
  });

  test("a target reached exactly at a grid point or at start", () => {
    expect(found(goalSeek((x) => 2 * x, 4, 2, { low: 0, high: 10 })).evaluations).toBe(1);
    expect(found(goalSeek((x) => 2 * x, 10, 0, { low: 0, high: 10 })).x).toBe(5);
  });
});

describe("integer inputs", () => {
  // Availability with n spares, each covering a failure with probability ½: 1 − 2^−n; only whole n have a value.
  const covered = (n: number) => (Number.isInteger(n) ? 1 - 0.5 ** n : NaN);

  test("the smallest whole number at or above the crossing (0.99 is crossed at n = log₂ 100 ≈ 6.64 → 7)", () => {
    const tried: number[] = [];
    const g = (n: number) => {
      tried.push(n);
      return covered(n);
    };
    const r = found(goalSeek(g, 0.99, 0, { low: 0, high: 1000, integer: true }));
    expect(r.x).toBe(7);
    expect(r.value).toBe(1 - 0.5 ** 7);
    expect(tried.every(Number.isInteger)).toBe(true);
  });

  test("a falling output: 100/n passes 7 at n ≈ 14.3, so the answer is 15 (the upper whole number)", () => {
    const r = found(goalSeek((n) => 100 / n, 7, 1, { low: 1, high: 50, integer: true }));
    expect(r.x).toBe(15);
    expect(r.value).toBeCloseTo(100 / 15, 15);
  });

  test("an exact hit is returned as is", () => {
    expect(found(goalSeek((n) => 3 * n, 300, 0, { low: 0, high: 1000, integer: true })).x).toBe(100);
  });

  test("no whole number in range", () => {
    const r = notFound(goalSeek(covered, 0.5, 0, { low: 0.2, high: 0.8, integer: true }));
    expect(r.reason).toMatch(/no whole number/);
  });
});

describe("no solution, NaN regions and several crossings", () => {
  test("no sign change: the reason gives the output's range and the closest point", () => {
    const r = notFound(goalSeek((x) => x * x + 1, 0, 1, { low: -2, high: 3 }));
    expect(r.reason).toMatch(/no input value in \[-2, 3\] gives 0: there the output runs from 1 to 10/);
    expect(r.closest?.value).toBeCloseTo(1, 12);
    expect(r.closest?.x).toBeCloseTo(0, 12);
  });

  test("an output with no value anywhere", () => {
    const r = notFound(goalSeek(() => NaN, 1, 0, { low: 0, high: 1 }));
    expect(r.reason).toMatch(/no value anywhere/);
    expect(r.closest).toBeUndefined();
  });

  test("points without a value are skipped while bracketing", () => {
    const g = (x: number) => (x < 1 ? NaN : Math.log(x));
    const r = found(goalSeek(g, 1, 0.5, { low: 0, high: 5 }));
    expect(r.x).toBeCloseTo(Math.E, 8);
    // A gap between start and the crossing.
    const gap = (x: number) => (x > 1 && x < 2 ? NaN : x);
    expect(found(goalSeek(gap, 3, 0, { low: 0, high: 5 })).x).toBeCloseTo(3, 8);
  });

  test("a gap met by Brent's method inside the bracket is rescanned around; a crossing inside a gap is not guessed", () => {
    // Bracketing gives [2.07, 2.1]; Brent's first step lands at 2.09448, inside the gap (2.0944, 2.0945).
    const tried: number[] = [];
    const holed = (x: number) => {
      tried.push(x);
      return x > 2.0944 && x < 2.0945 ? NaN : wallis(x);
    };
    const r = found(goalSeek(holed, 0, 1, { low: 0, high: 3 }));
    expect(tried.some((x) => x > 2.0944 && x < 2.0945)).toBe(true);
    expect(Math.abs(r.x - WALLIS_ROOT)).toBeLessThan(1e-10);
    // A gap reaching up to the root: which side of the gap the crossing lies on is unknown.
    const gap = (x: number) => (x > 2.09 && x < WALLIS_ROOT ? NaN : wallis(x));
    const none = notFound(goalSeek(gap, 0, 1, { low: 0, high: 3 }));
    expect(none.reason).toMatch(
      /crosses 0 between the inputs 2.07 and 2.1, but has no value at some inputs in between/,
    );
  });

  test("no bracket is formed across a gap: a step across the target hidden in a gap is not a solution", () => {
    const g = (x: number) => (x < 2 ? 0 : x < 3 ? NaN : 2);
    const r = notFound(goalSeek(g, 1, 0, { low: 0, high: 5 }));
    expect(r.reason).toMatch(/runs from 0 to 2, and has no value at/);
  });

  test("a jump across the target is reported, not returned", () => {
    const r = notFound(goalSeek((x) => (x < Math.PI ? 0 : 2), 1, 0, { low: 0, high: 5 }));
    expect(r.reason).toMatch(/jumps past 1 at the input ≈ 3.14159 \(from 0 to 2\)/);
  });

  test("several crossings: the one nearest start", () => {
    expect(found(goalSeek(Math.sin, 0, 4, { low: 0.5, high: 10 })).x).toBeCloseTo(Math.PI, 9);
    expect(found(goalSeek(Math.sin, 0, 5.5, { low: 0.5, high: 10 })).x).toBeCloseTo(2 * Math.PI, 9);
    expect(found(goalSeek(Math.sin, 0, 9, { low: 0.5, high: 10 })).x).toBeCloseTo(3 * Math.PI, 9);
  });

  test("lowExclusive: low itself is never evaluated, and a crossing only at low is not a solution", () => {
    const tried: number[] = [];
    const g = (x: number) => {
      tried.push(x);
      return 1 / x;
    };
    expect(found(goalSeek(g, 0.5, 0, { low: 0, high: 4, lowExclusive: true })).x).toBeCloseTo(2, 9);
    expect(tried).not.toContain(0);
    notFound(goalSeek((x) => x, 0, 1, { low: 0, high: 5, lowExclusive: true }));
    expect(found(goalSeek((x) => x, 0, 1, { low: 0, high: 5 })).x).toBe(0);
  });

  test("a bounded number of evaluations", () => {
    const r = notFound(goalSeek((x) => x * x + 1, 0, 1, { low: -2, high: 3, maxEvaluations: 10 }));
    expect(r.evaluations).toBe(10);
    expect(r.reason).toMatch(/stopped after 10 evaluations/);
  });

  test("invalid options are refused with words", () => {
    expect(notFound(goalSeek(wallis, 0, 1, { low: 3, high: 0 })).reason).toMatch(/low < high/);
    expect(notFound(goalSeek(wallis, NaN, 1, { low: 0, high: 3 })).reason).toMatch(/target/);
  });
});
