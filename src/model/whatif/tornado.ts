/**
 * One-at-a-time sensitivity: the tornado diagram and the spider plot (T. G. Eschenbach,
 * "Spiderplots versus tornado diagrams for sensitivity analysis", Interfaces 22(6), 1992, 40–46;
 * R. T. Clemen, Making Hard Decisions, 2nd ed. 1996, ch. 5). Each input in turn is moved over its
 * range while every other input keeps its base value, so a bar shows that input's effect alone:
 * interactions between inputs are not shown (assumption of the method), and a non-monotone f may
 * move more inside a range than between its ends (the spider shows the points in between). The
 * ranges are given, not derived: the scenario layer chooses sourced ranges or ±20 %.
 */
import { Fn, withInput } from "./fn";

/** The range an input is swung over (input values, not percentages). */
export interface Swing {
  low: number;
  high: number;
}

/** One input's bar: the output with that input at its low and at its high value. */
export interface TornadoBar {
  /** The input's position in `base` (and in `swings`). */
  index: number;
  low: number;
  high: number;
  atLow: number;
  atHigh: number;
  /** |atHigh − atLow|; NaN when either end has no value. */
  swing: number;
}

function checkSwings(base: readonly number[], swings: readonly Swing[]): void {
  if (swings.length !== base.length) {
    throw new Error(`one swing per input is needed: ${base.length} inputs, ${swings.length} swings`);
  }
}

/**
 * The tornado: for each input i, atLow = f(base with x_i = low_i) and atHigh = f(base with
 * x_i = high_i). Bars are sorted by swing = |atHigh − atLow|, widest first (ties keep input
 * order); bars with a NaN end come last, in input order. For a linear f = c + Σ a_i·x_i the bars
 * are exact: atLow − f(base) = a_i·(low_i − base_i).
 */
export function tornado(
  f: Fn,
  base: readonly number[],
  swings: readonly Swing[],
): { base: number; bars: TornadoBar[] } {
  checkSwings(base, swings);
  const bars = swings.map(({ low, high }, index) => {
    const atLow = f(withInput(base, index, low));
    const atHigh = f(withInput(base, index, high));
    return { index, low, high, atLow, atHigh, swing: Math.abs(atHigh - atLow) };
  });
  const rank = (bar: TornadoBar) => (Number.isNaN(bar.swing) ? -1 : bar.swing);
  bars.sort((a, b) => rank(b) - rank(a) || a.index - b.index);
  return { base: f(base.slice()), bars };
}

/**
 * The spider plot: for each input, `steps` values (odd, ≥ 3) from low through the base value to
 * high, evenly spaced on each side of the base (so the middle one is the base value exactly), and
 * the output at each with every other input at its base value. A linear f gives straight lines
 * of slope a_i.
 */
export function spider(
  f: Fn,
  base: readonly number[],
  swings: readonly Swing[],
  steps: number,
): { points: { index: number; inputs: number[]; values: number[] }[] } {
  checkSwings(base, swings);
  if (!Number.isInteger(steps) || steps < 3 || steps % 2 === 0) {
    throw new Error(`steps must be an odd whole number of at least 3; got ${steps}`);
  }
  const half = (steps - 1) / 2;
  const points = swings.map(({ low, high }, index) => {
    const b = base[index];
    const inputs = Array.from({ length: steps }, (_, j) =>
      j < half ? low + ((b - low) * j) / half : j === half ? b : b + ((high - b) * (j - half)) / half,
    );
    return { index, inputs, values: inputs.map((v) => f(withInput(base, index, v))) };
  });
  return { points };
}
