/**
 * Goal seek: the input value at which an output reaches a target, like Excel's What-If Analysis >
 * Goal Seek but bracketed first, so it either returns a crossing inside the input's accepted
 * range or says in words why there is none.
 *
 * 1. Bracketing. The range is cut into GOAL_SEEK_GRID equal steps; the grid points and `start`
 *    are evaluated in order of distance from `start` (of two equally far, the lower first) until
 *    two neighbouring points on the same side of `start` give g − target of opposite signs (or
 *    one gives the target exactly). Points where g has no value (NaN, ±Infinity) are skipped,
 *    and no bracket is formed across them (the output may not be continuous there). So with
 *    several crossings, the one nearest `start` on that grid is found.
 * 2. Refinement. Brent's method (R. P. Brent, Algorithms for Minimization without Derivatives,
 *    1973, ch. 4, procedure zero: inverse quadratic interpolation and secant steps safeguarded by
 *    bisection) narrows the bracket until |g − target| ≤ tolerance. If it meets a point without a
 *    value, the valid part of the bracket is rescanned on a finer grid and the search resumes.
 *    Integer inputs are only ever evaluated at whole numbers and are refined by bisection.
 *
 * Assumptions: g is deterministic (a seeded simulation is: the same input gives the same value);
 * g is continuous between neighbouring grid points (a jump across the target is reported as
 * such, not as a solution); a crossing between two grid points that returns to the same side
 * before the next point (two crossings within one grid step) is not seen.
 */

export interface GoalSeekOptions {
  /** The input's accepted range. */
  low: number;
  high: number;
  /** The input must be above `low` (not equal to it). */
  lowExclusive?: boolean;
  /** The input takes whole numbers only. */
  integer?: boolean;
  /** How close to the target the output must come; default DEFAULT_RELATIVE_TOLERANCE × the target's scale. */
  tolerance?: number;
  /** Most evaluations of g; default DEFAULT_MAX_EVALUATIONS. */
  maxEvaluations?: number;
}

export type GoalSeekResult =
  | { found: true; x: number; value: number; evaluations: number }
  | { found: false; reason: string; closest?: { x: number; value: number }; evaluations: number };

/** Grid steps over [low, high] for bracketing. */
export const GOAL_SEEK_GRID = 100;
export const DEFAULT_MAX_EVALUATIONS = 300;
/**
 * The default tolerance is this times the target's scale: |target|, or for a target of 0 the
 * larger |g| at the ends of the first bracket.
 */
export const DEFAULT_RELATIVE_TOLERANCE = 1e-9;
/** With lowExclusive, the search starts this fraction of the range above `low`. */
export const EXCLUSIVE_OFFSET = 1e-6;
/**
 * When the bracket has shrunk to adjacent doubles and |g − target| is still above the tolerance,
 * the crossing counts as found if |g − target| ≤ this × the scale (rounding in the model), and
 * as a jump otherwise.
 */
const JUMP_RELATIVE = 1e-6;
/** Points of the finer scan of a bracket in which Brent's method met a point without a value. */
const RESCAN_STEPS = 16;
const EPS = 2 ** -52;

interface Point {
  x: number;
  /** g(x) − target, NaN without a value. */
  h: number;
}

class OutOfEvaluations extends Error {}

/** Counts evaluations and remembers what the search has seen, for the answer and the messages. */
class Search {
  evaluations = 0;
  missing = 0;
  lowest = Infinity;
  highest = -Infinity;
  closest: { x: number; value: number } | undefined;
  private readonly values = new Map<number, number>();

  constructor(
    private readonly g: (x: number) => number,
    private readonly target: number,
    private readonly maxEvaluations: number,
  ) {}

  at(x: number): Point {
    if (this.evaluations >= this.maxEvaluations) throw new OutOfEvaluations();
    this.evaluations++;
    const value = this.g(x);
    if (!Number.isFinite(value)) {
      this.missing++;
      return { x, h: NaN };
    }
    this.values.set(x, value);
    if (value < this.lowest) this.lowest = value;
    if (value > this.highest) this.highest = value;
    const h = value - this.target;
    if (!this.closest || closer(value, this.closest.value, this.target)) this.closest = { x, value };
    return { x, h };
  }

  found(x: number): GoalSeekResult {
    return { found: true, x, value: this.values.get(x) as number, evaluations: this.evaluations };
  }

  notFound(reason: string): GoalSeekResult {
    return { found: false, reason, closest: this.closest, evaluations: this.evaluations };
  }
}

/**
 * Whether v is nearer the target t than w. Far from the values (t = 1e30, values near 1e9) v − t
 * and w − t round to the same double; then, on one side of t, the value nearer t is the closer.
 */
function closer(v: number, w: number, t: number): boolean {
  const [dv, dw] = [Math.abs(v - t), Math.abs(w - t)];
  if (dv !== dw) return dv < dw;
  return v < t === w < t && (v < t ? v > w : v < w);
}

