/**
 * Three-point distributions for durations (min, likely, max), as @RISK's RiskPert/RiskTriang
 * and Crystal Ball define them: quantile functions for cells, and block samplers that map
 * uniforms to durations by inverse CDF (so a rank-correlation copula can drive them).
 */
import { BetaDistribution } from "./beta";
import { exp, log } from "./ieee754";
import { normalCdf, normalQuantile } from "./normal";

export type DistributionName = "pert" | "triangular" | "uniform" | "lognormal" | "pert_textbook" | "normal";
export const DISTRIBUTIONS: readonly DistributionName[] = [
  "pert",
  "triangular",
  "uniform",
  "lognormal",
  "pert_textbook",
  "normal",
];

/**
 * The lognormal choice is shifted to start at min, with its mode at likely and max at this
 * percentile, so 5 % of outcomes overrun max: the right-skewed tail of lead times that slip.
 */
export const LOGNORMAL_MAX_PROBABILITY = 0.95;

/**
 * Which variance a PERT distribution has. Both keep the PERT mean (min + 4·likely + max)/6.
 *
 * - "beta" (default; Vose, Risk Analysis, 3rd ed. §9.1.3; @RISK's RiskPert): Beta(α, β) on
 *   [min, max] with α = 1 + 4(likely − min)/(max − min), β = 1 + 4(max − likely)/(max − min), so
 *   α + β = 6, the mode is at likely and the variance is αβ(max − min)²/252: a symmetric task has
 *   σ = (max − min)/√28 = (max − min)/5.29, 13% wider than the textbook's.
 * - "textbook" (Malcolm, Roseboom, Clark and Fazar 1959, the original PERT): σ = (max − min)/6.
 *   The Beta with that mean and variance (method of moments): with μ = (mean − min)/(max − min),
 *   α = μ·(36·μ(1 − μ) − 1), β = (1 − μ)·(36·μ(1 − μ) − 1). Its mode is at likely only for a
 *   symmetric task (then α = β = 4); α + β runs from 4 (likely at min or max) to 8.
 */
export type PertVariance = "beta" | "textbook";
export const PERT_VARIANCES: readonly PertVariance[] = ["beta", "textbook"];

/** The Beta(α, β) on [min, max] (min < max) of a PERT with the given variance convention. */
export function pertBeta(min: number, likely: number, max: number, variance: PertVariance = "beta"): BetaDistribution {
  const range = max - min;
  if (variance === "textbook") {
    const mu = (1 + (4 * (likely - min)) / range) / 6;
    const k = 36 * mu * (1 - mu) - 1;
    return new BetaDistribution(mu * k, (1 - mu) * k);
  }
  return new BetaDistribution(1 + (4 * (likely - min)) / range, 1 + (4 * (max - likely)) / range);
}

/** PERT quantile: min + (max − min)·I⁻¹_p(α, β). */
export function pertQuantile(
  min: number,
  likely: number,
  max: number,
  p: number,
  variance: PertVariance = "beta",
): number {
  if (max === min) return min;
  return min + (max - min) * pertBeta(min, likely, max, variance).quantile(p);
}

/** Triangular quantile: min + √(p·(max − min)(likely − min)) below the mode's CDF, mirrored above. */
export function triangularQuantile(min: number, likely: number, max: number, p: number): number {
  const range = max - min;
  if (range === 0) return min;
  return p * range < likely - min
    ? min + Math.sqrt(p * range * (likely - min))
    : max - Math.sqrt((1 - p) * range * (max - likely));
}

export function uniformQuantile(min: number, max: number, p: number): number {
  return min + p * (max - min);
}

/**
 * Shifted lognormal fitted to three points: X = min + e^(μ + σZ) with mode likely and
 * P(X ≤ max) = 0.95. With m = likely − min and M = max − min: mode m = e^(μ − σ²) and
 * M = e^(μ + z·σ), z = Φ⁻¹(0.95), so σ² + zσ = ln(M/m). Needs `lognormalFits`.
 */
export function lognormalParameters(min: number, likely: number, max: number): { mu: number; sigma: number } {
  const z = normalQuantile(LOGNORMAL_MAX_PROBABILITY);
  const sigma = (-z + Math.sqrt(z * z + 4 * log((max - min) / (likely - min)))) / 2;
  return { mu: log(likely - min) + sigma * sigma, sigma };
}

/** The largest (max − min)/(likely − min) the lognormal fit accepts (σ ≈ 4.5 there). */
export const LOGNORMAL_MAX_RATIO = 1e12;

