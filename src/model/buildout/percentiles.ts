/**
 * Percentiles of Monte Carlo output as Excel's PERCENTILE.INC defines them: rank h = (n − 1)·p,
 * x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), over the order statistics of the trials. The order
 * statistics are found by bucket selection: a histogram of 4,096 equal-width buckets locates the
 * bucket holding each wanted rank, and only those buckets are sorted. That is exact and costs
 * about three passes over the data instead of a sort.
 */
const BUCKETS = 4096;

export function percentilesInc(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  const ranks = ps.flatMap((p) => {
    const k = Math.floor((n - 1) * p);
    return k + 1 < n ? [k, k + 1] : [k];
  });
  const orderStatistic = orderStatistics(values, ranks);
  if (typeof orderStatistic === "number") return ps.map(() => orderStatistic);
  return ps.map((p) => {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    const x = orderStatistic(k);
    return h > k ? x + (h - k) * (orderStatistic(k + 1) - x) : x;
  });
}

/**
 * The order statistics of `values` at the wanted ranks (0-based), found by bucket selection; the
 * one value when all are equal.
 */
function orderStatistics(values: Float64Array, ranks: readonly number[]): number | ((rank: number) => number) {
  const n = values.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return lo;
  const scale = BUCKETS / (hi - lo);
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < n; i++) {
    const b = ((values[i] - lo) * scale) | 0;
    counts[b < BUCKETS ? b : BUCKETS - 1]++;
  }
  const first = new Int32Array(BUCKETS + 1);
  for (let b = 0; b < BUCKETS; b++) first[b + 1] = first[b] + counts[b];
  const bucketOfRank = (r: number) => {
    let b = 0;
    while (first[b + 1] <= r) b++;
    return b;
  };

  // Gather the buckets that hold a wanted order statistic; slot[b] is bucket b's offset or −1.
  const slot = new Int32Array(BUCKETS).fill(-1);
  let size = 0;
  for (const b of [...new Set(ranks.map(bucketOfRank))]) {
    slot[b] = size;
    size += counts[b];
  }
  const gathered = new Float64Array(size);
  const cursor = slot.slice();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let b = ((v - lo) * scale) | 0;
    if (b >= BUCKETS) b = BUCKETS - 1;
    if (slot[b] >= 0) gathered[cursor[b]++] = v;
  }
  for (let b = 0; b < BUCKETS; b++) {
    if (slot[b] < 0) continue;
    const segment = gathered.subarray(slot[b], slot[b] + counts[b]);
    if (!allEqual(segment)) segment.sort();
  }
  return (r) => {
    const b = bucketOfRank(r);
    return gathered[slot[b] + r - first[b]];
  };
}

/**
 * PERCENTILE.INC of a sample given as distinct values (ascending) and how many times each occurs:
 * the same result as percentilesInc over the expanded sample, in time proportional to the values.
 */
export function percentilesIncOfCounts(
  values: readonly number[],
  counts: readonly number[],
  ps: readonly number[],
): number[] {
  const n = counts.reduce((sum, c) => sum + c, 0);
  const orderStatistic = (r: number) => {
    let b = 0;
    let through = counts[0];
    while (through <= r) through += counts[++b];
    return values[b];
  };
  return ps.map((p) => {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    const x = orderStatistic(k);
    return h > k ? x + (h - k) * (orderStatistic(k + 1) - x) : x;
  });
}

function allEqual(a: Float64Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return false;
  return true;
}

/**
 * PERCENTILE.INC over a sample whose values may include +Infinity (trials that never finish):
 * Infinity sorts above every number, so a percentile whose rank reaches (or interpolates towards)
 * an infinite order statistic is Infinity. A sample without Infinity gives percentilesInc's
 * results bit for bit.
 */
export function percentilesIncWithInfinity(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  let f = 0;
  for (let i = 0; i < n; i++) if (values[i] !== Infinity) f++;
  if (f === n) return percentilesInc(values, ps);
  const finite = values.filter((v) => v !== Infinity);
  // Ranks 0…f − 1 of the whole sample are the finite sample's; higher ranks are Infinity.
  const reaches = (h: number) => Math.ceil(h) >= f;
  const wanted = ps.flatMap((p) => {
    const h = (n - 1) * p;
    return reaches(h) ? [] : [Math.floor(h), Math.ceil(h)];
  });
  const statistics = wanted.length ? orderStatistics(finite, wanted) : Infinity;
  const orderStatistic = typeof statistics === "number" ? () => statistics : statistics;
  return ps.map((p) => {
    const h = (n - 1) * p;
    if (reaches(h)) return Infinity;
    const k = Math.floor(h);
    const x = orderStatistic(k);
    return h > k ? x + (h - k) * (orderStatistic(k + 1) - x) : x;
  });
}
