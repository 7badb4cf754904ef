import {
  binomialTerm,
  binomialUpperTail,
  downtimePerYear,
  kOfNAvailability,
  layerAvailability,
  layoutOf,
  moduleAvailability,
  nines,
  parseTopology,
  PowerLayout,
} from "../../../src/model";

const layout = (text: string, n?: number) => layoutOf(parseTopology(text) as never, n) as PowerLayout;
const availability = (text: string, a: number, n?: number, beta = 0) => layerAvailability(layout(text, n), a, beta);

// The k-out-of-n system (Barlow and Proschan, Mathematical Theory of Reliability, 1965): A = Σ_{i=k..n} C(n,i) a^i (1−a)^(n−i).
describe("k-out-of-n availability (tolerance 1e-9)", () => {
  test("1-of-2 at a = 0.99 (2N, one module per side): 0.9999", () => {
    expect(kOfNAvailability(1, 2, 0.99)).toBeCloseTo(0.9999, 9);
    expect(availability("2N", 0.99).availability).toBeCloseTo(0.9999, 9);
  });
  test("4-of-5 at a = 0.99 (N+1, N = 4): 0.9990198504", () => {
    expect(kOfNAvailability(4, 5, 0.99)).toBeCloseTo(0.9990198504, 9);
    expect(availability("N+1", 0.99, 4).availability).toBeCloseTo(0.9990198504, 9);
  });
  test("4-of-6 at a = 0.99 (N+2, N = 4): 0.99998044641", () => {
    expect(availability("4+2", 0.99).availability).toBeCloseTo(0.99998044641, 10);
  });
  test("N+1 closed form a^(N+1) + (N+1)a^N(1−a) for N = 1..30", () => {
    const a = 0.995;
    for (let n = 1; n <= 30; n++) {
      const closed = a ** (n + 1) + (n + 1) * a ** n * (1 - a);
      expect(availability("N+1", a, n).availability).toBeCloseTo(closed, 12);
    }
  });
  test("block redundant 4+1 has the same arithmetic as N+1", () => {
    expect(availability("BLOCK 4+1", 0.999).availability).toBe(availability("4+1", 0.999).availability);
  });
  test("capacity N is a series system: a^N", () => {
    expect(availability("N", 0.999, 4).availability).toBeCloseTo(0.999 ** 4, 14);
  });
  test("2N with N modules per side: 1 − (1 − a^N)²", () => {
    expect(availability("2N", 0.999, 3).unavailability).toBeCloseTo((1 - 0.999 ** 3) ** 2, 16);
  });
  test("2(N+1): each side N-of-(N+1), one side enough", () => {
    const side = kOfNAvailability(4, 5, 0.99);
    expect(availability("2(N+1)", 0.99, 4).availability).toBeCloseTo(1 - (1 - side) ** 2, 12);
  });
  test("2N+R in one pass matches the definition Σ_s P(s spares up) · P(side fails > s)² (hand sums via binomialUpperTail)", () => {
    for (const [r, n, a] of [
      [3, 5, 0.9],
      [2, 50, 0.99],
      [7, 20, 0.5],
    ]) {
      const q = 1 - a;
      let direct = 0;
      for (let s = 0; s <= r; s++) {
        direct += binomialTerm(r - s, r, q) * binomialUpperTail(s, n, q) ** 2;
      }
      expect(availability(`2N+${r}`, a, n).unavailability / direct).toBeCloseTo(1, 11);
    }
  });
  test("2N+R: the shared spares serve either side, so it lies between 2N and 2(N+R)", () => {
    const a = 0.99;
    const shared = availability("2N+1", a, 4).unavailability;
    expect(shared).toBeLessThan(availability("2N", a, 4).unavailability);
    expect(shared).toBeGreaterThan(availability("2(N+1)", a, 4).unavailability);
    // By enumeration: down iff both sides have more failures than the working spares.
    const q = 1 - a;
    const pSide = (f: number) => [1, 4, 6, 4, 1][f] * q ** f * a ** (4 - f);
    const tail = (t: number) => [0, 1, 2, 3, 4].filter((f) => f > t).reduce((s, f) => s + pSide(f), 0);
    expect(shared).toBeCloseTo(q * tail(0) ** 2 + a * tail(1) ** 2, 15);
  });
  test("distributed 3N/2 is 2-of-3 systems: 3a² − 2a³", () => {
    const a = 0.99;
    expect(availability("3N/2", a).availability).toBeCloseTo(3 * a * a - 2 * a ** 3, 14);
  });
  test("down probabilities keep their digits far beyond five nines", () => {
    expect(availability("2N", 1 - 1e-9).unavailability / 1e-18).toBeCloseTo(1, 6);
    expect(binomialUpperTail(2, 10, 1e-6) / (120 * 1e-18)).toBeCloseTo(1, 4);
  });
  test("tails below the mean stay right where single terms underflow", () => {
    expect(binomialUpperTail(0, 2000, 0.5)).toBe(1);
    // Symmetry at p = 1/2: P(X > 998) + P(X > 1001) = P(X ≥ 999) + P(X ≤ 998) = 1 (one sum each side of the
    // mean; log-gamma terms near n = 2,000 are good to about 1e-12).
    expect(binomialUpperTail(998, 2000, 0.5) + binomialUpperTail(1001, 2000, 0.5)).toBeCloseTo(1, 10);
    expect(binomialUpperTail(3, 6, 0.5)).toBeCloseTo(22 / 64, 14);
    expect(binomialUpperTail(1, 6, 0.5)).toBeCloseTo(57 / 64, 14);
  });
});

