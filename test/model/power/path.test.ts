import {
  componentUnavailability,
  DEFAULT_PATH,
  LOAD_TRANSFER_SWITCH,
  layerAvailability,
  layoutOf,
  parseTopology,
  PATH_COMPONENTS,
  pathAvailability,
  PERFECT_PATH,
  PowerLayout,
  seriesUnavailability,
} from "../../../src/model";

const layout = (text: string, n?: number) => layoutOf(parseTopology(text) as never, n, true) as PowerLayout;
const atLoad = (text: string, n: number, a = 0.999, beta = 0.05, d = DEFAULT_PATH) =>
  pathAvailability(layout(text, n), a, beta, d);

describe("component figures (IEEE Std 3006.8-2018 Table 2, as quoted with their inherent availabilities)", () => {
  test("automatic transfer switch: λ = 0.03502 /yr, MTTR 7.89 h → 0.999968 (quoted to 6 decimals)", () => {
    const ats = PATH_COMPONENTS[0];
    expect(1 - componentUnavailability(ats)).toBeCloseTo(0.999968, 6);
    // A = MTBF / (MTBF + MTTR) with MTBF = 8,760 / λ hours.
    const mtbf = 8760 / ats.failuresPerYear;
    expect(1 - componentUnavailability(ats)).toBeCloseTo(mtbf / (mtbf + ats.mttrHours), 15);
  });
  test("switchboard > 225 A: λ = 0.004327 /yr, MTTR 16 h → 0.999992 (quoted to 6 decimals)", () => {
    expect(1 - componentUnavailability(PATH_COMPONENTS[1])).toBeCloseTo(0.999992, 6);
  });
  test("every default names its source, and the assumed ones say so", () => {
    for (const c of [...PATH_COMPONENTS, LOAD_TRANSFER_SWITCH]) expect(c.source).toMatch(/IEEE Std 3006\.8-2018/);
    expect(PATH_COMPONENTS[3].source).toMatch(/assumption/);
    expect(LOAD_TRANSFER_SWITCH.source).toMatch(/assumption/);
  });
  test("the default path is its components in series: 1 − Π aᵢ ≈ Σ uᵢ = 5.52e-5", () => {
    const u = PATH_COMPONENTS.map(componentUnavailability);
    expect(DEFAULT_PATH.path).toBeCloseTo(1 - u.reduce((p, x) => p * (1 - x), 1), 15);
    expect(DEFAULT_PATH.path).toBeCloseTo(5.525e-5, 8);
  });
  test("series unavailability keeps tiny figures exact where 1 − Π would round them away", () => {
    expect(seriesUnavailability([1e-18, 2e-18])).toBeCloseTo(3e-18, 30);
    expect(seriesUnavailability([0.5, 0.5])).toBeCloseTo(0.75, 15);
  });
});

describe("how each layout uses its paths", () => {
  const d = { path: 1e-4, transferSwitch: 3e-5 };
  const a = 0.999;
  const q = 1 - a;

  test("with a perfect path every layout is its module layer (AVAILABILITY)", () => {
    for (const [text, n] of [
      ["N", 4],
      ["N+1", 4],
      ["N+2", 3],
      ["BLOCK N+1", 4],
      ["2N", 4],
      ["2N+1", 4],
      ["2(N+1)", 4],
      ["3N/2", 4],
      ["4N/3", 6],
    ] as const) {
      const modules = layerAvailability(layout(text, n), a, 0.05);
      const withPath = atLoad(text, n, a, 0.05, PERFECT_PATH);
      expect({ text, u: withPath.unavailability / modules.unavailability }).toEqual({ text, u: expect.closeTo(1, 12) });
      expect(withPath.allUp).toBeCloseTo(modules.allUp, 14);
    }
  });
  test("N+1 shares one path in series with its module group", () => {
    const modules = layerAvailability(layout("N+1", 4), a, 0);
    expect(atLoad("N+1", 4, a, 0, d).unavailability).toBeCloseTo(1 - (1 - d.path) * modules.availability, 15);
  });
  test("2N duplicates the path: a side is down when its path or any of its N modules is, the load when both are", () => {
    const side = d.path + (1 - d.path) * (1 - a ** 4);
    expect(atLoad("2N", 4, a, 0, d).unavailability).toBeCloseTo(side ** 2, 15);
  });
  test("2(N+1): each side its path in series with N of N+1", () => {
    const modules = 5 * a ** 4 * q + a ** 5;
    const side = 1 - (1 - d.path) * modules;
    expect(atLoad("2(N+1)", 4, a, 0, d).unavailability).toBeCloseTo(side ** 2, 15);
  });
  test("3N/2: each system its path and N/2 modules, two of three needed, then the load's transfer switch", () => {
    const g = d.path + (1 - d.path) * (1 - a ** 2);
    const systems = 3 * g ** 2 * (1 - g) + g ** 3;
    expect(atLoad("3N/2", 4, a, 0, d).unavailability).toBeCloseTo(
      d.transferSwitch + (1 - d.transferSwitch) * systems,
      15,
    );
  });
  test("BLOCK 4+1: five blocks of one module and its path, four needed, and the load's transfer switch", () => {
    const g = d.path + (1 - d.path) * q;
    const blocks = 1 - ((1 - g) ** 5 + 5 * g * (1 - g) ** 4);
    expect(atLoad("BLOCK 4+1", 4, a, 0, d).unavailability).toBeCloseTo(
      d.transferSwitch + (1 - d.transferSwitch) * blocks,
      15,
    );
  });
  test("common cause stays as in AVAILABILITY: βq takes every module down, paths fail apart from it", () => {
    const beta = 0.05;
    const common = beta * q;
    const qi = (q * (1 - beta)) / (1 - common);
    const side = d.path + (1 - d.path) * (1 - (1 - qi) ** 4);
    expect(atLoad("2N", 4, a, beta, d).unavailability).toBeCloseTo(common + (1 - common) * side ** 2, 15);
  });
  test("FLEX reserve needs every module, path and transfer switch up", () => {
    expect(atLoad("2N", 4, a, 0, d).allUp).toBeCloseTo(a ** 8 * (1 - d.path) ** 2, 14);
    expect(atLoad("3N/2", 4, a, 0, d).allUp).toBeCloseTo(a ** 6 * (1 - d.path) ** 3 * (1 - d.transferSwitch), 14);
  });
});

