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
