import {
  CATALOG,
  catalogSpec,
  CHIP_FIELDS,
  ChipField,
  closestChipNames,
  FIELD_UNITS,
  findChip,
  PEAK_FIELD,
  PRECISIONS,
} from "../../../src/model";

const GIB = 1.073741824; // GB per GiB

/**
 * Every figure of the catalog table, per chip (dense TFLOP/s; GB; TB/s; scale-up GB/s per
 * direction, i.e. half the table's bidirectional figure; W; year), with §1.2's more precise quotes where it
 * gives them (H100 PCIe 756.5, H100 INT8 1,978.9, B300 INT8 153.5) and scale-out per chip from §2.2
 * (gpus.md: 400e9 B/s per 8-GPU node for H100 and B200, 3,600e9 per 72 GPUs for GB200; v5p DCN 50 Gbps).
 * A field absent here is "none" or "n/p" in the table and must be absent from the catalog too.
 */
const REFERENCE: Record<string, Partial<Record<ChipField, number>>> = {
  // Issue 13's historical chips, from their datasheets (dense; scale-up per direction; GiB converted):
  // NVIDIA Tesla V100 (SXM2: 125 TFLOPS tensor FP16, 32 GB, 900 GB/s, NVLink 300 GB/s, 300 W).
  "V100 SXM2": { fp16_tflops: 125, hbm_gb: 32, hbm_tb_per_s: 0.9, scaleup_gb_per_s: 150, tdp_w: 300, year: 2017 },
  // NVIDIA A100 datasheet: 312 BF16 / 624 INT8 dense; 1,555 GB/s (40GB), 1,935 GB/s (80GB PCIe); 400/250/300 W.
  "A100 SXM 40GB": {
    bf16_tflops: 312,
    int8_tops: 624,
    hbm_gb: 40,
    hbm_tb_per_s: 1.555,
    scaleup_gb_per_s: 300,
    tdp_w: 400,
    year: 2020,
  },
  "A100 PCIe 40GB": {
    bf16_tflops: 312,
    int8_tops: 624,
    hbm_gb: 40,
    hbm_tb_per_s: 1.555,
    scaleup_gb_per_s: 300,
    tdp_w: 250,
    year: 2020,
  },
  "A100 PCIe 80GB": {
    bf16_tflops: 312,
    int8_tops: 624,
    hbm_gb: 80,
    hbm_tb_per_s: 1.935,
    scaleup_gb_per_s: 300,
    tdp_w: 300,
    year: 2021,
  },
  // H100 NVL datasheet column: 1,671 BF16 and 3,341 FP8 with sparsity (halved), 94 GB, 3.9 TB/s, 350-400 W.
  "H100 NVL": {
    bf16_tflops: 835.5,
    fp8_tflops: 1670.5,
    int8_tops: 1670.5,
    hbm_gb: 94,
    hbm_tb_per_s: 3.9,
    scaleup_gb_per_s: 300,
    tdp_w: 400,
    year: 2023,
  },
  // GH200 datasheet (HBM3 version): the H100 GPU's dense rates, 96 GB at 4 TB/s; the module power is not the GPU's.
  GH200: {
    bf16_tflops: 989.4,
    fp8_tflops: 1978.9,
    int8_tops: 1978.9,
    hbm_gb: 96,
    hbm_tb_per_s: 4.0,
    scaleup_gb_per_s: 450,
    year: 2023,
  },
  // aiconfigurator h20_sxm.yaml (148e12 / 294e12 dense, 4e12 B/s, 450e9 per direction); 96 GB HBM3.
  H20: { bf16_tflops: 148, fp8_tflops: 294, hbm_gb: 96, hbm_tb_per_s: 4.0, scaleup_gb_per_s: 450, year: 2024 },
  // AMD MI250X datasheet: 383 BF16 and INT8, 128 GB HBM2e, 3.2768 TB/s, 8 × 100 GB/s Infinity Fabric, 560 W.
  MI250X: {
    bf16_tflops: 383,
    int8_tops: 383,
    hbm_gb: 128,
    hbm_tb_per_s: 3.2768,
    scaleup_gb_per_s: 400,
    tdp_w: 560,
    year: 2021,
  },
  // Google's v3 page: "123 teraflops (bf16)", "32 GiB, 900 GBps" (32 × 1.073741824 = 34.36 GB).
  "TPU v3": { bf16_tflops: 123, hbm_gb: 32 * GIB, hbm_tb_per_s: 0.9, year: 2018 },
  "A100 SXM 80GB": {
    bf16_tflops: 312,
    int8_tops: 624,
    hbm_gb: 80,
    hbm_tb_per_s: 2.039,
    scaleup_gb_per_s: 300,
    tdp_w: 400,
    year: 2020,
  },
  "H100 SXM": {
    bf16_tflops: 989.4,
    fp8_tflops: 1978.9,
    int8_tops: 1978.9,
    hbm_gb: 80,
    hbm_tb_per_s: 3.35,
    scaleup_gb_per_s: 450,
    scaleout_gbit_per_s: 400,
    tdp_w: 700,
    year: 2022,
  },
  // TDP "300-350": the product brief's maximum, 350. Scale-up: the NVLink bridge's 600 bidirectional.
  "H100 PCIe": {
    bf16_tflops: 756.5,
    fp8_tflops: 1513,
    hbm_gb: 80,
    hbm_tb_per_s: 2.0,
    scaleup_gb_per_s: 300,
    tdp_w: 350,
    year: 2022,
  },
  // Scale-out: not in the reference; NVIDIA's DGX BasePOD architecture gives one 400 Gb/s ConnectX-7 per H200.
  "H200 SXM": {
    bf16_tflops: 989.4,
    fp8_tflops: 1978.9,
    hbm_gb: 141,
    hbm_tb_per_s: 4.8,
    scaleup_gb_per_s: 450,
    scaleout_gbit_per_s: 400,
    tdp_w: 700,
    year: 2024,
  },
  B200: {
    bf16_tflops: 2250,
    fp8_tflops: 4500,
    fp4_tflops: 9000,
    hbm_gb: 180,
    hbm_tb_per_s: 7.7,
    scaleup_gb_per_s: 900,
    scaleout_gbit_per_s: 400,
    tdp_w: 1000,
    year: 2024,
  },
  GB200: {
    bf16_tflops: 2500,
    fp8_tflops: 5000,
    fp4_tflops: 10000,
    hbm_gb: 186,
    hbm_tb_per_s: 8.0,
    scaleup_gb_per_s: 900,
    scaleout_gbit_per_s: 400,
    tdp_w: 1200,
    year: 2025,
  },
  B300: {
    bf16_tflops: 2250,
    fp8_tflops: 4500,
    fp4_tflops: 14000,
    int8_tops: 153.5,
    hbm_gb: 288,
    hbm_tb_per_s: 7.75,
    scaleup_gb_per_s: 900,
    tdp_w: 1100,
    year: 2025,
  },
  GB300: {
    bf16_tflops: 2500,
    fp8_tflops: 5000,
    fp4_tflops: 15000,
    hbm_gb: 288,
    hbm_tb_per_s: 8.0,
    scaleup_gb_per_s: 900,
    tdp_w: 1400,
    year: 2025,
  },
  MI300X: {
    bf16_tflops: 1307.4,
    fp8_tflops: 2614.9,
    hbm_gb: 192,
    hbm_tb_per_s: 5.3,
    scaleup_gb_per_s: 448,
    tdp_w: 750,
    year: 2023,
  },
  MI325X: {
    bf16_tflops: 1307.4,
    fp8_tflops: 2614.9,
    hbm_gb: 256,
    hbm_tb_per_s: 6.0,
    scaleup_gb_per_s: 448,
    tdp_w: 1000,
    year: 2024,
  },
  MI355X: {
    bf16_tflops: 2500,
    fp8_tflops: 5000,
    fp4_tflops: 10000,
    hbm_gb: 288,
    hbm_tb_per_s: 8.0,
    scaleup_gb_per_s: 537.6,
    tdp_w: 1400,
    year: 2025,
  },
  // 32 GiB (Google's v4 page) × 1.073741824 = 34.36 GB.
  "TPU v4": {
    bf16_tflops: 275,
    int8_tops: 275,
    hbm_gb: 32 * GIB,
    hbm_tb_per_s: 1.2,
    scaleup_gb_per_s: 270,
    year: 2021,
  },
  "TPU v5e": { bf16_tflops: 197, int8_tops: 394, hbm_gb: 16, hbm_tb_per_s: 0.819, scaleup_gb_per_s: 200, year: 2023 },
  "TPU v5p": {
    bf16_tflops: 459,
    fp8_tflops: 459,
    int8_tops: 918,
    hbm_gb: 95 * GIB,
    hbm_tb_per_s: 2.765,
    scaleup_gb_per_s: 600,
    scaleout_gbit_per_s: 50,
    year: 2023,
  },
  // The §1.1 table lists FP8 918 for v6e, but §1.2 (Google's v6e page: 918 TF, 1,836 TOPs) and §5 ("Ridge FP8
  // n/a") give none: the catalog follows the sourced rows and leaves FP8 absent.
  "TPU v6e": { bf16_tflops: 918, int8_tops: 1836, hbm_gb: 32, hbm_tb_per_s: 1.638, scaleup_gb_per_s: 400, year: 2024 },
  TPU7x: {
    bf16_tflops: 2307,
    fp8_tflops: 4614,
    hbm_gb: 192 * GIB,
    hbm_tb_per_s: 7.37,
    scaleup_gb_per_s: 600,
    year: 2025,
  },
  Trainium2: {
    bf16_tflops: 667,
    fp8_tflops: 1299,
    hbm_gb: 96 * GIB,
    hbm_tb_per_s: 2.9,
    scaleup_gb_per_s: 640,
    year: 2024,
  },
  "Gaudi 3": {
    bf16_tflops: 1835,
    fp8_tflops: 1835,
    hbm_gb: 128,
    hbm_tb_per_s: 3.67,
    scaleup_gb_per_s: 600,
    tdp_w: 900,
    year: 2024,
  },
};

