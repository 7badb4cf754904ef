/**
 * The arithmetic of the workbench's charts, kept pure for tests: a value axis with "nice" ticks
 * (steps of 1, 2, 2.5 or 5 × 10^k, Heckbert's "Nice numbers for graph labels", Graphics Gems,
 * 1990, extended with 2.5 as Excel's axes use it), which category labels fit, and text cut to fit.
 */
import type { CellValue } from "../workbook/port";

export interface ValueScale {
  /** The axis runs from min to max, both ticks. */
  min: number;
  max: number;
  ticks: number[];
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/** The smallest nice step (1, 2, 2.5 or 5 × 10^k) at least `rough`. */
export function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = NICE_STEPS.find((s) => s * power >= rough * (1 - 1e-12)) ?? 10;
  return step * power;
}

/**
 * A value axis that shows every one of `values` (finite numbers), with zero on it as bar and
 * column charts need (unless `zero` is false: a scatter chart's x axis), and at most `maxTicks`
 * intervals between ticks at a nice step.
 */
export function valueScale(values: number[], maxTicks = 5, zero = true): ValueScale {
  let lo = values.length ? Math.min(...values, ...(zero ? [0] : [])) : 0;
  let hi = values.length ? Math.max(...values, ...(zero ? [0] : [])) : 0;
  if (lo === hi) hi = lo === 0 ? 1 : lo + Math.abs(lo); // one value (or nothing to draw): an axis up to twice it
  const step = niceStep((hi - lo) / maxTicks);
  lo = Math.floor(lo / step + 1e-9) * step;
  hi = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  // Each tick from its index, rounded to the step's precision, so 0.1 + 0.2 shows as 0.3.
  const count = Math.round((hi - lo) / step);
  for (let i = 0; i <= count; i++) ticks.push(Number((lo + i * step).toPrecision(12)));
  return { min: ticks[0], max: ticks[count], ticks };
}

/** Where the bars of one category sit in its band, as Excel places clustered bars and columns. */
export interface BarLayout {
  /** Thickness of one bar. */
  bar: number;
  /** Offset of series k's bar from the band's start. */
  offset(k: number): number;
}

/**
 * Excel's clustered layout: `gapWidth` is the gap between categories in percent of a bar (Excel's
 * 0–500), `overlap` how much neighbouring series' bars overlap in percent (−100–100; 100 draws
 * them on one line, a tornado's low and high). A band holds the bars and one gap, centred:
 * band = bar × (series − (series − 1) × overlap/100 + gapWidth/100).
 */
export function barLayout(series: number, band: number, gapWidth = 100, overlap = 0): BarLayout {
  const n = Math.max(series, 1);
  const step = 1 - overlap / 100;
  const bar = band / (1 + (n - 1) * step + gapWidth / 100);
  return { bar, offset: (k) => (bar * gapWidth) / 200 + k * bar * step };
}

/** A cell value as a chart point: a finite number, or null (a gap) for text, errors and blanks. */
export const pointOf = (v: CellValue | undefined): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;

/**
 * Every how many categories a label is shown so that labels `labelWidth` wide do not overlap in
 * bands `bandWidth` wide (1: every one).
 */
export function labelEvery(labelWidth: number, bandWidth: number): number {
  return Math.max(1, Math.ceil(labelWidth / Math.max(bandWidth, 1)));
}

/** `text` cut to `max` characters with an ellipsis. */
export const clip = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;

/**
 * `text` on at most `lines` lines of at most `max` characters, broken between words (after a
 * comma when there is one); the last line is cut with an ellipsis when the words do not fit.
 */
export function wrap(text: string, max: number, lines = 2): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest !== "" && out.length < lines - 1 && rest.length > max) {
    const comma = rest.lastIndexOf(", ", max - 1); // "2N FLEX, N = 4" breaks after its comma
    const cut = comma > 0 ? comma + 1 : rest.lastIndexOf(" ", max);
    if (cut <= 0) break;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut + 1).trimStart();
  }
  out.push(clip(rest, max));
  return out;
}

/** Approximate width in pixels of `text` at `fontSize` in the page's sans-serif font. */
export const textWidth = (text: string, fontSize: number): number => text.length * fontSize * 0.6;
