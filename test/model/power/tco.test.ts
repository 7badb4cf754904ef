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

  test("IT life: from $8.5B at 5 years to about $12B at 3 years and $7B at 7 years (Epoch, to the nearest $1B)", () => {
    const at = (itLifeYears: number) => tcoBreakdown({ ...epoch, itLifeYears }).total;
    const base = 8.5e9;
    expect(Math.abs(base + at(3) - at(5) - 12e9)).toBeLessThan(0.5e9);
    expect(Math.abs(base + at(7) - at(5) - 7e9)).toBeLessThan(0.5e9);
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
