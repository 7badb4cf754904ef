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

const format = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 6 });

/** "a whole number from 1 to 10,000,000", "a number > 0", "a number in (0, 1]", ... */
export function describeRule(rule: NumberRule): string {
  const kind = rule.integer ? "a whole number" : "a number";
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) {
    if (rule.integer && !rule.minExclusive && !rule.maxExclusive)
      return `${kind} from ${format(min)} to ${format(max)}`;
    return `${kind} in ${rule.minExclusive ? "(" : "["}${format(min)}, ${format(max)}${rule.maxExclusive ? ")" : "]"}`;
  }
  if (min !== undefined) return `${kind} ${rule.minExclusive ? ">" : "≥"} ${format(min)}`;
  if (max !== undefined) return `${kind} ${rule.maxExclusive ? "<" : "≤"} ${format(max)}`;
  return kind;
}

/** A short, safe description of a received value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a range of cells";
  if (typeof value === "string") return `the text "${value.length > 24 ? value.slice(0, 24) + "…" : value}"`;
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : format(value);
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

/** A required number within `rule`. The bounds are captured as constants: this is the hot path. */
export function requiredNumber(rule: NumberRule): Reader<number> {
  const lo = rule.min ?? -Infinity;
  const hi = rule.max ?? Infinity;
  const loOpen = rule.minExclusive === true;
  const hiOpen = rule.maxExclusive === true;
  const integer = rule.integer === true;
  return (value) => {
    if (
      typeof value === "number" &&
      value - value === 0 && // finite: NaN and ±Infinity fail
      (loOpen ? value > lo : value >= lo) &&
      (hiOpen ? value < hi : value <= hi) &&
      (!integer || Number.isInteger(value))
    ) {
      return value;
    }
    throw rejection(rule, value);
  };
}

/** An optional number within `rule`; omitted gives `fallback`. */
export function optionalNumber<F extends number | undefined>(rule: NumberRule, fallback: F): Reader<number | F> {
  const required = requiredNumber(rule);
  return (value) => (isOmitted(value) ? fallback : required(value));
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
