/**
 * The workbench's grid in a real browser (issue 11 points 2 and 6, issue 10 points 5 and 6):
 * Excel's keys, type-to-replace, F2 and double-click editing, Enter/Tab commits, Escape, Delete,
 * copy and paste with relative references, undo and redo of cell edits and of a pane action, the
 * Name Box's Go To, a click elsewhere committing the entry, number formats kept on entry, an entry
 * refused by the cell's data validation, charts beside the tables, and a sheet whose used range
 * reaches XFD1048576 opening and scrolling with only the cells in view rendered. Each step must keep
 * the console free of errors and leaves a screenshot in test-artifacts/grid/.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { Workbook } from "exceljs";
import type { Page } from "playwright-core";
import { NUMBER_FORMATS, parseCell } from "../../src/scenario/plan";
import { gridPixels } from "../../src/workbench/columns";
import type { EngineWorkbook } from "../../src/workbench/workbook";
import * as h from "./harness";

jest.setTimeout(90_000);

const SHEET = "Redundancy scenario";
let workbench: h.Workbench;
let page: Page;
const problems: string[] = [];
const snap = h.screenshots("grid");
const shot = (name: string) => snap(page, name);
const gridCell = (address: string) => h.gridCell(page, address);
const nameBox = () => page.getByLabel("Name Box");
const cellOf = async (address: string, sheet = SHEET) => (await h.cellsOf(page, sheet))[address];
const names = () => h.namesOf(page, SHEET);
/** The number format of a cell of the sheet. */
const formatOf = (address: string) =>
  page.evaluate(
    ([sheet, a]) => (window as unknown as { workbench: EngineWorkbook }).workbench.sheet(sheet)!.cells.get(a)?.format,
    [SHEET, address] as const,
  );
/**
 * The redundancy sheet's cells A–C whose text is longer than its column: the widths are kept
 * narrow enough for the chart beside them to show whole (the cell still holds the whole text).
 */
const CUT_LABELS = [
  "C9 modules; 0 = IT load ÷ module size",
  "A13 Throughput per MW of IT at full useful work",
  "C14 USD per million tokens",
  "A23 Value per effective MW-year (IT doing useful work)",
];
const below = (address: string, rows = 1) => address.replace(/[0-9]+$/, (r) => String(Number(r) + rows));

/** Goes to `target` with the Name Box, as a user types it. */
async function go(target: string) {
  await nameBox().click();
  await nameBox().fill(target);
  await nameBox().press("Enter");
}

/** Types `text` into the selected cell (type-to-replace) and presses `key`. */
async function enter(text: string, key = "Enter") {
  await page.keyboard.type(text);
  await page.keyboard.press(key);
}

beforeAll(async () => {
  workbench = await h.startWorkbench();
  page = await h.openPage(workbench, problems);
  await h.buildScenario(page, "redundancy");
  await h.openTab(page, SHEET);
}, 240_000);

afterAll(() => workbench?.close());

afterEach(() => h.expectNoProblems(problems));

test("the sheet's charts float beside its tables, on the first screen (anchored at or above row 30)", async () => {
  const anchors = await page.evaluate(
    (sheet) => (window as unknown as { workbench: EngineWorkbook }).workbench.sheet(sheet)!.charts.map((c) => c.anchor),
    SHEET,
  );
  expect(anchors.length).toBeGreaterThan(0);
  const grid = (await page
    .getByRole("table", { name: `Sheet ${SHEET}` })
    .locator("xpath=../..")
    .boundingBox())!;
  const figures = page.locator("figure[data-chart]");
  await expect(figures.count()).resolves.toBe(anchors.length);
  for (let i = 0; i < anchors.length; i++) {
    expect(parseCell(anchors[i]).row).toBeLessThanOrEqual(30);
    const box = (await figures.nth(i).boundingBox())!;
    // Entirely inside the grid's visible area without scrolling.
    expect(box.x).toBeGreaterThanOrEqual(grid.x);
    expect(box.y).toBeGreaterThanOrEqual(grid.y);
    expect(box.x + box.width).toBeLessThanOrEqual(grid.x + grid.width);
    expect(box.y + box.height).toBeLessThanOrEqual(grid.y + grid.height);
  }
  await shot("charts-beside-tables");
});

