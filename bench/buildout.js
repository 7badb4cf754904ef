/* Build-out Monte Carlo benchmark: BUILDOUT on 20 tasks × 100,000 trials through dist/lib (argument
 * checks, sampling, schedule, criticality, percentiles) against a floor loop that draws exactly
 * the same samples with the model's DurationSampler and nothing else. Prints task-samples per
 * second for both and their ratio (target ≤ 2), and the time of a default call (20 tasks × 10,000
 * trials; target well under 100 ms). The machine is shared, so full and floor rounds alternate
 * (7 of each, after one untimed warm-up) and the ratio reported is the median of the 7 paired ratios. `npm run bench`. */
const lib = require("../dist/lib");
const m = lib.model;

const TASKS = 20;
const TRIALS = 100000;
const ROUNDS = 7;
const DISTRIBUTIONS = ["pert", "triangular", "pert", "lognormal", "uniform"];

/** Previous layer's tasks at positions j and j + 1 (mod 4), for the task at position j of layer L ≥ 1. */
const after = (layer, j) => `Task ${4 * (layer - 1) + 1 + (j % 4)}, Task ${4 * (layer - 1) + 1 + ((j + 1) % 4)}`;

/** Five layers of four tasks; each task after two of the previous layer; a third in risk groups. */
const table = Array.from({ length: TASKS }, (_, i) => [
  `Task ${i + 1}`,
  i < 4 ? "" : after(Math.floor(i / 4), i % 4),
  2 + (i % 3),
  4 + (i % 5),
  9 + (i % 7),
  DISTRIBUTIONS[i % DISTRIBUTIONS.length],
  i >= 16 ? 25 : 0,
  i % 3 === 0 ? `group ${i % 2}` : "",
]);

function timeMs(fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (Number.isNaN(value)) throw new Error("benchmark produced NaN");
  return ms;
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

const full = (trials) => () => lib.functions.BUILDOUT(table, trials, 1).length;

function floor() {
  const plan = m.planOf(m.parseTaskTable(table));
  const sampler = new m.DurationSampler(plan, {
    trials: TRIALS,
    seed: 1,
    groupCorrelation: m.DEFAULT_GROUP_CORRELATION,
  });
  const durations = Array.from({ length: TASKS }, () => new Float64Array(m.TRIAL_BLOCK));
  let sum = 0;
  for (let offset = 0; offset < TRIALS; offset += m.TRIAL_BLOCK) {
    const n = Math.min(m.TRIAL_BLOCK, TRIALS - offset);
    sampler.draw(durations, n);
    sum += durations[TASKS - 1][n - 1];
  }
  return sum;
}

const samples = TASKS * TRIALS;
full(TRIALS)(); // one untimed call of each, so both are compiled before timing
floor();
const fulls = [];
const floors = [];
for (let r = 0; r < ROUNDS; r++) {
  fulls.push(timeMs(full(TRIALS)));
  floors.push(timeMs(floor));
}
const ratios = fulls.map((ms, r) => ms / floors[r]);
const fullMs = median(fulls);
const floorMs = median(floors);
const defaultMs = median(Array.from({ length: ROUNDS }, () => timeMs(full(10000))));
const rate = (ms) => ((samples / ms) * 1000).toExponential(2);
console.log(
  `BUILDOUT, ${TASKS} tasks × ${TRIALS.toLocaleString("en-US")} trials, medians of ${ROUNDS} alternating rounds`,
);
console.log(
  `  full call      ${fullMs.toFixed(0).padStart(6)} ms  ${rate(fullMs)} task-samples/s (target < ~1,000 ms)`,
);
console.log(`  draws only     ${floorMs.toFixed(0).padStart(6)} ms  ${rate(floorMs)} task-samples/s`);
console.log(
  `  ratio ${median(ratios).toFixed(2)} (median; paired ratios ${ratios.map((x) => x.toFixed(2)).join(" ")}); target ≤ 2`,
);
console.log(`  default call (${TASKS} tasks × 10,000 trials) ${defaultMs.toFixed(1)} ms; target well under 100 ms`);
