/**
 * Issue 12 point 5 in the build-out scenario: schema version 4 (risk events, "normal"), the
 * migration from version 3, the sheet's risk table, completion table and charts, and reading the
 * risk table back from the sheet.
 */
import {
  BuildoutScenario,
  CHART_ROWS,
  MAX_RISKS,
  STORE_MARKER,
  cellsOf,
  parseCell,
  parseStore,
  planScenario,
  validateScenario,
  validationProblem,
} from "../../src/scenario";
import { ScenarioBook } from "../../src/workbook/scenarios";
import { evaluatedSheet } from "./evaluated";
import { buildout } from "./fixtures";

const base = () => buildout() as BuildoutScenario;
/** LBNL Queued Up (2025 edition): about 19 % of projects entering queues in 2000–2019 reached operation. */
const withdrawn = {
  task: "Grid connection",
  probability: 0.81,
  delay: "never" as const,
  source: "LBNL Queued Up 2025",
};

describe("schema version 4", () => {
  test("a version 3 build-out record opens with no risk events; other kinds are unchanged", () => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { risks, ...v3 } = base();
    const state = parseStore([
      [STORE_MARKER, "3"],
      [v3.id, JSON.stringify(v3)],
    ]);
    expect(state).toMatchObject({ status: "ok", version: 3, entries: [{ scenario: { ...v3, risks: [] }, row: 2 }] });
    // A version 4 record must carry its list.
    expect(validateScenario(v3)).toEqual({ ok: false, errors: [`A build-out has 0 to ${MAX_RISKS} risk events.`] });
  });

  test('risk events are validated: task names must exist, probability 0–1, delay 0–600 months or "never"', () => {
    const ok = { ...base(), risks: [withdrawn, { task: "permitting ", probability: 0, delay: 600, source: "" }] };
    expect(validateScenario(ok).ok).toBe(true);
    const bad = {
      ...base(),
      risks: [
        { ...withdrawn, task: "Moon base" },
        { ...withdrawn, probability: 1.5 },
        { ...withdrawn, delay: 601 },
        { ...withdrawn, delay: "later" },
        "not a record",
      ],
    };
    expect(validateScenario(bad)).toEqual({
      ok: false,
      errors: [
        'Risk event 1: the task must be one of the build-out\'s tasks (got "Moon base").',
        "Risk event 2: the probability is a number from 0 to 1.",
        'Risk event 3: the delay is months from 0 to 600, or "never" for a task that may never finish.',
        'Risk event 4: the delay is months from 0 to 600, or "never" for a task that may never finish.',
        'Risk event 5: the task must be one of the build-out\'s tasks (got "").',
      ],
    });
    const many = { ...base(), risks: Array(MAX_RISKS + 1).fill(withdrawn) };
    expect(validateScenario(many)).toEqual({ ok: false, errors: [`A build-out has 0 to ${MAX_RISKS} risk events.`] });
  });

  test('"normal" is a distribution a task may take', () => {
    const s = base();
    s.tasks[0] = { ...s.tasks[0], distribution: "normal" };
    expect(validateScenario(s).ok).toBe(true);
  });

  test("risk events count as work in the trials bound, as BUILDOUT counts them", () => {
    // The template: 9 tasks with 13 predecessor links; 20 events make 42 units, allowing 71,428 trials.
    const s = { ...base(), values: { ...base().values, trials: 100_000 }, risks: Array(MAX_RISKS).fill(withdrawn) };
    const checked = validateScenario(s);
    expect(checked.ok === false && checked.errors).toEqual([
      "Monte Carlo trials: 9 tasks with 13 predecessor links and 20 risk events allow at most 71,428 trials (trials × (tasks + links + risk events) ≤ 3,000,000).",
    ]);
  });
});

