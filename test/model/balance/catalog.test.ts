import {
  CATALOG,
  catalogSpec,
  CHIP_FIELDS,
  closestChipNames,
  findChip,
  PEAK_FIELD,
  PRECISIONS,
} from "../../../src/model";

// Every chip of reference/balance-roofline.md §1.1.
const SECTION_1 = [
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
  test("holds every chip of the research notes' §1 table, once", () => {
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

  test("every chip has a BF16 rate, HBM capacity and bandwidth, scale-up bandwidth and a year", () => {
    for (const chip of CATALOG) {
      for (const f of ["bf16_tflops", "hbm_gb", "hbm_tb_per_s", "scaleup_gb_per_s", "year"] as const) {
        expect({ chip: chip.name, f, present: chip.figures[f] !== undefined }).toEqual({
          chip: chip.name,
          f,
          present: true,
        });
      }
    }
  });

  test("rates are dense: H100 SXM BF16 is 989.4, not the datasheet's sparse 1,979 (Lockwood; NVIDIA datasheet)", () => {
    expect(catalogSpec(findChip("H100")!).peakTflops.bf16).toBe(989.4);
    expect(catalogSpec(findChip("H100")!).peakTflops.fp8).toBe(1978.9);
    // Trainium2: 667 dense, 2,563 sparse (AWS Neuron docs); MI300X FP16 1,307.4 dense (not 2,615).
    expect(catalogSpec(findChip("Trainium2")!).peakTflops.bf16).toBe(667);
    expect(catalogSpec(findChip("MI300X")!).peakTflops.bf16).toBe(1307.4);
  });

  test("no dense rate exceeds the next lower precision's by more than 4x (a sparse figure would show up here)", () => {
    for (const chip of CATALOG) {
      const s = catalogSpec(chip).peakTflops;
      if (s.fp8 !== undefined) expect(s.fp8 / s.bf16!).toBeLessThanOrEqual(2.001);
      if (s.fp4 !== undefined) expect(s.fp4 / s.fp8!).toBeLessThanOrEqual(4.001);
    }
  });

  test("A100 and the TPUs before TPU7x publish no FP8 rate (except v5p at the BF16 rate)", () => {
    for (const name of ["A100", "TPU v4", "TPU v5e", "TPU v6e"])
      expect(catalogSpec(findChip(name)!).peakTflops.fp8).toBeUndefined();
    expect(catalogSpec(findChip("v5p")!).peakTflops.fp8).toBe(459);
  });

  test("GiB figures are converted to GB: Trainium2 96 GiB = 103.08 GB, TPU7x 192 GiB = 206.16 GB", () => {
    expect(catalogSpec(findChip("Trainium2")!).hbmGB).toBeCloseTo(103.08, 2);
    expect(catalogSpec(findChip("TPU7x")!).hbmGB).toBeCloseTo(206.16, 2);
  });

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
