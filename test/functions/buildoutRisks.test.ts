/**
 * Issue 12 point 5 as Excel calls it: BUILDOUT's and BUILDOUT_MW's risks argument, the standard
 * error row, and BUILDOUT_COMPLETION.
 */
import { functions } from "../../src";
import { excelErrorOf, omitted } from "../excelError";

const { BUILDOUT, BUILDOUT_MW, BUILDOUT_COMPLETION } = functions;
const none = omitted as unknown as unknown[][];

const site: unknown[][] = [
  ["Site", "", 6, 9, 18],
  ["Grid", "Site", 24, 48, 96, "pert", 0, "utility"],
  ["Build", "site", 12, 20, 36, "triangular", "", "", ""],
  ["Energize", "Grid, Build", 1, 1.5, 2, "", 100],
];
/** LBNL Queued Up (2025 edition): about 19 % of projects entering queues in 2000–2019 reached operation. */
const QUEUE_COMPLETION = 0.19;
const queue = [["Interconnection", "", 30, 55, 96, "pert", 100]];
const withdrawn = [
  ["task", "probability", "delay"],
  ["Interconnection", 1 - QUEUE_COMPLETION, "never"],
];

describe("risks: the appended optional argument", () => {
  test("omitted, an Invocation object, a blank table or a header alone: the spill is bit for bit the one without", () => {
    const plain = BUILDOUT(site, 2000, 3);
    expect(BUILDOUT(site, 2000, 3, none, omitted)).toEqual(plain);
    expect(BUILDOUT(site, 2000, 3, none, omitted, { address: "A1" } as unknown as unknown[][])).toEqual(plain);
    const blank = [
      ["", "", "", ""],
      [null, null, null, null],
    ];
    expect(BUILDOUT(site, 2000, 3, none, omitted, blank)).toEqual(plain);
    expect(BUILDOUT(site, 2000, 3, none, omitted, [["Task", "Probability", "Delay"]])).toEqual(plain);
    expect(BUILDOUT_MW(site, 60, 2000, 3, none, omitted, blank)).toEqual(BUILDOUT_MW(site, 60, 2000, 3));
  });

  test("a risk on the grid connection moves it and the project later; tasks it does not reach keep their spill", () => {
    const plain = BUILDOUT(site, 4000, 3) as unknown[][];
    const risky = BUILDOUT(site, 4000, 3, none, omitted, [["grid", 0.3, 12]]) as unknown[][];
    expect(risky[0]).toEqual(plain[0]); // Site
    expect(risky[2].slice(0, 5)).toEqual(plain[2].slice(0, 5)); // Build's finish (its criticality falls)
    // Same draws for the durations, so the grid finishes exactly 12 months later in the trials with
    // the event: its mean moves by 12 × their share, which is 0.3 within binomial error.
    const share = ((risky[1][4] as number) - (plain[1][4] as number)) / 12;
    expect(Math.abs(share - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / 4000));
    expect(risky[4][4] as number).toBeGreaterThan(plain[4][4] as number);
  });

  test('"never": percentiles past the completion probability are "never", never a number; the mean is over finishing trials', () => {
    const rows = BUILDOUT(queue, 5000, 7, [[0.1, 0.15, 0.5, 0.9]], omitted, withdrawn) as unknown[][];
    const project = rows[1];
    expect(project[0]).toBe("Project");
    expect(typeof project[1]).toBe("number"); // P10 < 0.19
    expect(typeof project[2]).toBe("number"); // P15 < 0.19
    expect(project.slice(3, 5)).toEqual(["never", "never"]);
    expect(project[5]).toBeGreaterThan(30); // mean of the finishing trials
    expect(project[5]).toBeLessThan(96);
    expect(rows[2]).toEqual([
      "Project standard error",
      expect.any(Number),
      expect.any(Number),
      "",
      "",
      expect.any(Number),
      "",
    ]);
    const always = BUILDOUT(queue, 100, 1, none, omitted, [["Interconnection", 1, "never"]]) as unknown[][];
    expect(always[1]).toEqual(["Project", "never", "never", "never", "never", 1]);
    expect(always[2]).toEqual(["Project standard error", "", "", "", "", ""]);
  });

  test("MW online stays lower: with a 19 % completion probability the firm P90 never leaves 0, the P10 reaches 100 MW", () => {
    const fan = BUILDOUT_MW(queue, 120, 5000, 7, none, omitted, withdrawn) as number[][];
    const last = fan[fan.length - 1];
    expect(last).toEqual([120, 100, 0, 0]);
  });

  test("bad risk rows: #VALUE! naming risks, the row and what is accepted", () => {
    const cases: [unknown, string][] = [
      [[["Grd", 0.5, 3]], 'risks: row 1: the task must be the name of a task in the task table (got the text "Grd").'],
      [[["Grid", 2, 3]], 'risks: row 1 ("Grid"): probability must be a number from 0 to 1 (got 2).'],
      [
        [["Grid", 0.2, "later"]],
        'risks: row 1 ("Grid"): delay must be a number of months from 0 to 1,200, or "never" for a task that may never finish (got the text "later").',
      ],
      [
        7,
        'risks must be a range of risk rows: task name, probability (0–1), delay (months from 0 to 1,200, or "never") (got 7).',
      ],
    ];
    for (const [risks, message] of cases) {
      const e = excelErrorOf(() => BUILDOUT(site, 100, 1, none, omitted, risks as unknown[][]));
      expect([e.code, e.message]).toEqual(["#VALUE!", message]);
    }
  });

  test("each risk event counts as work: trials × (tasks + links + events) ≤ 3,000,000", () => {
    const events = Array.from({ length: 26 }, () => ["Grid", 0.1, 1]);
    // 4 tasks + 4 links + 26 events = 34 units: 88,235 trials at most.
    expect(excelErrorOf(() => BUILDOUT(site, 100000, 1, none, omitted, events)).message).toBe(
      "trials × (tasks + predecessor links + risk events) must be at most 3,000,000: 4 tasks, 4 links and 26 risk events allow at most 88,235 trials (got 100,000).",
    );
    expect(BUILDOUT(site, 88235, 1, none, omitted, events.slice(0, 1))).toHaveLength(6);
  });
});

