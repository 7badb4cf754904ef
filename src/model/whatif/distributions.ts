/**
 * Distributions of uncertain inputs and their samplers. The three-point kinds are the build-out
 * planner's (src/model/buildout/distributions.ts: PERT as @RISK's RiskPert, triangular, uniform,
 * and the shifted lognormal with its mode at likely and 95 % below max; D. Vose, Risk Analysis,
 * 3rd ed., §9.1.3 and App. III); the normal is N(mean, sd²), x = mean + sd·Φ⁻¹(u) (Φ⁻¹: Wichura's
 * AS 241, src/model/buildout/normal.ts). Sampling is by inverse CDF, x = Q(u) (L. Devroye,
 * Non-Uniform Random Variate Generation, 1986, §II.2), so a Gaussian copula can drive any of them.
 * Truncation to an input's accepted range [low, high] rescales u into [F(low), F(high)] before
 * the inverse (the distribution conditioned on the range, not clamped to it, so no mass piles up
 * at the ends; its mean then differs from the untruncated one). Integer inputs round each draw to
 * the nearest whole number in range: k takes the truncated distribution's probability of
 * [k − ½, k + ½), the smallest and largest whole numbers in range also what lies beyond them
 * (a discretised distribution, not a chosen discrete one).
 */
import { blockSampler, distributionCdf, LOGNORMAL_NEEDS, lognormalFits } from "../buildout/distributions";
import { LOWEST_UNIFORM } from "../buildout/random";
import { normalCdf, normalQuantile } from "../buildout/normal";

export type InputDistribution =
  | { kind: "pert" | "triangular" | "uniform" | "lognormal"; min: number; likely: number; max: number }
  | { kind: "normal"; mean: number; sd: number };

const KINDS = ["pert", "triangular", "uniform", "lognormal", "normal"];

/** What is wrong with a distribution, in words; undefined when it is valid. */
export function distributionProblem(d: InputDistribution): string | undefined {
  if (!d || !KINDS.includes(d.kind)) return `the distribution must be one of ${KINDS.join(", ")}`;
  if (d.kind === "normal") {
    if (!Number.isFinite(d.mean)) return `the normal's mean must be a finite number; got ${d.mean}`;
    if (!(Number.isFinite(d.sd) && d.sd > 0)) return `the normal's standard deviation must be above 0; got ${d.sd}`;
    return undefined;
  }
  const { min, likely, max } = d;
  if (![min, likely, max].every(Number.isFinite))
    return `min, likely and max must be finite numbers; got ${min}, ${likely}, ${max}`;
  if (d.kind === "lognormal") return lognormalFits(min, likely, max) ? undefined : LOGNORMAL_NEEDS;
  if (d.kind === "uniform") return min <= max ? undefined : `the uniform needs min ≤ max; got ${min} and ${max}`;
  return min <= likely && likely <= max
    ? undefined
    : `the ${d.kind === "pert" ? "PERT" : "triangular"} needs min ≤ likely ≤ max; got ${min}, ${likely}, ${max}`;
}

/** P(X ≤ x). A three-point distribution with min = max is a point mass at min. */
export function inputCdf(d: InputDistribution, x: number): number {
  if (d.kind === "normal") return normalCdf((x - d.mean) / d.sd);
  if (d.max === d.min) return x >= d.min ? 1 : 0;
  if (x >= d.max && d.kind !== "lognormal") return 1;
  return distributionCdf(d.kind, d.min, d.likely, d.max, x);
}

/** Truncation and rounding of an input's draws. */
export interface InputRange {
  low?: number;
  high?: number;
  /** Values must be above `low`. */
  lowExclusive?: boolean;
  integer?: boolean;
}

/** Maps a block of uniforms in (0, 1) to input values: out[t] = the input for u[t], t < n. u is overwritten. */
export type InputSampler = (u: Float64Array, out: Float64Array, n: number) => void;

/** The smallest and largest values an input may take after truncation and rounding. */
function bounds(range: InputRange): { lo: number; hi: number } {
  let lo = range.low ?? -Infinity;
  let hi = range.high ?? Infinity;
  if (range.integer) {
    lo = range.lowExclusive ? Math.floor(lo) + 1 : Math.ceil(lo);
    hi = Math.floor(hi);
  }
  return { lo, hi };
}

/** What is wrong with truncating a valid distribution to the range, in words; undefined when fine. */
export function truncationProblem(d: InputDistribution, range: InputRange): string | undefined {
  const { low, high } = range;
  if ((low !== undefined && Number.isNaN(low)) || (high !== undefined && Number.isNaN(high)))
    return "the range must be numbers";
  const { lo, hi } = bounds(range);
  if (lo > hi)
    return range.integer
      ? `there is no whole number in the range ${low} to ${high}`
      : `the range needs low ≤ high; got ${low} and ${high}`;
  const mass = (high === undefined ? 1 : inputCdf(d, high)) - (low === undefined ? 0 : inputCdf(d, low));
  const point = d.kind !== "normal" && d.min === d.max;
  const inside =
    point &&
    (low === undefined || (range.lowExclusive ? d.min > low : d.min >= low)) &&
    (high === undefined || d.min <= high);
  if (point ? !inside : !(mass > 0))
    return `the distribution puts no probability in the input's range ${low ?? "−∞"} to ${high ?? "∞"}`;
  return undefined;
}

/**
 * The block sampler of a distribution (valid, with no truncationProblem) on an input's range:
 * u' = F(low) + u·(F(high) − F(low)), x = Q(u') (kept in [low, high] against rounding), and for
 * integer inputs x rounded to the nearest whole number in range.
 */
export function inputSampler(d: InputDistribution, range: InputRange): InputSampler {
  const quantile =
    d.kind === "normal"
      ? (u: Float64Array, out: Float64Array, n: number) => {
          for (let t = 0; t < n; t++) out[t] = d.mean + d.sd * normalQuantile(u[t]);
        }
      : blockSampler(d.kind, d.min, d.likely, d.max);
  const from = range.low === undefined ? 0 : inputCdf(d, range.low);
  const width = (range.high === undefined ? 1 : inputCdf(d, range.high)) - from;
  const { lo, hi } = bounds(range);
  const { integer = false } = range;
  const truncated = from > 0 || width < 1;
  return (u, out, n) => {
    if (truncated) {
      for (let t = 0; t < n; t++) {
        const v = from + u[t] * width;
        u[t] = v < 1 ? v : 1 - LOWEST_UNIFORM;
      }
    }
    quantile(u, out, n);
    if (truncated || integer) {
      for (let t = 0; t < n; t++) {
        let x = out[t];
        if (integer) x = Math.round(x);
        out[t] = x < lo ? lo : x > hi ? hi : x;
      }
    }
  };
}
