/** The formula bar's argument help: which INFRA call and argument the text being typed is in. */
import { activeCall } from "../../src/workbench/Workbench";

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
