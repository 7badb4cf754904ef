/* Reliability family: the same inputs through the adapter and the model. */
const goodputInputs = {
  accelerators: 16384,
  accelMtbfHours: 50000,
  ckptWriteMin: 1,
  restartMin: 10,
  mfu: 0.4,
  spares: 32,
  repairHours: 48,
};

module.exports = [
  { id: "JOB_MTBF", args: [16384, 50000], bare: (m) => () => m.jobMtbfHours(16384, 50000) },
  { id: "SURVIVAL", args: [16384, 50000, 1], bare: (m) => () => m.survival(16384, 50000, 1) },
  { id: "CKPT_INTERVAL", args: [5, 24, "daly"], bare: (m) => () => m.checkpointIntervalMin(5, 24, "daly") },
  { id: "ETTR", args: [24, 116.69, 5, 10, 0], bare: (m) => () => m.ettr(24, 116.69, 5, 10, 0) },
  {
    id: "GOODPUT",
    args: [16384, 50000, 1, 10, null, 0.4, 32, 48],
    bare: (m) => () => m.goodputBreakdown(goodputInputs).usefulWork,
  },
  {
    id: "GOODPUT_BREAKDOWN",
    args: [16384, 50000, 1, 10, null, 0.4, 32, 48],
    bare: (m) => () => {
      const b = m.goodputBreakdown(goodputInputs);
      return m.GOODPUT_PARTS.map(([key, label]) => [label, b[key]]);
    },
  },
  { id: "SPARES_NEEDED", args: [2048, 3692.3, 48, 0.85], bare: (m) => () => m.sparesNeeded(2048, 3692.3, 48, 0.85) },
];
