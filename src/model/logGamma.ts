/**
 * Natural log of the gamma function for x ≥ 0.5 (the model only needs factorials): the Lanczos
 * approximation (g = 7, 9 coefficients, as in Numerical Recipes 3rd ed. §6.1), relative error
 * below 1e-14 there.
 */
const G = 7;
const COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export function logGamma(x: number): number {
  const z = x - 1;
  let sum = COEFFICIENTS[0];
  for (let i = 1; i < COEFFICIENTS.length; i++) sum += COEFFICIENTS[i] / (z + i);
  const t = z + G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
