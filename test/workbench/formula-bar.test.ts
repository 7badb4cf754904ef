/** The formula bar: which INFRA call and argument the text being typed is in, and the content it shows. */
import { NUMBER_FORMATS } from "../../src/scenario/plan";
import { readInput } from "../../src/workbench/format";
import { activeCall, contentText } from "../../src/workbench/Workbench";

test.each([
  ["=INFRA.GOODPUT(", { id: "GOODPUT", arg: 0 }],
  ["=INFRA.GOODPUT(1, 2", { id: "GOODPUT", arg: 1 }],
  ['=INFRA.GOODPUT(",(", 2', { id: "GOODPUT", arg: 1 }], // a string's comma and bracket are text
  ["=INFRA.GOODPUT('a,(b'!A1, 2, ", { id: "GOODPUT", arg: 2 }], // so are a quoted sheet name's
  ["=INFRA.TCO(INFRA.NINES(0.99), ", { id: "TCO", arg: 1 }], // the inner call is closed
  ["=INFRA.TCO(1, SUM(2, 3", { id: "TCO", arg: 1 }],
  ['="INFRA.GOODPUT(1, "', undefined],
  ["=INFRA.GOODPUT(1)", undefined],
])("%s", (text, expected) => expect(activeCall(text)).toEqual(expected));

describe("the content the bar shows enters the same content again (F2, then Enter)", () => {
  type Content = { value: number | string | boolean | null; formula?: string; format?: string };
  test.each<[Content, string]>([
    [{ value: 0.9, format: NUMBER_FORMATS.percent }, "90%"],
    [{ value: 0.99995, format: NUMBER_FORMATS.availability }, "99.995%"],
    [{ value: 240, format: NUMBER_FORMATS.mw }, "240"],
    [{ value: 0.1 + 0.2 }, "0.3"],
    [{ value: 1e21 }, "1E+21"],
    [{ value: true }, "TRUE"],
    [{ value: "abc" }, "abc"],
    [{ value: "123" }, "'123"],
    [{ value: "=not a formula" }, "'=not a formula"],
    [{ value: 5, formula: "=2+3" }, "=2+3"],
    [{ value: null }, ""],
  ])("%p shows %p", (c, text) => {
    expect(contentText(c)).toBe(text);
    const again = readInput(text, c.format).value;
    if (c.formula) expect(again).toBe(c.formula);
    else if (typeof c.value === "number") expect(again).toBeCloseTo(c.value as number, 12);
    else expect(again).toBe(c.value);
  });
});
