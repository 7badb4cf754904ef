import { functions } from "../../src/functions";
import { buildout, fleet, redundancy } from "./fixtures";
import {
  FIELDS,
  Scenario,
  CHART_ROWS,
  cellsOf,
  defaultValues,
  modulesNeeded,
  parseCell,
  planCompare,
  planScenario,
  validateScenario,
  validationProblem,
} from "../../src/scenario";

const all = () => [redundancy(), fleet("count"), fleet("power", "Custom"), buildout()];

describe("sheet plans", () => {
  test.each(all().map((s) => [`${s.kind} ${"sizing" in s ? s.sizing : ""}`, s]))(
    "%s: every formula uses defined names of this sheet and INFRA functions that exist",
    (_, s) => {
      const plan = planScenario(s as Scenario);
      const names = new Set(plan.names.map((n) => n.name));
      const formulas = plan.cells.filter((c) => c.formula).map((c) => c.formula!);
      expect(formulas.length).toBeGreaterThan(3);
      for (const f of formulas) {
        for (const id of f.match(/INFRA\.([A-Z_]+)/g) ?? []) expect(functions).toHaveProperty(id.slice(6));
        for (const ref of f.match(/\b(in|out)_[a-z0-9_]+/g) ?? []) expect(names).toContain(ref);
      }
      // Every input cell but a task's source note lies in a named range, so editing it recalculates.
      const named = new Set(
        plan.names.flatMap((n) =>
          cellsOf(n.address)
            .flat()
            .map((p) => `${p.row},${p.col}`),
        ),
      );
      const inputs = plan.cells.filter((c) => c.style === "input" && !/^I/.test(c.address));
      expect(inputs.length).toBeGreaterThan(2);
      for (const c of inputs)
        expect(named).toContain(
          cellsOf(c.address)
            .flat()
            .map((p) => `${p.row},${p.col}`)[0],
        );
    },
  );

  test("cells, names, formats and tables stay inside the block; no two cells share an address", () => {
    for (const s of all()) {
      const plan = planScenario(s);
      const inside = new Set(
        cellsOf(`A1:${plan.extent}`)
          .flat()
          .map((p) => `${p.row},${p.col}`),
      );
      const addresses = plan.cells.map((c) => c.address);
      expect(new Set(addresses).size).toBe(addresses.length);
      for (const a of [...addresses, ...plan.names.map((n) => n.address), ...plan.tables.map((t) => t.address)])
        for (const p of cellsOf(a).flat()) expect(inside).toContain(`${p.row},${p.col}`);
    }
  });

  test("spill sizes match what the functions return for the defaults", () => {
    const r = planScenario(redundancy());
    const spill = r.cells.find((c) => c.spill)!;
    const v = defaultValues("redundancy");
    const result = functions.REDUNDANCY_COMPARE(
      [["2N", "2N FLEX", "N+1", "3N/2"]],
      v.grid_mw,
      v.pue,
      v.module_availability,
      modulesNeeded(v),
    );
    expect(spill.spill).toEqual({ rows: result.length, cols: result[0].length });
    const b = buildout();
    const spills = planScenario(b).cells.filter((c) => c.spill);
    const table =
      b.kind === "buildout"
        ? b.tasks.map((t) => [t.name, t.predecessors, t.min, t.likely, t.max, t.distribution, t.mw, t.group])
        : [];
    const finish = functions.BUILDOUT(table, 200, 1);
    const completion = functions.BUILDOUT_COMPLETION(table, b.values.horizon_months, 200, 1);
    const fan = functions.BUILDOUT_MW(table, b.values.horizon_months, 200, 1);
    expect(spills.map((c) => c.spill)).toEqual([
      { rows: finish.length, cols: finish[0].length },
      { rows: completion.length, cols: completion[0].length },
      { rows: fan.length, cols: fan[0].length },
    ]);
    const f = planScenario(fleet("count")).cells.filter((c) => c.spill);
    const breakdown = functions.GOODPUT_BREAKDOWN(16384, 50000, 1, 10, undefined, 0.4);
    const tco = functions.TCO_BREAKDOWN(100, 13e6, 1e9, 60);
    expect(f.map((c) => c.spill)).toEqual([
      { rows: breakdown.length, cols: 2 },
      { rows: tco.length, cols: tco[0].length },
    ]);
  });

  test("each kind has its chart, drawn from cells of the block", () => {
    expect(all().map((s) => planScenario(s).charts.map((c) => c.type))).toEqual([
      ["ColumnClustered"],
      ["BarClustered"],
      ["BarClustered"],
      ["Line", "ColumnClustered", "XYScatterLines"],
    ]);
    const fan = planScenario(buildout()).charts[0];
    expect(fan.series.map((x) => x.name)).toEqual(["P10", "P50", "P90"]);
    expect([fan.categoryAxisTitle, fan.valueAxisTitle, fan.valueFormat]).toEqual(["Month", "MW online (MW)", "mw"]);
  });

  test("every chart has axis titles with units; the first sits at row 4 beside the tables; none is over a cell", () => {
    for (const s of all()) {
      const plan = planScenario(s);
      // Issue 12: a build-out's completion charts sit beside their own table further down; only the first is at the top.
      expect(parseCell(plan.charts[0].anchor).row).toBe(4);
      for (const chart of plan.charts) {
        expect(chart.title).not.toBe("");
        expect(chart.categoryAxisTitle).not.toBe("");
        expect(chart.valueAxisTitle).toMatch(/\((MW|%)\)$/);
        const anchor = parseCell(chart.anchor);
        expect(anchor.col).toBeLessThanOrEqual(10); // column J at most
        const covered = plan.cells.filter((c) => {
          const { row } = parseCell(c.address);
          return row < anchor.row + CHART_ROWS && row + (c.spill?.rows ?? 1) > anchor.row;
        });
        for (const c of covered) expect(parseCell(c.address).col + (c.spill?.cols ?? 1) - 1).toBeLessThan(anchor.col);
      }
    }
  });

  test("each plan sets a width for every column of its block; the chart is in the first column right of the cells it is beside", () => {
    for (const s of all()) {
      const plan = planScenario(s);
      const last = parseCell(plan.extent).col;
      expect(plan.columns!.map((c) => c.col)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
      for (const { width } of plan.columns!) expect(width).toBeGreaterThanOrEqual(7);
      const anchor = parseCell(plan.charts[0].anchor);
      const beside = plan.cells
        .filter((c) => {
          const { row } = parseCell(c.address);
          return row < anchor.row + CHART_ROWS && row + (c.spill?.rows ?? 1) > anchor.row;
        })
        .map((c) => parseCell(c.address).col + (c.spill?.cols ?? 1) - 1);
      expect(anchor.col).toBe(Math.max(...beside) + 1);
    }
  });

  test("redundancy and fleet: labels, values and units are wider than sources, and the columns left of the chart stay narrow", () => {
    for (const s of [redundancy(), fleet("count")]) {
      const plan = planScenario(s);
      const width = (col: number) => plan.columns!.find((c) => c.col === col)!.width;
      expect(width(1)).toBeGreaterThanOrEqual(27);
      expect(width(4)).toBeLessThan(width(3));
      // The chart (480 px in the workbench) fits beside A–D in the grid's ~930 px next to the task pane.
      const left = Array.from({ length: parseCell(plan.charts[0].anchor).col - 1 }, (_, i) => width(i + 1));
      expect(left.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(62);
    }
  });

  test("the task table and every spilled block have human headers", () => {
    const plan = planScenario(buildout());
    const text = (address: string) => plan.cells.find((c) => c.address === address)?.text;
    const table = plan.tables.find((t) => t.name.endsWith("_tasks"))!;
    const row = parseCell(table.address.split(":")[0]).row;
    expect(cellsOf(`A${row}:I${row}`)[0].map((p) => text(`${String.fromCharCode(64 + p.col)}${row}`))).toEqual([
      "Task",
      "Predecessors",
      "Min (months)",
      "Likely (months)",
      "Max (months)",
      "Distribution",
      "MW delivered",
      "Risk group",
      "Source",
    ]);
    // A spill either returns its own header row (REDUNDANCY_COMPARE, TCO_BREAKDOWN) or has one written above it.
    const ownHeader = /REDUNDANCY_COMPARE|TCO_BREAKDOWN/;
    for (const s of all()) {
      const p = planScenario(s);
      for (const spill of p.cells.filter((c) => c.spill)) {
        if (ownHeader.test(spill.formula!)) continue;
        const { row: r, col } = parseCell(spill.address);
        const above = cellsOf(`A${r - 1}:${String.fromCharCode(64 + col + spill.spill!.cols - 1)}${r - 1}`)[0];
        for (const q of above) {
          const h = p.cells.find((c) => c.address === `${String.fromCharCode(64 + q.col)}${q.row}`);
          expect(h).toMatchObject({ style: "header", text: expect.stringMatching(/\w/) });
        }
      }
    }
  });

  test("every input cell carries a validation rule; each rule states what it accepts", () => {
    for (const s of all()) {
      const plan = planScenario(s);
      const ruled = new Set(
        plan.validations.flatMap((v) =>
          cellsOf(v.address)
            .flat()
            .map((p) => `${p.row},${p.col}`),
        ),
      );
      // Free-text task columns (name, predecessors, risk group, source) are the only unchecked inputs,
      // with a risk event's delay (a number or "never", which BUILDOUT checks) and its source note.
      const freeText = s.kind === "buildout" ? [1, 2, 8, 9] : [];
      const risks = plan.names.find((n) => n.name === "in_risks");
      const riskRows = risks ? cellsOf(risks.address).map((line) => line[0].row) : [];
      for (const c of plan.cells.filter((x) => x.style === "input")) {
        const p = parseCell(c.address);
        if (riskRows.includes(p.row) && p.col >= 3) continue;
        if (!freeText.includes(p.col) || riskRows.includes(p.row)) expect(ruled).toContain(`${p.row},${p.col}`);
      }
      for (const v of plan.validations) expect(v.message).toMatch(/must be|are months|is a number/);
    }
    const r = planScenario(redundancy());
    const at = r.names.find((n) => n.name === "in_module_availability")!.address;
    const rule = r.validations.find((v) => v.address === at)!;
    expect(validationProblem(rule, 1.5)).toBe("Module availability (0–1) must be a number above 0 up to 1.");
    expect([validationProblem(rule, 0), validationProblem(rule, "lots"), validationProblem(rule, null)]).toEqual([
      rule.message,
      rule.message,
      rule.message,
    ]);
    expect(validationProblem(rule, 0.9999)).toBeUndefined();
    const topology = r.validations.find((v) => v.rule === "list")!;
    expect([validationProblem(topology, "2N"), validationProblem(topology, "3N")]).toEqual([
      undefined,
      topology.message,
    ]);
  });

  test("no value output divides by the sheet's own goodput, utilization or PUE (nothing calibrated)", () => {
    for (const s of all()) {
      const plan = planScenario(s);
      const values = plan.names.filter((n) => n.name.startsWith("out_value")).map((n) => n.address);
      const formulas = plan.cells.filter((c) => values.includes(c.address)).map((c) => c.formula!);
      expect(formulas.length).toBe(s.kind === "buildout" ? 0 : s.kind === "redundancy" ? 2 : 4);
      for (const f of formulas) expect(f).not.toMatch(/VALUE_PER_EFFECTIVE_MW|\/(in_pue|in_utilization|out_goodput)/);
    }
  });

  test("a custom chip uses its own peak; sizing by power counts whole racks", () => {
    const custom = planScenario(fleet("power", "Custom"));
    const formula = (key: string) => {
      const at = custom.names.find((n) => n.name === key)!.address;
      return custom.cells.find((c) => c.address === at)!.formula;
    };
    expect(formula("out_peak_pflops")).toContain("in_custom_bf16_tflops");
    expect(formula("out_accelerators")).toContain(
      ",FLOOR(in_grid_mw/in_pue*1000/in_system_kw,1)*in_accelerators_per_system)",
    );
  });

  test("the Compare sheet reads each scenario's named outputs by sheet, quoting the sheet name", () => {
    const a = { ...redundancy(), sheet: "It's A" };
    const plan = planCompare([a, { ...buildout(), sheet: "B" }]);
    const formulas = plan.cells.filter((c) => c.formula).map((c) => c.formula);
    expect(formulas).toContain("='It''s A'!out_effective_mw");
    expect(formulas).toContain("='B'!out_p50_month");
    expect(formulas).not.toContain("='It''s A'!out_p50_month");
  });

  test("defaults of every kind validate", () => {
    for (const s of all()) expect(validateScenario(s)).toEqual({ ok: true, value: s });
    for (const kind of ["redundancy", "fleet", "buildout"] as const)
      expect(Object.keys(defaultValues(kind))).toEqual(FIELDS[kind].map((f) => f.key));
  });
});