/**
 * Whether the lognormal can be fitted: min = likely = max (a point), or min < likely < max with
 * likely not so close to min that (max − min)/(likely − min) exceeds LOGNORMAL_MAX_RATIO
 * (closer, and σ and the quantiles overflow).
 */
export function lognormalFits(min: number, likely: number, max: number): boolean {
  if (min === max) return likely === min;
  return min < likely && likely < max && max - min <= LOGNORMAL_MAX_RATIO * (likely - min);
}

/** What lognormalFits asks, in words, for messages. */
export const LOGNORMAL_NEEDS = `the lognormal needs min < likely < max, with likely not too close to min: (max − min)/(likely − min) at most ${LOGNORMAL_MAX_RATIO.toExponential().replace("e+", "e")}, or all three equal`;

/** Lognormal quantile for 0 < p < 1 (min when min = likely = max). */
export function lognormalQuantile(min: number, likely: number, max: number, p: number): number {
  if (max === min) return min;
  const { mu, sigma } = lognormalParameters(min, likely, max);
  return min + exp(mu + sigma * normalQuantile(p));
}

/**
 * The "normal" choice read from three points, the PERT textbook's way (Malcolm et al. 1959):
 * mean = likely and σ = (max − min)/6, so min and max sit about 3σ from the mean when the task is
 * symmetric (a skewed task's min and max only set the width; the normal is symmetric about
 * likely). A duration cannot be negative, so the normal is truncated at 0: X = μ + σ·Φ⁻¹(a + u(1 − a))
 * with a = Φ(−μ/σ), the mass below 0 (negligible, below 1.4e-3, whenever likely ≥ 3σ). Unlike the
 * others it is not bounded by min and max: about 0.27 % of a symmetric task's draws fall outside them.
 */
export function normalParameters(min: number, likely: number, max: number): { mean: number; sd: number } {
  return { mean: likely, sd: (max - min) / 6 };
}

/** The mass a = Φ(−μ/σ) the truncation at 0 removes from N(μ, σ) (σ > 0). */
function massBelowZero(mean: number, sd: number): number {
  return normalCdf(-mean / sd);
}

/** Quantile of the "normal" choice (see normalParameters) for 0 < p < 1; likely when min = max. */
export function truncatedNormalQuantile(min: number, likely: number, max: number, p: number): number {
  const { mean, sd } = normalParameters(min, likely, max);
  if (sd === 0) return mean;
  const a = massBelowZero(mean, sd);
  return Math.max(0, mean + sd * normalQuantile(a + p * (1 - a)));
}

/**
 * P(X ≤ x) for a three-point distribution over [min, max] with min < max (the lognormal also
 * needs `lognormalFits`): how far into its distribution an observed duration x lies.
 */
export function distributionCdf(name: DistributionName, min: number, likely: number, max: number, x: number): number {
  const range = max - min;
  if (name === "normal") {
    const { mean, sd } = normalParameters(min, likely, max);
    if (x <= 0) return 0;
    const a = massBelowZero(mean, sd);
    return (normalCdf((x - mean) / sd) - a) / (1 - a);
  }
  if (x <= min) return 0;
  switch (name) {
    case "uniform":
      return Math.min(1, (x - min) / range);
    case "triangular":
      if (x >= max) return 1;
      return x < likely ? (x - min) ** 2 / (range * (likely - min)) : 1 - (max - x) ** 2 / (range * (max - likely));
    case "lognormal": {
      const { mu, sigma } = lognormalParameters(min, likely, max);
      return normalCdf((log(x - min) - mu) / sigma);
    }
    case "pert_textbook":
      return pertBeta(min, likely, max, "textbook").cdf((x - min) / range);
    default:
      return pertBeta(min, likely, max).cdf((x - min) / range);
  }
}

/** Maps a block of uniforms in (0, 1) to durations: `out[i] = Q(u[i])` for i < n. */
export type BlockSampler = (u: Float64Array, out: Float64Array, n: number) => void;

/** Knots of the tabulated PERT quantile used for sampling. */
export const PERT_TABLE_KNOTS = 2048;
const PERT_GRID_CELLS = 2048;
const PERT_ANCHOR_EVERY = 32;
const PERT_TABLE_CACHE = 256;
const pertTables = new Map<string, PertTable>();

/** A tabulated standard PERT quantile: knots at u = k/2048 and the tail exponents 1/α, 1/β. */
export interface PertTable {
  knots: Float64Array;
  lowerPower: number;
  upperPower: number;
}

