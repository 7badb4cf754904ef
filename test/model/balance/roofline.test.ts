import {
  attainableFlops,
  catalogSpec,
  chipRates,
  findChip,
  IDEAL_EFFICIENCY,
  ridgePoint,
  stepTimes,
} from "../../../src/model";

const rates = (name: string, precision: "bf16" | "fp8" | "int8" = "bf16") =>
  chipRates(catalogSpec(findChip(name)!), precision)!;

describe("ridge points (JAX scaling book)", () => {
  test("H100 SXM BF16: 990e12 / 3.35e12 = 295 (gpus.md), ±1%", () => {
    const r = rates("H100");
    expect(ridgePoint(r.peakFlops, r.hbmBytesPerS!)).toBeCloseTo(295.3, 1);
    expect(Math.abs(ridgePoint(r.peakFlops, r.hbmBytesPerS!) / 295 - 1)).toBeLessThan(0.01);
  });

  test("H100 SXM FP8: 590 (gpus.md), ±1%", () => {
    const r = rates("H100", "fp8");
    expect(Math.abs(ridgePoint(r.peakFlops, r.hbmBytesPerS!) / 590 - 1)).toBeLessThan(0.01);
  });

  test("TPU v5e BF16: 1.97e14 / 8.2e11 ≈ 240 (roofline.md), ±1%", () => {
    const r = rates("TPU v5e");
    expect(Math.abs(ridgePoint(r.peakFlops, r.hbmBytesPerS!) / 240 - 1)).toBeLessThan(0.01);
  });

  test("B200 BF16 with the bandwidth pinned at 8e12: 2250e12 / 8e12 = 281 (gpus.md); the catalog's 7.7 TB/s gives 292", () => {
    const r = rates("B200");
    expect(ridgePoint(r.peakFlops, 8e12)).toBeCloseTo(281.25, 2);
    expect(ridgePoint(r.peakFlops, r.hbmBytesPerS!)).toBeCloseTo(292.2, 1);
  });
});

describe("attainable fraction of peak (Williams et al. 2009; H100 BF16 from NVIDIA's datasheet)", () => {
  const r = rates("H100");
  const fraction = (intensity: number) => attainableFlops(r.peakFlops, r.hbmBytesPerS!, intensity) / r.peakFlops;

  test("intensity 100: 100 / 295.3 = 33.9% (±0.2 pp), HBM-bound", () => {
    expect(Math.abs(fraction(100) - 0.339)).toBeLessThan(0.002);
    const t = stepTimes(
      { flops: 100e9, hbmBytes: 1e9, networkBytes: 0, scaleOutBytes: 0, storageBytes: 0, residentBytes: 0, chips: 1 },
      r,
      IDEAL_EFFICIENCY,
    );
    expect(t.fraction).toBeCloseTo(fraction(100), 12);
    expect(t.bottleneck).toBe("hbm");
  });

  test("intensity 1: 0.34%", () => {
    expect(fraction(1)).toBeCloseTo(0.0034, 4);
  });

  test("intensity ≥ the ridge: 100%, compute-bound", () => {
    expect(fraction(296)).toBe(1);
    const t = stepTimes(
      { flops: 400e9, hbmBytes: 1e9, networkBytes: 0, scaleOutBytes: 0, storageBytes: 0, residentBytes: 0, chips: 1 },
      r,
      IDEAL_EFFICIENCY,
    );
    expect(t.fraction).toBe(1);
    expect(t.bottleneck).toBe("compute");
  });

  test("efficiencies scale the roofs: 0.7 of peak above the ridge, 0.8 of the slope below it", () => {
    expect(attainableFlops(r.peakFlops, r.hbmBytesPerS!, 1e4, 0.7, 0.8)).toBeCloseTo(0.7 * r.peakFlops, -6);
    expect(attainableFlops(r.peakFlops, r.hbmBytesPerS!, 10, 0.7, 0.8)).toBeCloseTo(10 * 0.8 * 3.35e12, -6);
  });
});

describe("per-resource step times", () => {
  const r = rates("H100");
  const work = {
    flops: 1e12,
    hbmBytes: 2e9,
    networkBytes: 1e9,
    scaleOutBytes: 0,
    storageBytes: 0,
    residentBytes: 0,
    chips: 1,
  };

  test("overlap takes the longest time (scaling-book lower bound); no overlap adds them (upper bound)", () => {
    const over = stepTimes(work, r, IDEAL_EFFICIENCY, true);
    const serial = stepTimes(work, r, IDEAL_EFFICIENCY, false);
    expect(over.stepS).toBe(Math.max(over.computeS, over.hbmS, over.scaleUpS));
    expect(serial.stepS).toBeCloseTo(over.computeS + over.hbmS + over.scaleUpS, 15);
    expect(over.bottleneck).toBe("network"); // 1e9 / 450e9 = 2.2 ms > 1e12 / 989.4e12 = 1.0 ms
    expect(serial.fraction).toBeLessThan(over.fraction);
  });

  test("resident bytes beyond the chips' HBM are reported as missing capacity", () => {
    const t = stepTimes({ ...work, residentBytes: 200e9, chips: 2 }, r, IDEAL_EFFICIENCY);
    expect(t.missingBytes).toBeCloseTo(40e9, -3);
    expect(t.bottleneck).toBe("capacity");
    expect(stepTimes({ ...work, residentBytes: 160e9, chips: 2 }, r, IDEAL_EFFICIENCY).missingBytes).toBe(0);
  });

  test("work is spread over the chips", () => {
    const one = stepTimes(work, r, IDEAL_EFFICIENCY);
    const eight = stepTimes({ ...work, chips: 8 }, r, IDEAL_EFFICIENCY);
    expect(eight.stepS).toBeCloseTo(one.stepS / 8, 15);
    expect(eight.fraction).toBeCloseTo(one.fraction, 12);
  });
});
