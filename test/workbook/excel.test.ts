/** The Excel port against office-addin-mock: batched writes, a fixed number of syncs, text kept as text. */
import { OfficeMockObject } from "office-addin-mock";
import { Scenario, cellsOf, planScenario } from "../../src/scenario";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { ConflictError } from "../../src/workbook/port";
import { buildout, redundancy } from "../scenario/fixtures";

(globalThis as Record<string, unknown>).Excel = {
  SheetVisibility: { veryHidden: "VeryHidden", visible: "Visible" },
  ClearApplyTo: { all: "All", contents: "Contents" },
  ChartSeriesBy: { columns: "Columns" },
};

/** A mock workbook whose ranges record what the port writes; existing cells can be seeded. */
function mockExcel(existing: Record<string, string> = {}) {
  const written: Record<string, unknown> = {};
  const collection = <T>(add: T) => ({ items: [], load: () => undefined, add });
  const chart = () => ({
    title: {},
    setPosition: () => undefined,
    series: {
      getItemAt: () => ({ setXAxisValues: () => undefined }),
      add: () => ({ setValues: () => undefined, setXAxisValues: () => undefined }),
    },
  });
  const sheet = {
    isNullObject: false,
    names: collection(jest.fn()),
    tables: collection(jest.fn(() => ({}))),
    charts: collection(jest.fn(chart)),
    getRange(address: string) {
      const formulas = /^[A-Z]+[0-9]+:[A-Z]+[0-9]+$/.test(address)
        ? cellsOf(address).map((line) => line.map((p) => existing[`${String.fromCharCode(64 + p.col)}${p.row}`] ?? ""))
        : [[""]];
      const range = {
        formulas,
        values: formulas,
        format: { font: {}, autofitColumns: () => undefined },
        clear: jest.fn(),
      };
      const proxy: typeof range & { load: () => unknown } = new Proxy(
        { ...range, load: () => proxy },
        {
          set(target, key, value) {
            written[`${address}.${String(key)}`] = value;
            return Reflect.set(target, key, value);
          },
        },
      );
      return proxy;
    },
  };
  const context = new OfficeMockObject({
    workbook: { worksheets: { add: () => sheet, getItem: () => sheet, getItemOrNullObject: () => sheet } },
  });
  const sync = jest.spyOn(context, "sync");
  const port = new ExcelWorkbook(async (batch) => batch(context as unknown as Excel.RequestContext));
  return { port, sync, written, sheet };
}

describe("Excel workbook port", () => {
  test.each([
    ["a small redundancy scenario", { ...redundancy(), topologies: ["2N"] } as Scenario],
    ["the full build-out template", buildout()],
  ])("writing %s takes two syncs, whatever its size", async (_, scenario) => {
    const { port, sync, written, sheet } = mockExcel();
    const plan = planScenario(scenario);
    await port.writePlan(plan);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(written[`A1:${plan.extent}.formulas`]).toHaveLength(cellsOf(`A1:${plan.extent}`).length);
    expect(sheet.names.add).toHaveBeenCalledTimes(plan.names.length);
    expect(sheet.tables.add).toHaveBeenCalledTimes(plan.tables.length);
    expect(sheet.charts.add).toHaveBeenCalledTimes(1);
  });

  test("text, even a hostile name that looks like a formula, is written with Excel's text prefix", async () => {
    const { port, written } = mockExcel();
    const plan = planScenario({ ...redundancy(), name: '=HYPERLINK("http://x","y")' });
    await port.writePlan(plan);
    const block = written[`A1:${plan.extent}.formulas`] as string[][];
    expect(block[0][0]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(
      block
        .flat()
        .filter((v) => typeof v === "string" && v.startsWith("="))
        .every((f) => f === "" || !f.includes("HYPERLINK")),
    ).toBe(true);
  });

  test("regenerating over a user's cell beside the old block writes nothing and names the cell", async () => {
    const plan = planScenario(redundancy());
    const { port, written, sync } = mockExcel({ G3: "my note" });
    await expect(port.writePlan(plan, "D3")).rejects.toEqual(new ConflictError("S", ["G3"]));
    expect(sync).toHaveBeenCalledTimes(1);
    expect(Object.keys(written)).toEqual([]);
  });

  test("freeze reads the values and writes them back in two syncs", async () => {
    const { port, sync, written } = mockExcel({ A20: "Topology" });
    await port.freeze("S", ["A20:B21", "B5"]);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(written["A20:B21.formulas"]).toEqual([
      ["'Topology", ""],
      ["", ""],
    ]);
  });
});
