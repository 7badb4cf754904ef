/**
 * The scenario schema (version 4) and its validation. Scenario text in a shared workbook is
 * untrusted: every record is rebuilt field by field from known keys (nothing else is copied), text
 * is capped and stripped of control characters, numbers are range-checked, and names are only ever
 * rendered as text (React text nodes; sheet cells written as text, never as formulas).
 */
import { functions } from "../functions";
import { PROJECT_ROW } from "../model/buildout/report";
import { NEVER } from "../model/buildout/risks";
import { MAX_WORK } from "../model/buildout/simulate";
import { CATALOG } from "../model/catalog";
import { FIELDS, Kind, NumberField, SECONDS_PER_YEAR, field, modulesNeeded, numberProblem } from "./fields";

export const SCHEMA_VERSION = 4;
export const MAX_NAME = 60;
export const MAX_TASKS = 40;
export const MAX_TASK_TEXT = 80;
/** Risk events a build-out may list. */
export const MAX_RISKS = 20;
/** A risk event's delay in months is at most this (the task table's durations' range). */
export const MAX_RISK_DELAY = 600;
export const MAX_SCENARIOS = 50;

/** Topologies the wizard offers; each is accepted by REDUNDANCY_COMPARE. */
export const TOPOLOGIES = ["N", "N+1", "N+2", "2N", "2N+1", "3N/2", "4N/3", "2N FLEX", "3N/2 FLEX"] as const;
export const DISTRIBUTIONS = ["pert", "triangular", "uniform", "lognormal", "normal"] as const;
export const CUSTOM_CHIP = "Custom";
export const CHIP_NAMES: readonly string[] = [...CATALOG.map((c) => c.name), CUSTOM_CHIP];

export type Numbers = Record<string, number>;

export interface BuildoutTask {
  name: string;
  predecessors: string;
  min: number;
  likely: number;
  max: number;
  distribution: (typeof DISTRIBUTIONS)[number];
  mw: number;
  group: string;
  source: string;
}

interface Common {
  id: string;
  name: string;
  /** The worksheet the scenario lives on. */
  sheet: string;
  /** True while its INFRA formulas are replaced by values (Freeze for sharing). */
  frozen: boolean;
  /**
   * Last cell of the generated block ("I40"), for the record only: it is untrusted, so what an edit
   * clears is derived from the stored scenario's plan (WorkbookPort.writePlan), never from this.
   */
  extent: string;
  values: Numbers;
}

export interface RedundancyScenario extends Common {
  kind: "redundancy";
  topologies: string[];
  availabilityFrom: "direct" | "mtbf";
}

export interface FleetScenario extends Common {
  kind: "fleet";
  chip: string;
  sizing: "count" | "power";
}

/**
 * A risk event of a build-out task (BUILDOUT's risks argument): with `probability` the task takes
 * `delay` months longer, or never finishes ("never").
 */
export interface BuildoutRisk {
  task: string;
  probability: number;
  delay: number | typeof NEVER;
  source: string;
}

export interface BuildoutScenario extends Common {
  kind: "buildout";
  tasks: BuildoutTask[];
  risks: BuildoutRisk[];
}

export type Scenario = RedundancyScenario | FleetScenario | BuildoutScenario;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** C0 and C1 control characters and the Unicode line and paragraph separators. */
function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** Printable text: control characters dropped, whitespace collapsed, at most `max` characters. */
export function cleanText(value: unknown, max: number): string {
  if (typeof value !== "string") return "";
  return [...value]
    .map((ch) => (isControl(ch) ? " " : ch))
    .join("")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);
}