/**
 * The standard Beta(α, β) quantile at u = k/2048, for sampling (an exact inverse costs
 * microseconds a draw); β defaults to 6 − α, the PERT's. Built from the CDF on a 2,048-cell grid (exact every 32nd point and at
 * every point of the first and last 32 cells, where a shape near 1 gives the density an infinite
 * slope that Simpson's rule misses; Simpson's rule elsewhere) inverted by linear interpolation. Between knots the sampler
 * interpolates linearly; in the first and last 1/2048 it follows the Beta's power-law tails,
 * Q(u) ∝ u^(1/α) and 1 − Q(u) ∝ (1 − u)^(1/β). Cached by (α, β), so recalculation reuses it.
 */
export function pertTable(alpha: number, betaShape = 6 - alpha): PertTable {
  const key = `${alpha},${betaShape}`;
  const cached = pertTables.get(key);
  if (cached) return cached;
  const beta = new BetaDistribution(alpha, betaShape);
  const h = 1 / PERT_GRID_CELLS;
  const cdf = new Float64Array(PERT_GRID_CELLS + 1);
  let left = beta.density(0);
  for (let j = 0; j < PERT_GRID_CELLS; j++) {
    const x = j * h;
    if (j % PERT_ANCHOR_EVERY === 0 || j < PERT_ANCHOR_EVERY || j > PERT_GRID_CELLS - PERT_ANCHOR_EVERY) {
      cdf[j] = beta.cdf(x);
    }
    const right = beta.density(x + h);
    cdf[j + 1] = cdf[j] + (h / 6) * (left + 4 * beta.density(x + h / 2) + right);
    left = right;
  }
  cdf[PERT_GRID_CELLS] = 1;
  const knots = new Float64Array(PERT_TABLE_KNOTS + 1);
  let j = 0;
  for (let k = 1; k < PERT_TABLE_KNOTS; k++) {
    const u = k / PERT_TABLE_KNOTS;
    while (cdf[j + 1] < u) j++;
    const width = cdf[j + 1] - cdf[j];
    knots[k] = (j + (width > 0 ? (u - cdf[j]) / width : 0)) * h;
  }
  knots[PERT_TABLE_KNOTS] = 1;
  const table = { knots, lowerPower: 1 / alpha, upperPower: 1 / betaShape };
  if (pertTables.size >= PERT_TABLE_CACHE) pertTables.clear();
  pertTables.set(key, table);
  return table;
}

/** The tabulated standard PERT quantile at u in (0, 1). */
export function pertTableQuantile(table: PertTable, u: number): number {
  const { knots } = table;
  const x = u * PERT_TABLE_KNOTS;
  const k = x | 0;
  if (k === 0) return knots[1] * exp(table.lowerPower * log(x));
  if (k === PERT_TABLE_KNOTS - 1) return 1 - (1 - knots[k]) * exp(table.upperPower * log(PERT_TABLE_KNOTS - x));
  const lo = knots[k];
  return lo + (knots[k + 1] - lo) * (x - k);
}

/** The block sampler of one distribution over [min, max]. */
export function blockSampler(name: DistributionName, min: number, likely: number, max: number): BlockSampler {
  const range = max - min;
  if (range === 0) return (_u, out, n) => out.fill(min, 0, n);
  switch (name) {
    case "normal": {
      const { mean, sd } = normalParameters(min, likely, max);
      const a = massBelowZero(mean, sd);
      const kept = 1 - a;
      return (u, out, n) => {
        for (let i = 0; i < n; i++) {
          const x = mean + sd * normalQuantile(a + u[i] * kept);
          out[i] = x > 0 ? x : 0;
        }
      };
    }
    case "uniform":
      return (u, out, n) => {
        for (let i = 0; i < n; i++) out[i] = min + u[i] * range;
      };
    case "triangular": {
      const mode = (likely - min) / range;
      const left = range * (likely - min);
      const right = range * (max - likely);
      return (u, out, n) => {
        for (let i = 0; i < n; i++) {
          const p = u[i];
          out[i] = p < mode ? min + Math.sqrt(p * left) : max - Math.sqrt((1 - p) * right);
        }
      };
    }
    case "lognormal": {
      const { mu, sigma } = lognormalParameters(min, likely, max);
      return (u, out, n) => {
        for (let i = 0; i < n; i++) out[i] = min + exp(mu + sigma * normalQuantile(u[i]));
      };
    }
    case "pert_textbook": {
      const shape = pertBeta(min, likely, max, "textbook");
      const table = pertTable(shape.a, shape.b);
      return (u, out, n) => {
        for (let i = 0; i < n; i++) out[i] = min + range * pertTableQuantile(table, u[i]);
      };
    }
    default: {
      const table = pertTable(1 + (4 * (likely - min)) / range);
      return (u, out, n) => {
        for (let i = 0; i < n; i++) out[i] = min + range * pertTableQuantile(table, u[i]);
      };
    }
  }
}
