/** @jest-environment jsdom */
import { fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { STORE_MARKER, STORE_SHEET } from "../../src/scenario";

// jsdom lacks ResizeObserver, which Fluent's MessageBar observes; nothing here resizes.
(globalThis as Record<string, unknown>).ResizeObserver = class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
jest.setTimeout(30_000);
/** The first render waits for the lazily loaded pane (compiled on first import under ts-jest). */
const LOAD = { timeout: 20_000 };

/** A deterministic stand-in for calculation: a formula's value is its length. */
const workbook = () => new MemoryWorkbook((formula) => formula.length);

function open(wb: MemoryWorkbook) {
  render(
    <FluentProvider theme={webLightTheme}>
      <App workbook={wb} />
    </FluentProvider>,
  );
}

const click = (name: string | RegExp) => fireEvent.click(screen.getByRole("button", { name }));

async function runWizard(kind: string, name: string, steps: number) {
  fireEvent.click(await screen.findByRole("button", { name: `New ${kind} scenario` }, LOAD));
  for (let i = 1; i < steps; i++) click("Next");
  fireEvent.change(screen.getByLabelText("Scenario name"), { target: { value: name } });
  click("Create the sheet");
  await screen.findByText("Scenario created.");
}

const item = (name: string) => within(screen.getByRole("listitem", { name }));
const infraFormulas = (wb: MemoryWorkbook, sheet: string) =>
  [...wb.sheet(sheet)!.cells.values()].filter((c) => c.formula?.includes("INFRA.")).length;

describe("scenario pane against the in-memory workbook", () => {
  test.each([
    ["redundancy", 3, "REDUNDANCY_COMPARE", 1],
    ["fleet", 4, "GOODPUT_BREAKDOWN", 1],
    ["build-out", 3, "BUILDOUT_MW", 3], // the fan chart, the completion histogram and S-curve (issue 12)
  ])("the %s wizard writes a sheet and stores the scenario", async (kind, steps, fn, charts) => {
    const wb = workbook();
    open(wb);
    await runWizard(kind, `My ${kind}`, steps);
    const sheet = wb.sheet(`My ${kind}`)!;
    expect([...sheet.cells.values()].some((c) => c.formula?.includes(`INFRA.${fn}(`))).toBe(true);
    expect(sheet.charts).toHaveLength(charts);
    expect(wb.sheet(STORE_SHEET)!.visibility).toBe("veryHidden");
    expect(item(`My ${kind}`).getByRole("checkbox")).toBeTruthy();
  });

  test("inline validation blocks a step until the value is in range", async () => {
    open(workbook());
    fireEvent.click(await screen.findByRole("button", { name: "New redundancy scenario" }, LOAD));
    fireEvent.change(screen.getByLabelText("PUE (facility ÷ IT)"), { target: { value: "0.5" } });
    expect(screen.getByText("PUE (facility ÷ IT) must be a number from 1 to 10.")).toBeTruthy();
    click("Next");
    expect(screen.getByText(/Step 1 of 3/)).toBeTruthy();
  });

  test("edit regenerates the block and keeps a user's cell beside it; a cell in the way stops the edit", async () => {
    const wb = workbook();
    open(wb);
    await runWizard("redundancy", "Site", 3);
    wb.setCell("Site", "K2", "my note");
    fireEvent.click(item("Site").getByRole("button", { name: "Open" }));
    fireEvent.change(await screen.findByLabelText("Site grid power (MW)"), { target: { value: "200" } });
    click("Next");
    click("Next");
    click("Update the sheet");
    await screen.findByText("Scenario updated.");
    expect(wb.value("Site", "K2")).toBe("my note");
    expect(wb.value("Site", "B5")).toBe(200);
    // Two more topologies lengthen the block by two rows, onto a cell the user typed below it.
    wb.setCell("Site", "A33", "in the way");
    fireEvent.click(item("Site").getByRole("button", { name: "Open" }));
    await screen.findByLabelText("Site grid power (MW)");
    click("Next");
    fireEvent.click(screen.getByLabelText("N+2"));
    fireEvent.click(screen.getByLabelText("2N+1"));
    click("Next");
    click("Update the sheet");
    expect(await screen.findByText(/would overwrite your cells on sheet "Site" \(A33\)/)).toBeTruthy();
    expect(wb.value("Site", "A33")).toBe("in the way");
  });

  test("duplicate, rename, delete with confirmation, and compare", async () => {
    const wb = workbook();
    open(wb);
    await runWizard("fleet", "Fleet", 4);
    fireEvent.click(item("Fleet").getByRole("button", { name: "Duplicate" }));
    await screen.findByText("Scenario duplicated.");
    expect(wb.sheet("Copy of Fleet")).toBeDefined();
    fireEvent.click(item("Copy of Fleet").getByRole("button", { name: "Rename" }));
    fireEvent.change(screen.getByLabelText("New name"), { target: { value: "Fleet B" } });
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Rename" }));
    await screen.findByText("Scenario renamed.");
    expect(wb.sheet("Fleet B")?.cells.get("A1")?.value).toBe("Fleet B");
    fireEvent.click(item("Fleet").getByRole("checkbox"));
    fireEvent.click(item("Fleet B").getByRole("checkbox"));
    click("Compare chosen scenarios");
    await screen.findByText("The Compare sheet is up to date.");
    expect(wb.formula("Compare", "C5")).toBe("='Fleet B'!out_effective_mw");
    fireEvent.click(item("Fleet B").getByRole("button", { name: "Delete" }));
    click("Cancel");
    expect(wb.sheet("Fleet B")).toBeDefined();
    fireEvent.click(item("Fleet B").getByRole("button", { name: "Delete" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
    await screen.findByText("Scenario deleted.");
    expect(wb.sheet("Fleet B")).toBeUndefined();
    expect(screen.queryByRole("listitem", { name: "Fleet B" })).toBeNull();
  });

  test("freeze replaces INFRA formulas by their values; restore brings them back", async () => {
    const wb = workbook();
    open(wb);
    await runWizard("build-out", "Build", 3);
    const before = infraFormulas(wb, "Build");
    const anchor = [...wb.sheet("Build")!.cells.entries()].find(([, c]) => c.formula?.includes("INFRA.BUILDOUT("))!;
    const shown = anchor[1].value;
    fireEvent.click(item("Build").getByRole("button", { name: "Freeze for sharing" }));
    await screen.findByText(/Frozen: the sheet shows values/);
    expect(infraFormulas(wb, "Build")).toBe(0);
    expect(wb.value("Build", anchor[0])).toBe(shown);
    expect(item("Build").getByText("Frozen")).toBeTruthy();
    fireEvent.click(item("Build").getByRole("button", { name: "Restore formulas" }));
    await screen.findByText("Formulas restored.");
    expect(infraFormulas(wb, "Build")).toBe(before);
  });

  test('a task\'s number field keeps what is typed ("1.", blank), and a name BUILDOUT refuses blocks the step', async () => {
    open(workbook());
    fireEvent.click(await screen.findByRole("button", { name: "New build-out scenario" }, LOAD));
    const task = within(screen.getByRole("group", { name: "Task 1" }));
    const min = task.getByLabelText("Min months") as HTMLInputElement;
    fireEvent.change(min, { target: { value: "1." } });
    expect(min.value).toBe("1.");
    fireEvent.change(min, { target: { value: "" } });
    expect(min.value).toBe("");
    expect(screen.getByText(/Task 1 needs months/)).toBeTruthy();
    fireEvent.change(min, { target: { value: "0" } });
    fireEvent.change(task.getByLabelText("Task name"), { target: { value: "Project" } });
    expect(screen.getByText(/Task 1: "Project" names BUILDOUT's summary row/)).toBeTruthy();
    click("Next");
    expect(screen.getByText(/Step 1 of 3/)).toBeTruthy();
  });

  test("a corrupt store is reported, nothing is written, and a reset keeps the old store as a backup", async () => {
    const wb = workbook();
    wb.addSheet(STORE_SHEET, "veryHidden");
    wb.setCell(STORE_SHEET, "A1", STORE_MARKER);
    wb.setCell(STORE_SHEET, "B1", "2");
    wb.setCell(STORE_SHEET, "A2", "x1");
    wb.setCell(STORE_SHEET, "B2", "{broken");
    open(wb);
    expect(await screen.findByText(/are damaged, so the pane will not change them/, {}, LOAD)).toBeTruthy();
    expect(screen.getByText("Row 2: the record is not readable JSON.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "New fleet scenario" }) as HTMLButtonElement).disabled).toBe(true);
    expect(wb.calls.filter((c) => c.startsWith("write"))).toEqual([]);
    click("Start a new store…");
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Keep a backup and start new" }));
    await screen.findByText(/kept as a backup sheet/);
    expect(wb.value("BP store backup 1", "B2")).toBe("{broken");
    expect(wb.sheet("BP store backup 1")!.visibility).toBe("visible");
  });

  test("a newer store is read-only", async () => {
    const wb = workbook();
    wb.addSheet(STORE_SHEET, "veryHidden");
    wb.setCell(STORE_SHEET, "A1", STORE_MARKER);
    wb.setCell(STORE_SHEET, "B1", "99");
    open(wb);
    expect(await screen.findByText(/saved by a newer version/, {}, LOAD)).toBeTruthy();
  });

  test("a hostile scenario name is shown as text and written as text", async () => {
    const wb = workbook();
    open(wb);
    const hostile = '<img src=x onerror="alert(1)">=1+1';
    await runWizard("redundancy", hostile, 3);
    expect(document.querySelector("img")).toBeNull();
    expect(screen.getByRole("checkbox", { name: hostile })).toBeTruthy();
    const sheet = wb.sheets.find((s) => s.name !== STORE_SHEET)!;
    expect(sheet.name).toBe('<img src=x onerror="alert'); // 25 characters, room for " (2)"
    expect(sheet.cells.get("A1")).toMatchObject({ value: hostile });
    expect(sheet.cells.get("A1")!.formula).toBeUndefined();
  });
});
