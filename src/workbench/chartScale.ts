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
 * A value axis whose tick labels (`show` of each tick, without the zeros they all share) do not
 * overlap along `length` pixels and say which value each tick is: the most intervals, up to
 * `maxTicks`, whose labels are each at most the distance between ticks long (`size` measures a
 * label along the axis: its width across, its height up) and whose format tells a tick from a
 * value a fifth of a step away (one decimal cannot show steps of 0.25: 1.25 would read "1.3").
 */
export function fittingScale(
  values: number[],
  length: number,
  show: (value: number) => string,
  size: (label: string) => number,
  zero = true,
  maxTicks = 5,
): { scale: ValueScale; labels: string[] } {
  let fits: { scale: ValueScale; labels: string[] } | undefined;
  for (let m = maxTicks; m >= 1; m--) {
    const scale = valueScale(values, m, zero);
    const labels = trimZeros(scale.ticks.map(show));
    const step = scale.ticks.length > 1 ? scale.ticks[1] - scale.ticks[0] : 0;
    if (Math.max(...labels.map(size)) > length / Math.max(1, scale.ticks.length - 1)) continue;
    fits ??= { scale, labels };
    if (scale.ticks.every((t) => show(t) !== show(t + step / 5) && show(t) !== show(t - step / 5)))
      return { scale, labels };
  }
  // Nothing both fits and resolves: the most ticks that fit, else the fewest there are.
  if (fits) return fits;
  const scale = valueScale(values, 1, zero);
  return { scale, labels: trimZeros(scale.ticks.map(show)) };
}

/**
 * Labels without the trailing zeros of decimals that all labels of one kind share (the same text
 * around the number: "$… M" and "$… B" are two kinds), so that an axis reads "0%, 10%, 20%"
 * rather than "0.00%, 10.00%, 20.00%", and "$800 M, $1.2 B" rather than "$800.0 M, $1.2 B",
 * while "2.5, 5.0" keeps its decimal. The first number with decimals in each label counts.
 */
export function trimZeros(labels: readonly string[]): string[] {
  const fraction = /(\d)\.(\d+)/;
  const kind = (label: string) => label.replace(/[-+\d.,]/g, "");
  const drop = new Map<string, number>();
  for (const label of labels) {
    const m = fraction.exec(label);
    if (!m) continue;
    const zeros = m[2].length - m[2].replace(/0+$/, "").length;
    drop.set(kind(label), Math.min(drop.get(kind(label)) ?? Infinity, zeros));
  }
  return labels.map((label) =>
    label.replace(fraction, (_, digit: string, decimals: string) => {
      const kept = decimals.slice(0, decimals.length - (drop.get(kind(label)) ?? 0));
      return kept ? `${digit}.${kept}` : digit;
    }),
  );
}

/**
 * Every how many categories a label is shown so that labels `labelWidth` wide do not overlap in
 * bands `bandWidth` wide: 1 (every one), else a round stride of 2, 5, 10, 20, 50… so that the
 * labels shown are round (months 0, 20, 40 rather than 0, 17, 34).
 */
export function labelEvery(labelWidth: number, bandWidth: number): number {
  const need = Math.max(1, Math.ceil(labelWidth / Math.max(bandWidth, 1) - 1e-9));
  const power = 10 ** Math.floor(Math.log10(need));
  return ([1, 2, 5, 10].find((s) => s * power >= need) ?? 10) * power;
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