/** Per cell of `addresses`: its width in the page, and whether its text is cut (wider than the cell shows). */
const measureCells = (addresses: string[]) =>
  page.evaluate(
    (list) =>
      list.map((a) => {
        const td = document.querySelector(`td[data-address="${a}"]`) as HTMLElement;
        const box = td.getBoundingClientRect();
        // A text that runs over empty neighbours is in a span of its own, which may cut it too.
        const holder = (td.querySelector("span") as HTMLElement | null) ?? td;
        return { address: a, width: box.width, text: td.textContent, cut: holder.scrollWidth > holder.clientWidth };
      }),
    addresses,
  );

test("columns have the plan's widths; labels, values and units fit but four long ones; sources run under the chart", async () => {
  const widths = await page.evaluate(
    (sheet) => [...(window as unknown as { workbench: EngineWorkbook }).workbench.sheet(sheet)!.columns!],
    SHEET,
  );
  expect(widths.length).toBeGreaterThanOrEqual(4);
  const row5 = await measureCells(widths.map(([col]) => `${String.fromCharCode(64 + col)}5`));
  widths.forEach(([, width], i) =>
    expect([row5[i].address, row5[i].width]).toEqual([row5[i].address, gridPixels(width)]),
  );
  // Labels, values and units of the inputs (rows 5 to 18) and outputs (21 to 25).
  const rows = [...Array.from({ length: 14 }, (_, i) => 5 + i), ...Array.from({ length: 5 }, (_, i) => 21 + i)];
  const cells = await measureCells(rows.flatMap((r) => ["A", "B", "C"].map((c) => `${c}${r}`)));
  const cut = cells.filter((c) => c.cut).map((c) => `${c.address} ${c.text}`);
  expect(cut).toEqual(CUT_LABELS);
  // A long source runs on over the empty cells, as in Excel, under the chart, which stays on top.
  const onTop = await page.evaluate(() => {
    const box = document.querySelector('td[data-address="E5"]')!.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return !!hit?.closest("figure[data-chart]") || !!hit?.querySelector("figure[data-chart]");
  });
  expect(onTop).toBe(true);
});

test("text runs over empty cells on its right (the title, the note, a heading); numbers and cut labels do not", async () => {
  const spans = await page.evaluate(() =>
    ["A1", "A2", "A27", "A5", "B5"].map((a) => {
      const td = document.querySelector(`td[data-address="${a}"]`) as HTMLElement;
      const span = td.querySelector("span");
      const text = document.createRange();
      text.selectNodeContents(span ?? td);
      const shown = (span ?? td).getBoundingClientRect();
      const drawn = text.getBoundingClientRect();
      return {
        a,
        spans: !!span,
        beyondCell: drawn.right > td.getBoundingClientRect().right,
        whole: drawn.right <= shown.right,
      };
    }),
  );
  expect(spans).toEqual([
    // The title fits in column A as widened; the note runs on over B, C and D.
    { a: "A1", spans: true, beyondCell: false, whole: true },
    { a: "A2", spans: true, beyondCell: true, whole: true },
    // The heading fits in column A now; it still may run over B.
    { a: "A27", spans: true, beyondCell: false, whole: true },
    // B5 holds a value: the label stays in its cell; a number never runs over.
    { a: "A5", spans: false, beyondCell: false, whole: true },
    { a: "B5", spans: false, beyondCell: false, whole: true },
  ]);
  // What a user sees: the whole note, not cut at column A.
  const note = (await gridCell("A2").locator("span").boundingBox())!;
  expect(note.width).toBeGreaterThan(2 * (await gridCell("A2").boundingBox())!.width);
});

