import {
  acceleratorsPerMw,
  compareRedundancy,
  Derating,
  effectiveMw,
  DEFAULT_PATH,
  layoutOf,
  parseTopology,
  pathAvailability,
  PERFECT_PATH,
  PowerLayout,
  valuePerEffectiveMwYear,
  valuePerGwYear,
} from "../../../src/model";

const layout = (text: string, n?: number) => layoutOf(parseTopology(text) as never, n) as PowerLayout;
const plain = (over: Partial<Derating> = {}): Derating => ({
  pue: 1,
  usableFraction: 1,
  availability: 1,
  utilization: 1,
  goodput: 1,
  oversubscription: 0,
  ...over,
});
const SECONDS_PER_YEAR = 8760 * 3600;

describe("effective MW (grid MW / PUE × usable fraction × availability × utilization × goodput)", () => {
  test("1,000 MW of grid at PUE 1.2 behind 2N: 416.67 MW usable IT (§6 case 10)", () => {
    expect(effectiveMw(1000, plain({ pue: 1.2, usableFraction: 0.5 }))).toBeCloseTo(416.67, 2);
  });

  // Vahdat's remark as summarized at ulisten.ai and db.bestpricelc.com/r/55898 (reference §2):
  // "two-nines (99%) availability with twice the capacity over four-nines (99.99%) ... half the capacity".
  test("twice the capacity at 99 % against the same at 99.99 %: 1.98× the delivered work (reference §2, §6 case 18)", () => {
    const twiceAt99 = effectiveMw(2000, plain({ availability: 0.99 }));
    const onceAt9999 = effectiveMw(1000, plain({ availability: 0.9999 }));
    expect(twiceAt99 / 1000).toBeCloseTo(1.98, 12);
    expect(onceAt9999 / 1000).toBeCloseTo(0.9999, 12);
    expect(twiceAt99 / onceAt9999).toBeCloseTo(1.98, 3);
    // The same trade on one grid connection: all of it at 99 % versus 2N at 99.99 %.
    const sameGrid =
      effectiveMw(1000, plain({ availability: 0.99 })) /
      effectiveMw(1000, plain({ usableFraction: 0.5, availability: 0.9999 }));
    expect(sameGrid).toBeCloseTo(1.98, 3);
  });

  test("oversubscription raises the drawn power only up to the usable power (capping)", () => {
    // 100 MW usable, 25 % oversubscribed: at full draw capped at 100, not 125; at 70 % utilization 1.25 × 0.7 = 0.875.
    expect(effectiveMw(100, plain({ oversubscription: 0.25 }))).toBe(100);
    expect(effectiveMw(100, plain({ oversubscription: 0.25, utilization: 0.7 }))).toBeCloseTo(87.5, 12);
    expect(effectiveMw(100, plain({ oversubscription: 1, utilization: 0.5 }))).toBeCloseTo(100, 12);
  });

  test("every factor multiplies", () => {
    const d = plain({
      pue: 1.25,
      usableFraction: 0.8,
      availability: 0.999,
      utilization: 0.7,
      goodput: 0.9,
      oversubscription: 0.1,
    });
    expect(effectiveMw(100, d)).toBeCloseTo((100 / 1.25) * 0.8 * 1.1 * 0.999 * 0.7 * 0.9, 12);
  });
});

// NVIDIA's "$1B data center" slide (May 2025) as reproduced in BOND, "Trends in Artificial
// Intelligence": tokens per year and DC power per GPU generation, and its tokens per MW-year column.
describe("tokens per MW-year from the $1B-datacenter comparison", () => {
  const perMwYear = (tokensPerYear: number, mw: number) => valuePerEffectiveMwYear(tokensPerYear, mw, plain());
  test("Blackwell: 1,375T tokens from 21 MW is 65.5T per MW-year (quoted 65T, ±2 %)", () => {
    expect(Math.abs(perMwYear(1375e12, 21) / 65e12 - 1)).toBeLessThan(0.02);
  });
  test("Hopper: 58T from 19 MW is 3.05T (quoted 3T, ±5 %)", () => {
    expect(Math.abs(perMwYear(58e12, 19) / 3e12 - 1)).toBeLessThan(0.05);
  });
  test("Ampere: 5T from 25 MW is 200B (quoted 200B); Pascal: 50B from 37 MW is 1.35B (quoted 1.3B, ±5 %)", () => {
    expect(perMwYear(5e12, 25)).toBeCloseTo(200e9, -3);
    expect(Math.abs(perMwYear(50e9, 37) / 1.3e9 - 1)).toBeLessThan(0.05);
  });
  test("Volta's printed 2.9B is a slip: 1T from 34 MW is 29.4B, ten times more", () => {
    expect(perMwYear(1e12, 34) / 2.9e9).toBeCloseTo(10.1, 1);
  });
  test("the calibrated value per MW-year brings back the site's tokens at its own power", () => {
    const d = plain({ pue: 1.3, usableFraction: 0.75, availability: 0.999, utilization: 0.6, goodput: 0.95 });
    const v = valuePerEffectiveMwYear(58e12, 19, d);
    expect(v * effectiveMw(19, d)).toBeCloseTo(58e12, -1);
  });
  test("180,000 tokens/s per MW (NVIDIA blog, Hopper) is 5.676e15 tokens per GW-year (±0.1 %)", () => {
    expect(valuePerGwYear(180000 * SECONDS_PER_YEAR, plain()) / 5.676e15).toBeCloseTo(1, 3);
  });
});

