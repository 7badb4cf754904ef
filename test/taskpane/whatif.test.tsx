/** @jest-environment jsdom */
/**
 * The what-if pane over the workbench's engine workbook: each analysis kind writes its sheet and
 * leaves the scenario's alone, bad input shows the field's message, a failed workbook call offers
 * Retry (ending with one analysis sheet), and a goal seek's answer is applied after asking.
 */
import { configure, fireEvent, screen, within } from "@testing-library/react";
import { scenarioModel } from "../../src/scenario/evaluate";
import { analysisProblems } from "../../src/scenario/whatif";
import { WorkbookPort } from "../../src/workbook/port";
import { ScenarioBook, draftOf } from "../../src/workbook/scenarios";
import { engineWorkbook } from "../engineWorkbook";
import { defaultOf } from "../scenario/analyses";
import { fleet } from "../scenario/fixtures";
import { flakyPort } from "../workbook/flakyPort";
import { sheetSnapshot as snapshot } from "../workbook/sheetSnapshot";
import { renderPane } from "./renderPane";

jest.setTimeout(60_000);
/** The first render waits for the lazily loaded pane (compiled on first import under ts-jest). */
const LOAD = { timeout: 20_000 };
configure({ asyncUtilTimeout: 10_000 });

async function withFleet() {
  const wb = await engineWorkbook();
  const scenario = await new ScenarioBook(wb).create({ ...draftOf(fleet("count")), name: "Fleet" });
  return { wb, scenario };
}

/** Opens the pane on `port` and the what-if view of the scenario named "Fleet". */
async function openWhatIf(port: WorkbookPort) {
  renderPane(port);
  const item = await screen.findByRole("listitem", { name: "Fleet" }, LOAD);
  fireEvent.click(within(item).getByRole("button", { name: "What-if…" }));
  await screen.findByRole("heading", { name: "What-if: Fleet" });
}

const choose = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const run = () => fireEvent.click(screen.getByRole("button", { name: /^(Run|Find the input value)$/ }));
const type = (within_: ReturnType<typeof within>, label: string, value: string) =>
  fireEvent.change(within_.getByLabelText(label), { target: { value } });

