/**
 * What every browser test file shares: Debian's Chromium driven by playwright-core, the workbench's
 * production build (build/workbench/ from `npm run build` when fresh, else built into a temporary
 * directory) served on 127.0.0.1, a watcher that records everything a step must not do, screenshots
 * in test-artifacts/<suite>/, and the user's gestures the suites repeat (the wizard, tabs, cells).
 */
import { execFileSync, spawn } from "child_process";
import fs from "fs";
import type { Server } from "http";
import os from "os";
import path from "path";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import type { EngineWorkbook } from "../../src/workbench/workbook";

const { serveStatic } = require("../../scripts/static-server") as {
  serveStatic(dir: string): Promise<Server>;
};
const { isFresh } = require("./build-workbench") as { isFresh(dir: string): boolean };

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
export const PREBUILT = path.join(__dirname, "..", "..", "build", "workbench");

function chromiumPath(): string {
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("Chromium is missing: install it with `apt-get install -y chromium` (Debian's package).");
  }
}

/** Runs build-workbench.js in a child process, building the workbench into `out`. */
function build(out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, "build-workbench.js"), out], { stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the workbench build failed (${code})`))));
  });
}

export const isLocal = (url: string): boolean =>
  /^(data|blob):/.test(url) || ["127.0.0.1", "localhost"].includes(new URL(url).hostname);

/** A running workbench: the browser, the page's URL and the directory served. */
export interface Workbench {
  browser: Browser;
  url: string;
  served: string;
  close(): Promise<void>;
}

/** Launches Chromium and serves the workbench's production build (building it first when stale). */
export async function startWorkbench(): Promise<Workbench> {
  const executablePath = chromiumPath();
  const reuse = isFresh(PREBUILT);
  const out = reuse ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "balance-point-workbench-"));
  console.log(reuse ? "workbench: reusing the fresh build in build/workbench/" : "workbench: building it");
  let server: Server | undefined;
  const [browser] = await Promise.all([
    chromium.launch({ executablePath, args: CHROMIUM_ARGS }),
    (out ? build(out) : Promise.resolve()).then(async () => {
      server = await serveStatic(out ?? PREBUILT);
    }),
  ]);
  const address = server!.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/workbench.html`;
  return {
    browser,
    url,
    served: out ?? PREBUILT,
    async close() {
      await browser.close();
      await new Promise((resolve) => server!.close(resolve));
      if (out) fs.rmSync(out, { recursive: true, force: true });
    },
  };
}

/**
 * Records what a page must not do into `problems` (requests off localhost, console errors, page
 * errors, dialogs) and every URL it requested into `requests`.
 */
export function watch(p: Page, problems: string[], requests: string[] = []): void {
  p.on("request", (r) => {
    requests.push(r.url());
    if (!isLocal(r.url())) problems.push(`request off localhost: ${r.url()}`);
  });
  p.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  p.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  p.on("dialog", (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
}

/** Screenshots numbered in the order taken, in test-artifacts/<suite>/ (emptied when made). */
export function screenshots(suite: string): (page: Page, name: string) => Promise<void> {
  const dir = path.join(__dirname, "..", "..", "test-artifacts", suite);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let shots = 0;
  return async (page, name) => {
    shots += 1;
    await page.screenshot({ path: path.join(dir, `${String(shots).padStart(2, "0")}-${name}.png`) });
  };
}

export type Cell = { value: string | number | boolean | null; formula?: string };

/** The workbook's cells of one sheet, read through window.workbench. */
export const cellsOf = (page: Page, sheet: string): Promise<Record<string, Cell>> =>
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

/** The sheet's defined names and the addresses they refer to. */
export const namesOf = (page: Page, sheet: string): Promise<Record<string, string>> =>
  page.evaluate(
    (name) => Object.fromEntries((window as unknown as { workbench: EngineWorkbook }).workbench.sheet(name)!.names),
    sheet,
  );

export const gridCell = (page: Page, address: string) => page.locator(`td[data-address="${address}"]`);

export const scenarioItem = (page: Page, name: string) =>
  page.getByRole("list", { name: "Scenarios in this workbook" }).getByRole("listitem", { name, exact: true });

/** Milliseconds from navigation start until the wizard's first button can be clicked. */
export async function timeToInteractive(p: Page): Promise<number> {
  const handle = await p.waitForFunction(() => {
    const button = Array.from(document.querySelectorAll("button")).find(
      (b) => b.textContent === "New redundancy scenario",
    );
    return button && !button.disabled ? performance.now() : false;
  });
  return (await handle.jsonValue()) as number;
}

export async function openTab(page: Page, sheet: string): Promise<void> {
  await page.getByRole("tab", { name: sheet, exact: true }).click();
  await page.getByRole("table", { name: `Sheet ${sheet}`, exact: true }).waitFor();
}

/** Steps through the wizard of `kind`, naming the scenario when `name` is given; `shot` sees the last step. */
export async function buildScenario(
  page: Page,
  kind: string,
  name?: string,
  shot?: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  await page.getByRole("button", { name: `New ${kind} scenario` }).click();
  const wizard = page.getByRole("form");
  while (!(await wizard.getByRole("button", { name: "Create the sheet" }).isVisible()))
    await wizard.getByRole("button", { name: "Next" }).click();
  if (name !== undefined) await wizard.getByLabel("Scenario name").fill(name);
  await shot?.(page, `${kind}-wizard`);
  await wizard.getByRole("button", { name: "Create the sheet" }).click();
  await page.getByText("Scenario created.").waitFor();
}

/**
 * A new 1400×900 page of the workbench, watched into `problems`, once the pane can be used;
 * `beforeLoad` runs first (e.g. an init script).
 */
export async function openPage(
  workbench: Workbench,
  problems: string[],
  beforeLoad?: (page: Page) => Promise<unknown>,
): Promise<Page> {
  const page = await workbench.browser.newPage({ viewport: { width: 1400, height: 900 } });
  watch(page, problems);
  await beforeLoad?.(page);
  await page.goto(workbench.url);
  await timeToInteractive(page);
  return page;
}

/**
 * Expects that a step saw nothing go wrong, and empties `problems` in place for the next step (the
 * page's watcher keeps pushing into this same array).
 */
export function expectNoProblems(problems: string[], more: string[] = []): void {
  expect([...problems.splice(0), ...more]).toEqual([]);
}
