/**
 * What-if analyses of a workbook's scenarios: each runs on the scenario's model (its sheet plan,
 * evaluated by the pane with the inputs as they are on its sheet now) and is written to a NEW sheet;
 * the scenario's own sheet is only ever read, and an analysis refuses a sheet that holds an input
 * wrongly rather than use the stored value in its place. A failure part way deletes the
 * half-written analysis sheet (or, when that delete fails too, the next run does), so trying again
 * makes one sheet. Only a goal seek's answer, once the user applies it,
 * changes the scenario, through ScenarioBook.update (which regenerates and validates its sheet).
 */
import { ScenarioModel, scenarioModel } from "../scenario/evaluate";
import { acceptedRange, field } from "../scenario/fields";
import { SheetPlan } from "../scenario/plan";
import { Scenario, sheetNameFor, validateScenario } from "../scenario/schema";
import { inputsTable } from "../scenario/sheets";
import { Analysis, AnalysisResult, analysisProblems, runAnalysis } from "../scenario/whatif";
import { planAnalysis } from "../scenario/whatifSheets";
import { CellValue, WorkbookPort, isErrorValue, notOwned } from "./port";
import { InvalidScenarioError, ScenarioBook, draftOf } from "./scenarios";

/** The start of an analysis sheet's name, before the scenario's name ("Tornado Fleet"). */
export const SHEET_PREFIX: Record<Exclude<Analysis["kind"], "goalseek">, string> = {
  tornado: "Tornado",
  table1: "Data table",
  table2: "Data table 2D",
  uncertainty: "Uncertainty",
};

/** What a run produced: the result, and the sheet it was written to (every kind but goal seek writes one). */
export interface Run {
  result: AnalysisResult;
  sheet?: string;
}

const ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
const randomId = (): string =>
  Array.from({ length: 8 }, () => ID_CHARACTERS[Math.floor(Math.random() * ID_CHARACTERS.length)]).join("");

/** A build-out task input's key ("task_3") as its 0-based task row, or undefined for a field key. */
const taskIndex = (key: string): number | undefined => {
  const m = /^task_([1-9][0-9]*)$/.exec(key);
  return m ? Number(m[1]) - 1 : undefined;
};

/**
 * The scenario with `input` set to `value`, as the evaluator reads it: a field takes the value; a
 * build-out task's likely duration becomes `value`, its min and max shifted by the same months
 * (min not below 0).
 */
export function withInput(s: Scenario, input: string, value: number): Scenario {
  const task = taskIndex(input);
  if (task === undefined) {
    if (!(input in s.values)) throw new InvalidScenarioError([`The scenario has no input "${input}".`]);
    return { ...s, values: { ...s.values, [input]: value } };
  }
  if (s.kind !== "buildout" || !s.tasks[task])
    throw new InvalidScenarioError([`The scenario has no task ${task + 1}.`]);
  const shift = value - s.tasks[task].likely;
  const tasks = s.tasks.map((t, i) =>
    i === task ? { ...t, min: Math.max(0, t.min + shift), likely: value, max: t.max + shift } : t,
  );
  return { ...s, tasks };
}

/** What a cell holds, in words: "is blank", "holds the text "abc"", "shows the error #DIV/0!". */
function holds(v: CellValue | undefined): string {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return "is blank";
  if (isErrorValue(v)) return `shows the error ${String(v)}`;
  if (typeof v === "string") return `holds the text "${v.length > 24 ? `${v.slice(0, 24)}…` : v}"`;
  return `holds ${String(v)}`;
}

const isNumber = (v: CellValue | undefined): v is number => typeof v === "number" && Number.isFinite(v);
const isBlank = (v: CellValue | undefined) => v === null || v === undefined || (typeof v === "string" && !v.trim());

/** A build-out task table's number columns (0-based, as withInputs reads a row) and what each accepts. */
const TASK_NUMBERS: [number, string, string][] = [
  [2, "min", "months from 0 to 600"],
  [3, "likely", "months from 0 to 600"],
  [4, "max", "months from 0 to 600"],
  [6, "MW online", "a number from 0 to 100,000"],
];

