/* Build-out Monte Carlo benchmark: BUILDOUT on 20 tasks × 50,000 trials through dist/lib (argument
 * checks, sampling, schedule, criticality, percentiles) against a floor loop that draws exactly
 * the same samples with the model's DurationSampler and nothing else. Prints task-samples per
 * second for both and their ratio (target ≤ 2), and the time of a default call (20 tasks × 10,000
 * trials; target well under 100 ms). The machine is shared, so full and floor rounds alternate
 * (7 of each, after one untimed warm-up) and the ratio reported is the median of the 7 paired ratios.
 * Then issue 11's budgets for bounded work: refusals of oversized calls (target < 50 ms) and the
 * costliest calls allowed (target < 1 s). Issue 12: the cost of risk events and of BUILDOUT_COMPLETION,
 * as ratios to the plain call in the same run. `npm run bench`. */
const lib = require("../dist/lib");
const m = lib.model;

const TASKS = 20;
// 20 tasks and 32 predecessor links: 50,000 trials stay within the model's MAX_WORK (3,000,000).
const TRIALS = 50000;
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

/** Issue 12: risk events, one on every fourth task (five, one of them "never" at 10 %), cost a draw per event per trial. */
const risks = [
  ["task", "probability", "delay"],
  ["Task 1", 0.2, 3],
  ["Task 5", 0.3, 6],
  ["Task 9", 0.1, "never"],
  ["Task 13", 0.25, 2],
  ["Task 17", 0.5, 1],
];
const withRisks = () => lib.functions.BUILDOUT(table, TRIALS, 1, null, null, risks).length;
const completion = () => lib.functions.BUILDOUT_COMPLETION(table, 120, TRIALS, 1).length;
withRisks();
completion();
const riskRatios = [];
const completionRatios = [];
for (let r = 0; r < ROUNDS; r++) {
  const plain = timeMs(full(TRIALS));
  riskRatios.push(timeMs(withRisks) / plain);
  completionRatios.push(timeMs(completion) / plain);
}
console.log(
  `  with 5 risk events: ${median(riskRatios).toFixed(2)}× the call without (median of ${ROUNDS} paired ratios; 5 events on 20 tasks add 25 % of the draws)`,
);
console.log(`  BUILDOUT_COMPLETION (120 months): ${median(completionRatios).toFixed(2)}× BUILDOUT on the same trials`);

/** Median wall time of `call` over ROUNDS runs, and its error message, if it threw. */
function budget(call) {
  let message;
  const times = Array.from({ length: ROUNDS }, () => {
    const start = process.hrtime.bigint();
    try {
      call();
    } catch (e) {
      message = e.message;
    }
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  return { ms: median(times), message };
}

/** 500 tasks each bringing 1 MW, each after every earlier one: 124,750 links. */
const dense = Array.from({ length: 500 }, (_, i) => [
  `T${i}`,
  Array.from({ length: i }, (_, j) => `T${j}`).join(","),
  1,
  2,
  3,
  "pert",
  1,
]);
/** A whole-column table: 1,048,576 rows. */
const column = Array.from({ length: 1048576 }, () => [null, null, null, null, null]);
column[0] = ["Site", "", 1, 2, 3];
/** 500 unlinked lognormal tasks, half in one risk group, each bringing MW. */
const wide = Array.from({ length: 500 }, (_, i) => [`T${i}`, "", 1, 2, 3, "lognormal", 1, i % 2 ? "g" : ""]);
const cases = [
  ["refused: 500 dense tasks × 1,000 trials", () => lib.functions.BUILDOUT(dense, 1000), 50, true],
  ["refused: 1,048,576 rows", () => lib.functions.BUILDOUT(column), 50, true],
  ["allowed: 500 dense tasks × 23 trials (BUILDOUT_MW)", () => lib.functions.BUILDOUT_MW(dense, 600, 23), 1000, false],
  ["allowed: 500 tasks × 6,000 trials (BUILDOUT_MW)", () => lib.functions.BUILDOUT_MW(wide, 600, 6000), 1000, false],
];
console.log("Bounded work (issue 11 point 4), medians of 7 runs");
for (const [what, call, target, refused] of cases) {
  const { ms, message } = budget(call);
  if (refused !== (message !== undefined)) throw new Error(`${what}: ${message ?? "was not refused"}`);
  console.log(`  ${what.padEnd(52)} ${ms.toFixed(1).padStart(7)} ms; target < ${target.toLocaleString("en-US")} ms`);
}
