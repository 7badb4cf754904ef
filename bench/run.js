/* Benchmark: each INFRA function called through the Excel-facing layer (dist/lib functions,
 * with argument checks) and as the bare model call, one million times each, in one run. Prints
 * ns per call and their ratio; the machine is shared, so only the ratio is meaningful. Cases
 * live in bench/cases/*.js: { id, args, bare(model) → () => value }. Run with `npm run bench`. */
const fs = require("fs");
const path = require("path");
const lib = require("../dist/lib");

const CALLS = Number(process.env.BENCH_CALLS) || 1e6;
const ROUNDS = 3;

function nsPerCall(fn) {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) {
    const v = fn();
    sink += typeof v === "number" ? v : 1;
  }
  const ns = Number(process.hrtime.bigint() - start) / CALLS;
  if (Number.isNaN(sink)) throw new Error("benchmark produced NaN");
  return ns;
}

const cases = fs
  .readdirSync(path.join(__dirname, "cases"))
  .sort()
  .flatMap((f) => require(path.join(__dirname, "cases", f)));

/** A closure calling `fn` with fixed arguments and no spread, like the bare model closures. */
function bind(fn, args) {
  const [a, b, c, d, e, f, g, h] = args;
  switch (args.length) {
    case 1:
      return () => fn(a);
    case 2:
      return () => fn(a, b);
    case 3:
      return () => fn(a, b, c);
    case 4:
      return () => fn(a, b, c, d);
    case 5:
      return () => fn(a, b, c, d, e);
    case 6:
      return () => fn(a, b, c, d, e, f);
    case 7:
      return () => fn(a, b, c, d, e, f, g);
    case 8:
      return () => fn(a, b, c, d, e, f, g, h);
    default:
      return () => fn(...args);
  }
}

const rows = cases.map(({ id, args, bare }) => {
  const viaExcel = bind(lib.functions[id], args);
  const viaModel = bare(lib.model);
  let best = [Infinity, Infinity];
  for (let r = 0; r < ROUNDS; r++) {
    best = [Math.min(best[0], nsPerCall(viaExcel)), Math.min(best[1], nsPerCall(viaModel))];
  }
  return { id, excel: best[0], model: best[1], ratio: best[0] / best[1] };
});

console.log(`${CALLS.toLocaleString("en-US")} calls each, best of ${ROUNDS} rounds`);
console.log("function".padEnd(22) + "excel ns".padStart(10) + "model ns".padStart(10) + "ratio".padStart(8));
for (const r of rows) {
  console.log(
    r.id.padEnd(22) +
      r.excel.toFixed(1).padStart(10) +
      r.model.toFixed(1).padStart(10) +
      r.ratio.toFixed(2).padStart(8),
  );
}
const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
console.log(`worst ratio: ${worst.ratio.toFixed(2)} (${worst.id}); target ≤ 3`);