/**
 * The scenario as an analysis must see it, from `current` (ScenarioBook.current: the sheet's inputs
 * where they are of the right type, the stored values elsewhere) and the sheet's input cells
 * `inputs`, with the reasons it cannot be analysed. A cell that is blank or holds text or an error
 * where a number belongs would silently take its stored value, while the sheet shows an error: it
 * is a problem naming the input and what it accepts. A blank "Modules needed" means 0 (derive N), as
 * on the sheet. Values the sheet holds but the scenario refuses (out of range, a chip not in the
 * catalog, a bad risk row) are problems too: validateScenario's words.
 */
export function asOnSheet(
  current: Scenario,
  inputs: Record<string, CellValue[][]>,
): { scenario: Scenario; problems: string[] } {
  const problems: string[] = [];
  const at = (name: string): CellValue | undefined => inputs[name]?.[0]?.[0];
  const values = { ...current.values };
  for (const key of Object.keys(values)) {
    const name = `in_${key}`;
    if (!(name in inputs)) continue;
    const v = at(name);
    if (isNumber(v)) continue;
    if (key === "modules_needed" && isBlank(v)) values[key] = 0;
    else {
      const spec = field(current.kind, key);
      problems.push(
        `${spec.label} (${spec.unit}) must be ${acceptedRange(spec)}: its cell ${name} on the sheet ${holds(v)}.`,
      );
    }
  }
  const scenario: Scenario = { ...current, values };
  if (scenario.kind === "fleet" && "in_chip" in inputs && (isBlank(at("in_chip")) || typeof at("in_chip") !== "string"))
    problems.push(
      `The accelerator: its cell in_chip on the sheet ${holds(at("in_chip"))}; choose a chip of the catalog.`,
    );
  if (scenario.kind === "redundancy")
    scenario.topologies.forEach((_, i) => {
      const name = `in_topology_${i + 1}`;
      if (name in inputs && (isBlank(at(name)) || typeof at(name) !== "string"))
        problems.push(`Topology ${i + 1}: its cell ${name} on the sheet ${holds(at(name))}; choose a topology.`);
    });
  if (scenario.kind === "buildout" && inputs.in_tasks) {
    const rows = inputs.in_tasks;
    scenario.tasks.forEach((t, i) => {
      const row = rows[i] ?? [];
      const task = `Task ${i + 1}${isBlank(row[0]) ? "" : ` ("${t.name}")`}`;
      if (isBlank(row[0])) problems.push(`${task}: its name on the sheet is blank; give each task a name.`);
      for (const [col, what, accepted] of TASK_NUMBERS)
        if (!isNumber(row[col]))
          problems.push(`${task}: its ${what} on the sheet ${holds(row[col])}; it takes ${accepted}.`);
      if (isBlank(row[5])) problems.push(`${task}: its distribution on the sheet is blank; choose one.`);
    });
  }
  const checked = validateScenario(scenario);
  if (!checked.ok) problems.push(...checked.errors);
  return { scenario, problems };
}

export class WhatIfBook {
  /**
   * A half-written analysis sheet a failed run could not delete (the clean-up failed too), with
   * its plan's tables: the next run deletes it first, so a retry still ends with one sheet.
   */
  private leftover?: { sheet: string; tables: string[] };

  constructor(
    private readonly port: WorkbookPort,
    private readonly book: ScenarioBook,
  ) {}

  /** The scenario's model with the inputs as they are on its sheet now; refuses a sheet it cannot read truly (onSheet). */
  async model(id: string): Promise<ScenarioModel> {
    return scenarioModel(await this.onSheet(id));
  }

