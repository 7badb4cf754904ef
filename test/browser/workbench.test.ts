/**
 * The workbench in a real browser (issue 7): Debian's Chromium driven by playwright-core, the page's
 * production build (build/workbench/ from `npm run build` when fresh, else built here) served on 127.0.0.1. One page walks through the product as a user
 * would (wizard, editing, freeze and restore, hostile names, a bad formula, .xlsx export and
 * import); every step must keep
 * the network on localhost and the console free of errors, and leaves a screenshot in
 * test-artifacts/workbench/. The production build's time to interactive and the gzipped size of
 * what it loads are measured and printed.
 */
import { execFileSync, spawn } from "child_process";
import fs from "fs";
import type { Server } from "http";
import os from "os";
import path from "path";
import { gzipSync } from "zlib";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { functions } from "../../src/functions";
import { InfraError } from "../../src/functions/errors";
import type { EngineWorkbook } from "../../src/workbench/workbook";

const { serveStatic } = require("../../scripts/static-server") as {
  serveStatic(dir: string): Promise<Server>;
};

jest.setTimeout(90_000);

const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts", "workbench");
/** Chromium as TOOLCHAIN.md starts it (playwright adds --headless and a fresh profile). */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const HOSTILE_STORED = "<img src=x onerror=alert(1)>";
const HOSTILE_TYPED = '=HYPERLINK("http://evil.example/","click me")';

function chromiumPath(): string {
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("Chromium is missing: install it with `apt-get install -y chromium` (Debian's package).");
  }
}

const { isFresh } = require("./build-workbench") as { isFresh(dir: string): boolean };
const PREBUILT = path.join(__dirname, "..", "..", "build", "workbench");

/** Runs build-workbench.js in a child process, building the workbench into `out`. */
function build(out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, "build-workbench.js"), out], { stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the workbench build failed (${code})`))));
  });
}

const urlOf = (server: Server) => {
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/workbench.html`;
};
const isLocal = (url: string) =>
  /^(data|blob):/.test(url) || ["127.0.0.1", "localhost"].includes(new URL(url).hostname);

let out: string | undefined;
let server: Server | undefined;
let browser: Browser;
let url: string;
let page: Page;
/** What the current step saw go wrong: requests off localhost, console errors, page errors, dialogs. */
let problems: string[] = [];
const requests: string[] = [];
let shots = 0;

