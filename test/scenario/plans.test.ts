import { functions } from "../../src/functions";
import { buildout, fleet, redundancy } from "./fixtures";
import {
  FIELDS,
  Scenario,
  cellsOf,
  defaultValues,
  planCompare,
  planScenario,
  validateScenario,
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
      v.modules_needed,
    );
    expect(spill.spill).toEqual({ rows: result.length, cols: result[0].length });
    const b = buildout();
    const spills = planScenario(b).cells.filter((c) => c.spill);
    const table =
      b.kind === "buildout"
        ? b.tasks.map((t) => [t.name, t.predecessors, t.min, t.likely, t.max, t.distribution, t.mw, t.group])
        : [];
    const finish = functions.BUILDOUT(table, 200, 1);
    const fan = functions.BUILDOUT_MW(table, b.values.horizon_months, 200, 1);
    expect(spills.map((c) => c.spill)).toEqual([
      { rows: finish.length, cols: finish[0].length },
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
      ["Line"],
    ]);
    expect(planScenario(buildout()).charts[0].series).toHaveLength(3);
  });

  test("a custom chip uses its own peak; sizing by power counts whole racks", () => {
    const custom = planScenario(fleet("power", "Custom"));
    const formula = (key: string) => {
      const at = custom.names.find((n) => n.name === key)!.address;
      return custom.cells.find((c) => c.address === at)!.formula;
    };
    expect(formula("out_peak_pflops")).toContain("in_custom_bf16_tflops");
    expect(formula("out_accelerators")).toBe(
      "=FLOOR(in_grid_mw/in_pue*1000/in_system_kw,1)*in_accelerators_per_system",
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
