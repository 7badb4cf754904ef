/**
 * The accelerator catalog: dense peak rates, HBM, interconnect, power and year per chip, each
 * figure with its source and as-of date (the vendors' datasheets and spec pages, named per figure).
 *
 * Rules applied: compute rates are dense (NVIDIA datasheets headline 2:4-sparse rates, which are
 * halved here); capacities are in GB of 10^9 bytes, and each capacity's note opens with the unit its
 * source quotes ("Vendor unit: GB." or "Vendor unit: GiB (32 GiB = 34.36 GB)."); scale-up bandwidth
 * is per direction (half the bidirectional headline); scale-out is the chip's own NIC share. A
 * field a vendor does not publish is absent, never guessed. Where sources disagree the figure's
 * note gives the other value and why this one was chosen.
 */
import { CatalogChip, ChipField, Figure, FIELD_UNITS, precisionOf } from "./types";

const GIB = 1.073741824; // GB per GiB

// Sources, named once (the as-of date is the source revision, or the month the value was read).
const KLOCKWOOD_H100 = "G. Lockwood, glennklockwood.com/garden/processors/h100";
const NV_H100_DS = "NVIDIA H100 Tensor Core GPU datasheet";
const AIC = (file: string) => `NVIDIA ai-dynamo/aiconfigurator, aic-core/src/aiconfigurator_core/systems/${file}`;
const NV_BASEPOD =
  "NVIDIA DGX BasePOD reference architecture, docs.nvidia.com/dgx-basepod/reference-architecture-infrastructure-foundation-enterprise-ai/latest/core-components.html";
const NV_DGX_B200 = "NVIDIA DGX B200 user guide, docs.nvidia.com/dgx/dgxb200-user-guide/introduction-to-dgxb200.html";
const LLM_ANALYSIS_A100 = "cli99/llm-analysis, llm_analysis/gpu_configs/a100-sxm-80gb.json";
const SCALING_GPUS = "Austin et al., How to Scale Your Model (JAX scaling book), gpus.md";
const SCALING_TPUS = "Austin et al., How to Scale Your Model (JAX scaling book), tpus.md";
const AMD_MI3 = "AMD MI300X/MI325X figures as listed at awesomeagents.ai/hardware/amd-mi325x and aiwiki.ai (MI300X)";
const REG_MI355 = "The Register, 2025-06-12, theregister.com/2025/06/12/amd_mi355x";
const ISSCC_MI355 = "ISSCC coverage of MI355X, world-today-news";
const GCP = (page: string) => `Google Cloud TPU documentation, docs.cloud.google.com/tpu/docs/${page}`;
const NEURON = "AWS Neuron docs, about-neuron/arch/neuron-hardware/trainium2.rst and the NKI architecture guide";
const GAUDI = "R. Kaplan (Intel), Gaudi 3, Hot Chips 2024";
const READ = "2026-11"; // month the research notes read the undated web sources
const NV_V100_DS = "NVIDIA Tesla V100 GPU datasheet (V100 SXM2)";
const NV_A100_DS = "NVIDIA A100 Tensor Core GPU datasheet, nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf";
const NV_H100_NVL_DS = "NVIDIA H100 Tensor Core GPU datasheet, H100 NVL column";
const NV_GH200_DS = "NVIDIA GH200 Grace Hopper Superchip datasheet";
const AIC_H20 = "NVIDIA ai-dynamo/aiconfigurator, src/aiconfigurator/systems/h20_sxm.yaml";
const AMD_MI250X_DS = "AMD Instinct MI250X accelerator datasheet";

/** A figure as written below; `chip` adds the unit, precision and dense flag its field implies. */
type Published = Omit<Figure, "unit" | "precision" | "dense">;

const fig = (value: number, source: string, asOf = READ, note?: string): Published =>
  note === undefined ? { value, source, asOf } : { value, source, asOf, note };

const withNote = (lead: string, note?: string) => (note === undefined ? lead : `${lead} ${note}`);

