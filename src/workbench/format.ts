/**
 * Excel number formats, shown and typed, as the workbench's grid needs them.
 *
 * Showing (`formatValue`): Excel's custom format codes ("Number format codes", Microsoft support):
 * up to four sections `positive;negative;zero;text`, or sections with conditions such as
 * `[>=1e9]$#,##0.0,,," B";[>=1e6]$#,##0.0,," M";$#,##0`; digit placeholders `0 # ?`; a decimal
 * point; a comma between digit placeholders groups thousands, commas after the last one divide by
 * 1,000 each; `%` multiplies by 100; `E+00` scientific notation; quoted text, `\x` and other literal
 * characters; `_x` leaves a space; `@` is the text; `General`. Colours (`[Red]`) and `*x` fills are
 * not drawn. Dates, times and fractions are not supported: such a format shows the value as General.
 *
 * Typing (`readInput`): what Excel makes of text typed into a cell (see its doc comment).
 */
import type { CellValue } from "../workbook/port";

/** Excel's General format as a cell of standard width shows it: up to 11 characters, else scientific. */
export function general(v: number): string {
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e11) return String(v);
  if (a >= 1e11 || a < 1e-9) {
    const [m, e] = v.toExponential(5).split("e");
    const exp = Number(e);
    return `${m.replace(/\.?0+$/, "")}E${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  // As many decimals as fit in 11 characters with the sign, the integer digits and the point.
  const intDigits = Math.max(1, Math.floor(Math.log10(a)) + 1);
  const rounded = fixed(a, Math.max(0, 10 - intDigits - (v < 0 ? 1 : 0)));
  const text = rounded.includes(".") ? rounded.replace(/\.?0+$/, "") : rounded;
  return text === "0" ? "0" : `${v < 0 ? "-" : ""}${text}`;
}

const formatters = new Map<number, Intl.NumberFormat>();
/** `x` (≥ 0) with exactly `decimals` decimals, rounded half away from zero as Excel rounds, every digit written. */
function fixed(x: number, decimals: number): string {
  const d = Math.min(decimals, 20);
  let f = formatters.get(d);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { useGrouping: false, minimumFractionDigits: d, maximumFractionDigits: d });
    formatters.set(d, f);
  }
  return f.format(x);
}

type Token =
  | { kind: "literal"; text: string }
  | { kind: "digit"; ch: "0" | "#" | "?"; part: "int" | "frac" | "exp" }
  | { kind: "point" }
  | { kind: "exp"; sign: boolean }
  | { kind: "text" }
  | { kind: "general" };

/** One section of a format: its tokens, its condition if any, and what it does to the number. */
interface Section {
  tokens: Token[];
  condition?: { op: string; value: number };
  percent: number;
  /** Thousands-scaling commas (each divides by 1,000). */
  scale: number;
  grouping: boolean;
}

const CONDITION = /^\[(<=|>=|<>|<|>|=)\s*(-?[0-9.]+(?:e[+-]?[0-9]+)?)\]/i;

/** Splits a format code on the semicolons that are not inside quotes, brackets or after a backslash. */
function splitSections(code: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === "\\" || ch === "_" || ch === "*") i++;
    else if (ch === '"') i = code.indexOf('"', i + 1) < 0 ? code.length : code.indexOf('"', i + 1);
    else if (ch === "[") i = code.indexOf("]", i + 1) < 0 ? code.length : code.indexOf("]", i + 1);
    else if (ch === ";") {
      out.push(code.slice(start, i));
      start = i + 1;
    }
  }
  out.push(code.slice(start));
  return out;
}

function parseSection(code: string): Section {
  const tokens: Token[] = [];
  const section: Section = { tokens, percent: 0, scale: 0, grouping: false };
  let part: "int" | "frac" | "exp" = "int";
  let pendingCommas = 0;
  const literal = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === "literal") last.text += text;
    else tokens.push({ kind: "literal", text });
  };
  /** Commas seen after a digit placeholder: grouping when another placeholder follows, else scaling. */
  const settleCommas = (beforeDigit: boolean) => {
    if (pendingCommas && beforeDigit && part === "int") section.grouping = true;
    else section.scale += pendingCommas;
    pendingCommas = 0;
  };
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    const rest = code.slice(i);
    if (ch === "[") {
      const end = code.indexOf("]", i);
      const inside = code.slice(i + 1, end < 0 ? code.length : end);
      const condition = CONDITION.exec(rest);
      if (condition) section.condition = { op: condition[1], value: Number(condition[2]) };
      else if (inside.startsWith("$")) literal(inside.slice(1).split("-")[0]); // [$€-407]: the symbol
      i = end < 0 ? code.length : end;
      continue;
    }
    if (/^general/i.test(rest)) {
      settleCommas(false);
      tokens.push({ kind: "general" });
      i += 6;
      continue;
    }
    if (ch === "0" || ch === "#" || ch === "?") {
      settleCommas(true);
      tokens.push({ kind: "digit", ch, part });
      continue;
    }
    if (ch === "," && tokens.some((t) => t.kind === "digit")) {
      pendingCommas++;
      continue;
    }
    settleCommas(false);
    if (ch === "." && part === "int") {
      tokens.push({ kind: "point" });
      part = "frac";
    } else if ((ch === "E" || ch === "e") && (code[i + 1] === "+" || code[i + 1] === "-")) {
      tokens.push({ kind: "exp", sign: code[i + 1] === "+" });
      part = "exp";
      i++;
    } else if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      literal(code.slice(i + 1, end < 0 ? code.length : end));
      i = end < 0 ? code.length : end;
    } else if (ch === "\\") {
      literal(code[i + 1] ?? "");
      i++;
    } else if (ch === "_") {
      literal(" ");
      i++;
    } else if (ch === "*") i++;
    else if (ch === "@") tokens.push({ kind: "text" });
    else {
      if (ch === "%") section.percent++;
      literal(ch);
    }
  }
  settleCommas(false);
  return section;
}

const sectionCache = new Map<string, Section[]>();
function sectionsOf(code: string): Section[] {
  let s = sectionCache.get(code);
  if (!s) {
    s = splitSections(code).map(parseSection);
    if (sectionCache.size > 1000) sectionCache.clear();
    sectionCache.set(code, s);
  }
  return s;
}

const holds = (c: NonNullable<Section["condition"]>, v: number) =>
  ({
    "<": v < c.value,
    "<=": v <= c.value,
    ">": v > c.value,
    ">=": v >= c.value,
    "=": v === c.value,
    "<>": v !== c.value,
  })[c.op];

const GENERAL: Section = { tokens: [{ kind: "general" }], percent: 0, scale: 0, grouping: false };

/** Excel's choice of section for a number, and whether the section shows the magnitude only (its own sign). */
function pick(sections: Section[], v: number): { section: Section; magnitude: boolean } {
  const numeric = sections.slice(0, 3).filter((s) => !s.tokens.some((t) => t.kind === "text"));
  if (!numeric.length) return { section: GENERAL, magnitude: false };
  if (numeric.some((s) => s.condition)) {
    // Conditional sections: the first whose condition holds, else the first without a condition.
    const hit = numeric.find((s) => s.condition && holds(s.condition, v)) ?? numeric.find((s) => !s.condition);
    if (!hit) return { section: GENERAL, magnitude: false };
    // A section chosen for negatives by its own condition writes its own sign, as the negative section does.
    const negativeOnly = !!hit.condition && ["<", "<="].includes(hit.condition.op) && hit.condition.value <= 0;
    return { section: hit, magnitude: negativeOnly };
  }
  if (v < 0 && numeric.length >= 2) return { section: numeric[1], magnitude: true };
  if (v === 0 && numeric.length >= 3) return { section: numeric[2], magnitude: true };
  return { section: numeric[0], magnitude: false };
}

/** Groups an integer's digits in threes with commas. */
const group = (digits: string) => digits.replace(/\B(?=([0-9]{3})+(?![0-9]))/g, ",");

/** Writes |v| (already scaled) into the section's placeholders. */
function placeDigits(section: Section, x: number): string {
  const digits = section.tokens.filter((t): t is Extract<Token, { kind: "digit" }> => t.kind === "digit");
  const int = digits.filter((d) => d.part === "int");
  const frac = digits.filter((d) => d.part === "frac");
  const expDigits = digits.filter((d) => d.part === "exp");
  const hasExp = section.tokens.some((t) => t.kind === "exp");

  let exponent = 0;
  if (hasExp && x !== 0) {
    exponent = Math.floor(Math.log10(x));
    // "##0.0E+0": the exponent is a multiple of the integer placeholders (engineering notation).
    const step = int.length > 1 && int[0].ch === "#" ? int.length : 1;
    exponent = step > 1 ? Math.floor(exponent / step) * step : exponent - Math.max(int.length - 1, 0);
    x = x / 10 ** exponent;
    if (Number(fixed(x, frac.length)) >= 10 ** Math.max(int.length, 1) && step === 1) {
      exponent++;
      x /= 10;
    }
  }
  const [intDigits, fracDigits = ""] = fixed(x, frac.length).split(".");
  // The integer part: at least as many digits as there are 0 placeholders, ? placeholders pad with spaces.
  let intText = intDigits === "0" ? "" : intDigits;
  const zeros = int.filter((d) => d.ch === "0").length;
  const spaces = int.filter((d) => d.ch === "?").length;
  intText = intText.padStart(zeros, "0");
  if (section.grouping) intText = group(intText);
  intText = intText.padStart(zeros + spaces, " ");
  // The fraction: trailing zeros dropped where the placeholder is # (a space where it is ?).
  const fracChars = [...fracDigits];
  for (let i = frac.length - 1; i >= 0 && fracChars[i] === "0" && frac[i].ch !== "0"; i--)
    fracChars[i] = frac[i].ch === "?" ? " " : "";
  const expText = String(Math.abs(exponent)).padStart(expDigits.filter((d) => d.ch === "0").length, "0");

  let out = "";
  let intDone = false;
  let expDone = false;
  let fracIndex = 0;
  for (const t of section.tokens) {
    if (t.kind === "literal") out += t.text;
    else if (t.kind === "point") out += ".";
    else if (t.kind === "exp") out += `E${exponent < 0 ? "-" : t.sign ? "+" : ""}`;
    else if (t.kind === "digit" && t.part === "int" && !intDone) {
      out += intText;
      intDone = true;
    } else if (t.kind === "digit" && t.part === "frac") out += fracChars[fracIndex++] ?? "";
    else if (t.kind === "digit" && t.part === "exp" && !expDone) {
      out += expText;
      expDone = true;
    }
  }
  return out;
}

function formatNumber(v: number, code: string): string {
  const { section, magnitude } = pick(sectionsOf(code), v);
  if (section.tokens.some((t) => t.kind === "general")) {
    const shown = general(magnitude ? Math.abs(v) : v);
    return section.tokens.map((t) => (t.kind === "general" ? shown : t.kind === "literal" ? t.text : "")).join("");
  }
  if (!section.tokens.some((t) => t.kind === "digit")) {
    return section.tokens.map((t) => (t.kind === "literal" ? t.text : "")).join("");
  }
  const x = (Math.abs(v) * 100 ** section.percent) / 1000 ** section.scale;
  const body = placeDigits(section, x);
  // A negative number keeps its minus sign unless its section writes its own; one shown as zero has none.
  const decimals = section.tokens.filter((t) => t.kind === "digit" && t.part === "frac").length;
  const shownAsZero = !section.tokens.some((t) => t.kind === "exp") && Number(fixed(x, decimals)) === 0;
  return v < 0 && !magnitude && !shownAsZero ? `-${body}` : body;
}

/** Whether a format can be shown by this module (else the value shows as General). */
const SUPPORTED = (code: string) =>
  !/^(?:[^"\\[]|"[^"]*"|\\.|\[[^\]]*\])*?[dmyhs/]/i.test(code.replace(/general/gi, ""));

/** A cell's value as Excel shows it with its number format (none, or "General", shows it as General). */
export function formatValue(v: CellValue, format?: string): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") {
    const sections = format ? sectionsOf(format) : [];
    const text = sections[3] ?? sections.find((s) => s.tokens.some((t) => t.kind === "text"));
    return text ? text.tokens.map((t) => (t.kind === "text" ? v : t.kind === "literal" ? t.text : "")).join("") : v;
  }
  if (!Number.isFinite(v)) return "#NUM!";
  if (!format || /^general$/i.test(format) || !SUPPORTED(format)) return general(v);
  return formatNumber(v, format);
}

/** Whether a format shows its numbers as percentages (its first section has a % outside quotes). */
export const isPercentFormat = (format?: string): boolean => !!format && sectionsOf(format)[0].percent > 0;

/** What a typed entry becomes: the value stored, and the number format Excel gives a cell that had none. */
export interface Entry {
  value: CellValue;
  format?: string;
}

const NUMBER = /^([+-]?)(\$?)([+-]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(\.[0-9]*)?(?:e([+-]?[0-9]+))?(%?)$/i;

/**
 * What Excel makes of text typed into a cell whose number format is `format`:
 * - `=…` is a formula; a leading apostrophe makes the rest text ('123 stays the text "123");
 * - TRUE and FALSE (any case) are booleans;
 * - numbers: digits with an optional point, exponent (1.5E3) and sign; thousands commas only in
 *   groups of three (1,200; 12,00 stays text); a leading $ (before or after the sign); a trailing %
 *   (divided by 100); parentheses for a negative, "(1,200)";
 * - a number typed with $, % or thousands commas into a cell without a format gives the cell the
 *   format Excel gives it ($#,##0 or $#,##0.00; 0% or 0.00%; #,##0 or #,##0.00);
 * - a cell already formatted as a percentage takes a plain number as current Excel's automatic percent
 *   entry does (Microsoft support, "Format numbers as percentages": "typing 10 or 0.1 both result in
 *   10.00%"): a number of 1 or more is divided by 100, a smaller one is already the fraction. (Excel
 *   2000's KB 215203 read 0.1 as 0.1%; no one typing 0.9 into a utilization cell means 0.9%.)
 * - anything else, "$1.2M", "12 MW" or a date included, is text, as Excel keeps it.
 */
export function readInput(text: string, format?: string): Entry {
  if (text.startsWith("=") && text.length > 1) return { value: text };
  if (text.startsWith("'")) return { value: text.slice(1) === "" ? null : text.slice(1) };
  const t = text.trim();
  if (t === "") return { value: null };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true" };
  const negated = /^\((.*)\)$/.exec(t);
  const m = NUMBER.exec(negated ? negated[1].trim() : t);
  if (!m || !/[0-9]/.test(m[4] + (m[5] ?? "")) || (m[1] && m[3]) || (negated && (m[1] || m[3]))) return { value: text };
  const [, sign1, dollar, sign2, intPart, fraction = "", exp, percent] = m;
  const negative = !!negated || sign1 === "-" || sign2 === "-";
  let n = Number(`${intPart.replace(/,/g, "") || "0"}${fraction === "." ? "" : fraction}${exp ? `e${exp}` : ""}`);
  if (!Number.isFinite(n)) return { value: text };
  if (percent) n /= 100;
  else if (isPercentFormat(format) && !dollar && n >= 1) n /= 100;
  const value = negative ? -n : n;
  const blankFormat = !format || /^general$/i.test(format);
  if (!blankFormat) return { value };
  const decimals = fraction.length > 1 ? ".00" : "";
  if (percent) return { value, format: `0${decimals}%` };
  if (dollar) return { value, format: `$#,##0${decimals}` };
  if (intPart.includes(",")) return { value, format: `#,##0${decimals}` };
  return { value };
}