/** A number for messages: 6 significant digits. */
const show = (v: number) => String(Number(v.toPrecision(6)));
const opposite = (p: Point, q: Point) => p.h > 0 !== q.h > 0;

/**
 * The input x in [low, high] (above low when lowExclusive) at which g(x) = target, the one nearest
 * `start`. For an integer input the answer is the smallest whole number at or above the crossing
 * (the upper of the two whole numbers between which g passes the target), so for an output that
 * rises with the input it is the least value that reaches the target; `value` is g there.
 */
export function goalSeek(
  g: (x: number) => number,
  target: number,
  start: number,
  options: GoalSeekOptions,
): GoalSeekResult {
  const { low, high, lowExclusive = false, integer = false } = options;
  const maxEvaluations = options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  const refuse = (reason: string): GoalSeekResult => ({ found: false, reason, evaluations: 0 });
  if (!Number.isFinite(target)) return refuse(`the target must be a finite number; got ${target}`);
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
    return refuse(`the search range needs finite low < high; got ${low} to ${high}`);
  }
  if (options.tolerance !== undefined && !(options.tolerance >= 0)) {
    return refuse(`the tolerance must be 0 or more; got ${options.tolerance}`);
  }
  if (!(Number.isInteger(maxEvaluations) && maxEvaluations >= 2)) {
    return refuse(`maxEvaluations must be a whole number of at least 2; got ${maxEvaluations}`);
  }
  const lo = integer
    ? lowExclusive
      ? Math.floor(low) + 1
      : Math.ceil(low)
    : lowExclusive
      ? low + EXCLUSIVE_OFFSET * (high - low)
      : low;
  const hi = integer ? Math.floor(high) : high;
  const range = integer
    ? `the whole numbers from ${show(lo)} to ${show(hi)}`
    : `${lowExclusive ? "(" : "["}${show(low)}, ${show(high)}]`;
  if (lo > hi) return refuse(`there is no whole number in ${lowExclusive ? "(" : "["}${show(low)}, ${show(high)}]`);

  const search = new Search(g, target, maxEvaluations);
  try {
    const first = bracket(search, lo, hi, start, integer);
    if ("x" in first) return search.found(first.x);
    if (!first.pair) {
      if (search.missing === search.evaluations) {
        return search.notFound(`the output has no value anywhere in ${range} (${search.evaluations} points tried)`);
      }
      const gaps =
        search.missing > 0 ? `, and has no value at ${search.missing} of the ${search.evaluations} points tried` : "";
      const closest = search.closest as { x: number; value: number };
      return search.notFound(
        `no input value in ${range} gives ${show(target)}: there the output runs from ${show(search.lowest)} to ` +
          `${show(search.highest)}${gaps}; the closest is ${show(closest.value)} at ${show(closest.x)}`,
      );
    }
    const [p, q] = first.pair;
    const scale = target !== 0 ? Math.abs(target) : Math.max(Math.abs(p.h), Math.abs(q.h));
    const yTol = options.tolerance ?? DEFAULT_RELATIVE_TOLERANCE * scale;
    const end = integer ? bisectIntegers(search, p, q) : refine(search, p, q, yTol, EPS * (hi - lo));
    if (end.kind === "root") {
      if (integer || Math.abs(end.at.h) <= Math.max(yTol, JUMP_RELATIVE * scale)) return search.found(end.at.x);
      const [a, b] = [end.at, end.other].sort((u, v) => u.x - v.x);
      return search.notFound(
        `the output jumps past ${show(target)} at the input ≈ ${show(end.at.x)} (from ${show(a.h + target)} to ` +
          `${show(b.h + target)}) without taking that value`,
      );
    }
    const [from, to] = [end.a.x, end.b.x].sort((u, v) => u - v);
    return search.notFound(
      `the output crosses ${show(target)} between the inputs ${show(from)} and ${show(to)}, ` +
        `but has no value at some inputs in between`,
    );
  } catch (e) {
    if (!(e instanceof OutOfEvaluations)) throw e;
    return search.notFound(`stopped after ${maxEvaluations} evaluations without reaching ${show(target)}`);
  }
}

/** The bracketing scan: an exact hit, two neighbouring valid points of opposite sign, or neither. */
function bracket(
  search: Search,
  lo: number,
  hi: number,
  start: number,
  integer: boolean,
): { x: number } | { pair: [Point, Point] | undefined } {
  let s = Number.isNaN(start) ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, start));
  if (integer) s = Math.min(hi, Math.max(lo, Math.round(s)));
  const grid = new Set<number>();
  for (let i = 0; i <= GOAL_SEEK_GRID; i++) {
    const x = lo + ((hi - lo) * i) / GOAL_SEEK_GRID;
    grid.add(integer ? Math.round(x) : x);
  }
  grid.delete(s);
  const order = [...grid].sort((a, b) => Math.abs(a - s) - Math.abs(b - s) || a - b);
  const first = search.at(s);
  if (first.h === 0) return { x: s };
  const valid = Number.isNaN(first.h) ? undefined : first;
  const last: { below?: Point; above?: Point } = { below: valid, above: valid };
  for (const x of order) {
    const p = search.at(x);
    if (p.h === 0) return { x };
    const side = x < s ? "below" : "above";
    const previous = last[side];
    if (Number.isNaN(p.h)) {
      last[side] = undefined;
      continue;
    }
    if (previous && opposite(previous, p)) return { pair: x < s ? [p, previous] : [previous, p] };
    last[side] = p;
  }
  return { pair: undefined };
}

