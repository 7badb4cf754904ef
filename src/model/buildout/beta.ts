/**
 * The regularized incomplete beta function I_x(a, b) (the Beta distribution's CDF) and its
 * inverse, for the PERT distribution. The continued fraction is Numerical Recipes 3rd ed. §6.4
 * (modified Lentz). The complete beta B(a, b) is taken as the sum of the two tails at the switch
 * point x* = (a + 1)/(a + b + 2), where both fractions converge fast, so no gamma function is
 * needed and every step uses the engine-independent exp and log of ./ieee754.
 */
import { exp, log } from "./ieee754";

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 300;

/** The continued fraction for I_x(a, b) (NR betacf). */
function continuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPS) break;
  }
  return h;
}

/** ∫₀ˣ t^(a−1)(1−t)^(b−1) dt for 0 < x < 1, valid (fast) for x ≤ (a + 1)/(a + b + 2). */
function lowerTail(a: number, b: number, x: number): number {
  return (exp(a * log(x) + b * log(1 - x)) * continuedFraction(a, b, x)) / a;
}

/**
 * A Beta(a, b) distribution (a, b > 0: the PERT shapes are ≥ 1, the textbook-variance PERT's can
 * fall to 2/3) with its CDF, density and quantile.
 */
export class BetaDistribution {
  readonly a: number;
  readonly b: number;
  private readonly split: number;
  private readonly total: number;

  constructor(a: number, b: number) {
    this.a = a;
    this.b = b;
    this.split = (a + 1) / (a + b + 2);
    this.total = lowerTail(a, b, this.split) + lowerTail(b, a, 1 - this.split);
  }

  /** I_x(a, b). */
  cdf(x: number): number {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    if (x < this.split) return lowerTail(this.a, this.b, x) / this.total;
    return 1 - lowerTail(this.b, this.a, 1 - x) / this.total;
  }

  /** The density; at the ends its limit (1/B when that exponent is 1, 0 above 1, infinite below). */
  density(x: number): number {
    if (x <= 0) return this.a === 1 ? 1 / this.total : this.a > 1 ? 0 : Infinity;
    if (x >= 1) return this.b === 1 ? 1 / this.total : this.b > 1 ? 0 : Infinity;
    return exp((this.a - 1) * log(x) + (this.b - 1) * log(1 - x)) / this.total;
  }

  /** x with I_x(a, b) = p: Newton steps kept inside a shrinking bisection bracket. */
  quantile(p: number): number {
    if (p <= 0) return 0;
    if (p >= 1) return 1;
    let lo = 0;
    let hi = 1;
    let x = this.a / (this.a + this.b);
    for (let i = 0; i < 200; i++) {
      const f = this.cdf(x) - p;
      if (f === 0) return x;
      if (f < 0) lo = x;
      else hi = x;
      const slope = this.density(x);
      let next = slope > 0 ? x - f / slope : NaN;
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (Math.abs(next - x) <= 1e-15 * Math.max(x, 1e-300) || hi - lo <= 2e-16) return next;
      x = next;
    }
    return x;
  }
}
