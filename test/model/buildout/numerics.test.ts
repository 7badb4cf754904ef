import { exp, log } from "../../../src/model/buildout/ieee754";
import { normalCdf, normalQuantile, pearsonFromSpearman } from "../../../src/model/buildout/normal";
import { BetaDistribution } from "../../../src/model/buildout/beta";
import { UniformStream } from "../../../src/model";

describe("engine-independent exp and log (fdlibm 5.3 ports)", () => {
  // V8's Math.exp and Math.log are fdlibm too, so Node must agree bit for bit.
  test("equal Math.exp / Math.log bit for bit over 200,000 arguments and the special cases", () => {
    const stream = UniformStream.keyed(3, "ieee754");
    const u = new Float64Array(100000);
    stream.fill(u, u.length);
    let mismatches = 0;
    for (const x of u) {
      for (const scale of [1, 40, 1500]) if (exp((x - 0.5) * scale) !== Math.exp((x - 0.5) * scale)) mismatches++;
      const y = Math.exp((x - 0.5) * 1400);
      if (log(y) !== Math.log(y)) mismatches++;
    }
    expect(mismatches).toBe(0);
    for (const x of [0, 1, -1, 1e-20, 709.7, 709.8, -745, -746, Infinity, -Infinity]) expect(exp(x)).toBe(Math.exp(x));
    for (const y of [1, 2, 0.5, 1e-310, 5e-324, 3, Infinity, 0]) expect(log(y)).toBe(Math.log(y));
    expect(log(-1)).toBeNaN();
  });
});

describe("standard normal (AS 241 and Hart 5666)", () => {
  test.each([
    [0.975, 1.959963984540054],
    [0.9, 1.2815515655446004],
    [0.999, 3.090232306167813],
    [1e-10, -6.361340902404056],
  ])("Φ⁻¹(%p) = %p (tables of the normal distribution)", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 13);
  });

  test("Φ(Φ⁻¹(p)) = p within 1e-15 on a grid of p", () => {
    for (let i = 1; i < 1000; i++) expect(Math.abs(normalCdf(normalQuantile(i / 1000)) - i / 1000)).toBeLessThan(1e-15);
    expect(normalCdf(0)).toBe(0.5);
  });

  test("Pearson's ρ = 2 sin(πρ_s/6) for a rank correlation", () => {
    for (const rs of [0, 0.3, 0.5, 0.9, 1])
      expect(pearsonFromSpearman(rs)).toBeCloseTo(2 * Math.sin((Math.PI * rs) / 6), 15);
  });
});

describe("regularized incomplete beta", () => {
  test("I_x(2, 3) = 6x² − 8x³ + 3x⁴ and its inverse", () => {
    const b = new BetaDistribution(2, 3);
    for (const x of [0.05, 0.3, 0.5, 0.77, 0.99])
      expect(b.cdf(x)).toBeCloseTo(6 * x ** 2 - 8 * x ** 3 + 3 * x ** 4, 14);
    for (const p of [1e-9, 0.01, 0.5, 0.9, 0.999999]) expect(b.cdf(b.quantile(p))).toBeCloseTo(p, 14);
  });
});

describe("xoshiro128** streams", () => {
  test("reproduce the reference output for state (1, 2, 3, 4) (Blackman and Vigna's xoshiro128starstar.c)", () => {
    const out = new Float64Array(6);
    new UniformStream(1, 2, 3, 4).fill(out, 6);
    expect(Array.from(out, (u) => (u - 2 ** -33) * 2 ** 32)).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492,
    ]);
  });

  test("keyed streams: same seed and name repeat, another seed or name differs, uniforms stay inside (0, 1)", () => {
    const draw = (seed: number, key: string) => {
      const out = new Float64Array(1000);
      UniformStream.keyed(seed, key).fill(out, out.length);
      return out;
    };
    expect(draw(1, "grid")).toEqual(draw(1, "grid"));
    expect(draw(2, "grid")).not.toEqual(draw(1, "grid"));
    expect(draw(1, "grie")).not.toEqual(draw(1, "grid"));
    const u = draw(9, "x");
    expect(Math.min(...u)).toBeGreaterThan(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((s, x) => s + x, 0) / u.length).toBeCloseTo(0.5, 1);
  });
});
