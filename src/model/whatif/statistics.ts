/**
 * Summaries of a simulated output: moments, percentiles, a histogram, the S-curve and rank
 * correlations. All of them take the trials that gave a value (no NaN). Percentiles are Excel's
 * PERCENTILE.INC (R. J. Hyndman and Y. Fan, The American Statistician 50(4), 1996, definition 7).
 */
import { percentilesInc } from "../buildout/percentiles";

export interface SummaryStatistics {
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator, Excel's STDEV.S); NaN for one trial. */
  sd: number;
  /** Standard error of the mean, sd/√n: the Monte Carlo error of `mean`, for independent trials. */
  stdError: number;
  /** PERCENTILE.INC at 0.1, 0.5 and 0.9. */
  p10: number;
  p50: number;
  p90: number;
  min: number;
  max: number;
}

/** Mean, sd (two-pass: the mean first, then squared deviations from it), extremes and P10/P50/P90. NaN for no values. */
export function summaryStatistics(values: Float64Array): SummaryStatistics {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN, stdError: NaN, p10: NaN, p50: NaN, p90: NaN, min: NaN, max: NaN };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : NaN;
  const [p10, p50, p90] = percentilesInc(values, [0.1, 0.5, 0.9]);
  return { mean, sd, stdError: sd / Math.sqrt(n), p10, p50, p90, min, max };
}

export const MIN_HISTOGRAM_BINS = 10;
export const MAX_HISTOGRAM_BINS = 50;
const NICE_STEPS = [1, 2, 2.5, 5];

/**
 * A histogram over [min, max] with "nice" bin edges (multiples of 1, 2, 2.5 or 5 × 10^k). The
 * target number of bins is the Freedman–Diaconis rule, width 2·IQR·n^(−1/3) (D. Freedman and
 * P. Diaconis, Z. Wahrscheinlichkeitstheorie verw. Gebiete 57, 1981, 453–476), or Sturges' rule
 * ⌈log₂ n⌉ + 1 (H. A. Sturges, JASA 21, 1926, 65–66) when the interquartile range is 0, capped
 * to 10–50; the nice width whose bin count is nearest that target, among those giving 10–50
 * bins, is chosen. Bins are [from, to) except the last, which is closed, so a value on an edge
 * counts in the bin above it; counts sum to n. All values equal: one bin [v, v].
 */
export function histogram(values: Float64Array): { from: number; to: number; count: number }[] {
  const n = values.length;
  if (n === 0) return [];
  const [q1, q3, min, max] = percentilesInc(values, [0.25, 0.75, 0, 1]);
  if (!(max > min)) return [{ from: min, to: max, count: n }];
  const range = max - min;
  const fd = q3 > q1 ? Math.ceil(range / (2 * (q3 - q1) * Math.cbrt(n))) : Math.ceil(Math.log2(n)) + 1;
  const target = Math.min(MAX_HISTOGRAM_BINS, Math.max(MIN_HISTOGRAM_BINS, fd));
  let best: { edge: (k: number) => number; first: number; bins: number; width: number } | undefined;
  const top = Math.floor(Math.log10(range / MIN_HISTOGRAM_BINS)) + 1;
  for (let e = top - 3; e <= top; e++) {
    for (const step of NICE_STEPS) {
      // k·step·10^e, divided by an exact power of ten for e < 0 so edges are the nearest doubles to decimals.
      const edge = e < 0 ? (k: number) => (k * step) / 10 ** -e : (k: number) => k * step * 10 ** e;
      const width = e < 0 ? step / 10 ** -e : step * 10 ** e;
      let first = Math.floor(min / width);
      if (edge(first) > min) first--;
      let last = Math.ceil(max / width);
      if (edge(last) < max) last++;
      const bins = last - first;
      if (bins < MIN_HISTOGRAM_BINS || bins > MAX_HISTOGRAM_BINS) continue;
      if (!best || Math.abs(bins - target) < Math.abs(best.bins - target)) best = { edge, first, bins, width };
    }
  }
  if (!best) return equalBins(values, min, max, target);
  const { edge, first, bins, width } = best;
  const counts = new Array<number>(bins).fill(0);
  const origin = edge(first);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let b = Math.floor((v - origin) / width);
    if (b >= bins) b = bins - 1;
    else if (b < 0) b = 0;
    else if (v < edge(first + b)) b--;
    else if (b + 1 < bins && v >= edge(first + b + 1)) b++;
    counts[b]++;
  }
  return counts.map((count, b) => ({ from: edge(first + b), to: edge(first + b + 1), count }));
}

/** Points of the S-curve. */
export const CDF_POINTS = 201;

/**
 * The S-curve (empirical CDF): x = PERCENTILE.INC(values, p) at p = 0, 1/200, …, 1 (fewer points,
 * p = k/(n − 1), for n < 201 values; one point at p = 1 for a single value). Ascending in x and p.
 */
export function sCurve(values: Float64Array): { x: number; p: number }[] {
  const n = values.length;
  if (n === 0) return [];
  if (n === 1) return [{ x: values[0], p: 1 }];
  const m = Math.min(CDF_POINTS, n);
  const ps = Array.from({ length: m }, (_, k) => k / (m - 1));
  return percentilesInc(values, ps).map((x, k) => ({ x, p: ps[k] }));
}

/**
 * Average ranks (1 … n; tied values share the mean of their ranks): the values sorted once, the
 * average rank of each run of equal values noted at the run's first position, and each value's
 * first position found by binary search.
 */
export function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const runRank = new Float64Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && sorted[end] === sorted[start]) end++;
    runRank[start] = (start + end + 1) / 2;
    start = end;
  }
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = runRank[lo];
  }
  return ranks;
}

/** Pearson's correlation of two equally long samples; NaN when either does not vary. */
export function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/**
 * Spearman's rank correlation (C. Spearman, Am. J. Psychol. 15, 1904): Pearson's correlation of
 * the average ranks, which handles ties; NaN when either sample does not vary.
 */
export function spearman(a: Float64Array, b: Float64Array): number {
  return pearson(averageRanks(a), averageRanks(b));
}

/** `bins` equal bins from min to max (when no nice width fits: a range tiny next to the values' size). */
function equalBins(
  values: Float64Array,
  min: number,
  max: number,
  bins: number,
): { from: number; to: number; count: number }[] {
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) counts[Math.min(bins - 1, Math.floor((values[i] - min) / width))]++;
  return counts.map((count, b) => ({ from: min + b * width, to: b === bins - 1 ? max : min + (b + 1) * width, count }));
}