/** How a refinement ends: at a point (and the last point on the other side of the crossing), or at a gap. */
type Ending = { kind: "root"; at: Point; other: Point } | { kind: "hole"; a: Point; b: Point };

/** Brent's method from the bracket (p, q), rescanning any part of it where g has no value. */
function refine(search: Search, p: Point, q: Point, yTol: number, xTol: number): Ending {
  for (;;) {
    const end = zero(search, p, q, yTol, xTol);
    if (end.kind === "root") return end;
    const inner = rescan(search, end.a, end.b, false);
    if (!inner) return end;
    if ("x" in inner) return { kind: "root", at: inner, other: inner };
    [p, q] = inner;
  }
}

/**
 * Brent's procedure zero (1973, ch. 4, as in Netlib's zeroin), stopping also when
 * |g − target| ≤ yTol. `b` is the best point, [b, c] the bracket.
 */
function zero(search: Search, p: Point, q: Point, yTol: number, xTol: number): Ending {
  let a = p.x;
  let fa = p.h;
  let b = q.x;
  let fb = q.h;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (;;) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * EPS * Math.abs(b) + 0.5 * xTol;
    const m = 0.5 * (c - b);
    if (fb === 0 || Math.abs(fb) <= yTol || Math.abs(m) <= tol) {
      return { kind: "root", at: { x: b, h: fb }, other: { x: c, h: fc } };
    }
    if (Math.abs(e) < tol || Math.abs(fa) <= Math.abs(fb)) {
      d = m;
      e = m;
    } else {
      const s = fb / fa;
      let num: number;
      let den: number;
      if (a === c) {
        num = 2 * m * s;
        den = 1 - s;
      } else {
        const r1 = fa / fc;
        const r2 = fb / fc;
        num = s * (2 * m * r1 * (r1 - r2) - (b - a) * (r2 - 1));
        den = (r1 - 1) * (r2 - 1) * (s - 1);
      }
      if (num > 0) den = -den;
      else num = -num;
      if (2 * num < 3 * m * den - Math.abs(tol * den) && num < Math.abs(0.5 * e * den)) {
        e = d;
        d = num / den;
      } else {
        d = m;
        e = m;
      }
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = search.at(b).h;
    if (Number.isNaN(fb)) return { kind: "hole", a: { x: a, h: fa }, b: { x: c, h: fc } };
  }
}

/** Bisection over whole numbers until the crossing lies between neighbours; the upper one is the answer. */
function bisectIntegers(search: Search, p: Point, q: Point): Ending {
  for (;;) {
    if (q.x - p.x <= 1) return { kind: "root", at: q, other: p };
    const mid = search.at(p.x + Math.floor((q.x - p.x) / 2));
    if (mid.h === 0) return { kind: "root", at: mid, other: mid };
    if (!Number.isNaN(mid.h)) {
      if (opposite(p, mid)) q = mid;
      else p = mid;
      continue;
    }
    const inner = rescan(search, p, q, true);
    if (!inner) return { kind: "hole", a: p, b: q };
    if ("x" in inner) return { kind: "root", at: inner, other: inner };
    [p, q] = inner;
  }
}

/**
 * A finer scan from p to q (RESCAN_STEPS steps, whole numbers for integer inputs): an exact hit,
 * the first two neighbouring valid points of opposite sign, or undefined.
 */
function rescan(search: Search, p: Point, q: Point, integer: boolean): Point | [Point, Point] | undefined {
  let previous: Point | undefined = p;
  const seen = new Set([p.x, q.x]);
  for (let i = 1; i <= RESCAN_STEPS; i++) {
    let x = p.x + ((q.x - p.x) * i) / RESCAN_STEPS;
    if (integer) x = Math.round(x);
    if (i === RESCAN_STEPS) x = q.x;
    else if (seen.has(x)) continue;
    seen.add(x);
    const point = i === RESCAN_STEPS ? q : search.at(x);
    if (point.h === 0) return point;
    if (Number.isNaN(point.h)) {
      previous = undefined;
      continue;
    }
    if (previous && opposite(previous, point)) return point.x < previous.x ? [point, previous] : [previous, point];
    previous = point;
  }
  return undefined;
}
