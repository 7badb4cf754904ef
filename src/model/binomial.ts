/**
 * Binomial tails for counts of failed units (spare pools, k-out-of-n redundancy), summed so that
 * large pools stay cheap and tiny tails keep their digits.
 */
import { logGamma } from "./logGamma";

/** log P(X = i) for X ~ Binomial(n, q), from log-gamma (0 · log 0 taken as 0). */
function logBinomialTerm(i: number, n: number, q: number): number {
  const logQ = i === 0 ? 0 : i * Math.log(q);
  const logA = n - i === 0 ? 0 : (n - i) * Math.log1p(-q);
  return logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) + logQ + logA;
}

/** P(X = i) for X ~ Binomial(n, q). */
export function binomialTerm(i: number, n: number, q: number): number {
  return Math.exp(logBinomialTerm(i, n, q));
}

/**
 * P(X ≤ k) for X ~ Binomial(n, p). Terms more than 12 standard deviations below the mean are
 * below 1e-30 of the total and skipped; the first term summed comes from log-gamma (good to
 * ~1e-9 relative for n near 1e6) and the rest by the ratio recurrence, scaled to that first
 * term so nothing underflows. The sum stops once past the mode the terms vanish, so a call
 * costs O(σ), not O(k), for large pools.
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (p <= 0 || k >= n) return 1;
  if (p >= 1) return 0;
  const ratio = p / (1 - p);
  const mode = Math.floor((n + 1) * p);
  const first = Math.max(0, Math.floor(n * p - 12 * Math.sqrt(n * p * (1 - p)) - 10));
  if (first > k) return 0;
  let term = 1;
  let sum = 1;
  for (let i = first; i < k; i++) {
    term *= ((n - i) / (i + 1)) * ratio;
    sum += term;
    if (i > mode && term < sum * 1e-17) break;
  }
  return Math.min(1, Math.exp(logBinomialTerm(first, n, p) + Math.log(sum)));
}

/**
 * P(X > t) for X ~ Binomial(n, q). At or above the mean the terms fall from the first, so they
 * are summed upward from t + 1 until they vanish (tiny tails keep their digits); below it the
 * tail is large and 1 − P(X ≤ t) loses nothing.
 */
export function binomialUpperTail(t: number, n: number, q: number): number {
  if (t >= n || q <= 0) return 0;
  if (t < 0 || q >= 1) return 1;
  if (t + 1 < n * q) return 1 - binomialCdf(t, n, q);
  const ratio = q / (1 - q);
  let term = binomialTerm(t + 1, n, q);
  let sum = 0;
  for (let i = t + 1; i <= n && term >= sum * 1e-17; i++) {
    sum += term;
    term *= ((n - i) / (i + 1)) * ratio;
  }
  return Math.min(1, sum);
}
