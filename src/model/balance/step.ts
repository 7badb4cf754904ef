/**
 * One step of work as per-resource times (Austin et al., How to Scale Your Model, the JAX
 * scaling book, roofline.md): T_compute = FLOPs / (peak × eff_c), T_hbm = bytes / (BW × eff_m), and the same form
 * for scale-up network, scale-out network and storage. With overlap the step takes the longest
 * of them (the scaling book's lower bound, max(T_math, T_comms)); without, their sum (its upper
 * bound; Calculon's `no_overlap`). Attainable fraction of peak = ideal compute time ÷ step time.
 *
 * Work is the step's total over `chips` identical chips and is spread evenly over them; network
 * bytes are those each chip sends, summed over chips. Resident bytes (weights, optimizer state,
 * KV cache) must fit in the chips' HBM: the bytes that do not are reported as missing capacity.
 */
import type { ChipRates } from "./roofline";
import type { Efficiencies } from "./efficiency";

export interface StepWork {
  flops: number;
  hbmBytes: number;
  networkBytes: number;
  scaleOutBytes: number;
  storageBytes: number;
  residentBytes: number;
  chips: number;
}

/** The resources BOTTLENECK names ("network" covers scale-up and scale-out). */
export type BalanceResource = "compute" | "hbm" | "network" | "storage" | "capacity";

export interface StepTimes {
  computeS: number;
  hbmS: number;
  scaleUpS: number;
  scaleOutS: number;
  storageS: number;
  stepS: number;
  /** Attainable share of the chips' peak compute over the step. */
  fraction: number;
  bottleneck: BalanceResource;
  /** Resident bytes beyond the chips' HBM (0 when they fit or the capacity is unknown). */
  missingBytes: number;
}

/** bytes / rate, with no bytes taking no time even when the rate is unknown. */
const transfer = (bytes: number, bytesPerS: number | undefined, eff: number) =>
  bytes === 0 ? 0 : bytes / ((bytesPerS ?? 0) * eff);

/** Per-chip times of one step on `rates` (SI units), with `storageBytesPerS` per chip. */
export function stepTimes(
  work: StepWork,
  rates: ChipRates,
  eff: Efficiencies,
  overlap = true,
  storageBytesPerS?: number,
): StepTimes {
  const n = work.chips;
  const ideal = work.flops / n / rates.peakFlops;
  const computeS = ideal / eff.compute;
  const hbmS = transfer(work.hbmBytes / n, rates.hbmBytesPerS, eff.memory);
  const scaleUpS = transfer(work.networkBytes / n, rates.scaleUpBytesPerS, eff.scaleUp);
  const scaleOutS = transfer(work.scaleOutBytes / n, rates.scaleOutBytesPerS, eff.scaleOut);
  const storageS = transfer(work.storageBytes / n, storageBytesPerS, 1);
  const times: [BalanceResource, number][] = [
    ["compute", computeS],
    ["hbm", hbmS],
    ["network", scaleUpS],
    ["network", scaleOutS],
    ["storage", storageS],
  ];
  let bottleneck: BalanceResource = "compute";
  let longest = computeS;
  let sum = 0;
  for (const [resource, t] of times) {
    sum += t;
    if (t > longest) [bottleneck, longest] = [resource, t];
  }
  const stepS = overlap ? longest : sum;
  const capacity = rates.hbmBytes === undefined ? Infinity : rates.hbmBytes * n;
  const missingBytes = Math.max(0, work.residentBytes - capacity);
  return {
    computeS,
    hbmS,
    scaleUpS,
    scaleOutS,
    storageS,
    stepS,
    fraction: ideal / stepS,
    bottleneck: missingBytes > 0 ? "capacity" : bottleneck,
    missingBytes,
  };
}
