import { jobMtbfHours, survival } from "../../src/model";

// Kokolis et al., "Revisiting Reliability in Large-Scale ML Research Clusters", arXiv 2410.21680:
// RSC-1 fails at 6.50 per 1,000 node-days, 8 GPUs a node; projected job MTTF 1.8 h at 16,384 GPUs
// and 0.23 h at 131,072 GPUs.
const rsc1NodeMtbfHours = 24 / 6.5e-3;

describe("job MTBF of a series system", () => {
  test("16,384 GPUs (2,048 nodes): 1.803 h, paper '1.8 h'", () => {
    const m = jobMtbfHours(16384 / 8, rsc1NodeMtbfHours);
    expect(m).toBeCloseTo(1.803, 3);
    expect(Math.abs(m - 1.8)).toBeLessThanOrEqual(0.05);
  });

  test("131,072 GPUs: 0.2254 h, paper '0.23 h'", () => {
    const m = jobMtbfHours(131072 / 8, rsc1NodeMtbfHours);
    expect(m).toBeCloseTo(0.2254, 4);
    expect(Math.abs(m - 0.23)).toBeLessThanOrEqual(0.01);
  });

  test("counting GPUs with a per-GPU MTBF gives the same answer as counting nodes", () => {
    expect(jobMtbfHours(16384, 8 * rsc1NodeMtbfHours)).toBeCloseTo(jobMtbfHours(2048, rsc1NodeMtbfHours), 12);
  });
});

describe("survival without failure (exponential model, goodput-reliability.md §9 #21)", () => {
  test("16,384 units at 50,000 h MTBF survive 1 h with p = 0.7206", () => {
    expect(survival(16384, 50000, 1)).toBeCloseTo(0.7206, 4);
  });

  test("… and 24 h with p = 3.84e-4 (±1% relative)", () => {
    expect(Math.abs(survival(16384, 50000, 24) / 3.84e-4 - 1)).toBeLessThan(0.01);
  });

  test("zero hours always survive", () => {
    expect(survival(1e6, 1, 0)).toBe(1);
  });
});

describe("job-scale failure rates: the failure multiplier (Kokolis et al. 2024, measured MTTF by job size)", () => {
  // Measured on RSC-1: "the mean-time-to-failure (MTTF) of 1024-GPU jobs is 7.9 hours ... 8-GPU jobs (47.7 days)".
  test("the fleet fit gives 28.8 h at 1,024 GPUs against 7.9 h measured: multiplier 3.65", () => {
    const fit = jobMtbfHours(1024 / 8, rsc1NodeMtbfHours);
    expect(fit).toBeCloseTo(28.85, 2);
    const m = fit / 7.9;
    expect(m).toBeCloseTo(3.65, 2);
    expect(jobMtbfHours(1024 / 8, rsc1NodeMtbfHours, m)).toBeCloseTo(7.9, 12);
  });

  test("the fleet fit gives 153.8 days at 8 GPUs against 47.7 days measured: multiplier 3.2", () => {
    const fitDays = jobMtbfHours(1, rsc1NodeMtbfHours) / 24;
    expect(fitDays).toBeCloseTo(153.85, 2);
    expect(fitDays / 47.7).toBeCloseTo(3.23, 2);
  });

  test("the multiplier scales the job's rate: survival at m equals survival of m times the units", () => {
    expect(survival(1024, 50000, 10, 3.65)).toBeCloseTo(survival(1024 * 3.65, 50000, 10), 12);
    expect(survival(1024, 50000, 10, 3.65)).toBeLessThan(survival(1024, 50000, 10));
    expect(jobMtbfHours(16384, 50000, 1)).toBe(jobMtbfHours(16384, 50000));
  });
});

describe("the rate the GOODPUT examples use, 50,000 h per accelerator, against measured rates", () => {
  // 50,000 h per GPU is Llama 3's measured rate at 16,384 H100s (Grattafiori et al. 2024 §3.3.4: 419
  // unexpected interruptions in 54 days), 1.7x better than RSC-1's fleet fit and 6.2x better than what
  // Kokolis et al. measured for 1,024-GPU jobs.
  test("Llama 3: 54 × 24 × 16,384 / 419 = 50,677 GPU-hours per interruption, within 1.5% of 50,000", () => {
    const perGpu = (54 * 24 * 16384) / 419;
    expect(perGpu).toBeCloseTo(50677, 0);
    expect(Math.abs(50000 / perGpu - 1)).toBeLessThan(0.015);
  });

  test("RSC-1 fleet fit: 8 × 24 / 6.5e-3 = 29,538 GPU-hours, so 50,000 h is 1.69x optimistic", () => {
    expect(8 * rsc1NodeMtbfHours).toBeCloseTo(29538.5, 1);
    expect(50000 / (8 * rsc1NodeMtbfHours)).toBeCloseTo(1.69, 2);
  });

  test("RSC-1 measured at 1,024 GPUs: 7.9 h × 1,024 = 8,090 GPU-hours, so 50,000 h is 6.2x optimistic", () => {
    expect(50000 / (7.9 * 1024)).toBeCloseTo(6.18, 2);
    expect(jobMtbfHours(1024, 50000, 6.18)).toBeCloseTo(7.9, 2);
  });
});
