/**
 * The roofline model (Williams, Waterman & Patterson, "Roofline: an insightful visual performance
 * model for multicore architectures", CACM 52(4), 2009): attainable FLOP/s =
 * min(peak FLOP/s, operational intensity × memory bandwidth). The ridge point, peak ÷ bandwidth,
 * is the least intensity (FLOP per byte of HBM traffic) that reaches peak.
 */
import type { ChipSpec, Precision } from "../catalog";

const TERA = 1e12;
const GIGA = 1e9;

/** The SI rates of a chip at one precision (FLOP/s and bytes/s; bytes for capacity). */
export interface ChipRates {
  peakFlops: number;
  hbmBytesPerS?: number;
  hbmBytes?: number;
  scaleUpBytesPerS?: number;
  scaleOutBytesPerS?: number;
}

/** Converts catalog units (TFLOP/s, TB/s, GB, GB/s per direction, Gb/s) to SI; undefined when the precision is missing. */
export function chipRates(spec: ChipSpec, precision: Precision): ChipRates | undefined {
  const peak = spec.peakTflops[precision];
  if (peak === undefined) return undefined;
  const scale = (v: number | undefined, k: number) => (v === undefined ? undefined : v * k);
  return {
    peakFlops: peak * TERA,
    hbmBytesPerS: scale(spec.hbmTBps, TERA),
    hbmBytes: scale(spec.hbmGB, GIGA),
    scaleUpBytesPerS: scale(spec.scaleUpGBps, GIGA),
    scaleOutBytesPerS: scale(spec.scaleOutGbps, GIGA / 8),
  };
}

/** Ridge point, FLOP per byte: peak ÷ bandwidth (Williams et al. 2009; the scaling book's B_crit). */
export function ridgePoint(peakFlops: number, bytesPerS: number): number {
  return peakFlops / bytesPerS;
}

/**
 * Attainable FLOP/s at `intensity` FLOP per byte: min(peak × computeEff, intensity × bandwidth ×
 * memoryEff). Efficiencies of 1 give the textbook roofline.
 */
export function attainableFlops(
  peakFlops: number,
  bytesPerS: number,
  intensity: number,
  computeEff = 1,
  memoryEff = 1,
): number {
  return Math.min(peakFlops * computeEff, intensity * bytesPerS * memoryEff);
}
