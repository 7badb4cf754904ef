/* Balance family: the same arguments through the adapter and the bare model (chip looked up by name in both). */
const spec = (m, name) => m.catalogSpec(m.findChip(name));
const row = (w) => [w.flops, w.hbmBytes, w.networkBytes, w.storageBytes, w.residentBytes, w.scaleOutBytes];
const steps = (m, chip, flops, hbmBytes, networkBytes, storageBytes, residentBytes, precision, chips) =>
  m.stepTimes(
    { flops, hbmBytes, networkBytes, storageBytes, residentBytes, scaleOutBytes: 0, chips },
    m.chipRates(spec(m, chip), precision),
    m.DEFAULT_EFFICIENCY,
  );

module.exports = [
  {
    id: "CHIP",
    args: ["H100", "bf16_tflops"],
    bare: (m) => (chip, field) => m.fieldsOfSpec(spec(m, chip))[field],
  },
  {
    id: "CHIPS",
    args: [],
    bare: (m) => () => {
      const rows = [["chip", "field", "value", "unit", "precision", "dense", "source", "as_of", "note"]];
      for (const c of m.CATALOG) {
        for (const f of m.CHIP_FIELDS) {
          const x = c.figures[f];
          if (x)
            rows.push([c.name, f, x.value, x.unit, x.precision ?? "", x.dense ?? "", x.source, x.asOf, x.note ?? ""]);
        }
      }
      return rows;
    },
  },
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
      steps(m, chip, flops, hbmBytes, networkBytes, storageBytes, residentBytes, precision, chips).fraction,
  },
  {
    id: "BOTTLENECK",
    args: ["H100", 1.4e11, 1.4e11, 0, 0, 1.4e11, "bf16", 8],
    bare: (m) => (chip, flops, hbmBytes, networkBytes, storageBytes, residentBytes, precision, chips) =>
      steps(m, chip, flops, hbmBytes, networkBytes, storageBytes, residentBytes, precision, chips).bottleneck,
  },
  {
    id: "BALANCE_BREAKDOWN",
    args: ["H100", 1.4e11, 1.4e11, 0, 0, 1.4e11, "bf16", 8],
    bare: (m) => (chip, flops, hbmBytes, networkBytes, storageBytes, residentBytes, precision, chips) => {
      const t = steps(m, chip, flops, hbmBytes, networkBytes, storageBytes, residentBytes, precision, chips);
      return [
        ["compute s", t.computeS],
        ["hbm s", t.hbmS],
        ["scale-up network s", t.scaleUpS],
        ["scale-out network s", t.scaleOutS],
        ["storage s", t.storageS],
        ["step s", t.stepS],
        ["fraction of peak", t.fraction],
      ];
    },
  },
  { id: "KV_BYTES", args: [80, 8, 128], bare: (m) => (l, h, d) => m.kvCacheBytes(l, h, d, 1, 2) },
  {
    id: "DECODE_STEP",
    args: [70e9, 1, 4096, 327680],
    bare: (m) => (params, batch, context, kvPerToken) => {
      const w = m.decodeWorkload({ params, activeParams: params, bytesPerParam: 2 }, batch, context, kvPerToken);
      return [[...m.WORKLOAD_COLUMNS], row(w)];
    },
  },
  {
    id: "PREFILL_STEP",
    args: [7e10, 4096, 8, 327680, null, null, null, null, 80, 8192],
    bare: (m) => (params, prompt, batch, kvPerToken, _active, _bpp, _e, _k, layers, width) => {
      const size = { params, activeParams: params, bytesPerParam: 2 };
      return [[...m.WORKLOAD_COLUMNS], row(m.prefillWorkload(size, prompt, batch, kvPerToken, { layers, width }))];
    },
  },
  {
    id: "TRAIN_STEP",
    args: [7e10, 1.6e7, 16384, null, 8, null, 8192, 80],
    bare: (m) => (params, tokens, chips, _active, tp, _ep, dModel, layers) => {
      const size = { params, activeParams: params, bytesPerParam: 2, expertsPerToken: 1 };
      const layout = { chips, tensorParallel: tp, expertParallel: 1, chipsPerNode: 8, dModel, layers };
      return [[...m.WORKLOAD_COLUMNS], row(m.trainingWorkload(size, tokens, layout))];
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
    bare: (m) => (llmS, toolCpuS) => m.agentCpuCores({ llmS, toolCpuS, storageS: 0, networkS: 0, toolCalls: 1 }, 1),
  },
];