// Every chip of the catalog table, and issue 13's historical chips.
const SECTION_1 = [
  "V100 SXM2",
  "A100 SXM 40GB",
  "A100 PCIe 40GB",
  "A100 PCIe 80GB",
  "H100 NVL",
  "GH200",
  "H20",
  "MI250X",
  "TPU v3",
  "A100 SXM 80GB",
  "H100 SXM",
  "H100 PCIe",
  "H200 SXM",
  "B200",
  "GB200",
  "B300",
  "GB300",
  "MI300X",
  "MI325X",
  "MI355X",
  "TPU v4",
  "TPU v5e",
  "TPU v5p",
  "TPU v6e",
  "TPU7x",
  "Trainium2",
  "Gaudi 3",
];

describe("accelerator catalog", () => {
  test("holds every chip of the catalog table and issue 13's historical chips, once", () => {
    expect(CATALOG.map((c) => c.name).sort()).toEqual([...SECTION_1].sort());
  });

  test("every figure has a positive value, a source and an as-of date", () => {
    for (const chip of CATALOG) {
      for (const [field, figure] of Object.entries(chip.figures)) {
        expect({ chip: chip.name, field, ok: figure.value > 0 && Number.isFinite(figure.value) }).toEqual({
          chip: chip.name,
          field,
          ok: true,
        });
        expect(figure.source.length).toBeGreaterThan(10);
        expect(figure.asOf).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
        expect(CHIP_FIELDS).toContain(field);
      }
    }
  });

  test("every chip has a BF16 rate (V100: FP16), HBM capacity and bandwidth, scale-up bandwidth (but TPU v3) and a year", () => {
    for (const chip of CATALOG) {
      const rate = chip.name === "V100 SXM2" ? "fp16_tflops" : "bf16_tflops";
      const link = chip.name === "TPU v3" ? [] : (["scaleup_gb_per_s"] as const);
      for (const f of [rate, "hbm_gb", "hbm_tb_per_s", ...link, "year"] as const) {
        expect({ chip: chip.name, f, present: chip.figures[f] !== undefined }).toEqual({
          chip: chip.name,
          f,
          present: true,
        });
      }
    }
  });

  test.each(Object.entries(REFERENCE))(
    "%s holds exactly the catalog table's figures (vendor datasheets and spec pages)",
    (name, expected) => {
      const figures = findChip(name)!.figures;
      expect(Object.keys(figures).sort()).toEqual(Object.keys(expected).sort());
      for (const [field, value] of Object.entries(expected)) {
        expect({ field, value: figures[field as ChipField]!.value }).toEqual({
          field,
          value: expect.closeTo(value!, 6),
        });
      }
    },
  );

  test("every figure stores its unit; every rate its precision and a dense flag", () => {
    for (const chip of CATALOG) {
      for (const [key, figure] of Object.entries(chip.figures)) {
        const field = key as ChipField;
        const precision = PRECISIONS.find((p) => PEAK_FIELD[p] === field);
        expect({ chip: chip.name, field, unit: figure.unit, precision: figure.precision, dense: figure.dense }).toEqual(
          {
            chip: chip.name,
            field,
            unit: FIELD_UNITS[field],
            precision,
            dense: precision ? true : undefined,
          },
        );
      }
    }
  });

  test("source strings are plain citations: no figures or sparse remarks (those belong in the note)", () => {
    for (const chip of CATALOG) {
      for (const figure of Object.values(chip.figures))
        expect(figure.source).not.toMatch(/sparse|sparsity|dense|\d,\d{3}|\d\.\d/i);
    }
  });

  test("rates are dense: H100 SXM BF16 is 989.4, not the datasheet's sparse 1,979 (Lockwood; NVIDIA datasheet)", () => {
    expect(catalogSpec(findChip("H100")!).peakTflops.bf16).toBe(989.4);
    expect(catalogSpec(findChip("H100")!).peakTflops.fp8).toBe(1978.9);
    // Trainium2: 667 dense, 2,563 sparse (AWS Neuron docs); MI300X FP16 1,307.4 dense (not 2,615).
    expect(catalogSpec(findChip("Trainium2")!).peakTflops.bf16).toBe(667);
    expect(catalogSpec(findChip("MI300X")!).peakTflops.bf16).toBe(1307.4);
  });

  test("FP8 is at most 2x BF16 and FP4 at most 4x FP8 (a sparse figure beside dense ones would break this)", () => {
    for (const chip of CATALOG) {
      const s = catalogSpec(chip).peakTflops;
      if (s.fp8 !== undefined) expect(s.fp8 / s.bf16!).toBeLessThanOrEqual(2.001);
      if (s.fp4 !== undefined) expect(s.fp4 / s.fp8!).toBeLessThanOrEqual(4.001);
    }
  });

  test("V100, A100 and the TPUs before TPU7x publish no FP8 rate (except v5p at the BF16 rate)", () => {
    for (const name of [
      "V100",
      "A100",
      "A100 40GB",
      "A100 PCIe 80GB",
      "MI250X",
      "TPU v3",
      "TPU v4",
      "TPU v5e",
      "TPU v6e",
    ])
      expect(catalogSpec(findChip(name)!).peakTflops.fp8).toBeUndefined();
    expect(catalogSpec(findChip("v5p")!).peakTflops.fp8).toBe(459);
  });

  test("GiB figures are converted to GB: Trainium2 96 GiB = 103.08 GB, TPU7x 192 GiB = 206.16 GB, TPU v4 32 GiB = 34.36 GB", () => {
    expect(catalogSpec(findChip("Trainium2")!).hbmGB).toBeCloseTo(103.08, 2);
    expect(catalogSpec(findChip("TPU7x")!).hbmGB).toBeCloseTo(206.16, 2);
    expect(catalogSpec(findChip("TPU v4")!).hbmGB).toBeCloseTo(34.36, 2);
    expect(catalogSpec(findChip("TPU v3")!).hbmGB).toBeCloseTo(34.36, 2);
  });

  /**
   * The unit each capacity's source quotes: GiB in Google's v3, v4, v5p and TPU7x pages and AWS's Trainium2
   * guide ("32 GiB", "95 GiB", "192 GiB", "96GiB"); GB everywhere else, Google's v5e ("16 GB") and v6e
   * ("32 GB") pages included.
   */
  const QUOTED_IN_GIB = new Set(["TPU v3", "TPU v4", "TPU v5p", "TPU7x", "Trainium2"]);

  test.each(CATALOG.map((c) => [c.name]))(
    "%s: the capacity note states the source's unit, and a GiB figure converts to the stored GB",
    (name) => {
      const figure = findChip(name)!.figures.hbm_gb!;
      const note = figure.note ?? "";
      if (QUOTED_IN_GIB.has(name)) {
        const m = /^Vendor unit: GiB \(([\d.]+) GiB = ([\d.]+) GB\)\./.exec(note);
        expect(m).not.toBeNull();
        const gib = Number(m![1]);
        expect(figure.value).toBeCloseTo(gib * GIB, 9);
        expect(Number(m![2])).toBeCloseTo(figure.value, 2);
      } else {
        expect(note).toMatch(/^Vendor unit: GB\./);
        expect(Number.isInteger(figure.value)).toBe(true);
      }
    },
  );

  test("source disagreements are flagged: B200 capacity and bandwidth name the other values", () => {
    const b200 = findChip("B200")!.figures;
    expect(b200.hbm_gb!.value).toBe(180);
    expect(b200.hbm_gb!.note).toContain("192");
    expect(b200.hbm_tb_per_s!.value).toBe(7.7);
    expect(b200.hbm_tb_per_s!.note).toContain("8 TB/s");
    expect(findChip("H100")!.figures.hbm_tb_per_s!.note).toContain("3.072");
  });

  test("each precision maps to its own rate field", () => {
    expect(new Set(PRECISIONS.map((p) => PEAK_FIELD[p])).size).toBe(PRECISIONS.length);
  });
});

describe("forgiving names", () => {
  test('"H100" is the H100 SXM; case, spaces and punctuation are ignored', () => {
    for (const n of ["H100", "h100", " H100 SXM ", "h100-sxm", "HGX H100"]) expect(findChip(n)?.name).toBe("H100 SXM");
    expect(findChip("tpu v5e")?.name).toBe("TPU v5e");
    expect(findChip("TPUv5e")?.name).toBe("TPU v5e");
    expect(findChip("Ironwood")?.name).toBe("TPU7x");
    expect(findChip("gaudi3")?.name).toBe("Gaudi 3");
  });

  test("an unknown name gets the closest catalog names", () => {
    expect(findChip("H1000")).toBeUndefined();
    expect(closestChipNames("H1000")).toContain("H100 SXM");
    expect(closestChipNames("MI300")[0]).toBe("MI300X");
    expect(closestChipNames("TPU v5")).toEqual(expect.arrayContaining(["TPU v5e", "TPU v5p"]));
  });
});