/**
 * Schneider Electric White Paper 75 (McCarthy, Avelar), "Comparing UPS System Design
 * Configurations", presents the configurations in order of availability: capacity (N), isolated
 * redundant, parallel redundant (N+1), distributed redundant, system plus system (2N, 2N+1) (the
 * order as issue 10 and the product's research summarize it; the paper's ranking table itself was
 * not retrieved); the Liebert/Vertiv paper "When
 * Does 'N + 1' Become 'Too Many + 1'?" finds 1 + 1 "a significant improvement in availability over
 * N + 1". With the sourced path defaults and the scenario's defaults (a = 0.999, β = 0.05) the
 * path-level availability ranks the same for every N from 1 to 8.
 */
describe("path-level availability ranks as WP75 does (a = 0.999, β = 0.05, default path)", () => {
  const distributed = (n: number) => [2, 3, 4].filter((y) => n % y === 0).map((y) => `${y + 1}N/${y}`);

  test.each([1, 2, 3, 4, 5, 6, 7, 8])("N = %i: N < N+1 < distributed redundant < 2N ≤ 2(N+1)", (n) => {
    const u = (text: string) => atLoad(text, n).unavailability;
    expect(u("N")).toBeGreaterThan(u("N+1"));
    for (const form of distributed(n)) {
      expect({ form, worseThanN1: u(form) < u("N+1"), betterThan2N: u(form) > u("2N") }).toEqual({
        form,
        worseThanN1: true,
        betterThan2N: true,
      });
    }
    expect(u("N+1")).toBeGreaterThan(u("2N"));
    expect(u("2N")).toBeGreaterThanOrEqual(u("2(N+1)"));
    expect(u("2N")).toBeGreaterThanOrEqual(u("2N+1"));
  });

  test("every N from 2 to 8 has a distributed form to rank, except the primes 5 and 7 (3N/2 needs an even N)", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].filter((n) => distributed(n).length > 0)).toEqual([2, 3, 4, 6, 8]);
  });

  test("the modules alone rank 4+1 above 2N (16q² against 10q² at N = 4): the reason for the path", () => {
    const modules = (text: string) => layerAvailability(layout(text, 4), 0.999, 0.05).unavailability;
    expect(modules("N+1")).toBeLessThan(modules("2N"));
    expect(atLoad("N+1", 4).unavailability).toBeGreaterThan(atLoad("2N", 4).unavailability);
  });

  test("at N = 4: N+1 is down about 1.0 h a year, 3N/2 0.8 h, 2N 0.57 h and 2(N+1) 0.44 h (the β floor, βq × 8,760)", () => {
    const hours = (text: string) => atLoad(text, 4).unavailability * 8760;
    expect(hours("N+1")).toBeCloseTo(1.0, 1);
    expect(hours("3N/2")).toBeCloseTo(0.815, 2);
    expect(hours("2N")).toBeCloseTo(0.568, 2);
    expect(hours("2(N+1)")).toBeCloseTo(0.05 * 0.001 * 8760, 2);
  });
});
