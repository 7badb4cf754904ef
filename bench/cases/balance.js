/* Balance family: the same arguments through the adapter and the bare model (chip looked up by name in both). */
const spec = (m, name) => m.catalogSpec(m.findChip(name));

module.exports = [
  {
    id: "RIDGE",
    args: ["H100"],
    bare: (m) => (chip) => {
      const r = m.chipRates(spec(m, chip), "bf16");
      return m.ridgePoint(r.peakFlops, r.hbmBytesPerS);
    },
  },
  {
    id: "ROOFLINE",
    args: ["H100", 100],
    bare: (m) => (chip, intensity) => {
      const r = m.chipRates(spec(m, chip), "bf16");
      return m.attainableFlops(r.peakFlops, r.hbmBytesPerS, intensity, 0.7, 0.8) / 1e12;
    },
  },
  {
    id: "BALANCE",
    args: ["H100", 1.4e11, 1.4e11, 0, 0, 1.4e11, "bf16", 8],
    bare: (m) => (chip, flops, hbmBytes, networkBytes, storageBytes, residentBytes, precision, chips) =>
      m.stepTimes(
        { flops, hbmBytes, networkBytes, storageBytes, residentBytes, scaleOutBytes: 0, chips },
        m.chipRates(spec(m, chip), precision),
        m.DEFAULT_EFFICIENCY,
      ).fraction,
  },
  {
    id: "BOTTLENECK",
    args: ["H100", 1.4e11, 1.4e11, 0, 0, 1.4e11, "bf16", 8],
    bare: (m) => (chip, flops, hbmBytes, networkBytes, storageBytes, residentBytes, precision, chips) =>
      m.stepTimes(
        { flops, hbmBytes, networkBytes, storageBytes, residentBytes, scaleOutBytes: 0, chips },
        m.chipRates(spec(m, chip), precision),
        m.DEFAULT_EFFICIENCY,
      ).bottleneck,
  },
  { id: "KV_BYTES", args: [80, 8, 128], bare: (m) => (l, h, d) => m.kvCacheBytes(l, h, d, 1, 2) },
  {
    id: "DECODE_STEP",
    args: [70e9, 1, 4096, 327680],
    bare: (m) => (params, batch, context, kvPerToken) => {
      const w = m.decodeWorkload({ params, activeParams: params, bytesPerParam: 2 }, batch, context, kvPerToken);
      return [
        [...m.WORKLOAD_COLUMNS],
        [w.flops, w.hbmBytes, w.networkBytes, w.storageBytes, w.residentBytes, w.scaleOutBytes],
      ];
    },
  },
  {
    id: "CRITICAL_BATCH",
    args: ["H100", "fp8", 1, 671e9, 37e9],
    bare: (m) => (chip, precision, bytesPerParam, params, active) => {
      const r = m.chipRates(spec(m, chip), precision);
      return m.criticalDecodeBatch(m.ridgePoint(r.peakFlops, r.hbmBytesPerS), bytesPerParam, params / active);
    },
  },
  {
    id: "MFU",
    args: [30000, 1e9, "A100", 1, 24, 16, 128, 2048],
    bare: (m) => (tps, params, chip, chips, layers, heads, headDim, seq) =>
      m.modelFlopsUtilization(
        tps,
        m.palmFlopsPerToken(params, layers, heads, headDim, seq),
        m.chipRates(spec(m, chip), "bf16").peakFlops * chips,
      ),
  },
  {
    id: "AGENT_BUSY",
    args: [0.047, 0.906],
    bare: (m) => (llmS, toolCpuS) => m.agentBusyFraction({ llmS, toolCpuS, storageS: 0, networkS: 0, toolCalls: 1 }, 1),
  },
  {
    id: "AGENT_CPU_CORES",
    args: [0.047, 0.906],
    bare: (m) => (llmS, toolCpuS) => m.agentCpuCores({ llmS, toolCpuS, storageS: 0, networkS: 0, toolCalls: 1 }),
  },
];
