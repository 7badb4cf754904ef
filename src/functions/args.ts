/**
 * Argument readers shared by every function family. A reader takes what Excel (or a Node
 * caller) passed and returns a checked value, or throws `#VALUE!` whose message names the
 * argument, the accepted range and what it got. Readers are built once per parameter at module
 * load, so a call does no allocation on the happy path.
 */
import { numError, valueError } from "./errors";

/** What a numeric parameter accepts. Bounds are inclusive unless marked exclusive. */
export interface NumberRule {
  name: string;
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
}

export type Reader<T> = (value: unknown) => T;

/** Longest text an error message quotes from a received value. */
const QUOTED_TEXT = 24;

/**
 * A number as a message shows it: grouped digits with up to 6 decimals between 1e-6 and 1e15,
 * otherwise 7 significant digits in exponent form ("1e308", "-1.797693e308", "1e-7").
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const size = Math.abs(x);
  if (size === 0 || (size >= 1e-6 && size < 1e15)) return x.toLocaleString("en-US", { maximumFractionDigits: 6 });
  const [mantissa, exponent] = x.toPrecision(7).split("e");
  return `${mantissa.replace(/\.?0+$/, "")}e${Number(exponent)}`;
}

/** Text quoted in a message, cut to its first characters: a cell may hold 32,767 of them. */
const quoteText = (text: string): string => `"${text.length > QUOTED_TEXT ? text.slice(0, QUOTED_TEXT) + "…" : text}"`;

/** "a whole number from 1 to 10,000,000", "a number > 0", "a number in (0, 1]", ... */
export function describeRule(rule: NumberRule): string {
  const kind = rule.integer ? "a whole number" : "a number";
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) {
    if (rule.integer && !rule.minExclusive && !rule.maxExclusive)
      return `${kind} from ${formatNumber(min)} to ${formatNumber(max)}`;
    return `${kind} in ${rule.minExclusive ? "(" : "["}${formatNumber(min)}, ${formatNumber(max)}${rule.maxExclusive ? ")" : "]"}`;
  }
  if (min !== undefined) return `${kind} ${rule.minExclusive ? ">" : "≥"} ${formatNumber(min)}`;
  if (max !== undefined) return `${kind} ${rule.maxExclusive ? "<" : "≤"} ${formatNumber(max)}`;
  return kind;
}

/** A short, safe description of a received value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a range of cells";
  if (typeof value === "string") return `the text ${quoteText(value)}`;
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return `a value of type ${typeof value}`;
}

/**
 * Excel passes `null` for an omitted optional argument. A stale cached functions.json can also
 * pass the `Invocation` object into a newly appended optional slot: treat that as omitted too.
 */
export function isOmitted(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "object" && !Array.isArray(value));
}

function rejection(rule: NumberRule, value: unknown): Error {
  return valueError(`${rule.name} must be ${describeRule(rule)} (got ${describeValue(value)}).`);
}

/** The bounds of a rule as plain constants, for the hot path. */
interface Bounds {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
  integer: boolean;
}

function boundsOf(rule: NumberRule): Bounds {
  return {
    lo: rule.min ?? -Infinity,
    hi: rule.max ?? Infinity,
    loOpen: rule.minExclusive === true,
    hiOpen: rule.maxExclusive === true,
    integer: rule.integer === true,
  };
}

/** Whether `value` is a finite number within `b`. One monomorphic function that V8 inlines into every reader. */
function within(value: unknown, b: Bounds): value is number {
  return (
    typeof value === "number" &&
    value - value === 0 && // finite: NaN and ±Infinity fail
    (b.loOpen ? value > b.lo : value >= b.lo) &&
    (b.hiOpen ? value < b.hi : value <= b.hi) &&
    (!b.integer || Number.isInteger(value))
  );
}

/** A required number within `rule`. */
export function requiredNumber(rule: NumberRule): Reader<number> {
  const bounds = boundsOf(rule);
  return (value) => {
    if (within(value, bounds)) return value;
    throw rejection(rule, value);
  };
}

/** An optional number within `rule`; omitted gives `fallback`. */
export function optionalNumber<F extends number | undefined>(rule: NumberRule, fallback: F): Reader<number | F> {
  const bounds = boundsOf(rule);
  return (value) => {
    if (within(value, bounds)) return value;
    if (isOmitted(value)) return fallback;
    throw rejection(rule, value);
  };
}

/** An optional choice among `choices`, case and surrounding spaces ignored; omitted gives `fallback`. */
export function optionalChoice<T extends string>(name: string, choices: readonly T[], fallback: T): Reader<T> {
  const accepted = choices.map((c) => `"${c}"`).join(", ");
  const exact = new Set<string>(choices);
  return (value) => {
    if (isOmitted(value) || value === "") return fallback;
    if (typeof value === "string") {
      if (exact.has(value)) return value as T;
      const key = value.trim().toLowerCase();
      const match = choices.find((c) => c === key);
      if (match) return match;
    }
    throw valueError(`${name} must be one of ${accepted} (got ${describeValue(value)}).`);
  };
}

/** Returns `x` when it is a finite number; otherwise `#NUM!` saying what could not be computed. */
export function finite(x: number, what: string): number {
  if (Number.isFinite(x)) return x;
  throw numError(`${what} has no finite value for these inputs.`);
}

/** A required choice among `choices`, case and surrounding spaces ignored. */
export function requiredChoice<T extends string>(name: string, choices: readonly T[]): Reader<T> {
  const optional = optionalChoice<T | "">(name, choices, "");
  return (value) => {
    const choice = optional(value);
    if (choice === "") throw valueError(`${name} is required: one of ${choices.map((c) => `"${c}"`).join(", ")}.`);
    return choice;
  };
}

/** An optional TRUE/FALSE (Excel booleans, or 1/0); omitted gives `fallback`. */
export function optionalBoolean(name: string, fallback: boolean): Reader<boolean> {
  return (value) => {
    if (isOmitted(value)) return fallback;
    if (typeof value === "boolean") return value;
    if (value === 1 || value === 0) return value === 1;
    throw valueError(`${name} must be TRUE or FALSE (got ${describeValue(value)}).`);
  };
}

/** A range argument (a 2-D array of cells); anything else is rejected naming `what` it holds. */
export function requiredRange(name: string, what: string): Reader<unknown[][]> {
  return (value) => {
    if (Array.isArray(value) && value.length > 0 && value.every(Array.isArray)) return value as unknown[][];
    throw valueError(`${name} must be a range of ${what} (got ${describeValue(value)}).`);
  };
}

/**
 * An optional list of numbers within `rule`: one number, or a range whose blank cells are
 * skipped, at most `maxCount` values; omitted gives `fallback`.
 */
export function optionalNumberList(
  rule: NumberRule,
  fallback: readonly number[],
  maxCount: number,
): Reader<readonly number[]> {
  const one = requiredNumber(rule);
  const accepted = `${describeRule(rule)}, or a range of 1 to ${maxCount} such numbers`;
  return (value) => {
    if (isOmitted(value)) return fallback;
    const cells = Array.isArray(value) ? value.flat() : [value];
    const list = cells.filter((c) => c !== null && c !== undefined && c !== "");
    if (list.length === 0 || list.length > maxCount) {
      throw valueError(`${rule.name} must be ${accepted} (got ${list.length} values).`);
    }
    return list.map(one);
  };
}
