/* Workbench engine benchmark (issue 11 point 2): edit-to-recalculated through EngineWorkbook.setCell
 * (engine update and the changed values written into the workbook's cells) for 100 / 1,000 /
 * 10,000 cells that depend on the edited one, with INFRA formulas (INFRA.NINES) and with native
 * ones (LOG10) of the same shape, against HyperFormula's bare incremental recalculation
 * (setCellContents on an engine holding the same native formulas). Each dependent gets distinct
 * arguments and each edit a new value, so no call is answered from the engine's result cache. Rounds alternate between the
 * three, after as many untimed warm-up rounds, and the median is reported; the machine is shared, so only the ratios within
 * this run mean anything (target: workbench native ≤ 2× bare HyperFormula). The TypeScript
 * sources are compiled in memory by the project's own TypeScript. `npm run bench`. */
const fs = require("fs");
const ts = require("typescript");

require.extensions[".ts"] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    fileName: filename,
  });
  module._compile(outputText, filename);
};

const { HyperFormula } = require("hyperformula");
const { functions } = require("../src/functions/index.ts");
const { ENGINE_CONFIG, signaturesOf } = require("../src/workbench/engine.ts");
const { EngineWorkbook } = require("../src/workbench/workbook.ts");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
const { functionFiles } = require("../config/function-files");

const SIZES = [100, 1000, 10000];
/** Timed rounds per size (more for small sizes, whose edits take little), after as many untimed ones to warm up. */
const roundsFor = (n) => Math.min(200, Math.max(7, 20000 / n));
/** The edited value of each round: a new one every time, so no result comes from the engine's cache. */
const input = (round) => 0.999 + round * 1e-7;

const dependents = (n, formula) => Array.from({ length: n }, (_, i) => formula(i + 2));
const infra = (row) => `=INFRA.NINES($A$1-${row}*0.000000001)`;
const native = (row) => `=LOG10(1-($A$1-${row}*0.000000001))`;

/** A workbench workbook with A1 and n dependents in column B. */
function workbook(n, formula, signatures) {
  const wb = new EngineWorkbook(functions, signatures);
  wb.addSheet("S");
  wb.sheet("S").cells.set("A1", { value: input(0) });
  dependents(n, formula).forEach((f, i) => wb.sheet("S").cells.set(`B${i + 2}`, { value: null, formula: f }));
  wb.recalculate();
  return { edit: (v) => wb.setCell("S", "A1", v), check: () => wb.value("S", `B${n + 1}`) };
}

/** Bare HyperFormula with the same native formulas. */
function bare(n) {
  const rows = [[input(0), null], ...dependents(n, native).map((f) => [null, f])];
  const hf = HyperFormula.buildFromArray(rows, ENGINE_CONFIG);
  return {
    edit: (v) => hf.setCellContents({ sheet: 0, row: 0, col: 0 }, v),
    check: () => hf.getCellValue({ sheet: 0, row: n, col: 1 }),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const metadata = await generateCustomFunctionsMetadata(functionFiles(), false);
  const signatures = signaturesOf(JSON.parse(metadata.metadataJson));
  console.log(
    "dependents".padStart(10) + "INFRA ms".padStart(10) + "native ms".padStart(11) + "bare HF ms".padStart(12),
  );
  const ratios = [];
  for (const n of SIZES) {
    const subjects = { infra: workbook(n, infra, signatures), native: workbook(n, native, signatures), bare: bare(n) };
    const times = { infra: [], native: [], bare: [] };
    const rounds = roundsFor(n);
    for (let round = -rounds; round < rounds; round++) {
      for (const [name, s] of Object.entries(subjects)) {
        const value = input(round + rounds + 1);
        const started = process.hrtime.bigint();
        s.edit(value);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (typeof s.check() !== "number") throw new Error(`${name} at ${n}: the last dependent is not a number`);
        if (round >= 0) times[name].push(ms);
      }
    }
    const [i, v, b] = [median(times.infra), median(times.native), median(times.bare)];
    ratios.push({ n, infra: i / v, native: v / b });
    console.log(
      String(n).padStart(10) + i.toFixed(2).padStart(10) + v.toFixed(2).padStart(11) + b.toFixed(2).padStart(12),
    );
  }
  console.log("\nratios within this run (median of rounds)");
  console.log("dependents".padStart(10) + "INFRA/native".padStart(14) + "native/bare HF".padStart(16));
  for (const r of ratios)
    console.log(String(r.n).padStart(10) + r.infra.toFixed(2).padStart(14) + r.native.toFixed(2).padStart(16));
  const worst = ratios.reduce((a, b) => (b.native > a.native ? b : a));
  console.log(
    `worst workbench/bare HyperFormula ratio: ${worst.native.toFixed(2)} (${worst.n} dependents); target ≤ 2`,
  );
}

main();
