/**
 * The workbench in a real browser (issue 7): Debian's Chromium driven by playwright-core, the page's
 * production build (build/workbench/ from `npm run build` when fresh, else built here) served on 127.0.0.1. One page walks through the product as a user
 * would (wizard, editing, freeze and restore, hostile names, a bad formula, .xlsx export and
 * import); every step must keep
 * the network on localhost and the console free of errors, and leaves a screenshot in
 * test-artifacts/workbench/. The production build's time to interactive and the gzipped size of
 * what it loads are measured and printed.
 */
import fs from "fs";
import path from "path";
import { gzipSync } from "zlib";
import type { Page } from "playwright-core";
import { functions } from "../../src/functions";
import { InfraError } from "../../src/functions/errors";
import type { EngineWorkbook } from "../../src/workbench/workbook";
import * as h from "./harness";
import type { Cell } from "./harness";

jest.setTimeout(90_000);

const HOSTILE_STORED = "<img src=x onerror=alert(1)>";
const HOSTILE_TYPED = '=HYPERLINK("http://evil.example/","click me")';
const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts", "workbench");

let workbench: h.Workbench;
let page: Page;
/** What the current step saw go wrong: requests off localhost, console errors, page errors, dialogs. */
const problems: string[] = [];
const requests: string[] = [];
const snap = h.screenshots("workbench");
const shot = (name: string) => snap(page, name);
const watch = (p: Page) => h.watch(p, problems, requests);
const cellsOf = (sheet: string) => h.cellsOf(page, sheet);
const namesOf = (sheet: string) => h.namesOf(page, sheet);
const gridCell = (address: string) => h.gridCell(page, address);
const scenarioItem = (name: string) => h.scenarioItem(page, name);
const openTab = (sheet: string) => h.openTab(page, sheet);
const buildScenario = (kind: string, name?: string) => h.buildScenario(page, kind, name, snap);

/** Every output of a sheet (out_ names) holds a formula and a finite number. */
async function expectNumericOutputs(sheet: string) {
  const [cells, names] = [await cellsOf(sheet), await namesOf(sheet)];
  const outputs = Object.entries(names).filter(([n, ref]) => n.startsWith("out_") && !ref.includes(":"));
  expect(outputs.length).toBeGreaterThan(0);
  for (const [n, ref] of outputs) {
    expect([n, cells[ref].formula?.startsWith("=")]).toEqual([n, true]);
    expect([n, Number.isFinite(cells[ref].value)]).toEqual([n, true]);
  }
}

beforeAll(async () => {
  workbench = await h.startWorkbench();
}, 240_000);

afterAll(() => workbench?.close());

afterEach(() => h.expectNoProblems(problems));

test("the production build: time to interactive and gzipped size of everything the page loads", async () => {
  const context = await workbench.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const p = await context.newPage();
  h.watch(p, problems, requests);
  const loads: Promise<{ url: string; status: number; bytes: number; gzipped: number }>[] = [];
  p.on("response", (r) =>
    loads.push(
      r.body().then((b) => ({ url: r.url(), status: r.status(), bytes: b.length, gzipped: gzipSync(b).length })),
    ),
  );
  await p.goto(workbench.url);
  const tti = await h.timeToInteractive(p);
  await p.waitForLoadState("networkidle");
  const files = await Promise.all(loads);
  await context.close();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const sum = (key: "bytes" | "gzipped") => files.reduce((s, f) => s + f[key], 0);
  // Scripts the page loads later, on first use (ExcelJS, on the first export or import).
  const served = workbench.served;
  const loaded = new Set(files.map((f) => new URL(f.url).pathname.slice(1)));
  const lazy = fs.readdirSync(served).filter((f) => f.endsWith(".js") && !loaded.has(f));
  console.log(
    `workbench (production build): time to interactive ${tti.toFixed(0)} ms; loads ${files.length} files, ` +
      `${kb(sum("bytes"))}, ${kb(sum("gzipped"))} gzipped\n` +
      files.map((f) => `  ${new URL(f.url).pathname}: ${kb(f.bytes)} (${kb(f.gzipped)} gzipped)`).join("\n") +
      `\nloaded on first use:\n` +
      lazy
        .map((f) => fs.readFileSync(path.join(served, f)))
        .map((b, i) => `  /${lazy[i]}: ${kb(b.length)} (${kb(gzipSync(b).length)} gzipped)`)
        .join("\n"),
  );
  expect(files.filter((f) => f.status !== 200)).toEqual([]);
  expect(files.map((f) => new URL(f.url).pathname)).toEqual(
    expect.arrayContaining(["/workbench.html", "/workbench.js", "/functions.json", "/assets/icon-32.png"]),
  );
  // Generous: a hang or a runaway bundle fails; this 2-core machine's load is not measured.
  expect(tti).toBeLessThan(20_000);
});