/** Watches a page for everything a step must not do. */
function watch(p: Page) {
  p.on("request", (r) => {
    requests.push(r.url());
    if (!isLocal(r.url())) problems.push(`request off localhost: ${r.url()}`);
  });
  p.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  p.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  p.on("dialog", (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
}

async function shot(name: string) {
  shots += 1;
  await page.screenshot({ path: path.join(ARTIFACTS, `${String(shots).padStart(2, "0")}-${name}.png`) });
}

type Cell = { value: string | number | boolean | null; formula?: string };
/** The workbook's cells of one sheet, read through window.workbench. */
const cellsOf = (sheet: string): Promise<Record<string, Cell>> =>
  page.evaluate(
    (name) =>
      Object.fromEntries(
        [...(window as unknown as { workbench: EngineWorkbook }).workbench.sheet(name)!.cells].map(([a, c]) => [
          a,
          { value: c.value, formula: c.formula },
        ]),
      ),
    sheet,
  );
const namesOf = (sheet: string): Promise<Record<string, string>> =>
  page.evaluate(
    (name) => Object.fromEntries((window as unknown as { workbench: EngineWorkbook }).workbench.sheet(name)!.names),
    sheet,
  );
const gridCell = (address: string) => page.locator(`td[data-address="${address}"]`);
const scenarioItem = (name: string) =>
  page.getByRole("list", { name: "Scenarios in this workbook" }).getByRole("listitem", { name, exact: true });

/** Milliseconds from navigation start until the wizard's first button can be clicked. */
async function timeToInteractive(p: Page): Promise<number> {
  const handle = await p.waitForFunction(() => {
    const button = Array.from(document.querySelectorAll("button")).find(
      (b) => b.textContent === "New redundancy scenario",
    );
    return button && !button.disabled ? performance.now() : false;
  });
  return (await handle.jsonValue()) as number;
}

async function openTab(sheet: string) {
  await page.getByRole("tab", { name: sheet, exact: true }).click();
  await page.getByRole("table", { name: `Sheet ${sheet}`, exact: true }).waitFor();
}

/** Steps through the wizard of `kind`, naming the scenario when `name` is given. */
async function buildScenario(kind: string, name?: string) {
  await page.getByRole("button", { name: `New ${kind} scenario` }).click();
  const wizard = page.getByRole("form");
  while (!(await wizard.getByRole("button", { name: "Create the sheet" }).isVisible()))
    await wizard.getByRole("button", { name: "Next" }).click();
  if (name !== undefined) await wizard.getByLabel("Scenario name").fill(name);
  await shot(`${kind}-wizard`);
  await wizard.getByRole("button", { name: "Create the sheet" }).click();
  await page.getByText("Scenario created.").waitFor();
}

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
  const executablePath = chromiumPath();
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const reuse = isFresh(PREBUILT);
  if (!reuse) out = fs.mkdtempSync(path.join(os.tmpdir(), "balance-point-workbench-"));
  console.log(reuse ? "workbench: reusing the fresh build in build/workbench/" : "workbench: building it");
  const [launched] = await Promise.all([
    chromium.launch({ executablePath, args: CHROMIUM_ARGS }),
    (out ? build(out) : Promise.resolve()).then(async () => {
      server = await serveStatic(out ?? PREBUILT);
    }),
  ]);
  browser = launched;
  url = urlOf(server!);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

afterEach(() => {
  const seen = problems;
  problems = [];
  expect(seen).toEqual([]);
});

test("the production build: time to interactive and gzipped size of everything the page loads", async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const p = await context.newPage();
  watch(p);
  const loads: Promise<{ url: string; status: number; bytes: number; gzipped: number }>[] = [];
  p.on("response", (r) =>
    loads.push(
      r.body().then((b) => ({ url: r.url(), status: r.status(), bytes: b.length, gzipped: gzipSync(b).length })),
    ),
  );
  await p.goto(url);
  const tti = await timeToInteractive(p);
  await p.waitForLoadState("networkidle");
  const files = await Promise.all(loads);
  await context.close();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const sum = (key: "bytes" | "gzipped") => files.reduce((s, f) => s + f[key], 0);
  // Scripts the page loads later, on first use (ExcelJS, on the first export or import).
  const served = out ?? PREBUILT;
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
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  watch(page);
  await page.goto(url);
  await timeToInteractive(page);
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
    await expect(page.getByLabel("Selected cell").textContent()).resolves.toBe(names[name]);
  };
  // Value per year is effective MW × value per MW-year: doubling the latter doubles it exactly.
  await edit("in_value_per_mw_year", 2 * (before[names.in_value_per_mw_year].value as number));
  await page.waitForFunction(
    ([a, v]) =>
      (window as unknown as { workbench: EngineWorkbook }).workbench.sheet("Redundancy scenario")!.cells.get(a)
        ?.value === v,
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
  expect(Object.fromEntries(Object.entries(frozen).map(([a, c]) => [a, c.value]))).toEqual(
    Object.fromEntries(Object.entries(before).map(([a, c]) => [a, c.value])),
  );
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
  await page.getByTestId("file-status").getByText(`Imported ${download.suggestedFilename()}.`).waitFor();
  expect(await snapshot()).toEqual(before);
  // The pane reads the imported store: the hostile names are listed as text again.
  await scenarioItem(HOSTILE_STORED).waitFor();
  await scenarioItem(HOSTILE_TYPED).waitFor();
  await shot("imported");
});

test("the page only ever asked 127.0.0.1", () => {
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((u) => !isLocal(u))).toEqual([]);
});
