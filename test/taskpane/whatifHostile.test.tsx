/** @jest-environment jsdom */
/**
 * The what-if pane against hostile input (over the workbench's engine workbook): fields that are
 * blank, text, too large or out of range show worded problems naming the field, never NaN or
 * Infinity, and keep Run disabled; a scenario sheet holding a blank input is refused with its words
 * and read again by Retry once fixed.
 */
import { configure, fireEvent, screen, within } from "@testing-library/react";
import { ScenarioBook, draftOf } from "../../src/workbook/scenarios";
import { engineWorkbook } from "../engineWorkbook";
import { fleet } from "../scenario/fixtures";
import { renderPane } from "./renderPane";

jest.setTimeout(60_000);
/** The first render waits for the lazily loaded pane (compiled on first import under ts-jest). */
const LOAD = { timeout: 20_000 };
configure({ asyncUtilTimeout: 10_000 });

async function openWhatIf() {
  const wb = await engineWorkbook();
  const scenario = await new ScenarioBook(wb).create({ ...draftOf(fleet("count")), name: "Fleet" });
  renderPane(wb);
  const item = await screen.findByRole("listitem", { name: "Fleet" }, LOAD);
  return { wb, scenario, open: () => fireEvent.click(within(item).getByRole("button", { name: "What-if…" })) };
}

const choose = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const runDisabled = () =>
  (screen.getByRole("button", { name: /^(Run|Find the input value)$/ }) as HTMLButtonElement).disabled;
/** The problems listed above Run. */
const listed = () => screen.queryByRole("list", { name: "What to fix before running" })?.textContent ?? "";
const noRawNumbers = () => expect(document.body.textContent).not.toMatch(/NaN|Infinity|∞/);

describe("hostile fields in the what-if pane", () => {
  test.each([
    ["abc", /Trials must be a whole number from 1 to 100,000 \(got no number\)\./, "Enter a number."],
    ["", /Trials must be a whole number from 1 to 100,000 \(got no number\)\./, "Enter a number."],
    ["0x10", /Trials must be a whole number from 1 to 100,000 \(got no number\)\./, "Enter a number."],
    ["Infinity", /Trials must be a whole number from 1 to 100,000 \(got no number\)\./, "Enter a number."],
    ["1e400", /Trials must be a whole number from 1 to 100,000 \(got a number too large\)\./, undefined],
    ["-5", /Trials must be a whole number from 1 to 100,000 \(got -5\)\./, undefined],
    ["100001", /Trials must be a whole number from 1 to 100,000 \(got 100,001\)\./, undefined],
    ["2.5", /Trials must be a whole number from 1 to 100,000 \(got 2\.5\)\./, undefined],
  ])("Trials %p: a worded problem, no NaN or Infinity shown, Run disabled", async (typed, words, own) => {
    const { open } = await openWhatIf();
    open();
    await screen.findByRole("heading", { name: "What-if: Fleet" });
    choose("Analysis", "uncertainty");
    choose("Trials", typed);
    if (own) expect(screen.getByText(own)).toBeTruthy();
    expect(listed()).toMatch(words);
    noRawNumbers();
    expect(runDisabled()).toBe(true);
  });

  test("Seed 2^31, a blank seed: worded, Run disabled", async () => {
    const { open } = await openWhatIf();
    open();
    await screen.findByRole("heading", { name: "What-if: Fleet" });
    choose("Analysis", "uncertainty");
    choose("Seed", "2147483648");
    expect(listed()).toMatch(/Seed must be a whole number from 0 to 2,147,483,647 \(got 2,147,483,648\)\./);
    expect(runDisabled()).toBe(true);
    choose("Seed", "");
    noRawNumbers();
    expect(runDisabled()).toBe(true);
  });

  test("a data table's values with text, 51 values, or a value too large: worded, Run disabled", async () => {
    const { open } = await openWhatIf();
    open();
    await screen.findByRole("heading", { name: "What-if: Fleet" });
    choose("Analysis", "table1");
    choose("Input", "pue");
    const box = screen.getByLabelText(/^Values of PUE/);
    fireEvent.change(box, { target: { value: "1.2, abc" } });
    expect(screen.getByText("Each value must be a number, separated by commas.")).toBeTruthy();
    expect(runDisabled()).toBe(true);
    fireEvent.change(box, { target: { value: Array.from({ length: 51 }, () => "1.2").join(", ") } });
    expect(listed()).toMatch(/Values of PUE: give 1 to 50 values \(got 51\)\./);
    expect(runDisabled()).toBe(true);
    fireEvent.change(box, { target: { value: "1.2, 1e400" } });
    expect(listed()).toMatch(/PUE \(facility ÷ IT\) must be a number from 1 to 10 \(got a number too large\)\./);
    noRawNumbers();
    expect(runDisabled()).toBe(true);
  });

  test("a goal seek's target as text or too large, and a range low above high: worded, Run disabled", async () => {
    const { open } = await openWhatIf();
    open();
    await screen.findByRole("heading", { name: "What-if: Fleet" });
    choose("Analysis", "goalseek");
    choose("Input to change", "pue");
    const target = screen.getByLabelText(/^Target for/);
    fireEvent.change(target, { target: { value: "abc" } });
    expect(runDisabled()).toBe(true);
    fireEvent.change(target, { target: { value: "1e400" } });
    expect(listed()).toMatch(/Target must be a number \(got a number too large\)\./);
    noRawNumbers();
    fireEvent.change(target, { target: { value: "1e9" } });
    fireEvent.change(screen.getByLabelText("Search from"), { target: { value: "5" } });
    fireEvent.change(screen.getByLabelText("Search to"), { target: { value: "2" } });
    expect(listed()).toMatch(/Range to try: the lowest \(5\) must be below the highest \(2\)\./);
    expect(runDisabled()).toBe(true);
  });
});

describe("a scenario sheet edited by hand", () => {
  test("a cleared input: the view says which and what it accepts; Retry after fixing the sheet opens the view", async () => {
    const { wb, scenario, open } = await openWhatIf();
    const pue = wb.sheet(scenario.sheet)!.names.get("in_pue")!.replace(/\$/g, "");
    wb.setCell(scenario.sheet, pue, null);
    open();
    expect(
      await screen.findByText(
        /PUE \(facility ÷ IT\) must be a number from 1 to 10: its cell in_pue on the sheet is blank\./,
      ),
    ).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Run" })).toBeNull();
    wb.setCell(scenario.sheet, pue, 1.3);
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    await screen.findByRole("heading", { name: "What-if: Fleet" });
    expect(screen.queryByText(/in_pue on the sheet is blank/)).toBeNull();
    expect(runDisabled()).toBe(false);
  });
});