test("loads the workbench: an empty workbook beside the task pane", async () => {
  page = await workbench.browser.newPage({ viewport: { width: 1400, height: 900 } });
  watch(page);
  await page.goto(workbench.url);
  await h.timeToInteractive(page);
  await expect(page.title()).resolves.toBe("Balance Point workbench");
  await page.getByText("No sheets yet: build a scenario with the wizard.").waitFor();
  await page.getByText("No scenarios in this workbook yet.").waitFor();
  await shot("loaded");
});

test("builds a redundancy scenario through the wizard: its sheet, outputs and chart", async () => {
  await buildScenario("redundancy");
  await openTab("Redundancy scenario");
  await expectNumericOutputs("Redundancy scenario");
  await expect(page.locator("figure[data-chart] svg").count()).resolves.toBeGreaterThan(0);
  await scenarioItem("Redundancy scenario").waitFor();
  await shot("redundancy-sheet");
});

test("builds a fleet scenario named like a formula: the name stays text in the sheet and the list", async () => {
  await buildScenario("fleet", HOSTILE_TYPED);
  const sheet = await page.evaluate(async () => {
    const rows = (await (window as unknown as { workbench: EngineWorkbook }).workbench.readStore())!;
    return rows.map((r) => r[1] && JSON.parse(r[1])).find((r) => r?.kind === "fleet").sheet as string;
  });
  await openTab(sheet);
  await expectNumericOutputs(sheet);
  expect((await cellsOf(sheet)).A1).toEqual({ value: HOSTILE_TYPED, formula: undefined });
  await expect(gridCell("A1").textContent()).resolves.toBe(HOSTILE_TYPED);
  await scenarioItem(HOSTILE_TYPED).waitFor();
  await shot("fleet-sheet");
});

test("builds a build-out scenario through the wizard", async () => {
  await buildScenario("build-out");
  await openTab("Build-out scenario");
  await expectNumericOutputs("Build-out scenario");
  await expect(page.locator("figure[data-chart] svg").count()).resolves.toBeGreaterThan(0);
  await shot("buildout-sheet");
});

