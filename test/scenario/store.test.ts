import {
  BuildoutScenario,
  MAX_RECORD_CHARS,
  SCHEMA_VERSION,
  Scenario,
  STORE_MARKER,
  defaultValues,
  modulesNeeded,
  parseStore,
  planScenario,
  recordCells,
  sheetNameFor,
  templateTasks,
  validateScenario,
} from "../../src/scenario";
import { buildout, fleet, redundancy } from "./fixtures";

const header = [STORE_MARKER, String(SCHEMA_VERSION)];

describe("scenario validation (untrusted input)", () => {
  test("task names BUILDOUT refuses (a separator, its summary row's name) are refused here too", () => {
    const b = buildout() as BuildoutScenario;
    const named = (name: string) => validateScenario({ ...b, tasks: [{ ...b.tasks[0], name, predecessors: "" }] });
    expect(named("Site, phase 1")).toMatchObject({ ok: false, errors: [expect.stringMatching(/may not contain ","/)] });
    expect(named(" project ")).toMatchObject({ ok: false, errors: [expect.stringMatching(/summary row/)] });
    expect(named("Site phase 1").ok).toBe(true);
  });

  test("keeps only known keys, so __proto__ and extra fields never reach the scenario", () => {
    const raw = JSON.parse(
      JSON.stringify({ ...redundancy(), extra: 1 }).replace("{", '{"__proto__":{"polluted":true},'),
    );
    const checked = validateScenario(raw);
    expect(checked.ok).toBe(true);
    if (checked.ok) {
      expect(Object.keys(checked.value)).not.toContain("extra");
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  test("a hostile name is cleaned and capped; out-of-range numbers and topologies are refused with reasons", () => {
    const hostile = validateScenario({ ...redundancy(), name: `=HYPERLINK("x")\u0000<img onerror=alert(1)>` });
    expect(hostile.ok && hostile.value.name).toBe('=HYPERLINK("x") <img onerror=alert(1)>');
    expect(validateScenario({ ...redundancy(), name: "x".repeat(61) })).toEqual({
      ok: false,
      errors: ["A name has at most 60 characters."],
    });
    const bad = validateScenario({
      ...redundancy(),
      values: { ...defaultValues("redundancy"), pue: 0.5 },
      topologies: ["2N", "bogus"],
    });
    expect(bad).toEqual({
      ok: false,
      errors: expect.arrayContaining([
        "PUE (facility ÷ IT) must be a number from 1 to 10.",
        expect.stringContaining("topology"),
      ]),
    });
    // Every topology the wizard offers takes any N: 3N/2 with an odd N, typed (the override) or
    // derived (3 MW on 1 MW modules), sizes each system up to whole modules rather than refusing.
    const withTopology = (topology: string, values: Record<string, number>) =>
      validateScenario({
        ...redundancy(),
        values: { ...defaultValues("redundancy"), ...values },
        topologies: [topology],
      });
    expect(withTopology("3N/2", { modules_needed: 3 }).ok).toBe(true);
    expect(withTopology("3N/2", { it_load_mw: 3 }).ok).toBe(true);
  });

  test("build-out trials are refused where BUILDOUT would refuse them: trials × (tasks + links) over 3,000,000", () => {
    // A chain of 40 tasks, each after the one before: 40 tasks and 39 links allow 37,974 trials.
    const first = templateTasks()[0];
    const chain = Array.from({ length: 40 }, (_, i) => ({
      ...first,
      name: `Step ${i + 1}`,
      predecessors: i ? `Step ${i}` : "",
    }));
    const template = { ...(buildout() as BuildoutScenario), tasks: chain };
    const units = 40 + 39;
    const most = Math.floor(3_000_000 / units);
    const at = (trials: number) => validateScenario({ ...template, values: { ...template.values, trials } });
    expect(at(most)).toMatchObject({ ok: true });
    expect(at(most + 1)).toEqual({
      ok: false,
      errors: [expect.stringContaining(`allow at most ${most.toLocaleString("en-US")} trials`)],
    });
  });

  test("sheet names: forbidden characters removed, unique ignoring case, never History", () => {
    expect(sheetNameFor("a/b:c*?[d]", [])).toBe("a b c d");
    expect(sheetNameFor("Site A", ["site a", "Site A (2)"])).toBe("Site A (3)");
    expect(sheetNameFor("'''", [])).toBe("Scenario");
    expect(sheetNameFor("history", [])).toBe("History scenario");
  });
});

describe("the store", () => {
  const s = { ...redundancy(), extent: planScenario(redundancy()).extent };

  test("round trip: a record written is read back identical", () => {
    const state = parseStore([header, recordCells(s)]);
    expect(state).toEqual({ status: "ok", version: SCHEMA_VERSION, entries: [{ scenario: s, row: 2 }], rowCount: 2 });
  });

  test("no sheet or an empty one is an empty store", () => {
    expect(parseStore(null)).toEqual({ status: "empty" });
    expect(parseStore([["", ""]])).toEqual({ status: "empty" });
  });

  test("unreadable JSON, a tampered record and a foreign header are corrupt, with the readable scenarios kept", () => {
    const state = parseStore([
      header,
      recordCells(s),
      ["x", "{not json"],
      ["y", JSON.stringify({ ...s, id: "y", values: {} })],
    ]);
    expect(state.status).toBe("corrupt");
    if (state.status === "corrupt") {
      expect(state.entries.map((e) => e.scenario.id)).toEqual([s.id]);
      expect(state.problems[0]).toBe("Row 3: the record is not readable JSON.");
      expect(state.problems[1]).toMatch(/^Row 4: /);
    }
    expect(parseStore([["Someone else", "1"]]).status).toBe("corrupt");
  });

  test("a newer version is reported and not read", () => {
    expect(parseStore([[STORE_MARKER, String(SCHEMA_VERSION + 1)], recordCells(s)])).toEqual({
      status: "newer",
      version: SCHEMA_VERSION + 1,
    });
  });

  test("oversized: too many rows, or a record too long for a cell", () => {
    const rows = [header, ...Array.from({ length: 201 }, () => ["a", "{}"])];
    expect(parseStore(rows).status).toBe("oversized");
    const long = parseStore([header, [s.id, "x".repeat(MAX_RECORD_CHARS + 1)]]);
    expect(long.status).toBe("corrupt");
    expect(() => recordCells({ ...s, topologies: Array(8000).fill("2N") } as Scenario)).toThrow(/too large/);
  });

  /** The version 2 form of the default redundancy scenario: N and a token value per facility MW-year. */
  const v2Values = (values: Record<string, number>) => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { it_load_mw, ups_module_mw, tokens_per_s_per_mw, price_per_m_tokens, ...kept } = values;
    return { ...kept, modules_needed: 4, value_per_mw_year: 5.676e12 };
  };

  test("version 1 records (topologies as one text) migrate to the current version", () => {
    const v1 = { ...s, values: v2Values(s.values), topologies: "2N, 2N FLEX, N+1, 3N/2" };
    const state = parseStore([
      [STORE_MARKER, "1"],
      [s.id, JSON.stringify(v1)],
    ]);
    expect(state).toEqual({ status: "ok", version: 1, entries: [{ scenario: s, row: 2 }], rowCount: 2 });
  });

  test("version 2 records open in money with their N kept: the old default value becomes the sourced throughput", () => {
    const read = (record: object) => {
      const state = parseStore([
        [STORE_MARKER, "2"],
        [s.id, JSON.stringify(record)],
      ]);
      if (state.status !== "ok") throw new Error(JSON.stringify(state));
      return state.entries[0].scenario;
    };
    expect(read({ ...s, values: v2Values(s.values) })).toEqual(s);
    // N = 6 stays 6 (6 MW on 1 MW modules); 3.1536e12 tokens per MW-year are 100,000 tokens/s.
    const custom = read({ ...s, values: { ...v2Values(s.values), modules_needed: 6, value_per_mw_year: 3.1536e12 } });
    expect(custom.values).toMatchObject({
      it_load_mw: 6,
      ups_module_mw: 1,
      modules_needed: 0,
      tokens_per_s_per_mw: 1e5,
    });
    expect(modulesNeeded(custom.values)).toBe(6);
    const f = fleet("count");
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { tokens_per_s_per_mw, throughput_mfu, price_per_m_tokens, ...kept } = f.values;
    expect(read({ ...f, values: { ...kept, value_per_mw_year: 5.676e12 } })).toEqual(f);
  });
});
