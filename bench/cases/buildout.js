/* Build-out family: the cheap closed-form quantiles through the adapter and the model. PERT's
 * inverse incomplete beta and BUILDOUT's Monte Carlo are too slow for a million calls each;
 * bench/buildout.js measures BUILDOUT against its sampling floor instead. */
module.exports = [
  { id: "TRIANGULAR", args: [6, 12, 36, 0.5], bare: (m) => (a, c, b, p) => m.triangularQuantile(a, c, b, p) },
  { id: "UNIFORM", args: [6, 36, 0.25], bare: (m) => (a, b, p) => m.uniformQuantile(a, b, p) },
  { id: "LOGNORMAL", args: [6, 12, 36, 0.5], bare: (m) => (a, c, b, p) => m.lognormalQuantile(a, c, b, p) },
];