/** Checks a scenario name typed by a user: non-empty, at most MAX_NAME characters. */
export function nameProblem(name: string): string | undefined {
  const clean = cleanText(name, MAX_NAME + 1);
  if (!clean) return "Give the scenario a name.";
  if (clean.length > MAX_NAME) return `A name has at most ${MAX_NAME} characters.`;
  return undefined;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const own = (x: Record<string, unknown>, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(x, key) ? x[key] : undefined;

function pick<T extends string>(value: unknown, choices: readonly T[], what: string, errors: string[]): T {
  if (typeof value === "string" && (choices as readonly string[]).includes(value)) return value as T;
  errors.push(`${what} must be one of ${choices.join(", ")}.`);
  return choices[0];
}

function numbers(raw: unknown, fields: readonly NumberField[], errors: string[]): Numbers {
  const source = isRecord(raw) ? raw : {};
  const out: Numbers = {};
  for (const spec of fields) {
    const value = own(source, spec.key);
    const problem = numberProblem(spec, value);
    if (problem) errors.push(problem);
    else out[spec.key] = value as number;
  }
  return out;
}

/**
 * Why BUILDOUT would refuse these tasks and risk events at `trials`: trials × (tasks + predecessor
 * links + risk events) over its work cap (each event draws once per trial).
 */
/**
 * A build-out's work units per Monte Carlo trial, as BUILDOUT counts them: tasks + distinct
 * predecessor links + risk events.
 */
export function buildoutUnits(list: readonly BuildoutTask[], risks: number): { links: number; units: number } {
  const linksOf = (t: BuildoutTask) =>
    new Set(
      t.predecessors
        .split(/[,;]/)
        .map((p) => p.trim())
        .filter((p) => p !== ""),
    ).size;
  const links = list.reduce((sum, t) => sum + linksOf(t), 0);
  return { links, units: list.length + links + risks };
}

function workProblem(list: BuildoutTask[], risks: number, trials: number): string | undefined {
  const { links, units } = buildoutUnits(list, risks);
  if (units === 0 || trials * units <= MAX_WORK) return undefined;
  const most = Math.floor(MAX_WORK / units).toLocaleString("en-US");
  if (risks === 0)
    return `Monte Carlo trials: ${list.length} tasks with ${links} predecessor links allow at most ${most} trials (trials × (tasks + links) ≤ ${MAX_WORK.toLocaleString("en-US")}).`;
  return `Monte Carlo trials: ${list.length} tasks with ${links} predecessor links and ${risks} risk events allow at most ${most} trials (trials × (tasks + links + risk events) ≤ ${MAX_WORK.toLocaleString("en-US")}).`;
}

function tasks(raw: unknown, errors: string[]): BuildoutTask[] {
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > MAX_TASKS) {
    errors.push(`A build-out has 1 to ${MAX_TASKS} tasks.`);
    return [];
  }
  const list = raw.map((t, i) => {
    const r = isRecord(t) ? t : {};
    const name = cleanText(own(r, "name"), MAX_TASK_TEXT);
    const row = `Task ${i + 1}`;
    const nameIssue = taskNameProblem(name);
    if (nameIssue) errors.push(`${row}: ${nameIssue}`);
    const [min, likely, max] = (["min", "likely", "max"] as const).map((k) => own(r, k));
    const mw = own(r, "mw");
    const durations = [min, likely, max].every(
      (x) => typeof x === "number" && Number.isFinite(x) && x >= 0 && x <= 600,
    );
    if (!durations) errors.push(`${row}: min, likely and max are months from 0 to 600.`);
    else if (!((min as number) <= (likely as number) && (likely as number) <= (max as number)))
      errors.push(`${row}: min ≤ likely ≤ max must hold.`);
    if (typeof mw !== "number" || !Number.isFinite(mw) || mw < 0 || mw > 100_000)
      errors.push(`${row}: MW online is a number from 0 to 100,000.`);
    return {
      name,
      predecessors: cleanText(own(r, "predecessors"), MAX_TASK_TEXT * 4),
      min: min as number,
      likely: likely as number,
      max: max as number,
      distribution: pick(own(r, "distribution"), DISTRIBUTIONS, `${row}'s distribution`, errors),
      mw: mw as number,
      group: cleanText(own(r, "group"), MAX_TASK_TEXT),
      source: cleanText(own(r, "source"), 400),
    };
  });
  const names = list.map((t) => t.name.toLowerCase());
  if (new Set(names).size !== names.length) errors.push("Task names must be different from each other.");
  const known = new Set(names);
  for (const t of list)
    for (const p of t.predecessors.split(",").map((s) => s.trim().toLowerCase()))
      if (p && !known.has(p)) errors.push(`${t.name || "A task"} waits for "${p}", which is not a task.`);
  return list;
}

/** Why a risk event cannot be one (BUILDOUT's risks argument would refuse it), or undefined. */
export function riskProblem(r: BuildoutRisk, taskNames: readonly string[]): string | undefined {
  const known = new Set(taskNames.map((n) => n.trim().toLowerCase()));
  if (!known.has(r.task.trim().toLowerCase()))
    return `the task must be one of the build-out's tasks (got "${r.task}").`;
  if (!(typeof r.probability === "number" && r.probability >= 0 && r.probability <= 1))
    return "the probability is a number from 0 to 1.";
  if (r.delay === NEVER) return undefined;
  if (!(typeof r.delay === "number" && r.delay >= 0 && r.delay <= MAX_RISK_DELAY))
    return `the delay is months from 0 to ${MAX_RISK_DELAY}, or "${NEVER}" for a task that may never finish.`;
  return undefined;
}

function risks(raw: unknown, list: BuildoutTask[], errors: string[]): BuildoutRisk[] {
  if (!Array.isArray(raw) || raw.length > MAX_RISKS) {
    errors.push(`A build-out has 0 to ${MAX_RISKS} risk events.`);
    return [];
  }
  const names = list.map((t) => t.name);
  return raw.map((x, i) => {
    const r = isRecord(x) ? x : {};
    const delay = own(r, "delay");
    const risk: BuildoutRisk = {
      task: cleanText(own(r, "task"), MAX_TASK_TEXT),
      probability: own(r, "probability") as number,
      delay: typeof delay === "string" ? (cleanText(delay, 10).toLowerCase() as typeof NEVER) : (delay as number),
      source: cleanText(own(r, "source"), 400),
    };
    const problem = riskProblem(risk, names);
    if (problem) errors.push(`Risk event ${i + 1}: ${problem}`);
    return risk;
  });
}

/** Why BUILDOUT would refuse `name` as a task name (blank, a separator, its summary row's name), or undefined. */
export function taskNameProblem(name: string): string | undefined {
  if (!name.trim()) return "a task needs a name.";
  if (/[,;]/.test(name)) return 'a task name may not contain "," or ";", which separate predecessors.';
  if (name.trim().toLowerCase() === PROJECT_ROW.toLowerCase())
    return `"${PROJECT_ROW}" names BUILDOUT's summary row; give the task another name.`;
  return undefined;
}

/** A scenario rebuilt from untrusted data, or the reasons it is not one. */
export function validateScenario(raw: unknown): Checked<Scenario> {
  const errors: string[] = [];
  if (!isRecord(raw)) return { ok: false, errors: ["A scenario must be an object."] };
  const id = own(raw, "id");
  if (typeof id !== "string" || !/^[a-z0-9]{1,16}$/.test(id))
    errors.push("id must be 1–16 lowercase letters or digits.");
  const problem = nameProblem(typeof own(raw, "name") === "string" ? (own(raw, "name") as string) : "");
  if (problem) errors.push(problem);
  const sheet = own(raw, "sheet");
  if (typeof sheet !== "string" || sheetNameProblem(sheet)) errors.push("sheet must be a valid worksheet name.");
  const extent = own(raw, "extent");
  if (typeof extent !== "string" || !/^[A-Z]{1,2}[1-9][0-9]{0,4}$/.test(extent)) errors.push("extent must be a cell.");
  const kind = pick<Kind>(own(raw, "kind"), ["redundancy", "fleet", "buildout"], "kind", errors);
  const common = {
    id: id as string,
    name: cleanText(own(raw, "name"), MAX_NAME),
    sheet: sheet as string,
    frozen: own(raw, "frozen") === true,
    extent: extent as string,
    values: numbers(own(raw, "values"), FIELDS[kind], errors),
  };
  let scenario: Scenario;
  if (kind === "redundancy") {
    const list = own(raw, "topologies");
    const topologies = Array.isArray(list) ? list.map((t) => pick(t, TOPOLOGIES, "Each topology", errors)) : [];
    if (
      topologies.length < 1 ||
      topologies.length > TOPOLOGIES.length ||
      new Set(topologies).size !== topologies.length
    )
      errors.push("Choose 1 or more different topologies.");
    else if (["modules_needed", "it_load_mw", "ups_module_mw"].every((k) => common.values[k] !== undefined)) {
      const problem = topologyProblem(topologies, modulesNeeded(common.values));
      if (problem) errors.push(problem);
    }
    const availabilityFrom = pick(
      own(raw, "availabilityFrom"),
      ["direct", "mtbf"] as const,
      "availabilityFrom",
      errors,
    );
    scenario = { ...common, kind, topologies, availabilityFrom };
  } else if (kind === "fleet") {
    const chip = pick(own(raw, "chip"), CHIP_NAMES, "The accelerator", errors);
    const sizing = pick(own(raw, "sizing"), ["count", "power"] as const, "sizing", errors);
    scenario = { ...common, kind, chip, sizing };
  } else {
    const list = tasks(own(raw, "tasks"), errors);
    const events = risks(own(raw, "risks"), list, errors);
    const problem =
      common.values.trials === undefined ? undefined : workProblem(list, events.length, common.values.trials);
    if (problem) errors.push(problem);
    scenario = { ...common, kind, tasks: list, risks: events };
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: scenario };
}

/** Tokens per facility MW-year, version 2's default value (NVIDIA's 180,000 tokens/s per MW, rounded). */
const V2_DEFAULT_VALUE = 5.676e12;

/**
 * A version 2 record in version 3's terms (still to be validated). Version 2 kept value as one
 * "value per facility MW-year" in the user's unit (tokens by default) and a redundancy scenario's
 * N as a number. Version 3 carries value in money (throughput × price per million tokens) and
 * derives N from the IT load and the module size. The old default value becomes the new sourced
 * throughput; another value is read as tokens per MW-year (tokens/s × seconds per year); the price
 * and the MFU behind the throughput take their sourced defaults. N becomes a load of N MW on 1 MW
 * modules, so N stays what it was.
 */
export function upgradeFrom2(record: Record<string, unknown>): Record<string, unknown> {
  const kind = record.kind;
  if ((kind !== "redundancy" && kind !== "fleet") || !isRecord(record.values)) return record;
  const { value_per_mw_year: old, ...values } = record.values;
  const throughput = field(kind, "tokens_per_s_per_mw");
  const tokens = old === V2_DEFAULT_VALUE ? throughput.default : Number(old) / SECONDS_PER_YEAR;
  values.tokens_per_s_per_mw = numberProblem(throughput, tokens) ? throughput.default : tokens;
  values.price_per_m_tokens = field(kind, "price_per_m_tokens").default;
  if (kind === "fleet") values.throughput_mfu = field(kind, "throughput_mfu").default;
  if (kind === "redundancy" && typeof values.modules_needed === "number") {
    values.it_load_mw = values.modules_needed;
    values.ups_module_mw = 1;
    values.modules_needed = 0;
  }
  return { ...record, values };
}

/** A version 3 record in version 4's terms: a build-out gains an empty list of risk events. */
export function upgradeFrom3(record: Record<string, unknown>): Record<string, unknown> {
  return record.kind === "buildout" ? { ...record, risks: [] } : record;
}

/** Why REDUNDANCY_COMPARE would refuse these topologies with N modules (e.g. "4+1" when N is 3). */
export function topologyProblem(topologies: string[], modulesNeeded: number): string | undefined {
  try {
    functions.REDUNDANCY_COMPARE([topologies], 1, 1, 1, modulesNeeded);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Why `name` cannot be an Excel worksheet name, or undefined. */
export function sheetNameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > 31) return "A sheet name has 1 to 31 characters.";
  if (/[[\]:*?/\\]/.test(name) || [...name].some(isControl) || name.startsWith("'") || name.endsWith("'"))
    return "A sheet name cannot contain [ ] : * ? / \\ or start or end with '.";
  if (name.toLowerCase() === "history") return "History is reserved by Excel.";
  return undefined;
}

/** A worksheet name made from a scenario name, different (ignoring case) from every name in `taken`. */
export function sheetNameFor(name: string, taken: readonly string[]): string {
  const base =
    cleanText(name, 200)
      .replace(/[[\]:*?/\\]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 25)
      .replace(/^[\s']+|[\s']+$/g, "") || "Scenario";
  const used = new Set(taken.map((t) => t.toLowerCase()));
  const safe = base.toLowerCase() === "history" ? "History scenario" : base;
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? safe : `${safe} (${i})`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
