/**
 * Discrete risk events of a build-out plan, the "risk register" of @RISK and Crystal Ball users:
 * each row of the risk table (task name, probability 0–1, delay) is one event of that task, a
 * Bernoulli trial: with that probability the task takes `delay` months longer. A delay of "never"
 * is a completion probability: with that probability the task never finishes, so neither does any
 * task after it nor the project (an interconnection request that is withdrawn from the queue).
 * Events are independent of each other and of the durations; a task with an actual duration has
 * finished, so its events no longer apply. A header row is allowed (a first non-blank row whose
 * probability cell holds text that is not a number); blank rows are skipped; columns after the
 * third (notes, sources) are ignored.
 */
import { Plan } from "./plan";
import { MAX_MONTHS, MAX_ROWS, quoteName, TaskTableError, taskKey } from "./tasks";

/** The delay that stands for a task that never finishes. */
export const NEVER = "never";

export interface RiskEvent {
  /** The task's index in the plan. */
  task: number;
  /** Probability 0–1 that the event happens in a trial. */
  probability: number;
  /** Months the event adds; Infinity when the task then never finishes. */
  delay: number;
}

/** Columns a risk row reads: task, probability, delay. */
const COLUMNS = 3;

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
const isHeaderText = (v: unknown) => typeof v === "string" && v.trim() !== "" && !Number.isFinite(Number(v));

function show(v: unknown): string {
  if (isBlank(v)) return "an empty cell";
  if (typeof v === "string") return `the text ${quoteName(v)}`;
  return typeof v === "number" ? String(Number(v.toPrecision(7))).replace("e+", "e") : String(v);
}

/** What a risk row holds, for messages. */
export const RISK_ROW = `task name, probability (0–1), delay (months from 0 to ${MAX_MONTHS.toLocaleString("en-US")}, or "${NEVER}")`;

/**
 * Parses a risk table against a plan's tasks; throws TaskTableError naming the row, the field and
 * what it accepts. No rows (or only blank ones) give no events.
 */
export function parseRiskTable(rows: unknown[][], plan: Plan): RiskEvent[] {
  if (rows.length > MAX_ROWS) {
    throw new TaskTableError(
      `the table spans ${rows.length.toLocaleString("en-US")} rows; at most ${MAX_ROWS.toLocaleString("en-US")} are allowed: give the range of the risk rows only.`,
    );
  }
  if (!rows.every(Array.isArray)) throw new TaskTableError("every row must be a row of cells.");
  const blankRow = (row: unknown[]) => row.slice(0, COLUMNS).every(isBlank);
  const index = new Map(plan.tasks.map((t, i) => [taskKey(t.name), i]));
  const first = rows.findIndex((r) => !blankRow(r));
  const header = first >= 0 && isHeaderText(rows[first][1]) ? first : -1;
  const events: RiskEvent[] = [];
  rows.forEach((row, i) => {
    if (i === header || blankRow(row)) return;
    const where = `row ${i + 1}`;
    if (row.length < COLUMNS)
      throw new TaskTableError(
        `${where} has ${row.length} column${row.length === 1 ? "" : "s"}; a risk needs ${RISK_ROW}.`,
      );
    const name = typeof row[0] === "number" ? String(row[0]) : typeof row[0] === "string" ? row[0].trim() : "";
    const task = index.get(taskKey(name));
    if (task === undefined)
      throw new TaskTableError(
        `${where}: the task must be the name of a task in the task table (got ${show(row[0])}).`,
      );
    const at = `${where} (${quoteName(name)})`;
    const probability = row[1];
    if (!(typeof probability === "number" && probability >= 0 && probability <= 1))
      throw new TaskTableError(`${at}: probability must be a number from 0 to 1 (got ${show(probability)}).`);
    events.push({ task, probability, delay: readDelay(row[2], at) });
  });
  return events;
}

function readDelay(v: unknown, at: string): number {
  if (typeof v === "number" && v >= 0 && v <= MAX_MONTHS) return v;
  if (typeof v === "string" && v.trim().toLowerCase() === NEVER) return Infinity;
  throw new TaskTableError(
    `${at}: delay must be a number of months from 0 to ${MAX_MONTHS.toLocaleString("en-US")}, or "${NEVER}" for a task that may never finish (got ${show(v)}).`,
  );
}
