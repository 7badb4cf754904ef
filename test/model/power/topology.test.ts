import { layoutOf, parseTopology, PowerLayout, TopologyForm, usableFraction } from "../../../src/model";

/** The layout of `text` with `modulesNeeded`, failing the test if it does not resolve. */
function layout(text: string, modulesNeeded?: number): PowerLayout {
  const form = parseTopology(text) as Exclude<TopologyForm, { kind: "fraction" }>;
  expect(form).not.toBeNull();
  const l = layoutOf(form, modulesNeeded);
  if (typeof l === "string") throw new Error(l);
  return l;
}
const u = (text: string, modulesNeeded?: number) => usableFraction(layout(text, modulesNeeded));

// Schneider Electric White Paper 75's configurations (capacity, parallel redundant, distributed
// redundant, system plus system) and Fluegeman, "2(N+1) and 3N/2 Redundancy" (facilitiesnet.com).
describe("usable fractions of the WP75 configurations", () => {
  test("capacity N: 1", () => expect(u("N", 4)).toBe(1));
  test("parallel redundant N+1: 0.8 at N = 4, 0.667 at N = 2", () => {
    expect(u("N+1", 4)).toBeCloseTo(0.8, 12);
    expect(u("N+1", 2)).toBeCloseTo(2 / 3, 12);
  });
  test("N+2 at N = 4: 4/6", () => expect(u("N+2", 4)).toBeCloseTo(4 / 6, 12));
  test("system plus system 2N: 0.5 (Vahdat: five-nines redundancy 'can halve usable power')", () => {
    expect(u("2N")).toBe(0.5);
    expect(u("2N", 7)).toBe(0.5);
  });
  test("2(N+1) at N = 4: 0.4", () => expect(u("2(N+1)", 4)).toBeCloseTo(0.4, 12));
  test("2(N+1) at N = 1: 0.25, i.e. the '300 percent stranded capacity' of facilitiesnet", () => {
    const fraction = u("2(N+1)", 1);
    expect(fraction).toBeCloseTo(0.25, 12);
    expect((1 - fraction) / fraction).toBeCloseTo(3, 12);
  });
  test("2(N+1) strands 'more than 100 percent' for every N (facilitiesnet)", () => {
    for (let n = 1; n <= 50; n++) expect((1 - u("2(N+1)", n)) / u("2(N+1)", n)).toBeGreaterThan(1);
  });
  test("2N+1 is 2N plus one module: N/(2N+1), 0.444 at N = 4", () => expect(u("2N+1", 4)).toBeCloseTo(4 / 9, 12));
  test("distributed redundant 3N/2 (three-to-make-two): 0.667; 4N/3: 0.75", () => {
    expect(u("3N/2")).toBeCloseTo(2 / 3, 12);
    expect(u("4N/3")).toBeCloseTo(0.75, 12);
    expect(u("3N/2", 4)).toBeCloseTo(2 / 3, 12);
  });
  test("block redundant / catcher 4+1: 0.8; 6+1: 0.857", () => {
    expect(u("BLOCK 4+1")).toBeCloseTo(0.8, 12);
    expect(u("catcher 6+1")).toBeCloseTo(6 / 7, 12);
  });
});

describe("grammar", () => {
  test("case and spaces do not matter", () => {
    expect(layout(" n + 1 ", 4)).toEqual(layout("N+1", 4));
    expect(layout("2 ( n + 1 )", 3)).toEqual(layout("2(N+1)", 3));
    expect(layout("3n/2")).toEqual(layout("3N/2"));
    expect(layout("Block 4 + 1")).toEqual(layout("BLOCK4+1"));
  });
  test("a count may replace the letter N", () => {
    expect(layout("4+1")).toEqual({ ...layout("N+1", 4), name: "4+1" });
    expect(u("2(4+1)")).toBeCloseTo(0.4, 12);
  });
  test("a plain number in (0, 1] is the fraction itself, as a number or as text", () => {
    expect(parseTopology(0.75)).toEqual({ kind: "fraction", fraction: 0.75 });
    expect(parseTopology(" 0.5 ")).toEqual({ kind: "fraction", fraction: 0.5 });
    expect(parseTopology(1)).toEqual({ kind: "fraction", fraction: 1 });
    for (const bad of [0, -0.5, 1.5, NaN, "4"]) expect(parseTopology(bad)).toBeNull();
    expect(parseTopology("5E-1")).toEqual({ kind: "fraction", fraction: 0.5 });
    expect(parseTopology(".75")).toEqual({ kind: "fraction", fraction: 0.75 });
  });
  test.each(["0x1", "0b1", "0o1", "Infinity", "1e", "."])(
    "%j is decimal-looking but not a decimal: refused",
    (text) => {
      expect(parseTopology(text)).toBeNull();
    },
  );
  test("FLEX before or after marks interruptible use of the reserve", () => {
    expect(layout("2N flex").flex).toBe(true);
    expect(layout("FLEX 3N/2").flex).toBe(true);
    expect(layout("2N").flex).toBe(false);
    expect(layout("2N FLEX").name).toBe("2N FLEX");
  });
  test.each(["", "abc", "3N", "N+", "2N/3", "1N/1", "N-1", "2(N)", "N+1+1", "BLOCK 2N", "N+1001", "FLEX"])(
    "%j is not a topology",
    (text) => expect(parseTopology(text)).toBeNull(),
  );
  test("forms whose fraction depends on N need it; counts must agree; xN/y rounds a system up to whole modules", () => {
    const need = (text: string, n?: number) => layoutOf(parseTopology(text) as never, n);
    expect(need("N+1")).toMatch(/give modules_needed/);
    expect(need("2(N+1)")).toMatch(/give modules_needed/);
    expect(need("4+1", 3)).toMatch(/4 modules but modules_needed is 3/);
    // 3N/2 at N = 3: each of three systems carries half the load, 1.5 modules, so it has 2.
    expect(need("3N/2", 3)).toMatchObject({ groups: 3, groupsNeeded: 2, groupModules: 2, moduleNeeded: 2 });
    expect(typeof need("4+1", 4)).toBe("object");
  });
  test("N FLEX has no reserve for interruptible work: refused with a message", () => {
    expect(layoutOf(parseTopology("N FLEX") as never, 4)).toMatch(/FLEX needs a reserve.*"2N FLEX"/);
    expect(typeof layoutOf(parseTopology("N+1 FLEX") as never, 4)).toBe("object");
  });
  test("the layout names its count when N came from modules_needed", () => {
    expect(layout("N+1", 4).name).toBe("N+1, N = 4");
    expect(layout("4+1").name).toBe("4+1");
  });
});
