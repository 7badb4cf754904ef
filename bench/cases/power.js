/* Power family: the same arguments through the adapter and the bare model (topology parsing is part of the model). */
const layout = (m, text, n, countRequired) => m.layoutOf(m.parseTopology(text), n, countRequired);
const derating = (m, pue, topology, availability, utilization, goodput, n) => ({
  pue,
  usableFraction: m.usableFraction(layout(m, topology, n)),
  availability,
  utilization,
  goodput,
  oversubscription: 0,
});
const tco = (
  m,
  itMw,
  facilityCapexPerMw,
  itCapexUsd,
  powerPricePerMwh,
  pue,
  itLifeYears,
  facilityLifeYears,
  discountRate,
  loadFactor,
  otherOpexUsdPerYear,
) =>
  m.tcoBreakdown({
    itMw,
    facilityCapexPerMw,
    itCapexUsd,
    powerPricePerMwh,
    pue,
    itLifeYears,
    facilityLifeYears,
    discountRate,
    loadFactor,
    otherOpexUsdPerYear,
    usableFraction: 1,
  });

module.exports = [
  { id: "USABLE_FRACTION", args: ["N+1", 4], bare: (m) => (t, n) => m.usableFraction(layout(m, t, n)) },
  {
    id: "AVAILABILITY",
    args: ["2(N+1)", 0.999, 4, 0.05],
    bare: (m) => (t, a, n, beta) => m.layerAvailability(layout(m, t, n, true), a, beta).availability,
  },
  {
    id: "PATH_AVAILABILITY",
    args: ["3N/2", 0.999, 4, 0.05],
    bare: (m) => (t, a, n, beta) => m.pathAvailability(layout(m, t, n, true), a, beta, m.DEFAULT_PATH).availability,
  },
  { id: "MODULE_AVAILABILITY", args: [100000, 4], bare: (m) => (mtbf, mttr) => m.moduleAvailability(mtbf, mttr) },
  { id: "DOWNTIME", args: [0.99995, "minutes"], bare: (m) => (a, unit) => m.downtimePerYear(a, unit) },
  { id: "NINES", args: [0.99999], bare: (m) => (a) => m.nines(a) },
  {
    id: "EFFECTIVE_MW",
    args: [1000, 1.2, "2N", 0.99995, 0.8, 0.9],
    bare: (m) => (mw, pue, t, a, u, g) => m.effectiveMw(mw, derating(m, pue, t, a, u, g)),
  },
  {
    id: "VALUE_PER_GW",
    args: [5.676e12, 1.2, "2N", 0.99995, 0.7, 0.95],
    bare: (m) => (v, pue, t, a, u, g) => m.valuePerGwYear(v, derating(m, pue, t, a, u, g)),
  },
  {
    id: "VALUE_PER_EFFECTIVE_MW",
    args: [1.375e15, 21, 1, "N", 1],
    bare: (m) => (v, mw, pue, t, a) => m.valuePerEffectiveMwYear(v, mw, derating(m, pue, t, a, 1, 1)),
  },
  {
    id: "REDUNDANCY_COMPARE",
    args: ["2N, 2N FLEX, N+1, 3N/2", 120, 1.2, 0.999, 4, 0.05],
    bare: (m) => (list, gridMw, pue, moduleAvailability, n, commonCauseBeta) =>
      m.compareRedundancy(
        list.split(",").map((t) => layout(m, t, n, true)),
        {
          gridMw,
          pue,
          moduleAvailability,
          commonCauseBeta,
          path: m.DEFAULT_PATH,
          valuePerEffectiveMwYear: 1,
          utilization: 1,
          goodput: 1,
        },
      ),
  },
  {
    id: "TCO",
    args: [1000, 13e6, 25e9, 60, 1.2, 5, 14, 0.08, 0.8, 0.3e9],
    bare:
      (m) =>
      (...a) =>
        tco(m, ...a).total,
  },
  {
    id: "TCO_BREAKDOWN",
    args: [1000, 13e6, 25e9, 60, 1.2, 5, 14, 0.08, 0.8, 0.3e9],
    bare:
      (m) =>
      (...a) => {
        const b = tco(m, ...a);
        return m.TCO_PARTS.map(([key, label]) => [label, b[key], b[key] / 1200, b[key] / 1000, b[key] / 1000]);
      },
  },
  { id: "ACCELERATORS_PER_MW", args: [132, 72, 1.2], bare: (m) => (kw, n, pue) => m.acceleratorsPerMw(kw, n, pue) },
  {
    id: "UPTIME_TIER",
    args: ["Tier II", "downtime_hours"],
    bare: (m) => (tier) => m.downtimePerYear(m.findTier(tier).availability, "hours"),
  },
];
