/** @jest-environment jsdom */
/** The pane never gets stuck: failed workbook calls, orphaned records, a reset store, duplicate names. */
import { configure, fireEvent, screen, within } from "@testing-library/react";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { ScenarioBook, draftOf } from "../../src/workbook/scenarios";
import { STORE_SHEET, recordCells } from "../../src/scenario";
import { redundancy } from "../scenario/fixtures";
import { flakyPort } from "../workbook/flakyPort";
import { renderPane } from "./renderPane";

jest.setTimeout(30_000);
/** The first render waits for the lazily loaded pane (compiled on first import under ts-jest). */
const LOAD = { timeout: 20_000 };
// Each later step gets more than the default second: the machine running the tests is shared.
configure({ asyncUtilTimeout: 5_000 });

const item = (name: string) => within(screen.getByRole("listitem", { name }));
const confirmIn = (action: string) =>
  fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: action }));

/** A workbook holding scenarios made through the pane's own book. */
async function withScenarios(...names: string[]) {
  const wb = new MemoryWorkbook((f) => f.length);
  const book = new ScenarioBook(wb);
  const made = [];
  for (const name of names) made.push(await book.create({ ...draftOf(redundancy()), name }));
  return { wb, book, made };
}

describe("the pane recovers", () => {
  test("when reading the store fails it says so and Retry reads it again (never 'Reading…' forever)", async () => {
    const { wb } = await withScenarios("Site");
    const { port, broken } = flakyPort(wb, "before");
    broken.add("readStore");
    renderPane(port);
    expect(
      await screen.findByText(/could not read the workbook's scenarios: The workbook is busy/, {}, LOAD),
    ).toBeTruthy();
    expect(screen.queryByText("Reading the workbook's scenarios…")).toBeNull();
    broken.delete("readStore");
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("listitem", { name: "Site" })).toBeTruthy();
    expect(screen.queryByText(/could not read/)).toBeNull();
  });

  test("a failed action shows the error with a Retry that runs it again", async () => {
    const { wb } = await withScenarios("Site");
    const { port, broken } = flakyPort(wb, "before");
    renderPane(port);
    await screen.findByRole("listitem", { name: "Site" }, LOAD);
    broken.add("freeze");
    fireEvent.click(item("Site").getByRole("button", { name: "Freeze for sharing" }));
    expect(await screen.findByText("That did not work: The workbook is busy (freeze).")).toBeTruthy();
    broken.delete("freeze");
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    await screen.findByText(/^Frozen: the sheet shows values/);
    expect(item("Site").getByText("Frozen")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
  });

  test("a failed Open and a failed Create in the wizard offer Retry too", async () => {
    const { wb } = await withScenarios("Site");
    const { port, broken } = flakyPort(wb, "before");
    renderPane(port);
    await screen.findByRole("listitem", { name: "Site" }, LOAD);
    broken.add("hasTable");
    fireEvent.click(item("Site").getByRole("button", { name: "Open" }));
    await screen.findByText("That did not work: The workbook is busy (hasTable).");
    broken.delete("hasTable");
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    await screen.findByLabelText("Site grid power (MW)");
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    fireEvent.click(screen.getByRole("button", { name: "New redundancy scenario" }));
    for (let i = 0; i < 2; i++) fireEvent.click(screen.getByRole("button", { name: "Next" }));
    fireEvent.change(screen.getByLabelText("Scenario name"), { target: { value: "Second" } });
    broken.add("writePlan");
    fireEvent.click(screen.getByRole("button", { name: "Create the sheet" }));
    await screen.findByText("That did not work: The workbook is busy (writePlan).");
    broken.delete("writePlan");
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    await screen.findByText("Scenario created.");
    expect(wb.sheet("Second")).toBeDefined();
  });

  test("a scenario whose sheet was replaced is deleted: the record goes, the sheet stays, and the pane says so", async () => {
    const { wb, made } = await withScenarios("Site");
    await wb.renameSheet(made[0].sheet, "Mine now");
    wb.addSheet(made[0].sheet);
    wb.setCell(made[0].sheet, "A1", "someone else's");
    renderPane(wb);
    fireEvent.click(
      (await screen.findByRole("listitem", { name: "Site" }, LOAD)) &&
        item("Site").getByRole("button", { name: "Delete" }),
    );
    confirmIn("Delete");
    expect(
      await screen.findByText(
        `Scenario deleted. The sheet "Site" no longer holds this scenario, so the pane left it as it is.`,
      ),
    ).toBeTruthy();
    expect(screen.queryByRole("listitem", { name: "Site" })).toBeNull();
    expect([wb.value("Site", "A1"), !!wb.sheet("Mine now")]).toEqual(["someone else's", true]);
  });

  test("in a damaged store that holds a scenario twice, Delete still works (and only Delete)", async () => {
    const { wb, made } = await withScenarios("Site");
    const rows = (await wb.readStore())!;
    const blank = rows.findIndex((r, n) => n > 0 && !r[0]);
    const row = blank > 0 ? blank + 1 : rows.length + 1; // a row without a record
    await wb.writeStore([{ row, cells: recordCells(made[0]) }]);
    renderPane(wb);
    await screen.findByText(/^Row \d+: a second record for one scenario\.$/, {}, LOAD);
    const disabled = (name: string) => (item("Site").getByRole("button", { name }) as HTMLButtonElement).disabled;
    expect(["Open", "Rename", "Freeze for sharing", "Delete"].map(disabled)).toEqual([true, true, true, false]);
    fireEvent.click(item("Site").getByRole("button", { name: "Delete" }));
    confirmIn("Delete");
    await screen.findByText("Scenario deleted.");
    expect([
      screen.queryByRole("listitem", { name: "Site" }),
      screen.queryByText(/are damaged/),
      wb.sheet("Site"),
    ]).toEqual([null, null, undefined]);
  });

  test("Compare works after a new store was started; the old Compare sheet is kept under another name", async () => {
    const { wb, book, made } = await withScenarios("Site");
    await book.compare([made[0].id]);
    wb.setCell(STORE_SHEET, "B1", "not a version");
    renderPane(wb);
    fireEvent.click(await screen.findByRole("button", { name: "Start a new store…" }, LOAD));
    confirmIn("Keep a backup and start new");
    await screen.findByText(/kept as a backup sheet/);
    // The new store is empty: the scenario is made again, then compared.
    fireEvent.click(screen.getByRole("button", { name: "New redundancy scenario" }));
    for (let i = 0; i < 2; i++) fireEvent.click(screen.getByRole("button", { name: "Next" }));
    fireEvent.change(screen.getByLabelText("Scenario name"), { target: { value: "Site again" } });
    fireEvent.click(screen.getByRole("button", { name: "Create the sheet" }));
    await screen.findByText("Scenario created.");
    fireEvent.click(item("Site again").getByRole("checkbox"));
    fireEvent.click(screen.getByRole("button", { name: "Compare chosen scenarios" }));
    expect(
      await screen.findByText(/The Compare sheet is up to date\. .* kept as "Compare \(earlier\)"\./),
    ).toBeTruthy();
    expect(wb.formula("Compare", "B5")).toBe("='Site again'!out_effective_mw");
    expect(wb.formula("Compare (earlier)", "B5")).toBe("='Site'!out_effective_mw");
  });
});

describe("scenario hygiene in the pane", () => {
  test("a taken name is refused inline in the wizard and the rename dialog (ignoring case)", async () => {
    const { wb } = await withScenarios("Site", "Other");
    renderPane(wb);
    await screen.findByRole("listitem", { name: "Site" }, LOAD);
    fireEvent.click(screen.getByRole("button", { name: "New redundancy scenario" }));
    for (let i = 0; i < 2; i++) fireEvent.click(screen.getByRole("button", { name: "Next" }));
    fireEvent.change(screen.getByLabelText("Scenario name"), { target: { value: "SITE" } });
    expect(screen.getByText('A scenario named "Site" exists already: choose another name.')).toBeTruthy();
    expect((screen.getByRole("button", { name: "Create the sheet" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    fireEvent.click(item("Other").getByRole("button", { name: "Rename" }));
    fireEvent.change(screen.getByLabelText("New name"), { target: { value: "site" } });
    expect(within(screen.getByRole("dialog")).getByText(/A scenario named "Site" exists already/)).toBeTruthy();
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Rename" }));
    expect(wb.sheet("Other")).toBeDefined();
    // Its own name in another case is fine.
    fireEvent.change(screen.getByLabelText("New name"), { target: { value: "OTHER" } });
    expect(within(screen.getByRole("dialog")).queryByText(/exists already/)).toBeNull();
  });

  test("the list follows the sheets' tab order", async () => {
    const { wb } = await withScenarios("First", "Second", "Third");
    wb.sheets.unshift(...wb.sheets.splice(wb.sheets.indexOf(wb.sheet("Second")!), 1));
    renderPane(wb);
    await screen.findByRole("listitem", { name: "First" }, LOAD);
    const list = within(screen.getByRole("list", { name: "Scenarios in this workbook" }));
    expect(list.getAllByRole("listitem").map((li) => li.getAttribute("aria-label"))).toEqual([
      "Second",
      "First",
      "Third",
    ]);
  });

  test("the pane's messages wrap (multiline layout) instead of being cut to one line", async () => {
    const { wb } = await withScenarios("Site");
    renderPane(wb);
    await screen.findByRole("listitem", { name: "Site" }, LOAD);
    fireEvent.click(item("Site").getByRole("button", { name: "Freeze for sharing" }));
    const text = await screen.findByText(/^Frozen: the sheet shows values/);
    const bar = text.closest(".fui-MessageBar") as HTMLElement;
    // jsdom does not order the cascade across style elements, so the last white-space rule that matches
    // the bar, in the style elements' document order (all single-class selectors), is what a browser applies.
    const whiteSpace = Array.from(document.querySelectorAll("style"))
      .flatMap((style) => Array.from(style.sheet!.cssRules) as CSSStyleRule[])
      .filter((r) => /^\.[\w-]+$/.test(r.selectorText ?? "") && bar.matches(r.selectorText))
      .map((r) => r.style.getPropertyValue("white-space"))
      .filter(Boolean);
    expect(whiteSpace).toContain("nowrap"); // Fluent's single-line base
    expect(whiteSpace.at(-1)).toBe("normal");
  });
});