/** An HBM capacity its source quotes in GB (10^9 bytes), stored as quoted. */
const capacityGB = (gb: number, source: string, asOf = READ, note?: string): Published =>
  fig(gb, source, asOf, withNote("Vendor unit: GB.", note));

/** An HBM capacity its source quotes in GiB (2^30 bytes), converted to GB; the note keeps the GiB figure. */
const capacityGiB = (gib: number, source: string, asOf = READ, note?: string): Published =>
  fig(gib * GIB, source, asOf, withNote(`Vendor unit: GiB (${gib} GiB = ${(gib * GIB).toFixed(2)} GB).`, note));

function chip(name: string, aliases: string[], published: Partial<Record<ChipField, Published>>): CatalogChip {
  const figures: Partial<Record<ChipField, Figure>> = {};
  for (const [key, p] of Object.entries(published)) {
    const field = key as ChipField;
    const precision = precisionOf(field);
    figures[field] = precision
      ? { ...p, unit: FIELD_UNITS[field], precision, dense: true }
      : { ...p, unit: FIELD_UNITS[field] };
  }
  return { name, aliases, figures };
}

const NVLINK4 = "NVLink4 900 GB/s bidirectional";
const NVLINK5 = "NVLink5 1,800 GB/s bidirectional";
/** The H100 datasheet headlines 2:4-sparse rates: "Specifications 1/2 lower without sparsity". */
const H100_SPARSE = (sparse: string) => `The NVIDIA datasheet lists ${sparse} with sparsity; dense is half.`;

