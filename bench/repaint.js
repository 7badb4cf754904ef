/* Benchmark: edit-to-repaint in the workbench (issue 11 point 2), in Debian's Chromium driven by
 * playwright-core as the browser tests drive it. A sheet holds one input (A1) and N formulas that
 * depend on it, ten per row from row 2, either INFRA calls (=INFRA.GOODPUT($A$1, 50000+k, 1, 10),
 * each with its own arguments) or native arithmetic of the same shape; the page shows the top of it.
 * One edit is: set A1, then wait until a dependent in view shows its new text and two animation
 * frames have passed (the browser has painted). Prints the median of EDITS edits per case, the
 * engine's own recalculation time in the same edits, and their ratio; the machine is shared, so
 * compare within one run. `npm run bench` (after the other benchmarks), or node bench/repaint.js. */
/* global performance, requestAnimationFrame, setTimeout -- measureInPage runs in the page */
const { execFileSync, spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");
const { serveStatic } = require("../scripts/static-server");
const { isFresh } = require("../test/browser/build-workbench");

const SIZES = [100, 1000, 10000];
const EDITS = Number(process.env.BENCH_EDITS) || 7;
const PREBUILT = path.join(__dirname, "..", "build", "workbench");

/** The workbench's production build: build/workbench/ when fresh, else built into a temporary directory. */
async function workbenchBuild() {
  if (isFresh(PREBUILT)) return { dir: PREBUILT, temporary: false };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "balance-point-bench-"));
  console.log("building the workbench (about a minute)…");
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, "..", "test", "browser", "build-workbench.js"), dir], {
      stdio: "inherit",
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the workbench build failed (${code})`))));
  });
  return { dir, temporary: true };
}

/** In the page: builds the sheet, then times EDITS edits; returns [repaint ms, recalc ms] medians. */
function measureInPage([n, kind, edits]) {
  const book = window.workbench;
  const cells = new Map([["A1", { value: 1 }]]);
  for (let k = 0; k < n; k++) {
    const address = `${String.fromCharCode(65 + (k % 10))}${2 + Math.floor(k / 10)}`;
    const formula = kind === "INFRA" ? `=INFRA.GOODPUT($A$1, ${50000 + k}, 1, 10)` : `=$A$1*${50000 + k}/(1+10+$A$1)`;
    cells.set(address, { value: null, formula });
  }
  book.replace([{ name: "Bench", visibility: "visible", cells, names: new Map(), tables: new Map(), charts: [] }]);
  const probe = () => document.querySelector('td[data-address="B2"]')?.textContent ?? "";
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return (async () => {
    while (!probe()) await frame();
    const repaint = [];
    const recalc = [];
    for (let i = 0; i < edits; i++) {
      const before = probe();
      const started = performance.now();
      book.setCell("Bench", "A1", 1000 + 97 * i);
      while (probe() === before) await new Promise((resolve) => setTimeout(resolve, 0));
      await frame();
      await frame();
      repaint.push(performance.now() - started);
      recalc.push(book.lastRecalcMs);
    }
    return [median(repaint), median(recalc), document.querySelectorAll("td[data-address]").length];
  })();
}

async function main() {
  const executablePath = execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  const build = await workbenchBuild();
  const server = await serveStatic(build.dir);
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const url = `http://127.0.0.1:${server.address().port}/workbench.html`;
    console.log(`edit-to-repaint in the workbench, median of ${EDITS} edits (ms)`);
    console.log("dependents  kind    repaint  recalc  repaint/recalc  cells rendered");
    for (const n of SIZES) {
      for (const kind of ["INFRA", "native"]) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
        await page.goto(url);
        await page.waitForFunction(() => window.workbench !== undefined);
        const [repaint, recalc, rendered] = await page.evaluate(measureInPage, [n, kind, EDITS]);
        console.log(
          `${String(n).padStart(10)}  ${kind.padEnd(6)} ${repaint.toFixed(1).padStart(8)} ${recalc
            .toFixed(1)
            .padStart(
              7,
            )} ${(repaint / Math.max(recalc, 0.1)).toFixed(2).padStart(15)} ${String(rendered).padStart(15)}`,
        );
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    if (build.temporary) fs.rmSync(build.dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
