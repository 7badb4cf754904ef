/* Benchmark: each INFRA function called through the Excel-facing layer (dist/lib functions,
 * with argument checks) and as the bare model call, one million times each, in one run. Prints
 * ns per call and their ratio; the machine is shared, so only the ratio is meaningful. Cases
 * live in bench/cases/*.js: { id, args, bare(model) → (same args) => value }. `npm run bench`. */
const fs = require("fs");
const path = require("path");
const lib = require("../dist/lib");

const CALLS = Number(process.env.BENCH_CALLS) || 1e6;
const ROUNDS = 3;

/**
 * ns per call of `fn` over `CALLS` calls. The arguments come from two equal copies in an array,
 * chosen per call, so neither path can fold them into constants.
 */
function nsPerCall(fn, args) {
  const pool = [args, [...args]];
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) {
    const v = fn(pool[i & 1]);
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

/** `fn` applied to an argument array without spread, so both paths pay the same for the call. */
function spreadless(fn, arity) {
  switch (arity) {
    case 1:
      return (a) => fn(a[0]);
    case 2:
      return (a) => fn(a[0], a[1]);
    case 3:
      return (a) => fn(a[0], a[1], a[2]);
    case 4:
      return (a) => fn(a[0], a[1], a[2], a[3]);
    case 5:
      return (a) => fn(a[0], a[1], a[2], a[3], a[4]);
    case 6:
      return (a) => fn(a[0], a[1], a[2], a[3], a[4], a[5]);
    case 7:
      return (a) => fn(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    case 8:
      return (a) => fn(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    default:
      return (a) => fn(...a);
  }
}

const rows = cases.map(({ id, args, bare }) => {
  const viaExcel = spreadless(lib.functions[id], args.length);
  const viaModel = spreadless(bare(lib.model), args.length);
  let best = [Infinity, Infinity];
  for (let r = 0; r < ROUNDS; r++) {
    best = [Math.min(best[0], nsPerCall(viaExcel, args)), Math.min(best[1], nsPerCall(viaModel, args))];
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