describe("the what-if pane", () => {
  test.each([
    ["tornado", "Tornado Fleet"],
    ["table1", "Data table Fleet"],
    ["table2", "Data table 2D Fleet"],
    ["uncertainty", "Uncertainty Fleet"],
  ])(
    "a %s analysis writes its sheet (tables and charts, or a heat map) and leaves the scenario's sheet as it was",
    async (kind, name) => {
      const { wb, scenario } = await withFleet();
      const before = snapshot(wb, scenario.sheet);
      await openWhatIf(wb);
      choose("Analysis", kind);
      if (kind === "uncertainty") fireEvent.change(screen.getByLabelText("Trials"), { target: { value: "2000" } });
      run();
      expect(await screen.findByText("Running…")).toBeTruthy();
      expect(await screen.findByText(`Done: the analysis is on the new sheet "${name}".`)).toBeTruthy();
      expect(screen.queryByText("Running…")).toBeNull();
      const sheet = wb.sheet(name)!;
      // A two-input table is a heat map (its body shaded by a colour scale), without an Excel table or chart.
      if (kind === "table2") expect(sheet.colorScales?.length).toBe(1);
      else expect([sheet.tables.size > 0, sheet.charts.length > 0]).toEqual([true, true]);
      expect(snapshot(wb, scenario.sheet)).toBe(before);
    },
  );

  test("a data table's Steps start at the number of values the table has (11 for the default one-input table)", async () => {
    const { wb } = await withFleet();
    await openWhatIf(wb);
    choose("Analysis", "table1");
    const values = (screen.getByLabelText(/^Values of /) as HTMLInputElement).value.split(",");
    expect(values).toHaveLength(11);
    expect((screen.getByLabelText("Steps") as HTMLInputElement).value).toBe("11");
  });

  test("uncertainty: a distribution changed to normal and a correlation between two inputs reach the sheet", async () => {
    const { wb } = await withFleet();
    await openWhatIf(wb);
    choose("Analysis", "uncertainty");
    const pue = within(screen.getByRole("group", { name: "PUE" }));
    fireEvent.change(pue.getByLabelText("Distribution"), { target: { value: "normal" } });
    // PERT(1.1, 1.2, 1.58) as a normal keeps its centre and spreads ±3 sd over its range: mean 1.2, sd 0.08.
    expect((pue.getByLabelText("Mean") as HTMLInputElement).value).toBe("1.2");
    expect((pue.getByLabelText("Standard deviation") as HTMLInputElement).value).toBe("0.08");
    fireEvent.change(pue.getByLabelText("Standard deviation"), { target: { value: "-1" } });
    expect(pue.getByRole("alert").textContent).toMatch(/PUE/);
    fireEvent.change(pue.getByLabelText("Standard deviation"), { target: { value: "0.05" } });
    fireEvent.click(screen.getByRole("button", { name: "Add a correlation" }));
    const pair = within(screen.getByRole("group", { name: "Correlation 1" }));
    fireEvent.change(pair.getByLabelText("ρ"), { target: { value: "1.5" } });
    expect(pair.getByText(/must be a number from −1 to 1 \(got 1\.5\)/)).toBeTruthy();
    fireEvent.change(pair.getByLabelText("ρ"), { target: { value: "0.6" } });
    fireEvent.change(screen.getByLabelText("Trials"), { target: { value: "1000" } });
    run();
    await screen.findByText('Done: the analysis is on the new sheet "Uncertainty Fleet".');
    const tables = [...wb.sheet("Uncertainty Fleet")!.tables.keys()];
    expect(tables.some((t) => t.endsWith("_correlations"))).toBe(true);
    const cells = [...wb.sheet("Uncertainty Fleet")!.cells.values()].map((c) => c.value);
    expect(cells).toContain(0.6);
  });

  test("a bad value shows the field's message and Run waits until it is fixed", async () => {
    const { wb, scenario } = await withFleet();
    await openWhatIf(wb);
    const pue = within(screen.getByRole("group", { name: "PUE" }));
    type(pue, "Low", "0.5");
    const model = scenarioModel(scenario);
    const tornado = defaultOf(model, "tornado");
    const words = analysisProblems(model, {
      ...tornado,
      swings: { ...tornado.swings, pue: { ...tornado.swings.pue, low: 0.5 } },
    });
    expect(words.length).toBeGreaterThan(0);
    expect(pue.getByRole("alert").textContent).toBe(words.join(" "));
    expect((screen.getByRole("button", { name: "Run" }) as HTMLButtonElement).disabled).toBe(true);
    type(pue, "Low", "");
    expect(pue.getByText("Enter a number.")).toBeTruthy();
    type(pue, "Low", "1.1");
    expect(pue.queryByRole("alert")).toBeNull();
    expect((screen.getByRole("button", { name: "Run" }) as HTMLButtonElement).disabled).toBe(false);
  });

  test("a failed workbook call shows Retry; the retry ends with exactly one analysis sheet", async () => {
    const { wb, scenario } = await withFleet();
    const before = snapshot(wb, scenario.sheet);
    // The write is done, then fails (as an Excel batch can after its first sync): the half-written sheet must go.
    const { port, broken } = flakyPort(wb, "after");
    await openWhatIf(port);
    broken.add("writePlan");
    run();
    expect(await screen.findByText("That did not work: The workbook is busy (writePlan).")).toBeTruthy();
    expect(wb.sheet("Tornado Fleet")).toBeUndefined();
    expect(snapshot(wb, scenario.sheet)).toBe(before);
    broken.delete("writePlan");
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    await screen.findByText('Done: the analysis is on the new sheet "Tornado Fleet".');
    expect(wb.sheets.filter((s) => s.name.startsWith("Tornado")).map((s) => s.name)).toEqual(["Tornado Fleet"]);
    expect(snapshot(wb, scenario.sheet)).toBe(before);
  });

  test("goal seek shows the answer, and Apply (after asking) puts it into the scenario's sheet", async () => {
    const { wb, scenario } = await withFleet();
    await openWhatIf(wb);
    choose("Analysis", "goalseek");
    choose("Output", "out_value_per_gw");
    choose("Input to change", "pue");
    const base = scenarioModel(scenario).evaluate("out_value_per_gw") as { value: number };
    fireEvent.change(screen.getByLabelText(/^Target for Value per GW-year of grid/), {
      target: { value: String(base.value * 0.8) },
    });
    run();
    const answer = within(await screen.findByRole("region", { name: "Goal seek answer" }));
    // Value per GW-year falls as 1 / PUE: 80 % of it at 1.2 / 0.8 = 1.5 (found within the search's tolerance).
    expect(
      answer.getByText(
        /^PUE = 1\.5(0000\d*)? gives Value per GW-year of grid = \$[\d.]+ B \(target \$[\d.]+ B\), after \d+ evaluations\.$/,
      ),
    ).toBeTruthy();
    fireEvent.click(answer.getByRole("button", { name: "Apply to the scenario" }));
    const dialog = within(screen.getByRole("dialog"));
    expect(dialog.getByText(/PUE becomes 1\.5(0000\d*)? \(now 1\.2\)/)).toBeTruthy();
    fireEvent.click(dialog.getByRole("button", { name: "Apply" }));
    await screen.findByText(/^PUE is now 1\.5(0000\d*)? in "Fleet"; its sheet was updated\.$/);
    const names = wb.sheet(scenario.sheet)!.names;
    expect(wb.value(scenario.sheet, names.get("in_pue")!)).toBeCloseTo(1.5, 6);
    expect(wb.value(scenario.sheet, names.get("out_value_per_gw")!)).toBeCloseTo(base.value * 0.8, -3);
  });

  test("goal seek says when no value in the range reaches the target, and offers no Apply", async () => {
    const { wb, scenario } = await withFleet();
    const before = snapshot(wb, scenario.sheet);
    await openWhatIf(wb);
    choose("Analysis", "goalseek");
    choose("Output", "out_value_per_gw");
    choose("Input to change", "pue");
    fireEvent.change(screen.getByLabelText(/^Target for Value per GW-year of grid/), { target: { value: "1" } });
    run();
    const answer = within(await screen.findByRole("region", { name: "Goal seek answer" }));
    expect(answer.getByText(/^No solution in range/)).toBeTruthy();
    expect(answer.queryByRole("button", { name: "Apply to the scenario" })).toBeNull();
    fireEvent.click(answer.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("region", { name: "Goal seek answer" })).toBeNull();
    expect(snapshot(wb, scenario.sheet)).toBe(before);
  });

  test("Back returns to the list of scenarios", async () => {
    const { wb } = await withFleet();
    await openWhatIf(wb);
    fireEvent.click(screen.getByRole("button", { name: "Back to the scenarios" }));
    expect(await screen.findByRole("listitem", { name: "Fleet" })).toBeTruthy();
  });
});