describe("the build-out sheet", () => {
  test("a risk table named in_risks (at least five rows, blank ones allowed) read by all three Monte Carlo formulas", () => {
    const plan = planScenario({ ...base(), risks: [withdrawn] });
    const risks = plan.names.find((n) => n.name === "in_risks")!;
    const rows = cellsOf(risks.address);
    expect([rows.length, rows[0].length]).toEqual([5, 4]);
    const first = rows[0][0];
    const at = (row: number, col: number) => plan.cells.find((c) => c.address === `${"ABCD"[col - 1]}${row}`);
    expect([1, 2, 3, 4].map((col) => at(first.row - 1, col)?.text)).toEqual([
      "Task",
      "Probability",
      'Delay (months or "never")',
      "Source",
    ]);
    expect([1, 2, 3, 4].map((col) => at(first.row, col))).toMatchObject([
      { text: "Grid connection" },
      { number: 0.81 },
      { text: "never" },
      { text: "LBNL Queued Up 2025" },
    ]);
    const formulas = plan.cells.filter((c) => c.formula?.includes("INFRA.BUILDOUT")).map((c) => c.formula!);
    expect(formulas.map((f) => f.match(/INFRA\.(\w+)\(/)![1])).toEqual([
      "BUILDOUT",
      "BUILDOUT_COMPLETION",
      "BUILDOUT_MW",
    ]);
    for (const f of formulas) expect(f).toMatch(/,in_risks\)\)?$/);
    // Task names as a list, probabilities 0–1; both accept a cleared cell, so a row can be emptied.
    const rule = (col: number) =>
      plan.validations.find((v) => v.address.startsWith(`${"ABCD"[col - 1]}${first.row}:`))!;
    expect(validationProblem(rule(1), "Grid connection")).toBeUndefined();
    expect(validationProblem(rule(1), "Moon base")).toBe(rule(1).message);
    expect([validationProblem(rule(1), null), validationProblem(rule(2), null)]).toEqual([undefined, undefined]);
    expect(validationProblem(rule(2), 1.2)).toBe("A risk event's probability must be a number from 0 to 1.");
  });

  test("the completion histogram (columns, no gaps) and S-curve sit beside the completion table, the fan chart at the top", () => {
    const plan = planScenario(base());
    const [fan, histogram, scurve] = plan.charts;
    expect(parseCell(fan.anchor).row).toBe(4);
    expect(histogram).toMatchObject({
      type: "ColumnClustered",
      gapWidth: 0,
      categoryFormat: "count",
      valueFormat: "percent",
    });
    expect(scurve).toMatchObject({ type: "XYScatterLines", categoryFormat: "count", valueFormat: "percent" });
    const table = plan.names.find((n) => n.name === "out_completion")!;
    const [top] = table.address.split(":").map(parseCell);
    expect(parseCell(histogram.anchor)).toEqual({ row: top.row - 2, col: 6 });
    expect(parseCell(scurve.anchor).row).toBeGreaterThanOrEqual(top.row - 2 + CHART_ROWS);
    expect(histogram.categories).toBe(scurve.categories);
    expect(histogram.series[0].values).toMatch(/^B\d+:B\d+$/);
    expect(scurve.series[0].values).toMatch(/^C\d+:C\d+$/);
  });
});

describe("the build-out sheet calculated by the workbench's engine", () => {
  test("without risks: every chart range holds numbers; the outputs are numbers, the completion by the horizon near 1", async () => {
    const { wb, s, value } = await evaluatedSheet({ ...base(), values: { ...base().values, trials: 2000 } });
    const plan = planScenario(s);
    for (const chart of plan.charts)
      for (const address of [chart.categories, ...chart.series.map((x) => x.values)])
        for (const p of cellsOf(address).flat())
          expect(typeof wb.value(s.sheet, `${String.fromCharCode(64 + p.col)}${p.row}`)).toBe("number");
    for (const name of [
      "out_p50_month",
      "out_p90_month",
      "out_mean_month",
      "out_mean_month_se",
      "out_completion_probability",
    ])
      expect(typeof value(name)).toBe("number");
    expect(value("out_mean_month_se")).toBeGreaterThan(0);
    expect(value("out_mean_month_se")).toBeLessThan(1);
    expect(value("out_completion_probability")).toBeGreaterThan(0.9);
  });

  test('a "never" risk typed into the sheet: P90 shows "never", completion falls to about 0.19, and Open reads the row back', async () => {
    const { wb, s, names, value } = await evaluatedSheet({ ...base(), values: { ...base().values, trials: 2000 } });
    const p50 = value("out_p50_month") as number;
    const [first] = cellsOf(names.get("in_risks")!)[0];
    const cell = (col: number) => `${String.fromCharCode(64 + col)}${first.row}`;
    wb.setCell(s.sheet, cell(1), "Grid connection");
    wb.setCell(s.sheet, cell(2), 0.81);
    wb.setCell(s.sheet, cell(3), "never");
    expect(value("out_p90_month")).toBe("never");
    expect(value("out_p50_month")).toBe("never");
    expect(value("out_p10_month")).toBeGreaterThan(0); // P10 < 0.19 still finishes
    const completion = value("out_completion_probability") as number;
    expect(Math.abs(completion - 0.19)).toBeLessThan(4 * Math.sqrt((0.19 * 0.81) / 2000));
    expect(p50).toBeGreaterThan(0);
    const opened = (await new ScenarioBook(wb).current(s.id)) as BuildoutScenario;
    expect(opened.risks).toEqual([{ task: "Grid connection", probability: 0.81, delay: "never", source: "" }]);
    // Clearing the row deletes the event.
    for (const col of [1, 2, 3]) wb.setCell(s.sheet, cell(col), null);
    expect(((await new ScenarioBook(wb).current(s.id)) as BuildoutScenario).risks).toEqual([]);
    expect(value("out_p50_month")).toBe(p50);
  });
});
