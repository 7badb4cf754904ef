/**
 * The standard normal distribution, computed with the engine-independent exp and log of
 * ./ieee754 so that Monte Carlo draws are bit-identical everywhere.
 */
import { exp, log } from "./ieee754";

/**
 * Φ(x), the standard normal CDF: Hart (1968) algorithm 5666 as given by G. West, "Better
 * approximations to cumulative normal functions", Wilmott Magazine (2005), fig. 2; absolute error
 * below 1e-14 over the whole line.
 */
export function normalCdf(x: number): number {
  const a = x < 0 ? -x : x;
  let tail: number;
  if (a > 37) {
    tail = 0;
  } else {
    const e = exp(-0.5 * a * a);
    if (a < 7.07106781186547) {
      let n = 0.0352624965998911 * a + 0.700383064443688;
      n = n * a + 6.37396220353165;
      n = n * a + 33.912866078383;
      n = n * a + 112.079291497871;
      n = n * a + 221.213596169931;
      n = n * a + 220.206867912376;
      let d = 0.0883883476483184 * a + 1.75566716318264;
      d = d * a + 16.064177579207;
      d = d * a + 86.7807322029461;
      d = d * a + 296.564248779674;
      d = d * a + 637.333633378831;
      d = d * a + 793.826512519948;
      d = d * a + 440.413735824752;
      tail = (e * n) / d;
    } else {
      let c = a + 0.65;
      c = a + 4 / c;
      c = a + 3 / c;
      c = a + 2 / c;
      c = a + 1 / c;
      tail = e / c / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * Φ⁻¹(p) for 0 < p < 1: M. J. Wichura, "Algorithm AS 241: The percentage points of the normal
 * distribution", Applied Statistics 37(3), 1988 (PPND16, relative error about 1e-16). Its
 * coefficients are written as the shortest decimals of the same doubles.
 */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (q > -0.425 && q < 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((5226.495278852854 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z =
      (((((((0.0007745450142783414 * r + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((1.0507500716444169e-9 * r + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    z =
      (((((((2.0103343992922881e-7 * r + 0.000027115555687434876) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((2.0442631033899397e-15 * r + 1.421511758316446e-7) * r + 0.000018463183175100548) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -z : z;
}

/**
 * The correlation ρ of a bivariate normal whose rank (Spearman) correlation is `rank`:
 * ρ = 2·sin(π·rank/6) (K. Pearson 1907; W. Kruskal, JASA 53, 1958). The sine is a Taylor
 * series (|x| ≤ π/6, error < 1e-17) so the result is the same on every engine.
 */
export function pearsonFromSpearman(rank: number): number {
  const x = (Math.PI * rank) / 6;
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k <= 8; k++) {
    term *= -x2 / (2 * k * (2 * k + 1));
    sum += term;
  }
  return Math.min(1, 2 * sum);
}