test("the pane's cell styles show as in Excel: a large bold title, an italic note, bold headers, blue inputs", async () => {
  const look = await page.evaluate(() =>
    ["A1", "A2", "A4", "A20", "B5", "B15", "B21", "A5"].map((a) => {
      const td = document.querySelector(`td[data-address="${a}"]`) as HTMLElement;
      const s = getComputedStyle(td);
      return [a, td.dataset.style ?? "", s.fontWeight, s.fontSize, s.fontStyle, s.color];
    }),
  );
  const black = await gridCell("A5").evaluate((td) => getComputedStyle(td).color);
  expect(look).toEqual([
    ["A1", "title", "700", "15px", "normal", black],
    ["A2", "note", "400", "12px", "italic", black],
    ["A4", "header", "700", "12px", "normal", black],
    ["A20", "header", "700", "12px", "normal", black],
    ["B5", "input", "400", "12px", "normal", "rgb(0, 0, 255)"],
    ["B15", "input", "400", "12px", "normal", "rgb(0, 0, 255)"],
    ["B21", "output", "400", "12px", "normal", black],
    ["A5", "", "400", "12px", "normal", black],
  ]);
  expect(black).not.toBe("rgb(0, 0, 255)");
  await shot("widths-overflow-styles");
});

test("the Name Box goes to a defined name, a cell and another sheet's cell, and refuses nonsense", async () => {
  const n = await names();
  await go("in_grid_mw");
  await expect(nameBox().inputValue()).resolves.toBe(n.in_grid_mw);
  await expect(gridCell(n.in_grid_mw).getAttribute("aria-selected")).resolves.toBe("true");
  await go("c7");
  await expect(nameBox().inputValue()).resolves.toBe("C7");
  await expect(gridCell("C7").getAttribute("aria-selected")).resolves.toBe("true");
  await go("no such place");
  await page.getByText('"no such place" is not a cell, a range or a name of this workbook.').waitFor();
  await expect(gridCell("C7").getAttribute("aria-selected")).resolves.toBe("true");
  await shot("name-box");
  await nameBox().press("Escape");
  await expect(nameBox().inputValue()).resolves.toBe("C7");
});

test("typing into a formatted input keeps its format: 240 into '#,##0.0 \"MW\"' shows 240.0 MW", async () => {
  const n = await names();
  const a = n.in_grid_mw;
  expect(await formatOf(a)).toBe(NUMBER_FORMATS.mw);
  await go(a);
  await enter("240");
  await expect(nameBox().inputValue()).resolves.toBe(below(a)); // Enter commits and moves down
  expect(await cellOf(a)).toEqual({ value: 240, formula: undefined });
  expect(await formatOf(a)).toBe(NUMBER_FORMATS.mw);
  await expect(gridCell(a).textContent()).resolves.toBe("240.0 MW");
  // "1,200" is read as Excel reads it, and the cell keeps its own format.
  await page.keyboard.press("ArrowUp");
  await enter("1,200");
  expect((await cellOf(a)).value).toBe(1200);
  await expect(gridCell(a).textContent()).resolves.toBe("1,200.0 MW");
  await shot("format-kept");
});

test("a percent input: 90% and 90 both store 0.9, shown as 90.00%", async () => {
  const n = await names();
  const percent = await page.evaluate(
    ([sheet, refs, format]) => {
      const s = (window as unknown as { workbench: EngineWorkbook }).workbench.sheet(sheet)!;
      return Object.entries(refs).find(([name, a]) => name.startsWith("in_") && s.cells.get(a)?.format === format)?.[1];
    },
    [SHEET, n, NUMBER_FORMATS.percent] as const,
  );
  expect(percent).toBeDefined();
  await go(percent!);
  await enter("90%");
  expect((await cellOf(percent!)).value).toBe(0.9);
  await expect(gridCell(percent!).textContent()).resolves.toBe("90.00%");
  await go(percent!);
  await enter("85");
  expect((await cellOf(percent!)).value).toBeCloseTo(0.85, 15);
  await expect(gridCell(percent!).textContent()).resolves.toBe("85.00%");
  // F2 shows it as Excel's formula bar does, so Enter stores the same number again.
  await go(percent!);
  await page.keyboard.press("F2");
  await expect(page.getByLabel("Cell editor").inputValue()).resolves.toBe("85%");
  await page.keyboard.press("Enter");
  expect((await cellOf(percent!)).value).toBeCloseTo(0.85, 15);
  await shot("percent-entry");
});

