/**
 * The task table of the build-out planner, one row per task: name, predecessors
 * (comma-separated names), min, likely, max (months), then optional distribution, MW online at
 * finish, risk group and actual duration. A header row is allowed: a first non-blank row whose
 * min, likely and max cells all hold text that is not a number. Blank rows are skipped; columns
 * after the ninth (notes, sources) are ignored. Names may not contain the separators "," and ";"
 * nor be "Project", the name of BUILDOUT's summary row. A table of more than MAX_ROWS rows is
 * refused before any row is read, so a whole-column reference costs nothing.
 */
import { DistributionName, DISTRIBUTIONS, LOGNORMAL_NEEDS, lognormalFits } from "./distributions";
import { PROJECT_ROW } from "./report";

export interface Task {
  name: string;
  predecessors: string[];
  min: number;
  likely: number;
  max: number;
  distribution: DistributionName;
  /** MW that come online when the task finishes (0 if none). */
  mw: number;
  /** Tasks of one risk group (same utility, same vendor) move together; null for none. */
  group: string | null;
  /** A finished task's actual duration, months; null while it is still a forecast. */
  actual: number | null;
}

/** Bad task-table input; the message says which row or task and what is accepted. */
export class TaskTableError extends Error {}

/** A table refused part-way through because the rows read so far already exceed the work allowed. */
export class WorkLimitError extends TaskTableError {
  constructor(
    readonly rows: number,
    readonly tasks: number,
    readonly links: number,
  ) {
    super(`rows 1 to ${rows} hold ${tasks} tasks and ${links} predecessor links, more work than allowed.`);
  }
}

export const REQUIRED_COLUMNS = ["name", "predecessors", "min", "likely", "max"] as const;
export const OPTIONAL_COLUMNS = ["distribution", "mw", "group", "actual"] as const;
export const MAX_TASKS = 500;
/** Rows a task table may span, blank and header rows included. */
export const MAX_ROWS = 1_000;
/** Columns read from each row; later ones (notes, sources) are ignored. */
const COLUMNS = REQUIRED_COLUMNS.length + OPTIONAL_COLUMNS.length;
/** Durations are months from 0 to a century. */
export const MAX_MONTHS = 1200;

/** Task names match ignoring case and surrounding spaces. */
export const taskKey = (name: string): string => name.trim().toLowerCase();

/** Text that is not a number, as a header has where min, likely and max go. */
const isHeaderText = (v: unknown) => typeof v === "string" && v.trim() !== "" && !Number.isFinite(Number(v));

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** Whether the columns a task reads are all blank (a row may be 16,384 cells wide). */
const isBlankRow = (row: unknown[]) => row.slice(0, COLUMNS).every(isBlank);

/** A name as a message shows it, cut short: a cell may hold 32,767 characters. */
export const shortName = (name: string): string => (name.length > 24 ? name.slice(0, 24) + "…" : name);
export const quoteName = (name: string): string => `"${shortName(name)}"`;

/** A name or group label: trimmed text, or a number as text; null when blank or anything else. */
function label(v: unknown): string | null {
  if (isBlank(v)) return null;
  if (typeof v === "string") return v.trim();
  return typeof v === "number" && Number.isFinite(v) ? String(v) : null;
}

/**
 * Parses and checks a task table; throws TaskTableError naming the row and the field, and
 * WorkLimitError as soon as the tasks and predecessor links read exceed `maxWork`.
 */
