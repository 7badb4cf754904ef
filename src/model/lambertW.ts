/**
 * Principal branch W0 of the Lambert W function (w·e^w = x) for x ≥ −1/e.
 *
 * Halley's iteration (Corless et al. 1996, "On the Lambert W function", eq. 5.9) from a start
 * that is the branch-point series near −1/e and log1p(x) elsewhere. Converges to double
 * precision in a few steps on the whole domain the model uses (−1/e ≤ x < 0).
 */
export function lambertW0(x: number): number {
  const branchPoint = -1 / Math.E;
  if (x <= branchPoint) return -1;
  if (x === 0) return 0;
  let w: number;
  if (x < -0.25) {
    const p = Math.sqrt(2 * (Math.E * x + 1));
    w = -1 + p - (p * p) / 3 + (11 / 72) * p * p * p;
  } else {
    w = Math.log1p(x);
  }
  for (let i = 0; i < 20; i++) {
    const ew = Math.exp(w);
    const f = w * ew - x;
    const wp1 = w + 1;
    if (wp1 === 0) break;
    const step = f / (ew * wp1 - ((w + 2) * f) / (2 * wp1));
    w -= step;
    if (Math.abs(step) <= 1e-15 * (1 + Math.abs(w))) break;
  }
  return w;
}
