/**
 * The model as the what-if algorithms see it: one output as a function of a vector of inputs.
 * Every algorithm here works on such a function, so it runs the same over any scenario's plan.
 */

/** The output at inputs x; NaN when the output has no value there (an error in the model). */
export type Fn = (x: readonly number[]) => number;

/** A copy of `base` with input `index` set to `value`. */
export function withInput(base: readonly number[], index: number, value: number): number[] {
  const x = base.slice();
  x[index] = value;
  return x;
}

/** The index is a position in `base`; throws naming `what` otherwise. */
export function checkIndex(base: readonly number[], index: number, what: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= base.length) {
    throw new Error(`${what} must be an input position from 0 to ${base.length - 1}; got ${index}`);
  }
}