describe("what the k-of-n structure assumes about 2N and N+1", () => {
  test("2N with four modules a side at a = 0.99 is 1 − (1 − 0.99⁴)² = 0.99844733, not the 0.9999 of one module a side", () => {
    // 0.99⁴ = 0.96059601; (1 − 0.96059601)² = 0.03940399² = 0.00155267443.
    expect(availability("2N", 0.99, 4).availability).toBeCloseTo(0.99844732557, 10);
    expect(availability("2N", 0.99, 1).availability).toBeCloseTo(0.9999, 12);
  });
  test("availability needs N: a letter N without modules_needed is refused when the count is required", () => {
    for (const text of ["2N", "N", "3N/2", "N+1"]) {
      expect(layoutOf(parseTopology(text) as never, undefined, true)).toMatch(/availability depends on it/);
    }
    expect(typeof layoutOf(parseTopology("2N") as never, undefined, false)).toBe("object");
  });
  test("each 2N side is N modules in series, so 4+1 (≈ 10q²) ranks above 2N with N = 4 (≈ 16q²)", () => {
    const q = 0.001;
    const twoN = availability("2N", 1 - q, 4).unavailability;
    const nPlusOne = availability("4+1", 1 - q).unavailability;
    expect(twoN).toBeCloseTo((1 - (1 - q) ** 4) ** 2, 15); // 1.5952e-5
    expect(twoN / (16 * q * q)).toBeCloseTo(1, 2);
    expect(nPlusOne / (10 * q * q)).toBeCloseTo(1, 2);
    expect(nPlusOne).toBeLessThan(twoN);
  });
});

describe("beta-factor common cause (codingace.net redundancy planning tool, reference §1.3)", () => {
  test("2N at a = 0.999: 0.999999 without β, 0.999949 with β = 0.05", () => {
    expect(availability("2N", 0.999).availability).toBeCloseTo(0.999999, 9);
    expect(availability("2N", 0.999, undefined, 0.05).availability).toBeCloseTo(0.999949, 6);
  });
  test("to first order U = (1 − A_sys) + β(1 − a), the calculator's formula (they differ in q² terms)", () => {
    for (const [text, n] of [
      ["2N", 1],
      ["N+1", 4],
      ["3N/2", undefined],
    ] as const) {
      const a = 0.9999;
      const beta = 0.1;
      const additive = availability(text, a, n).unavailability + beta * (1 - a);
      expect(Math.abs(availability(text, a, n, beta).unavailability / additive - 1)).toBeLessThan(0.005);
    }
  });
  test("a module near 1 keeps its digits under β: U = βq + (1 − βq)·q(1 − β)/(1 − βq) = q exactly", () => {
    // q = 1 − a with a = 1 − 1e-12; the old 1 − a/(1 − βq) lost about 4 of its 16 digits here.
    const a = 1 - 1e-12;
    expect(availability("N", a, 1, 0.5).unavailability / (1 - a)).toBeCloseTo(1, 12);
  });
  test("a single module keeps its availability whatever β", () => {
    for (const beta of [0, 0.05, 0.5, 1]) expect(availability("N", 0.97, 1, beta).availability).toBeCloseTo(0.97, 14);
  });
  test("β = 1: redundancy buys nothing", () => {
    expect(availability("2N", 0.97, 1, 1).availability).toBeCloseTo(0.97, 14);
  });
});

describe("module availability, downtime and nines", () => {
  test("MTBF 100,000 h and MTTR 4 h: 0.99996000 ('about 99.996%', codingace.net)", () => {
    expect(moduleAvailability(100000, 4)).toBeCloseTo(0.99996, 8);
  });
  test("huge hours do not overflow: MTBF = MTTR = 1e308 is 1/2", () => {
    expect(moduleAvailability(1e308, 1e308)).toBe(0.5);
  });
  // Uptime tier availabilities as quoted (datacenters.com; blog.j2sw.com), reference §1.1.
  test("Tier I 99.671 %: 28.82 h (quoted 28.8 h)", () =>
    expect(downtimePerYear(0.99671, "hours")).toBeCloseTo(28.82, 2));
  test("Tier III 99.982 %: 1.577 h (quoted 1.6 h)", () =>
    expect(downtimePerYear(0.99982, "hours")).toBeCloseTo(1.577, 3));
  test("Tier IV 99.995 %: 0.438 h = 26.3 min (quoted 0.4 h; j2sw: 26.3 minutes)", () => {
    expect(downtimePerYear(0.99995, "hours")).toBeCloseTo(0.438, 3);
    expect(downtimePerYear(0.99995, "minutes")).toBeCloseTo(26.3, 1);
  });
  test("Tier II's inconsistency: 99.741 % gives 22.69 h, not the quoted 22.0 h, which is 99.749 % (j2sw)", () => {
    expect(downtimePerYear(0.99741, "hours")).toBeCloseTo(22.69, 2);
    expect(Math.abs(downtimePerYear(0.99741, "hours") - 22.0)).toBeGreaterThan(0.6);
    expect(downtimePerYear(0.99749, "hours")).toBeCloseTo(22.0, 1);
  });
  test("reference points: five nines 5.26 min, four nines 52.6 min, 99.9 % 8.76 h, 99 % 87.6 h", () => {
    expect(downtimePerYear(0.99999, "minutes")).toBeCloseTo(5.26, 2);
    expect(downtimePerYear(0.9999, "minutes")).toBeCloseTo(52.6, 1);
    expect(downtimePerYear(0.999, "hours")).toBeCloseTo(8.76, 2);
    expect(downtimePerYear(0.99, "hours")).toBeCloseTo(87.6, 1);
  });
  test("nines: 0.99999 → 5, 0.9995 → 3.30", () => {
    expect(nines(0.99999)).toBeCloseTo(5, 9);
    expect(nines(0.9995)).toBeCloseTo(3.301, 3);
  });
});