describe("the standard error row", () => {
  test("halves when the trials quadruple (1/√n), and is blank, never 0, where it cannot be estimated", () => {
    const se = (trials: number) => (BUILDOUT(site, trials, 5) as unknown[][]).at(-1)!;
    const [small, large] = [se(2500), se(10000)];
    // The mean's is s/√n: the ratio is 1/2 up to the noise in s (about 1 %).
    expect((large[4] as number) / (small[4] as number)).toBeCloseTo(0.5, 1);
    // A percentile's spans about 2√(np(1 − p)) order statistics, itself uncertain by 10–20 %.
    for (const k of [1, 2, 3]) expect((large[k] as number) / (small[k] as number)).toBeGreaterThan(0.3);
    for (const k of [1, 2, 3]) expect((large[k] as number) / (small[k] as number)).toBeLessThan(0.8);
    expect(small[5]).toBe(""); // criticality
    expect(se(10)).toEqual(["Project standard error", "", expect.any(Number), "", expect.any(Number), ""]);
  });
});

describe("BUILDOUT_COMPLETION", () => {
  test("one row per month: month, share finishing in it, S-curve, its standard error; same trials as BUILDOUT", () => {
    const rows = BUILDOUT_COMPLETION(site, 150, 4000, 3) as unknown[][];
    expect(rows).toHaveLength(151);
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 151 }, (_, m) => m));
    let sum = 0;
    for (const [, inMonth, byMonth] of rows as number[][]) {
      sum += inMonth;
      expect(byMonth).toBeCloseTo(sum, 12);
    }
    expect(rows[150][2]).toBe(1); // every trial finishes by 6 + 96 + 2 months
    expect(rows[150][3]).toBe(""); // F = 1: no estimate
    // Consistent with BUILDOUT's project percentiles (same seed, same trials): P50 falls in the month the S-curve crosses 0.5.
    const p50 = (BUILDOUT(site, 4000, 3) as unknown[][])[4][2] as number;
    const crossing = (rows as number[][]).findIndex((r) => r[2] >= 0.5);
    expect(crossing).toBe(Math.ceil(p50));
  });

  test('with "never" at 1 − 0.19 the S-curve ends near 0.19 (LBNL queue completion), within 4 standard errors', () => {
    const rows = BUILDOUT_COMPLETION(queue, 120, 10000, 7, omitted, withdrawn) as number[][];
    const [, , last, se] = rows[120];
    expect(Math.abs(last - QUEUE_COMPLETION)).toBeLessThan(4 * se);
  });

  test("bad input: #VALUE! naming the argument", () => {
    expect(excelErrorOf(() => BUILDOUT_COMPLETION(site, 601)).message).toContain(
      "horizon_months must be a whole number from 1 to 600",
    );
    expect(excelErrorOf(() => BUILDOUT_COMPLETION(site, 60, 10, 1, 2)).message).toContain("group_correlation");
    expect(excelErrorOf(() => BUILDOUT_COMPLETION(site, 60, 10, 1, 0.5, [["X", 0.5, 1]])).message).toContain(
      "risks: row 1",
    );
  });
});
