import { capitalRecoveryFactor, TcoInputs, tcoBreakdown } from "../../../src/model";

// Epoch AI, "Servers account for 60% of the total cost of ownership of a one-gigawatt AI data
// center" (epoch.ai/data-insights/ai-datacenter-cost-breakdown): 1 GW of IT, GB200 NVL72.
const epoch: TcoInputs = {
  itMw: 1000,
  facilityCapexPerMw: 13e6,
  itCapexUsd: 25e9, // servers "$5B per year" at a 5-year life, straight-line
  powerPricePerMwh: 60,
  pue: 1.2,
  itLifeYears: 5,
  facilityLifeYears: 14,
  discountRate: 0,
  loadFactor: 1,
  otherOpexUsdPerYear: 0.3e9,
  usableFraction: 1,
};

describe("capital recovery factor", () => {
  test("r = 0 is straight-line 1/L", () => expect(capitalRecoveryFactor(0, 5)).toBe(0.2));
  test("8 % over 12 years: 0.13270 (standard annuity tables)", () => {
    expect(capitalRecoveryFactor(0.08, 12)).toBeCloseTo(0.1327, 4);
  });
  test("tiny rates approach straight-line without cancellation", () => {
    expect(capitalRecoveryFactor(1e-12, 10)).toBeCloseTo(0.1, 10);
  });
  test("'The Datacenter as a Computer' facility cost: $10/W over 12 y at 8 %, plus $0.04/W/month opex = $0.148/W/month", () => {
    // Monthly mortgage as in the public evalTCO code citing the book (reference §3.3, §6 case 24).
    expect(10 * capitalRecoveryFactor(0.08 / 12, 144) + 0.04).toBeCloseTo(0.14825, 4);
  });
});

describe("Epoch's 1 GW AI datacenter", () => {
  test("energy: 1 GW IT at PUE 1.2 and $60/MWh is $0.6307B a year (Epoch: $0.6B, ±10 %)", () => {
    const energy = tcoBreakdown(epoch).energy;
    expect(energy / 0.6307e9).toBeCloseTo(1, 3);
    expect(Math.abs(energy / 0.6e9 - 1)).toBeLessThan(0.1);
  });

  // Epoch quotes $38B capex (13e9 facility + 25e9 IT here) and $0.9B/yr opex (0.63 energy + 0.3 other).
  test("straight-line (r = 0): 13e9/14 + 25e9/5 + 0.63072e9 + 0.3e9 = $6.859B, below Epoch's $8.5B", () => {
    expect(tcoBreakdown(epoch).total).toBeCloseTo(0.928571e9 + 5e9 + 0.63072e9 + 0.3e9, -3);
  });

  test("with a 7 % capital charge the totals match Epoch's: $8.5B at 5 years, $12B at 3, $7B at 7 (±$0.1B)", () => {
    // Epoch's figures are not straight-line: 25e9 × (1/3 − 1/5) alone would add $3.3B, not $3.5B, to the
    // base. CRF(7 %, 14) = 0.11434, CRF(7 %, 5/3/7) = 0.24389/0.38105/0.18555 give 8.51/11.94/7.06.
    const at = (itLifeYears: number) => tcoBreakdown({ ...epoch, discountRate: 0.07, itLifeYears }).total;
    expect(Math.abs(at(5) - 8.5e9)).toBeLessThan(0.1e9);
    expect(Math.abs(at(3) - 12e9)).toBeLessThan(0.1e9);
    expect(Math.abs(at(7) - 7e9)).toBeLessThan(0.1e9);
  });

  test("the parts add up to the total", () => {
    const b = tcoBreakdown({ ...epoch, discountRate: 0.08 });
    expect(b.facilityCapital + b.itCapital + b.energy + b.otherOpex).toBe(b.total);
    expect(b.facilityCapital).toBeCloseTo(13e9 * capitalRecoveryFactor(0.08, 14), 0);
  });

  test("load factor scales energy only", () => {
    const full = tcoBreakdown(epoch);
    const half = tcoBreakdown({ ...epoch, loadFactor: 0.5 });
    expect(half.energy).toBeCloseTo(full.energy / 2, 3);
    expect(half.itCapital).toBe(full.itCapital);
  });
});

describe("redundancy: capital on installed MW, energy on drawn MW", () => {
  test("under 2N, energy per usable MW is PUE × 8,760 × price × load factor (1.2 × 8,760 × 60 × 0.8 = $504,576)", () => {
    const twoN = { ...epoch, usableFraction: 0.5, loadFactor: 0.8 };
    const usableMw = 1000 * 0.5;
    expect(tcoBreakdown(twoN).energy / usableMw).toBeCloseTo(504576, 6);
  });
  test("under 2N, facility capital per usable MW doubles: $13M/14 per installed MW ÷ 0.5 = $1.857M", () => {
    const b = tcoBreakdown({ ...epoch, usableFraction: 0.5 });
    expect(b.facilityCapital / (1000 * 0.5)).toBeCloseTo(1857142.857, 2);
    expect(b.facilityCapital).toBe(tcoBreakdown(epoch).facilityCapital);
  });
});
