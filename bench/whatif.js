/* What-if benchmark (issue 12): an uncertainty analysis of a Fleet scenario's value per year
 * through the pane's path (the scenario plan compiled by scenarioModel, seeded sampling of every
 * input with its default distribution, statistics, histogram, S-curve, rank correlations) against
 * the bare model call: the same output computed by a hand-written chain of the INFRA functions the
 * sheet's formulas call, run in the same simulation (same draws, same statistics). Prints time per
 * trial of each, the ratio per simulated trial (target ≤ 3), the ratio of the plan evaluation alone
 * over the bare chain alone, and the time of the default 10,000-trial run (target < 2 s). The
 * machine is shared, so rounds alternate (5 of each after one warm-up) and ratios are medians of
 * paired rounds. `npm run bench`. */
const lib = require("../dist/lib");

const ROUNDS = 5;
const SECONDS_PER_YEAR = 31536000;
const fx = lib.functions;

const scenario = {
  kind: "fleet",
  id: "bench",
  sheet: "Fleet",
  name: "Fleet",
  extent: "A1",
  frozen: false,
  chip: "GB200",
  sizing: "count",
  values: lib.defaultValues("fleet"),
};
const model = lib.scenarioModel(scenario);
const analysis = lib.whatif.defaultAnalysis(model, "uncertainty", "out_value_per_year");
const keys = analysis.uncertain.map((u) => u.input);
const TRIALS = analysis.trials;

/** The sheet's formulas for value per year (count sizing, a catalog chip), written out by hand. */
function bareValuePerYear(v) {
  const perMw = fx.ACCELERATORS_PER_MW(v.system_kw, v.accelerators_per_system);
  const accelerators = v.accelerators;
  const itMw = accelerators / perMw;
  const gridMw = itMw * v.pue;
  const training = Math.max(1, Math.round(accelerators * v.training_share));
  const trainingGoodput = fx.GOODPUT(training, v.accel_mtbf_hours, v.ckpt_write_min, v.restart_min);
  const goodput = v.training_share * trainingGoodput + (1 - v.training_share);
  const effective = fx.EFFECTIVE_MW(gridMw, v.pue, 1, 1, v.utilization, goodput);
  const perEffective = Math.round(
    ((((v.tokens_per_s_per_mw * v.mfu) / v.throughput_mfu) * SECONDS_PER_YEAR) / 1e6) * v.price_per_m_tokens,
  );
  return Math.round(effective * perEffective);
}

const ms = (fn) => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

// The inputs of every trial, drawn once by the same simulation, so the bare chain sees the same values.
const drawn = lib.whatif.runAnalysis(model, analysis).simulation;
const trialsOfInputs = Array.from({ length: TRIALS }, (_, t) => {
  const v = { ...scenario.values };
  keys.forEach((k, i) => (v[k] = drawn.inputs[i][t]));
  return v;
});
for (const t of [0, TRIALS >> 1, TRIALS - 1]) {
  const check = bareValuePerYear(trialsOfInputs[t]);
  if (Math.abs(check - drawn.samples[t]) > 1e-9 * Math.abs(check))
    throw new Error(`trial ${t}: the bare chain (${check}) and the plan (${drawn.samples[t]}) disagree`);
}

let sink = 0;
const spec = lib.whatif.simulationSpec(model, analysis);
const compiled = model.compile("out_value_per_year", keys);
/** The bare chain as a function of the uncertain inputs, for the same simulation. */
const bareOf = (x) => {
  const v = { ...scenario.values };
  keys.forEach((k, i) => (v[k] = x[i]));
  return bareValuePerYear(v);
};
const rounds = {
  // The pane's whole run: plan evaluation, sampling, statistics, histogram, S-curve, rank correlations.
  pane: () => (sink += lib.whatif.runAnalysis(model, analysis).simulation.stats.mean),
  // The same simulation (same draws and statistics) over the bare chain.
  bareSimulation: () => (sink += lib.whatifModel.simulateOutput(bareOf, spec).stats.mean),
  // The scenario's compiled plan alone, and the bare chain alone, on the drawn inputs.
  plan: () => {
    for (let t = 0; t < TRIALS; t++) sink += compiled(drawnRows[t]);
  },
  bare: () => {
    for (const v of trialsOfInputs) sink += bareValuePerYear(v);
  },
};
const drawnRows = Array.from({ length: TRIALS }, (_, t) => keys.map((k, i) => drawn.inputs[i][t]));
Object.values(rounds).forEach((fn) => fn());
const times = Object.fromEntries(Object.keys(rounds).map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) for (const [k, fn] of Object.entries(rounds)) times[k].push(ms(fn));
if (Number.isNaN(sink)) throw new Error("benchmark produced NaN");
const pairedRatio = (a, b) => median(times[a].map((t, i) => t / times[b][i]));
const perTrial = (k) => `${((median(times[k]) * 1e6) / TRIALS).toFixed(0)} ns per trial`;
console.log(
  `What-if: uncertainty of a Fleet scenario's value per year, ${keys.length} uncertain inputs, ${TRIALS} trials`,
);
console.log(
  `  pane run          ${perTrial("pane")} (whole run ${median(times.pane).toFixed(0)} ms; target < 2,000 ms)`,
);
console.log(`  bare simulation   ${perTrial("bareSimulation")}`);
console.log(`  plan evaluation   ${perTrial("plan")}`);
console.log(`  bare chain        ${perTrial("bare")}`);
console.log(`  simulated trial, pane ÷ bare model: ${pairedRatio("pane", "bareSimulation").toFixed(2)} (target ≤ 3)`);
console.log(`  plan evaluation ÷ bare chain alone: ${pairedRatio("plan", "bare").toFixed(2)}`);
console.log(`  (median of ${ROUNDS} paired rounds; sampling and statistics are the same work in both simulations)`);
