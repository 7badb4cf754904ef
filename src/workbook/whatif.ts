/**
 * What-if analyses of a workbook's scenarios: each runs on the scenario's model (its sheet plan,
 * evaluated by the pane with the inputs as they are on its sheet now) and is written to a NEW sheet;
 * the scenario's own sheet is only ever read. A failure part way deletes the half-written analysis
 * sheet, so trying again makes one sheet. Only a goal seek's answer, once the user applies it,
 * changes the scenario, through ScenarioBook.update (which regenerates and validates its sheet).
 */
import { ScenarioModel, scenarioModel } from "../scenario/evaluate";
import { SheetPlan } from "../scenario/plan";
import { Scenario, sheetNameFor } from "../scenario/schema";
import { Analysis, AnalysisResult, analysisProblems, runAnalysis } from "../scenario/whatif";
import { planAnalysis } from "../scenario/whatifSheets";
import { WorkbookPort } from "./port";
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

export class WhatIfBook {
  constructor(
    private readonly port: WorkbookPort,
    private readonly book: ScenarioBook,
  ) {}

  /** The scenario's model with the inputs as they are on its sheet now. */
  async model(id: string): Promise<ScenarioModel> {
    return scenarioModel(await this.book.current(id));
  }

  /**
   * Runs the analysis on the scenario as its sheet now stands and, except for a goal seek (whose
   * answer the pane shows), writes it to a new sheet named after the analysis and the scenario and
   * shows that sheet. Refuses an analysis with problems (InvalidScenarioError with the words).
   */
  async run(id: string, analysis: Analysis): Promise<Run> {
    const scenario = await this.book.current(id);
    const model = scenarioModel(scenario);
    const problems = analysisProblems(model, analysis);
    if (problems.length) throw new InvalidScenarioError(problems);
    const result = runAnalysis(model, analysis);
    if (analysis.kind === "goalseek") return { result };
    const names = await this.port.sheetNames();
    const sheet = sheetNameFor(`${SHEET_PREFIX[analysis.kind]} ${scenario.name}`, names);
    const plan = await this.planWithFreeId(names, (id) => planAnalysis(model, analysis, result, sheet, id));
    try {
      await this.port.writePlan(plan);
    } catch (error) {
      // The sheet may be half-written (Excel writes a plan in more than one batch): it goes, so a retry makes one.
      const now = await this.port.sheetNames().catch(() => [sheet]);
      if (now.some((n) => n.toLowerCase() === sheet.toLowerCase()))
        await this.port.deleteSheet(sheet).catch(() => undefined);
      throw error;
    }
    // The sheet is complete: failing to show it does not undo it.
    await this.port.activate(sheet).catch(() => undefined);
    return { result, sheet };
  }

  /**
   * Puts a goal seek's answer into the scenario (`input` = `value`, see withInput) and regenerates
   * its sheet from the inputs as they stand there now; the values are validated as an edit's are.
   */
  async apply(id: string, input: string, value: number): Promise<Scenario> {
    const changed = withInput(await this.book.current(id), input, value);
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