test("an entry the cell's data validation refuses is not written; Retry gives it back, Cancel drops it", async () => {
  const rule = await page.evaluate((sheet) => {
    const s = (window as unknown as { workbench: EngineWorkbook }).workbench.sheet(sheet)!;
    const v = s.validations?.find((r) => r.rule !== "list" && r.min !== undefined && !r.address.includes(":"));
    return v && { address: v.address, message: v.message };
  }, SHEET);
  expect(rule).toBeDefined();
  const before = await cellOf(rule!.address);
  await go(rule!.address);
  await enter("-1000000");
  const refusal = page.getByRole("alertdialog", { name: "Entry refused" });
  await refusal.getByText(`${rule!.address}: ${rule!.message}`).waitFor();
  expect(await cellOf(rule!.address)).toEqual(before);
  await expect(nameBox().inputValue()).resolves.toBe(rule!.address); // the selection stays
  await shot("entry-refused");
  await refusal.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByLabel("Cell editor").inputValue()).resolves.toBe("-1000000");
  await page.keyboard.press("Enter");
  await refusal.getByRole("button", { name: "Cancel" }).click();
  await refusal.waitFor({ state: "detached" });
  await expect(page.getByLabel("Cell editor").count()).resolves.toBe(0);
  expect(await cellOf(rule!.address)).toEqual(before);
});

test("arrow keys, Enter and Tab move the selection (Shift reverses); Escape cancels an entry", async () => {
  await go("D20");
  const moves: [string, string][] = [
    ["ArrowDown", "D21"],
    ["ArrowRight", "E21"],
    ["ArrowUp", "E20"],
    ["ArrowLeft", "D20"],
    ["Enter", "D21"],
    ["Shift+Enter", "D20"],
    ["Tab", "E20"],
    ["Shift+Tab", "D20"],
  ];
  for (const [key, expected] of moves) {
    await page.keyboard.press(key);
    expect([key, await nameBox().inputValue()]).toEqual([key, expected]);
  }
  await go("A1");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowLeft");
  await expect(nameBox().inputValue()).resolves.toBe("A1");
  // Escape: the typed entry is dropped and the cell keeps its content.
  const a1 = await cellOf("A1");
  await page.keyboard.type("not kept");
  await expect(page.getByLabel("Formula bar").inputValue()).resolves.toBe("not kept");
  await page.keyboard.press("Escape");
  expect(await cellOf("A1")).toEqual(a1);
  await expect(page.getByLabel("Cell editor").count()).resolves.toBe(0);
});

test("type-to-replace, Tab commits right, F2 and double-click edit in place, a click elsewhere commits", async () => {
  await go("B200");
  await enter("10", "Tab");
  await expect(nameBox().inputValue()).resolves.toBe("C200");
  await go("B200");
  await enter("5"); // replaces 10
  expect((await cellOf("B200")).value).toBe(5);
  await go("B200");
  await page.keyboard.press("F2");
  await page.keyboard.type("0"); // the caret is at the end: 50
  await page.keyboard.press("Enter");
  expect((await cellOf("B200")).value).toBe(50);
  await gridCell("B200").dblclick();
  await expect(page.getByLabel("Cell editor").inputValue()).resolves.toBe("50");
  await page.keyboard.type("1");
  await shot("editing-in-place");
  await page.keyboard.press("Enter");
  expect((await cellOf("B200")).value).toBe(501);
  // An entry pending in B201 is committed by clicking another cell.
  await go("B201");
  await page.keyboard.type("77");
  await gridCell("C202").click();
  expect((await cellOf("B201")).value).toBe(77);
  await expect(nameBox().inputValue()).resolves.toBe("C202");
});