export const CATALOG: readonly CatalogChip[] = [
  chip("V100 SXM2", ["V100", "Tesla V100", "V100 32GB", "V100 SXM2 32GB"], {
    fp16_tflops: fig(
      125,
      NV_V100_DS,
      READ,
      "'Tensor Performance 125 TFLOPS' (FP16 with FP32 accumulate; Volta has no 2:4 sparsity, so it is dense). No BF16, FP8 or INT8 tensor rate: give precision \"fp16\".",
    ),
    hbm_gb: capacityGB(32, NV_V100_DS, READ, "A 16 GB SXM2 variant also shipped."),
    hbm_tb_per_s: fig(0.9, NV_V100_DS, READ, "'Memory Bandwidth 900 GB/sec'."),
    scaleup_gb_per_s: fig(150, NV_V100_DS, READ, "NVLink2 300 GB/s, read as bidirectional and halved."),
    tdp_w: fig(300, NV_V100_DS),
    year: fig(2017, "NVIDIA Volta launch (GTC 2017)"),
  }),
  chip("A100 SXM 80GB", ["A100", "A100 SXM", "A100 80GB"], {
    bf16_tflops: fig(312, LLM_ANALYSIS_A100),
    int8_tops: fig(624, "NVIDIA A100 datasheet", READ, "Dense; 1,248 with sparsity. No FP8 tensor rate on Ampere."),
    hbm_gb: capacityGB(80, LLM_ANALYSIS_A100),
    hbm_tb_per_s: fig(2.039, LLM_ANALYSIS_A100, READ, "Scaling book gpus.md rounds to 2.0e12 B/s."),
    scaleup_gb_per_s: fig(300, AIC("a100_sxm.yaml"), READ, "NVLink3 600 GB/s bidirectional."),
    tdp_w: fig(400, AIC("a100_sxm.yaml")),
    year: fig(2020, "NVIDIA A100 launch"),
  }),
  chip("A100 SXM 40GB", ["A100 40GB", "A100 SXM4 40GB"], {
    bf16_tflops: fig(312, NV_A100_DS, READ, "624 with sparsity."),
    int8_tops: fig(624, NV_A100_DS, READ, "Dense; 1,248 with sparsity."),
    hbm_gb: capacityGB(40, NV_A100_DS),
    hbm_tb_per_s: fig(1.555, NV_A100_DS, READ, "'1,555GB/s'."),
    scaleup_gb_per_s: fig(300, NV_A100_DS, READ, "NVLink3 600 GB/s bidirectional."),
    tdp_w: fig(400, NV_A100_DS),
    year: fig(2020, "NVIDIA A100 launch"),
  }),
  chip("A100 PCIe 40GB", ["A100 PCIe", "A100 PCIE 40GB"], {
    bf16_tflops: fig(312, NV_A100_DS, READ, "624 with sparsity."),
    int8_tops: fig(624, NV_A100_DS, READ, "Dense; 1,248 with sparsity."),
    hbm_gb: capacityGB(40, NV_A100_DS),
    hbm_tb_per_s: fig(1.555, NV_A100_DS, READ, "'1,555GB/s'."),
    scaleup_gb_per_s: fig(
      300,
      NV_A100_DS,
      READ,
      "NVLink bridge for two GPUs, 600 GB/s bidirectional; without a bridge, PCIe 4 at 32 GB/s per direction.",
    ),
    tdp_w: fig(250, NV_A100_DS),
    year: fig(2020, "NVIDIA A100 launch"),
  }),
  chip("A100 PCIe 80GB", ["A100 PCIE 80GB"], {
    bf16_tflops: fig(312, NV_A100_DS, READ, "624 with sparsity."),
    int8_tops: fig(624, NV_A100_DS, READ, "Dense; 1,248 with sparsity."),
    hbm_gb: capacityGB(80, NV_A100_DS),
    hbm_tb_per_s: fig(1.935, NV_A100_DS, READ, "'1,935GB/s'."),
    scaleup_gb_per_s: fig(
      300,
      NV_A100_DS,
      READ,
      "NVLink bridge for two GPUs, 600 GB/s bidirectional; without a bridge, PCIe 4 at 32 GB/s per direction.",
    ),
    tdp_w: fig(300, NV_A100_DS),
    year: fig(2021, "NVIDIA A100 80GB PCIe launch"),
  }),
  chip("H100 SXM", ["H100", "H100 SXM5", "H100 80GB", "HGX H100"], {
    bf16_tflops: fig(989.4, KLOCKWOOD_H100, READ, `Lockwood: 989.4 matrix, 1,978.9 sparse. ${H100_SPARSE("1,979")}`),
    fp8_tflops: fig(1978.9, KLOCKWOOD_H100, READ, H100_SPARSE("3,958")),
    int8_tops: fig(1978.9, KLOCKWOOD_H100, READ, H100_SPARSE("3,958")),
    hbm_gb: capacityGB(80, NV_H100_DS),
    hbm_tb_per_s: fig(
      3.35,
      NV_H100_DS,
      READ,
      "LLM-Viewer and NVIDIA Calculon store 3.072 TB/s (an earlier figure); the current datasheet says 3.35.",
    ),
    scaleup_gb_per_s: fig(450, SCALING_GPUS, "2025-08-18", NVLINK4),
    scaleout_gbit_per_s: fig(
      400,
      SCALING_GPUS,
      "2025-08-18",
      "400 GB/s egress per 8-GPU node: one 400 Gb/s NIC per GPU.",
    ),
    tdp_w: fig(700, NV_H100_DS),
    year: fig(2022, NV_H100_DS),
  }),
  chip("H100 PCIe", ["H100 PCIe 80GB"], {
    bf16_tflops: fig(756.5, AIC("h100_pcie.yaml"), READ, `'756.5TFLOPS (dense)'. ${H100_SPARSE("1,513")}`),
    fp8_tflops: fig(1513, NV_H100_DS, READ, H100_SPARSE("3,026")),
    hbm_gb: capacityGB(80, NV_H100_DS),
    hbm_tb_per_s: fig(2.0, NV_H100_DS),
    scaleup_gb_per_s: fig(
      300,
      NV_H100_DS,
      READ,
      "NVLink bridge 600 GB/s bidirectional; without a bridge, PCIe 5 at 64 GB/s.",
    ),
    tdp_w: fig(
      350,
      "NVIDIA H100 PCIe product brief PB-11133",
      READ,
      "The datasheet gives 300-350 W; the brief's maximum is used.",
    ),
    year: fig(2022, NV_H100_DS),
  }),
  chip("H100 NVL", ["H100 NVL 94GB", "H100NVL"], {
    bf16_tflops: fig(835.5, NV_H100_NVL_DS, READ, H100_SPARSE("1,671")),
    fp8_tflops: fig(1670.5, NV_H100_NVL_DS, READ, H100_SPARSE("3,341")),
    int8_tops: fig(1670.5, NV_H100_NVL_DS, READ, H100_SPARSE("3,341")),
    hbm_gb: capacityGB(94, NV_H100_NVL_DS),
    hbm_tb_per_s: fig(3.9, NV_H100_NVL_DS),
    scaleup_gb_per_s: fig(300, NV_H100_NVL_DS, READ, "NVLink bridge for two GPUs, 600 GB/s bidirectional."),
    tdp_w: fig(400, NV_H100_NVL_DS, READ, "The datasheet gives 350-400 W (configurable); the maximum is used."),
    year: fig(2023, NV_H100_NVL_DS),
  }),
  chip("H200 SXM", ["H200", "HGX H200", "H200 141GB"], {
    bf16_tflops: fig(
      989.4,
      AIC("h200_sxm.yaml"),
      READ,
      "aiconfigurator rounds to 989; same Hopper tensor cores as H100 SXM.",
    ),
    fp8_tflops: fig(1978.9, AIC("h200_sxm.yaml")),
    hbm_gb: capacityGB(
      141,
      NV_BASEPOD,
      READ,
      "1,128 GB per 8-GPU DGX H200. aiconfigurator's h200_sxm.yaml stores 141 GiB (151.4 GB); NVIDIA's own figure is kept.",
    ),
    hbm_tb_per_s: fig(4.8, AIC("h200_sxm.yaml")),
    scaleup_gb_per_s: fig(450, AIC("h200_sxm.yaml"), READ, NVLINK4),
    scaleout_gbit_per_s: fig(
      400,
      NV_BASEPOD,
      READ,
      "DGX H200: eight single-port ConnectX-7, up to 400 Gb/s, one per GPU.",
    ),
    tdp_w: fig(700, AIC("h200_sxm.yaml")),
    year: fig(2024, "NVIDIA H200 availability"),
  }),
  chip("GH200", ["GH200 Grace Hopper", "Grace Hopper", "GH200 96GB"], {
    bf16_tflops: fig(989.4, NV_GH200_DS, READ, `Its H100 GPU: ${H100_SPARSE("1,979")}`),
    fp8_tflops: fig(1978.9, NV_GH200_DS, READ, H100_SPARSE("3,958")),
    int8_tops: fig(1978.9, NV_GH200_DS, READ, H100_SPARSE("3,958")),
    hbm_gb: capacityGB(
      96,
      NV_GH200_DS,
      READ,
      "The HBM3 version; the HBM3e version has 144 GB at 4.9 TB/s (give a range with base = GH200). The Grace CPU's 480 GB LPDDR5X is not HBM.",
    ),
    hbm_tb_per_s: fig(4.0, NV_GH200_DS, READ, "HBM3 version; 4.9 with HBM3e."),
    scaleup_gb_per_s: fig(
      450,
      NV_GH200_DS,
      READ,
      "NVLink4 900 GB/s bidirectional (NVLink-C2C to the CPU is another 900).",
    ),
    year: fig(2023, NV_GH200_DS),
  }),
  chip("H20", ["NVIDIA H20", "H20 96GB"], {
    bf16_tflops: fig(
      148,
      AIC_H20,
      READ,
      "float16_tc_flops 148e12 (dense). NVIDIA publishes no public H20 datasheet; the file's comments are copied from H100 and ignored.",
    ),
    fp8_tflops: fig(294, AIC_H20, READ, "fp8_tc_flops 294e12 (dense); press copies of NVIDIA's spec sheet give 296."),
    hbm_tb_per_s: fig(4.0, AIC_H20, READ, "mem_bw 4e12 B/s."),
    hbm_gb: capacityGB(
      96,
      "Press reports of NVIDIA's H20 specifications (e.g. Tom's Hardware, SemiAnalysis; November 2023)",
      READ,
      "96 GB HBM3. aiconfigurator's h20_sxm.yaml stores 141,899,345,920 B (141.9 GB), the later H20 141GB (HBM3e) part.",
    ),
    scaleup_gb_per_s: fig(450, AIC_H20, READ, "intra_node_bw 450e9 B/s per direction (NVLink 900 GB/s bidirectional)."),
    year: fig(2024, "NVIDIA H20 availability"),
  }),
  chip("B200", ["B200 HGX", "HGX B200", "B200 SXM", "DGX B200"], {
    bf16_tflops: fig(2250, AIC("b200_sxm.yaml"), READ, "Scaling book gpus.md rounds to 2.3e15."),
    fp8_tflops: fig(4500, AIC("b200_sxm.yaml")),
    fp4_tflops: fig(9000, AIC("b200_sxm.yaml")),
    hbm_gb: capacityGB(
      180,
      NV_DGX_B200,
      READ,
      "'8 x NVIDIA B200 GPUs that provide 1,440 GB total GPU memory' = 180 GB each. aiconfigurator's b200_sxm.yaml stores 180 GiB (193.3 GB); Glenn Lockwood and the scaling book give the first-announced 192 GB. NVIDIA's shipping system figure is kept.",
    ),
    hbm_tb_per_s: fig(
      7.7,
      AIC("b200_sxm.yaml"),
      READ,
      "HGX B200 62 TB/s / 8. Launch material, Glenn Lockwood and the scaling book give 8 TB/s; pin it with a spec range.",
    ),
    scaleup_gb_per_s: fig(900, SCALING_GPUS, "2025-08-18", NVLINK5),
    scaleout_gbit_per_s: fig(
      400,
      SCALING_GPUS,
      "2025-08-18",
      "B200 SuperPod: 400 GB/s scale-out per 8-GPU node; the DGX B200 user guide: eight ConnectX-7, up to 400 Gb/s.",
    ),
    tdp_w: fig(1000, AIC("b200_sxm.yaml")),
    year: fig(2024, "NVIDIA Blackwell launch (GTC 2024)"),
  }),
  chip("GB200", ["GB200 NVL72", "GB200 GPU"], {
    bf16_tflops: fig(2500, AIC("gb200.yaml"), READ, "Per GPU at 1,200 W, about 11% above HGX B200."),
    fp8_tflops: fig(5000, AIC("gb200.yaml")),
    fp4_tflops: fig(10000, AIC("gb200.yaml")),
    hbm_gb: capacityGB(
      186,
      "NVIDIA GB200 NVL72 product page",
      READ,
      "13.4 TB HBM3e per 72 GPUs = 186 GB. aiconfigurator's gb200.yaml: 189,471 MiB reported by nvidia-smi (198.7 GB); the vendor's per-rack figure is kept since nvidia-smi counts differ by driver.",
    ),
    hbm_tb_per_s: fig(8.0, AIC("gb200.yaml")),
    scaleup_gb_per_s: fig(900, SCALING_GPUS, "2025-08-18", `${NVLINK5}; 72-GPU NVLink domain.`),
    scaleout_gbit_per_s: fig(
      400,
      SCALING_GPUS,
      "2025-08-18",
      "GB200 NVL72 node egress 3,600 GB/s over 72 GPUs [derived].",
    ),
    tdp_w: fig(1200, AIC("gb200.yaml")),
    year: fig(2025, "NVIDIA GB200 NVL72 availability"),
  }),
  chip("B300", ["B300 HGX", "HGX B300", "Blackwell Ultra", "B300 SXM"], {
    bf16_tflops: fig(2250, AIC("b300_sxm.yaml"), READ, "'2250 TFLOPS (4.5 PFLOPS sparse / 2)'."),
    fp8_tflops: fig(4500, AIC("b300_sxm.yaml")),
    fp4_tflops: fig(
      14000,
      AIC("b300_sxm.yaml"),
      READ,
      "glennklockwood.com/garden/processors/B300 gives 13,125 dense; aiconfigurator's '14 PFLOPS' is kept because the rest of this row (1,100 W HGX part) comes from the same file.",
    ),
    int8_tops: fig(153.5, AIC("b300_sxm.yaml"), READ, "INT8 sharply cut on Blackwell Ultra (dense)."),
    hbm_gb: capacityGB(
      288,
      AIC("b300_sxm.yaml"),
      READ,
      "The file also gives 275,040 MiB as nvidia-smi reports it (288.4 GB).",
    ),
    hbm_tb_per_s: fig(7.75, AIC("b300_sxm.yaml"), READ, "62 TB/s / 8 GPUs."),
    scaleup_gb_per_s: fig(900, AIC("b300_sxm.yaml"), READ, NVLINK5),
    tdp_w: fig(
      1100,
      AIC("b300_sxm.yaml"),
      READ,
      "Glenn Lockwood gives 1,400 W for HGX B300; 1,100 W is kept to match the rates of the same file (GB300 is the 1,400 W part).",
    ),
    year: fig(2025, "NVIDIA Blackwell Ultra launch"),
  }),
  chip("GB300", ["GB300 NVL72", "GB300 GPU"], {
    bf16_tflops: fig(2500, AIC("gb300.yaml")),
    fp8_tflops: fig(5000, AIC("gb300.yaml")),
    fp4_tflops: fig(15000, AIC("gb300.yaml")),
    hbm_gb: capacityGB(288, AIC("gb300.yaml")),
    hbm_tb_per_s: fig(8.0, AIC("gb300.yaml")),
    scaleup_gb_per_s: fig(900, AIC("gb300.yaml"), READ, NVLINK5),
    tdp_w: fig(1400, AIC("gb300.yaml")),
    year: fig(2025, "NVIDIA Blackwell Ultra launch"),
  }),
  chip("MI250X", ["AMD MI250X", "Instinct MI250X"], {
    bf16_tflops: fig(
      383,
      AMD_MI250X_DS,
      READ,
      "'Peak bfloat16 383 TFLOPs' (dense) for the package of two compute dies; FP16 is the same.",
    ),
    int8_tops: fig(383, AMD_MI250X_DS),
    hbm_gb: capacityGB(128, AMD_MI250X_DS, READ, "HBM2e, 64 GB per compute die."),
    hbm_tb_per_s: fig(3.2768, AMD_MI250X_DS, READ, "'3.2 TB/s' (3,276.8 GB/s)."),
    scaleup_gb_per_s: fig(
      400,
      AMD_MI250X_DS,
      READ,
      "8 Infinity Fabric links x 100 GB/s = 800 GB/s, read as bidirectional and halved, as for MI300X.",
    ),
    tdp_w: fig(
      560,
      AMD_MI250X_DS,
      READ,
      "500 W typical, 560 W peak (liquid-cooled OAM); the peak is used, as for H100 PCIe.",
    ),
    year: fig(2021, AMD_MI250X_DS),
  }),
  chip("MI300X", ["AMD MI300X", "Instinct MI300X"], {
    bf16_tflops: fig(
      1307.4,
      AMD_MI3,
      READ,
      "codesota.com labels 2,615 'FP16 dense'; that is the FP8-dense / FP16-sparse figure, so 1,307.4 (half of it) is kept.",
    ),
    fp8_tflops: fig(2614.9, AMD_MI3),
    hbm_gb: capacityGB(192, AMD_MI3),
    hbm_tb_per_s: fig(5.3, AMD_MI3),
    scaleup_gb_per_s: fig(
      448,
      "gpu.blog, AMD MI300X",
      READ,
      "Infinity Fabric 896 GB/s = 7 links x 128 GB/s, read as bidirectional and halved; not confirmed in an AMD datasheet.",
    ),
    tdp_w: fig(750, AMD_MI3),
    year: fig(2023, "AMD Instinct MI300X launch"),
  }),
  chip("MI325X", ["AMD MI325X", "Instinct MI325X"], {
    bf16_tflops: fig(1307.4, AMD_MI3),
    fp8_tflops: fig(2614.9, AMD_MI3, READ, "5,229.8 with sparsity."),
    hbm_gb: capacityGB(256, AMD_MI3),
    hbm_tb_per_s: fig(6.0, AMD_MI3),
    scaleup_gb_per_s: fig(448, AMD_MI3, READ, "Same Infinity Fabric as MI300X; 896 GB/s read as bidirectional."),
    tdp_w: fig(1000, AMD_MI3),
    year: fig(2024, "AMD Instinct MI325X launch"),
  }),
  chip("MI355X", ["AMD MI355X", "Instinct MI355X"], {
    bf16_tflops: fig(
      2500,
      ISSCC_MI355,
      READ,
      "[derived] the FP8 figure ('delivering five petaflops') / 2; AMD's exact figure (about 2,516) was not seen in a primary source.",
    ),
    fp8_tflops: fig(5000, ISSCC_MI355, READ, "'delivering five petaflops' (dense)."),
    fp4_tflops: fig(
      10000,
      REG_MI355,
      READ,
      "'10 petaFLOPS' dense; Tom's Hardware's 20.1 PFLOPS FP4/FP6 is the sparse figure.",
    ),
    hbm_gb: capacityGB(288, REG_MI355),
    hbm_tb_per_s: fig(8.0, REG_MI355),
    scaleup_gb_per_s: fig(
      537.6,
      "techaiapp.com; Hume Consulting, AMD MI355X",
      READ,
      "[derived] Infinity Fabric 7 links x 153.6 GB/s = 1,075.2 GB/s bidirectional, halved.",
    ),
    tdp_w: fig(1400, REG_MI355, READ, "MI350X, the air-cooled part, is 1,000 W."),
    year: fig(2025, REG_MI355),
  }),
  chip("TPU v3", ["v3", "TPUv3"], {
    bf16_tflops: fig(123, GCP("v3"), READ, "'Peak compute per chip 123 teraflops (bf16)', two TensorCores per chip."),
    hbm_gb: capacityGiB(32, GCP("v3"), READ, "'32 GiB, 900 GBps', 16 GiB per TensorCore."),
    hbm_tb_per_s: fig(0.9, GCP("v3")),
    year: fig(2018, "Google I/O 2018 announcement of TPU v3"),
  }),
  chip("TPU v4", ["v4", "TPUv4"], {
    bf16_tflops: fig(275, SCALING_TPUS),
    int8_tops: fig(275, SCALING_TPUS, READ, "No int8 speed-up on v4."),
    hbm_gb: capacityGiB(32, GCP("v4"), READ, "'32 GiB, 1200 GBps'; the scaling book's tpus.md writes 32GB."),
    hbm_tb_per_s: fig(1.2, SCALING_TPUS),
    scaleup_gb_per_s: fig(270, SCALING_TPUS, READ, "[derived] 6 ICI links x 45 GB/s one way."),
    year: fig(2021, "Google I/O 2021 announcement of TPU v4"),
  }),
  chip("TPU v5e", ["v5e", "TPUv5e", "TPU v5 lite", "v5 lite"], {
    bf16_tflops: fig(197, GCP("v5e")),
    int8_tops: fig(394, SCALING_TPUS, READ, "The Google docs table says 393 TOPs; the scaling book uses 3.94e14."),
    hbm_gb: capacityGB(
      16,
      GCP("v5e"),
      READ,
      "'16 GB, 819 GBps' (another revision: '16 GB' beside '800 GiBps'). Google gives GB, unlike its GiB for v3, v4, v5p and TPU7x, so the figure is kept as quoted.",
    ),
    hbm_tb_per_s: fig(0.819, GCP("v5e"), READ, "'819 GBps'; another revision of the page says '800 GiBps'."),
    scaleup_gb_per_s: fig(200, GCP("v5e"), READ, "ICI 400 GBps bidirectional per chip, 4 ports."),
    year: fig(2023, GCP("v5e")),
  }),
  chip("TPU v5p", ["v5p", "TPUv5p"], {
    bf16_tflops: fig(459, GCP("v5p-training")),
    fp8_tflops: fig(459, GCP("v5p-training"), READ, "No FP8 speed-up over BF16."),
    int8_tops: fig(918, GCP("v5p-training")),
    hbm_gb: capacityGiB(95, GCP("v5p-training"), READ, "A Spanish revision of the page says 95 GB."),
    hbm_tb_per_s: fig(2.765, GCP("v5p-training")),
    scaleup_gb_per_s: fig(
      600,
      GCP("v5p-training"),
      READ,
      "ICI 1,200 GBps bidirectional (an older revision: '4800 Gbps').",
    ),
    scaleout_gbit_per_s: fig(50, GCP("v5p-training"), READ, "Data-center network (DCN) per chip."),
    year: fig(2023, GCP("v5p-training")),
  }),
  chip("TPU v6e", ["v6e", "TPUv6e", "Trillium", "TPU Trillium"], {
    bf16_tflops: fig(918, GCP("v6e")),
    int8_tops: fig(1836, GCP("v6e")),
    hbm_gb: capacityGB(
      32,
      GCP("v6e"),
      READ,
      "'HBM capacity per chip 32 GB'; Google gives GB here, unlike its GiB for v3, v4, v5p and TPU7x, so the figure is kept as quoted.",
    ),
    hbm_tb_per_s: fig(1.638, GCP("v6e")),
    scaleup_gb_per_s: fig(400, GCP("v6e"), READ, "ICI 800 GBps bidirectional, 4 ports."),
    year: fig(2024, GCP("v6e")),
  }),
  chip("TPU7x", ["TPU v7", "TPUv7", "v7", "Ironwood", "TPU Ironwood", "TPU v7x"], {
    bf16_tflops: fig(2307, GCP("tpu7x")),
    fp8_tflops: fig(4614, GCP("tpu7x"), READ, "Hot Chips 2025 coverage: 4,614 TFLOPs FP8."),
    hbm_gb: capacityGiB(192, GCP("tpu7x"), READ, "Press coverage says 192 GB."),
    hbm_tb_per_s: fig(
      7.37,
      GCP("tpu7x"),
      READ,
      "Hot Chips 2025 reports say 7.3 TB/s; the docs row was read truncated.",
    ),
    scaleup_gb_per_s: fig(
      600,
      "Hot Chips 2025 coverage of Ironwood (mattfife.com and others)",
      READ,
      "'1.2TBps of I/O bandwidth', read as bidirectional ICI and halved; not confirmed in the docs.",
    ),
    year: fig(2025, GCP("tpu7x")),
  }),
  chip("Trainium2", ["Trn2", "AWS Trainium2", "Trainium 2"], {
    bf16_tflops: fig(667, NEURON, READ, "'667 BF16/FP16/TF32 TFLOPS'; 2,563 is the sparse figure."),
    fp8_tflops: fig(1299, NEURON),
    hbm_gb: capacityGiB(96, NEURON),
    hbm_tb_per_s: fig(2.9, NEURON, READ, "One revision of the NKI guide says 3 TB/s."),
    scaleup_gb_per_s: fig(
      640,
      NEURON,
      READ,
      "Unverified: NeuronLink-v3 about 1.28 TB/s per chip, read as bidirectional.",
    ),
    year: fig(2024, NEURON),
  }),
  chip("Gaudi 3", ["Gaudi3", "Intel Gaudi 3", "HL-325L"], {
    bf16_tflops: fig(1835, GAUDI, "2024-08", "Matrix engines; the vector rate is 28.7."),
    fp8_tflops: fig(1835, GAUDI, "2024-08", "No FP8 speed-up over BF16."),
    hbm_gb: capacityGB(128, GAUDI, "2024-08"),
    hbm_tb_per_s: fig(3.67, GAUDI, "2024-08"),
    scaleup_gb_per_s: fig(
      600,
      GAUDI,
      "2024-08",
      "24 x 200GbE RoCE, 1,200 GB/s bidirectional, shared by scale-up and scale-out.",
    ),
    tdp_w: fig(900, GAUDI, "2024-08", "900 W air-cooled; 1,200 W liquid-cooled."),
    year: fig(2024, GAUDI, "2024-08"),
  }),
];
