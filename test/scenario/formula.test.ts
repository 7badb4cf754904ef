/** The formula parser: every formula of every scenario plan parses and prints back as written; bad syntax is refused by name. */
import { Node, parseFormula, printFormula } from "../../src/scenario/formula";
import { Scenario, planScenario } from "../../src/scenario";
import { buildout, fleet, redundancy } from "./fixtures";

const PLANS: [string, Scenario][] = [
  ["redundancy, availability given", redundancy()],
  ["redundancy, availability from MTBF", { ...redundancy(), availabilityFrom: "mtbf" } as Scenario],
  ["fleet by count", fleet("count")],
  ["fleet by power", fleet("power")],
  ["fleet by power, custom chip", fleet("power", "Custom")],
  ["fleet by count, custom chip", fleet("count", "Custom")],
  ["build-out", buildout()],
];

test.each(PLANS)("every formula of the %s plan parses and prints back unchanged", (_, s) => {
  const formulas = planScenario(s)
    .cells.map((c) => c.formula)
    .filter((f): f is string => f !== undefined);
  expect(formulas.length).toBeGreaterThan(4);
  for (const f of formulas) expect(`=${printFormula(parseFormula(f))}`).toBe(f);
});

/** A tree without the number texts, for readable expectations. */
function shape(n: Node): unknown {
  switch (n.type) {
    case "number":
      return n.value;
    case "unary":
      return [n.op, shape(n.operand)];
    case "binary":
      return [shape(n.left), n.op, shape(n.right)];
    case "call":
      return { [n.name]: n.args.map((a) => (a ? shape(a) : null)) };
    case "paren":
      return shape(n.inner);
    case "name":
      return n.sheet === undefined ? n.name : `${n.sheet}!${n.name}`;
    default:
      return n;
  }
}

describe("the parser reads Excel's syntax", () => {
  test("precedence: negation over ^ over * / over + − over & over comparisons; left to right", () => {
    expect(shape(parseFormula("=1+2*3"))).toEqual([1, "+", [2, "*", 3]]);
    expect(shape(parseFormula("=-2^2"))).toEqual([["-", 2], "^", 2]);
    expect(shape(parseFormula("=2^3^2"))).toEqual([[2, "^", 3], "^", 2]);
    expect(shape(parseFormula("=8/4/2"))).toEqual([[8, "/", 4], "/", 2]);
    expect(shape(parseFormula("=1-2-3"))).toEqual([[1, "-", 2], "-", 3]);
    expect(shape(parseFormula("=1+2>2&3"))).toEqual([[1, "+", 2], ">", [2, "&", 3]]);
    expect(shape(parseFormula("=(1+2)*3"))).toEqual([[1, "+", 2], "*", 3]);
    expect(shape(parseFormula("=1<=2"))).toEqual([1, "<=", 2]);
    expect(shape(parseFormula("=1<>2"))).toEqual([1, "<>", 2]);
    expect(shape(parseFormula("=2*-3"))).toEqual([2, "*", ["-", 3]]);
    expect(shape(parseFormula("=1.5e3+.5"))).toEqual([1500, "+", 0.5]);
  });

  test("literals, names, cells, ranges, sheets and calls with omitted arguments", () => {
    expect(parseFormula('="say ""hi"""')).toEqual({ type: "string", value: 'say "hi"' });
    expect(parseFormula("=true")).toEqual({ type: "boolean", value: true });
    expect(parseFormula("=#N/A")).toEqual({ type: "error", code: "#N/A" });
    expect(parseFormula("=#DIV/0!")).toEqual({ type: "error", code: "#DIV/0!" });
    expect(parseFormula("=in_pue")).toEqual({ type: "name", name: "in_pue" });
    expect(parseFormula("=$B7")).toEqual({
      type: "cell",
      ref: { row: 7, col: 2, colAbsolute: true, rowAbsolute: false },
    });
    expect(parseFormula("=E12:E15")).toMatchObject({
      type: "range",
      from: { row: 12, col: 5 },
      to: { row: 15, col: 5 },
    });
    expect(shape(parseFormula("='It''s here'!in_pue"))).toBe("It's here!in_pue");
    expect(parseFormula("=Data!$AB$10")).toMatchObject({ type: "cell", sheet: "Data", ref: { row: 10, col: 28 } });
    expect(shape(parseFormula("=INFRA.GOODPUT(a,,b,)"))).toEqual({ "INFRA.GOODPUT": ["a", null, "b", null] });
    expect(shape(parseFormula("=f()"))).toEqual({ F: [] });
    expect(shape(parseFormula("=TRUE()"))).toEqual({ TRUE: [] });
    expect(printFormula(parseFormula("= 1 + IF( a , 2 )"))).toBe("1+IF(a,2)");
    expect(printFormula(parseFormula("='It''s'!A1:B2"))).toBe("'It''s'!A1:B2");
  });

  test.each([
    ["1+2", /starts with "="/],
    ["=1+", /ends too early/],
    ["=SUM(1", /expected "," or "\)" but found the end/],
    ['="abc', /no closing quote/],
    ["=(1+2", /expected "\)"/],
    ["=1 2", /unexpected "2"/],
    ["=10%", /"%" is not supported/],
    ["={1,2}", /"\{" is not supported/],
    ["=A1:", /range does not end in a cell/],
    ["=a:b", /range of names/],
    ["=#WHAT", /unknown error literal/],
    ["='Sheet'", /not followed by !/],
    ["=$pue", /not a cell or a name/],
    ["=1e999", /too large/],
  ])("%s is refused with a message naming the formula", (formula, why) => {
    expect(() => parseFormula(formula)).toThrow(why);
    expect(() => parseFormula(formula)).toThrow(`Cannot read the formula ${formula}`);
  });
});