  /**
   * The scenario exactly as its sheet stands now (asOnSheet). Refuses, with the words, a sheet that
   * is gone, renamed or replaced (there are no inputs to read) and inputs the sheet holds wrongly:
   * an analysis of the stored values instead would show numbers where the sheet shows errors.
   */
  private async onSheet(id: string): Promise<Scenario> {
    const current = await this.book.current(id);
    const table = inputsTable(id);
    if (!(await this.port.hasTable(current.sheet, table)))
      throw new InvalidScenarioError([notOwned(current.sheet, table)]);
    const { scenario, problems } = asOnSheet(current, await this.port.readInputs(current.sheet));
    if (problems.length)
      throw new InvalidScenarioError([
        `The sheet "${current.sheet}" holds inputs an analysis cannot use; fix them there first.`,
        ...problems,
      ]);
    return scenario;
  }

  /**
   * Runs the analysis on the scenario as its sheet now stands and, except for a goal seek (whose
   * answer the pane shows), writes it to a new sheet named after the analysis and the scenario and
   * shows that sheet. Refuses an analysis with problems (InvalidScenarioError with the words).
   */
  async run(id: string, analysis: Analysis): Promise<Run> {
    const scenario = await this.onSheet(id);
    const model = scenarioModel(scenario);
    const problems = analysisProblems(model, analysis);
    if (problems.length) throw new InvalidScenarioError(problems);
    const result = runAnalysis(model, analysis);
    if (analysis.kind === "goalseek") return { result };
    await this.removeLeftover();
    const names = await this.port.sheetNames();
    const sheet = sheetNameFor(`${SHEET_PREFIX[analysis.kind]} ${scenario.name}`, names);
    const plan = await this.planWithFreeId(names, (id) => planAnalysis(model, analysis, result, sheet, id));
    try {
      await this.port.writePlan(plan);
    } catch (error) {
      // The sheet may be half-written (Excel writes a plan in more than one batch): it goes, so a retry makes one.
      const now = await this.port.sheetNames().catch(() => [sheet]);
      if (now.some((n) => n.toLowerCase() === sheet.toLowerCase()))
        await this.port.deleteSheet(sheet).catch(() => {
          this.leftover = { sheet, tables: plan.tables.map((t) => t.name) };
        });
      throw error;
    }
    // The sheet is complete: failing to show it does not undo it.
    await this.port.activate(sheet).catch(() => undefined);
    return { result, sheet };
  }

  /**
   * Deletes the sheet a failed run left half-written, when it is still there and still holds that
   * run's first table (a plan without tables, the two-input heat map, is known by its name only,
   * within this pane's session); a failure here fails the run, which Retry tries again.
   */
  private async removeLeftover(): Promise<void> {
    const left = this.leftover;
    if (!left) return;
    const names = await this.port.sheetNames();
    const there = names.some((n) => n.toLowerCase() === left.sheet.toLowerCase());
    const ours = there && (left.tables.length === 0 || (await this.port.hasTable(left.sheet, left.tables[0])));
    if (ours) await this.port.deleteSheet(left.sheet);
    this.leftover = undefined;
  }

  /**
   * Puts a goal seek's answer into the scenario (`input` = `value`, see withInput) and regenerates
   * its sheet from the inputs as they stand there now; the values are validated as an edit's are.
   * A sheet holding an input wrongly is refused (onSheet), not regenerated over with stored values.
   */
  async apply(id: string, input: string, value: number): Promise<Scenario> {
    const changed = withInput(await this.onSheet(id), input, value);
    return this.book.update(id, draftOf(changed));
  }

  /**
   * The plan made with an id no scenario and no table of the workbook uses: analysis tables are
   * named BP_<id>_<part> as the scenarios' are, and a table name is unique in a workbook.
   */
  private async planWithFreeId(sheets: string[], plan: (id: string) => SheetPlan): Promise<SheetPlan> {
    const state = await this.book.load();
    const scenarios = new Set("entries" in state ? state.entries.map((e) => e.scenario.id) : []);
    for (;;) {
      const id = randomId();
      if (scenarios.has(id)) continue;
      const candidate = plan(id);
      const taken = await Promise.all(
        sheets.flatMap((sheet) => candidate.tables.map((t) => this.port.hasTable(sheet, t.name))),
      );
      if (!taken.includes(true)) return candidate;
    }
  }
}