test("Ctrl+C / Ctrl+V copy values and formulas; relative references move, names and $ parts stay", async () => {
  await go("B203");
  await enter("=B200+B201*2+$B$200+in_grid_mw-in_grid_mw");
  expect((await cellOf("B203")).value).toBe(501 + 77 * 2 + 501);
  await go("B203");
  await page.keyboard.press("Control+C");
  await go("C203"); // one column right: B200 → C200, B201 → C201, $B$200 stays
  await go("C200");
  await enter("1");
  await enter("2"); // C201
  await go("C203"); // one column right: B200 → C200, B201 → C201, $B$200 stays
  await page.keyboard.press("Control+V");
  expect(await cellOf("C203")).toEqual({
    value: 1 + 2 * 2 + 501,
    formula: "=C200+C201*2+$B$200+in_grid_mw-in_grid_mw",
  });
  // A value pastes as itself.
  await go("B200");
  await page.keyboard.press("Control+C");
  await go("D200");
  await page.keyboard.press("Control+V");
  expect((await cellOf("D200")).value).toBe(501);
  await shot("copy-paste");
});

test("text pasted from another program fills cells from the selection; a copied value pastes as it is", async () => {
  await go("E200");
  // What the browser hands the page when the user pastes two rows of two tab-separated cells.
  await page
    .getByRole("table", { name: `Sheet ${SHEET}` })
    .locator("xpath=../..")
    .evaluate((grid) => {
      const data = new DataTransfer();
      data.setData("text/plain", "1,200\tabc\r\n50%\t=E200*2\r\n");
      grid.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    });
  const cells = await h.cellsOf(page, SHEET);
  expect([cells.E200, cells.F200, cells.E201, cells.F201]).toEqual([
    { value: 1200, formula: undefined },
    { value: "abc", formula: undefined },
    { value: 0.5, formula: undefined },
    { value: 2400, formula: "=E200*2" },
  ]);
  await expect(gridCell("E200").textContent()).resolves.toBe("1,200");
  await expect(gridCell("E201").textContent()).resolves.toBe("50%");
  // 0.5 copied into a percent input stays 0.5 (no automatic percent entry on paste).
  const n = await names();
  const percent = await page.evaluate(
    ([sheet, refs, format]) => {
      const s = (window as unknown as { workbench: EngineWorkbook }).workbench.sheet(sheet)!;
      return Object.entries(refs).find(([name, a]) => name.startsWith("in_") && s.cells.get(a)?.format === format)?.[1];
    },
    [SHEET, n, NUMBER_FORMATS.percent] as const,
  );
  await go("E201");
  await page.keyboard.press("Control+C");
  await go(percent!);
  await page.keyboard.press("Control+V");
  expect((await cellOf(percent!)).value).toBe(0.5);
  await expect(gridCell(percent!).textContent()).resolves.toBe("50.00%");
  await shot("pasted-text");
});

test("Delete clears; Ctrl+Z and Ctrl+Y undo and redo cell edits", async () => {
  await go("B200");
  await page.keyboard.press("Delete");
  expect((await cellOf("B200"))?.value ?? null).toBeNull();
  await expect(gridCell("B200").textContent()).resolves.toBe("");
  await page.keyboard.press("Control+Z");
  expect((await cellOf("B200")).value).toBe(501);
  await expect(gridCell("B200").textContent()).resolves.toBe("501");
  await page.keyboard.press("Control+Y");
  expect((await cellOf("B200"))?.value ?? null).toBeNull();
  await page.keyboard.press("Control+Z");
  expect((await cellOf("B200")).value).toBe(501);
  // Dependents follow: B203 = B200 + B201*2 + $B$200.
  expect((await cellOf("B203")).value).toBe(501 + 77 * 2 + 501);
  await shot("undo-redo");
});