test("editing an input cell recalculates the INFRA formulas that depend on it", async () => {
  const sheet = "Redundancy scenario";
  await openTab(sheet);
  const names = await namesOf(sheet);
  const before = await cellsOf(sheet);
  const edit = async (name: string, value: number) => {
    await gridCell(names[name]).click();
    await page.getByLabel("Formula bar").fill(String(value));
    await page.getByLabel("Formula bar").press("Enter");
    // Enter commits and moves down, as in Excel.
    await expect(page.getByLabel("Name Box").inputValue()).resolves.toBe(
      names[name].replace(/[0-9]+$/, (r) => String(Number(r) + 1)),
    );
  };
  // Value per year is effective MW × the price of its tokens: doubling the price doubles it (to the dollar it is rounded to).
  await edit("in_price_per_m_tokens", 2 * (before[names.in_price_per_m_tokens].value as number));
  await page.waitForFunction(
    ([a, v]) =>
      Math.abs(
        ((window as unknown as { workbench: EngineWorkbook }).workbench.sheet("Redundancy scenario")!.cells.get(a)
          ?.value as number) - v,
      ) <= 1,
    [names.out_value_per_year, 2 * (before[names.out_value_per_year].value as number)] as const,
  );
  // More grid power: REDUNDANCY_COMPARE and everything downstream recalculate.
  await edit("in_grid_mw", 2 * (before[names.in_grid_mw].value as number));
  await page.waitForFunction(
    ([a, v]) =>
      (window as unknown as { workbench: EngineWorkbook }).workbench.sheet("Redundancy scenario")!.cells.get(a)
        ?.value !== v,
    [names.out_effective_mw, before[names.out_effective_mw].value] as const,
  );
  const after = await cellsOf(sheet);
  const changed = Object.keys(before).filter(
    (a) => typeof before[a].value === "number" && after[a].value !== before[a].value,
  );
  expect(changed).toEqual(expect.arrayContaining([names.out_effective_mw, names.out_value_per_year]));
  expect(Number.isFinite(after[names.out_effective_mw].value)).toBe(true);
  await expect(gridCell(names.out_effective_mw).textContent()).resolves.not.toBe("");
  await shot("edited-input");
});

test("a stored scenario with a hostile name is listed as text", async () => {
  // Write the name into the store as another tool (or a crafted file) would, then let the pane reload it.
  await page.evaluate(async (name) => {
    const book = (window as unknown as { workbench: EngineWorkbook }).workbench;
    const rows = (await book.readStore())!;
    const row = rows.findIndex((r) => r[1]?.includes('"kind":"buildout"'));
    const record = { ...JSON.parse(rows[row][1]), name };
    await book.writeStore([{ row: row + 1, cells: [record.id, JSON.stringify(record)] }]);
  }, HOSTILE_STORED);
  await scenarioItem("Build-out scenario").getByRole("button", { name: "Duplicate" }).click();
  await page.getByText("Scenario duplicated.").waitFor();
  await expect(scenarioItem(HOSTILE_STORED).count()).resolves.toBe(1);
  await expect(scenarioItem(HOSTILE_STORED).getByText(HOSTILE_STORED, { exact: true }).count()).resolves.toBe(1);
  await scenarioItem(HOSTILE_STORED).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByText(`Delete "${HOSTILE_STORED}"?`, { exact: true }).waitFor();
  await shot("hostile-name");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("dialog").waitFor({ state: "detached" });
  await expect(page.locator("img").count()).resolves.toBe(0);
});

test("freeze for sharing turns INFRA formulas into their values; restore brings them back", async () => {
  const sheet = "Redundancy scenario";
  await openTab(sheet);
  const before = await cellsOf(sheet);
  const infra = (cells: Record<string, Cell>) => Object.keys(cells).filter((a) => cells[a].formula?.includes("INFRA."));
  expect(infra(before).length).toBeGreaterThan(0);

  await scenarioItem(sheet).getByRole("button", { name: "Freeze for sharing" }).click();
  await page.getByText("Frozen: the sheet shows values; the formulas are kept in the store.").waitFor();
  await scenarioItem(sheet).getByText("Frozen", { exact: true }).waitFor();
  const frozen = await cellsOf(sheet);
  expect(infra(frozen)).toEqual([]);
  expect(Object.keys(frozen).filter((a) => frozen[a].formula).length).toBeGreaterThan(0);
  // Every value stays; the note below the title becomes the frozen banner.
  expect(frozen.A2.value).toMatch(/^Frozen values: formulas stored in the scenario/);
  expect(Object.fromEntries(Object.entries(frozen).map(([a, c]) => [a, c.value]))).toEqual(
    Object.fromEntries(Object.entries(before).map(([a, c]) => [a, a === "A2" ? frozen.A2.value : c.value])),
  );
  await gridCell("A2")
    .getByText(/^Frozen values: formulas stored in the scenario/)
    .waitFor();
  await shot("frozen");

  await scenarioItem(sheet).getByRole("button", { name: "Restore formulas" }).click();
  await page.getByText("Formulas restored.").waitFor();
  expect(await cellsOf(sheet)).toEqual(before);
  await shot("restored");
});