describe("accelerators per MW of IT power, or per facility MW with a PUE (reference §3.6, §6 cases 25–26)", () => {
  test("GB200 NVL72 at 132 kW: 545,455 GPUs per GW, 1.09 M dies (TD Cowen: 'more than 1 million dies per GW')", () => {
    expect(acceleratorsPerMw(132, 72, 1) * 1000).toBeCloseTo(545455, -1);
    expect(acceleratorsPerMw(132, 72, 1) * 1000 * 2).toBeGreaterThan(1e6);
  });
  test("DGX H100 at 10.2 kW: 784,314 GPUs per GW", () => {
    expect(acceleratorsPerMw(10.2, 8, 1) * 1000).toBeCloseTo(784314, -1);
  });
  test("per facility MW: GB200 NVL72 at 132 kW and PUE 1.2 is 545.45 / 1.2 = 454.5 GPUs", () => {
    expect(acceleratorsPerMw(132, 72, 1.2)).toBeCloseTo(454.545, 3);
  });
  test("Bernstein's 5,932 NVL72 racks per facility GW (168.6 kW of facility power a rack) is 427,100 GPUs, PUE 168.6/132 (±0.1 %)", () => {
    const perFacilityGw = acceleratorsPerMw(132, 72, 168.6 / 132) * 1000;
    expect(perFacilityGw / (5932 * 72)).toBeCloseTo(1, 3);
  });
});

describe("comparing topologies for one site", () => {
  const site = {
    gridMw: 120,
    pue: 1.2,
    moduleAvailability: 0.999,
    commonCauseBeta: 0,
    path: PERFECT_PATH,
    valuePerEffectiveMwYear: 1,
    utilization: 1,
    goodput: 1,
  };

  test("rows carry usable MW, availability, downtime, delivered MW and change against the first row", () => {
    const [twoN, nPlusOne] = compareRedundancy([layout("2N"), layout("N+1", 4)], site);
    expect(twoN.usableMw).toBeCloseTo(50, 12);
    expect(twoN.availability).toBeCloseTo(0.999999, 12);
    expect(twoN.downtimeHours).toBeCloseTo(1e-6 * 8760, 9);
    expect(twoN.deliveredMw).toBeCloseTo(50 * 0.999999, 9);
    expect(twoN.change).toBe(0);
    expect(nPlusOne.usableMw).toBeCloseTo(80, 12);
    expect(nPlusOne.change).toBeCloseTo((80 * nPlusOne.availability) / (50 * twoN.availability) - 1, 12);
  });

  test("Flex on 4N/3: the reserve adds a third more deployed load (Zhang et al., ISCA 2021: 'up to 33%')", () => {
    const [firm, flex] = compareRedundancy([layout("4N/3"), layout("4N/3 FLEX")], site);
    expect(flex.usableMw / firm.usableMw).toBeCloseTo(4 / 3, 12);
    expect(flex.availability).toBe(firm.availability);
  });

  test("Flex delivers the reserve only while every module is up", () => {
    const [flex] = compareRedundancy([layout("2N FLEX")], site);
    const firm = 50 * (1 - 0.001 ** 2);
    expect(flex.deliveredMw).toBeCloseTo(firm + 50 * 0.999 ** 2, 9);
  });

  test("change compares delivered MW, so it stays finite at a value of 0: N+1 (N = 4) against 2N is 80/50 − 1 ≈ +60 %", () => {
    const rows = compareRedundancy([layout("2N", 4), layout("N+1", 4)], { ...site, valuePerEffectiveMwYear: 0 });
    expect(rows[1].value).toBe(0);
    expect(rows[1].change).toBeCloseTo((80 * rows[1].availability) / (50 * rows[0].availability) - 1, 12);
    expect(rows[1].change).toBeCloseTo(0.6, 4);
  });

  test("value follows value per effective MW-year, utilization and goodput", () => {
    const [row] = compareRedundancy([layout("3N/2")], {
      ...site,
      valuePerEffectiveMwYear: 5e12,
      utilization: 0.8,
      goodput: 0.9,
    });
    expect(row.value).toBeCloseTo(row.deliveredMw * 5e12, -3);
    expect(row.deliveredMw).toBeCloseTo(100 * (2 / 3) * row.availability * 0.72, 9);
  });
});

describe("comparing topologies with their distribution paths", () => {
  const site = {
    gridMw: 120,
    pue: 1.2,
    moduleAvailability: 0.999,
    commonCauseBeta: 0.05,
    path: DEFAULT_PATH,
    valuePerEffectiveMwYear: 1,
    utilization: 1,
    goodput: 1,
  };

  test("the availability column is PATH_AVAILABILITY's: modules and path together", () => {
    const [twoN, nPlusOne] = compareRedundancy([layout("2N", 4), layout("N+1", 4)], site);
    expect(twoN.availability).toBe(pathAvailability(layout("2N", 4), 0.999, 0.05, DEFAULT_PATH).availability);
    expect(nPlusOne.downtimeHours).toBeCloseTo((1 - nPlusOne.availability) * 8760, 9);
    expect(twoN.availability).toBeGreaterThan(nPlusOne.availability);
  });

  test("2N FLEX runs the reserve only while every module and both paths are up", () => {
    const [flex] = compareRedundancy([layout("2N FLEX", 1)], { ...site, commonCauseBeta: 0 });
    const p = DEFAULT_PATH.path;
    const firm = 50 * (1 - (p + (1 - p) * 0.001) ** 2);
    expect(flex.deliveredMw).toBeCloseTo(firm + 50 * 0.999 ** 2 * (1 - p) ** 2, 9);
  });
});