test("Ctrl+Z undoes a pane action (a duplicated scenario), Ctrl+Y redoes it", async () => {
  const sheets = () =>
    page.evaluate(() => (window as unknown as { workbench: EngineWorkbook }).workbench.sheets.map((s) => s.name));
  const before = await sheets();
  await h.scenarioItem(page, SHEET).getByRole("button", { name: "Duplicate" }).click();
  await page.getByText("Scenario duplicated.").waitFor();
  const after = await sheets();
  expect(after.length).toBe(before.length + 1);
  await h.openTab(page, SHEET);
  await go("A1");
  await page.keyboard.press("Control+Z");
  await page.waitForFunction(
    (n) => (window as unknown as { workbench: EngineWorkbook }).workbench.sheets.length === n,
    before.length,
  );
  expect(await sheets()).toEqual(before);
  await page
    .getByRole("table", { name: `Sheet ${SHEET}` })
    .locator("xpath=../..")
    .focus();
  await page.keyboard.press("Control+Y");
  await page.waitForFunction(
    (n) => (window as unknown as { workbench: EngineWorkbook }).workbench.sheets.length === n,
    after.length,
  );
  expect(await sheets()).toEqual(after);
  await shot("pane-action-redone");
});

test("a sheet whose used range reaches XFD1048576 opens in under 2 s; scrolling and Go To reach the corner", async () => {
  const file = new Workbook();
  const sheet = file.addWorksheet("Corner");
  sheet.getCell("A1").value = "top left";
  sheet.getCell("XFD1048576").value = 42;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bp-grid-")), "corner.xlsx");
  await file.xlsx.writeFile(out);

  const fresh = await workbench.browser.newPage({ viewport: { width: 1400, height: 900 } });
  h.watch(fresh, problems);
  await fresh.goto(workbench.url);
  await h.timeToInteractive(fresh);
  const started = Date.now();
  await fresh.getByTestId("import-xlsx").setInputFiles(out);
  await fresh.getByRole("table", { name: "Sheet Corner" }).waitFor();
  await fresh.locator('td[data-address="A1"]').getByText("top left").waitFor();
  const opened = Date.now() - started;
  console.log(`a sheet with a cell at XFD1048576 opened in ${opened} ms`);
  expect(opened).toBeLessThan(2000);
  // Only the cells in view (and a few around them) are in the page.
  const rendered = await fresh.locator("td[data-address]").count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(2000);

  // Scrolling to the far corner renders it.
  const scroller = fresh.getByRole("table", { name: "Sheet Corner" }).locator("xpath=../..");
  await scroller.evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight));
  await fresh.locator('td[data-address="XFD1048576"]').getByText("42").waitFor();
  await expect(fresh.locator("td[data-address]").count()).resolves.toBeLessThan(2000);
  await snap(fresh, "scrolled-to-XFD1048576");
  // Go To A1 and back to the corner with the Name Box.
  for (const target of ["A1", "XFD1048576"]) {
    await fresh.getByLabel("Name Box").fill(target);
    await fresh.getByLabel("Name Box").press("Enter");
    await expect(fresh.locator(`td[data-address="${target}"]`).getAttribute("aria-selected")).resolves.toBe("true");
  }
  await expect(fresh.locator('td[data-address="XFD1048576"]').textContent()).resolves.toBe("42");
  await fresh.close();
});

test("a frozen sheet's inputs turn grey, as the Excel port greys them", async () => {
  await h.openTab(page, SHEET);
  await expect(gridCell("B5").evaluate((td) => getComputedStyle(td).color)).resolves.toBe("rgb(0, 0, 255)");
  await h.scenarioItem(page, SHEET).getByRole("button", { name: "Freeze for sharing" }).click();
  await page.getByText("Frozen: the sheet shows values; the formulas are kept in the store.").waitFor();
  const look = await page.evaluate(() =>
    ["B5", "B15"].map((a) => {
      const td = document.querySelector(`td[data-address="${a}"]`) as HTMLElement;
      return [a, td.dataset.style, getComputedStyle(td).color];
    }),
  );
  expect(look).toEqual([
    ["B5", "frozen", "rgb(128, 128, 128)"],
    ["B15", "frozen", "rgb(128, 128, 128)"],
  ]);
  await shot("frozen-inputs-grey");
});
