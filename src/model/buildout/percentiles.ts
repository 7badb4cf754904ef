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
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return ps.map(() => lo);
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
  const ranks = ps.flatMap((p) => {
    const k = Math.floor((n - 1) * p);
    return k + 1 < n ? [k, k + 1] : [k];
  });
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
  const orderStatistic = (r: number) => {
    const b = bucketOfRank(r);
    return gathered[slot[b] + r - first[b]];
  };
  return ps.map((p) => {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    const x = orderStatistic(k);
    return h > k ? x + (h - k) * (orderStatistic(k + 1) - x) : x;
  });
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