export function parseTaskTable(rows: unknown[][], maxWork = Infinity): Task[] {
  if (rows.length > MAX_ROWS) {
    throw new TaskTableError(
      `the table spans ${rows.length.toLocaleString("en-US")} rows; at most ${MAX_ROWS.toLocaleString("en-US")} are allowed (${MAX_TASKS} tasks, with a header and blank rows): give the range of the task rows only.`,
    );
  }
  if (!rows.every(Array.isArray)) throw new TaskTableError("every row must be a row of cells.");
  const first = rows.findIndex((r) => !isBlankRow(r));
  const header = first >= 0 && rows[first].length >= 5 && rows[first].slice(2, 5).every(isHeaderText) ? first : -1;
  const tasks: Task[] = [];
  const seen = new Set<string>();
  let links = 0;
  rows.forEach((row, index) => {
    if (index === header || isBlankRow(row)) return;
    const where = `row ${index + 1}`;
    if (row.length < REQUIRED_COLUMNS.length) {
      throw new TaskTableError(
        `${where} has ${row.length} column${row.length === 1 ? "" : "s"}; a task needs at least ${REQUIRED_COLUMNS.length}: ${REQUIRED_COLUMNS.join(", ")} (months), then optionally ${OPTIONAL_COLUMNS.join(", ")}.`,
      );
    }
    const name = label(row[0]);
    if (name === null) throw new TaskTableError(`${where}: name must be text (got ${show(row[0])}).`);
    const task = `${where} (${quoteName(name)})`;
    if (/[,;]/.test(name)) {
      throw new TaskTableError(`${task}: a name may not contain "," or ";", which separate predecessors.`);
    }
    const key = taskKey(name);
    if (key === taskKey(PROJECT_ROW)) {
      throw new TaskTableError(`${task}: "${PROJECT_ROW}" names the summary row; give the task another name.`);
    }
    if (seen.has(key)) throw new TaskTableError(`${task}: the name is used twice; names must be unique.`);
    seen.add(key);
    const min = months(row[2], `${task}: min`);
    const likely = months(row[3], `${task}: likely`);
    const max = months(row[4], `${task}: max`);
    if (!(min <= likely && likely <= max)) {
      throw new TaskTableError(`${task}: min ≤ likely ≤ max must hold (got ${min}, ${likely}, ${max} months).`);
    }
    const distribution = readDistribution(row[5], task);
    if (distribution === "lognormal" && !lognormalFits(min, likely, max)) {
      throw new TaskTableError(`${task}: ${LOGNORMAL_NEEDS} (got ${min}, ${likely}, ${max}).`);
    }
    const predecessors = readPredecessors(row[1], task);
    links += predecessors.length;
    if (tasks.length + 1 + links > maxWork) throw new WorkLimitError(index + 1, tasks.length + 1, links);
    tasks.push({
      name,
      predecessors,
      min,
      likely,
      max,
      distribution,
      mw: isBlank(row[6]) ? 0 : bounded(row[6], 0, 1e6, `${task}: mw must be a number of MW from 0 to 1,000,000`),
      group: readGroup(row[7], task),
      actual: isBlank(row[8]) ? null : months(row[8], `${task}: actual`),
    });
  });
  if (tasks.length === 0)
    throw new TaskTableError("no task rows: give at least one row of name, predecessors, min, likely, max (months).");
  if (tasks.length > MAX_TASKS) throw new TaskTableError(`${tasks.length} tasks; at most ${MAX_TASKS} are allowed.`);
  return tasks;
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "an empty cell";
  if (typeof v === "string") return `the text ${quoteName(v)}`;
  // 7 significant digits and "1e308" rather than "1.7976931348623157e+308".
  return typeof v === "number" ? String(Number(v.toPrecision(7))).replace("e+", "e") : String(v);
}

function bounded(v: unknown, lo: number, hi: number, what: string): number {
  if (typeof v === "number" && v >= lo && v <= hi) return v;
  throw new TaskTableError(`${what} (got ${show(v)}).`);
}

const months = (v: unknown, what: string) =>
  bounded(v, 0, MAX_MONTHS, `${what} must be a number of months from 0 to ${MAX_MONTHS.toLocaleString("en-US")}`);

function readGroup(v: unknown, task: string): string | null {
  const group = label(v);
  if (group !== null || isBlank(v)) return group === null ? null : taskKey(group);
  throw new TaskTableError(`${task}: group must be text or empty (got ${show(v)}).`);
}

function readDistribution(v: unknown, task: string): DistributionName {
  if (isBlank(v)) return "pert";
  const key = typeof v === "string" ? v.trim().toLowerCase() : "";
  const match = DISTRIBUTIONS.find((d) => d === key);
  if (match) return match;
  throw new TaskTableError(
    `${task}: distribution must be one of ${DISTRIBUTIONS.map((d) => `"${d}"`).join(", ")} or empty for "pert" (got ${show(v)}).`,
  );
}

function readPredecessors(v: unknown, task: string): string[] {
  if (isBlank(v)) return [];
  if (typeof v === "number" && Number.isFinite(v)) return [String(v)];
  if (typeof v !== "string")
    throw new TaskTableError(`${task}: predecessors must be comma-separated task names (got ${show(v)}).`);
  return [
    ...new Set(
      v
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    ),
  ];
}
