/* Reliability family: the same arguments through the adapter and the bare model. */
const goodput = (
  m,
  accelerators,
  accelMtbfHours,
  ckptWriteMin,
  restartMin,
  ckptIntervalMin,
  mfu,
  spares,
  repairHours,
) =>
  m.goodputBreakdown({
    accelerators,
    accelMtbfHours,
    ckptWriteMin,
    restartMin,
    ckptIntervalMin: ckptIntervalMin ?? undefined,
    mfu,
    spares,
    repairHours,
  });

module.exports = [
  { id: "JOB_MTBF", args: [16384, 50000], bare: (m) => (n, mtbf) => m.jobMtbfHours(n, mtbf) },
  { id: "SURVIVAL", args: [16384, 50000, 1], bare: (m) => (n, mtbf, h) => m.survival(n, mtbf, h) },
  {
    id: "CKPT_INTERVAL",
    args: [5, 24, "daly"],
    bare: (m) => (w, mtbf, method) => m.checkpointIntervalMin(w, mtbf, method),
  },
  { id: "ETTR", args: [24, 116.69, 5, 10, 0], bare: (m) => (mtbf, t, w, r, q) => m.ettr(mtbf, t, w, r, q) },
  {
    id: "GOODPUT",
    args: [16384, 50000, 1, 10, null, 0.4, 32, 48],
    bare:
      (m) =>
      (...a) =>
        goodput(m, ...a).usefulWork,
  },
  {
    id: "GOODPUT_BREAKDOWN",
    args: [16384, 50000, 1, 10, null, 0.4, 32, 48],
    bare:
      (m) =>
      (...a) => {
        const b = goodput(m, ...a);
        return m.GOODPUT_PARTS.map(([key, label]) => [label, b[key]]);
      },
  },
  {
    id: "SPARES_NEEDED",
    args: [2048, 3692.3, 48, 0.85],
    bare: (m) => (n, mtbf, r, p) => m.sparesNeeded(n, mtbf, r, p),
  },
];