test("a bad INFRA formula in the formula bar shows its argument help, then its error message", async () => {
  await openTab("Redundancy scenario");
  await gridCell("J2").click();
  const bar = page.getByLabel("Formula bar");
  await bar.fill("=INFRA.GOODPUT(");
  await expect(page.getByRole("note", { name: "Argument help" }).locator("b").textContent()).resolves.toBe(
    "accelerators",
  );
  // A recalculation elsewhere (here: another cell edited) leaves what is being typed alone.
  await page.evaluate(() =>
    (window as unknown as { workbench: EngineWorkbook }).workbench.setCell("Redundancy scenario", "J5", 1),
  );
  await expect(bar.inputValue()).resolves.toBe("=INFRA.GOODPUT(");
  await bar.fill("=INFRA.GOODPUT(-5, 50000, 1, 10)");
  await bar.press("Enter");
  await gridCell("J2").click(); // Enter moved the selection down
  let expected: InfraError | undefined;
  try {
    functions.GOODPUT(-5, 50000, 1, 10);
  } catch (e) {
    expected = e as InfraError;
  }
  expect(expected).toBeInstanceOf(InfraError);
  await expect(page.getByRole("alert").textContent()).resolves.toBe(`#VALUE!: ${expected!.message}`);
  expect(expected!.message).toContain("accelerators");
  await expect(gridCell("J2").textContent()).resolves.toBe("#VALUE!");
  await shot("bad-formula");
});

test("export to .xlsx and import it back: every sheet, cell (value and formula), name and scenario", async () => {
  type Book = { name: string; visibility: string; names: [string, string][]; cells: [string, Cell][] }[];
  const snapshot = (): Promise<Book> =>
    page.evaluate(() =>
      (window as unknown as { workbench: EngineWorkbook }).workbench.sheets.map((s) => ({
        name: s.name,
        visibility: s.visibility,
        names: [...s.names].sort(),
        cells: [...s.cells]
          .filter(([, c]) => c.value !== null || c.formula !== undefined)
          .map(([a, c]): [string, Cell] => [a, { value: c.value, formula: c.formula }])
          .sort(),
      })),
    );
  const before = await snapshot();
  expect(before.filter((s) => s.visibility === "visible").length).toBeGreaterThanOrEqual(4);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  const file = path.join(ARTIFACTS, download.suggestedFilename());
  await download.saveAs(file);
  await page.getByTestId("file-status").getByText(`Exported ${download.suggestedFilename()}.`).waitFor();

  // Change the workbook after the export, so that only the import can make it equal again.
  await page.evaluate(async () => {
    const book = (window as unknown as { workbench: EngineWorkbook }).workbench;
    book.setCell("Redundancy scenario", "J3", "typed after the export");
    await book.deleteSheet("Build-out scenario");
  });
  expect(await snapshot()).not.toEqual(before);
  await page.getByTestId("import-xlsx").setInputFiles(file);
  // Importing over a workbook that holds work asks first, in the page.
  await page.getByRole("dialog").getByRole("button", { name: "Replace", exact: true }).click();
  await page.getByTestId("file-status").getByText(`Imported ${download.suggestedFilename()}.`).waitFor();
  expect(await snapshot()).toEqual(before);
  // The pane reads the imported store: the hostile names are listed as text again.
  await scenarioItem(HOSTILE_STORED).waitFor();
  await scenarioItem(HOSTILE_TYPED).waitFor();
  await shot("imported");
});

test("the page only ever asked 127.0.0.1", () => {
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((u) => !h.isLocal(u))).toEqual([]);
});
