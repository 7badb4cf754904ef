/**
 * Accelerator catalog types. Every stored figure carries its provenance (DESIGN.md: value, unit,
 * precision, dense or sparse, source and as-of date); computations use the flat `ChipSpec`.
 */

/**
 * Arithmetic precisions with a tensor-core (matrix unit) rate in the catalog. FP16 is listed only
 * for chips with no BF16 rate (V100): elsewhere the FP16 tensor rate equals the BF16 one.
 */
export const PRECISIONS = ["bf16", "fp16", "fp8", "fp4", "int8"] as const;
export type Precision = (typeof PRECISIONS)[number];

/** Catalog fields, as CHIP() and a user's own spec range name them. */
export const CHIP_FIELDS = [
  "bf16_tflops",
  "fp16_tflops",
  "fp8_tflops",
  "fp4_tflops",
  "int8_tops",
  "hbm_gb",
  "hbm_tb_per_s",
  "scaleup_gb_per_s",
  "scaleout_gbit_per_s",
  "tdp_w",
  "year",
] as const;
export type ChipField = (typeof CHIP_FIELDS)[number];

/** The rate field of each precision. */
export const PEAK_FIELD: Record<Precision, ChipField> = {
  bf16: "bf16_tflops",
  fp16: "fp16_tflops",
  fp8: "fp8_tflops",
  fp4: "fp4_tflops",
  int8: "int8_tops",
};

/** Unit of each field. Scale-up is per direction; scale-out is the chip's own NIC share. */
export const FIELD_UNITS: Record<ChipField, string> = {
  bf16_tflops: "TFLOP/s",
  fp16_tflops: "TFLOP/s",
  fp8_tflops: "TFLOP/s",
  fp4_tflops: "TFLOP/s",
  int8_tops: "TOP/s",
  hbm_gb: "GB (10^9 B)",
  hbm_tb_per_s: "TB/s",
  scaleup_gb_per_s: "GB/s per direction",
  scaleout_gbit_per_s: "Gb/s per chip",
  tdp_w: "W",
  year: "year",
};

/** One published figure with its provenance (DESIGN.md: value, unit, precision, dense, source, as-of). */
export interface Figure {
  value: number;
  /** FIELD_UNITS of the figure's field. */
  unit: string;
  /** The precision of a compute rate; absent for other fields. */
  precision?: Precision;
  /** Whether a compute rate is dense (no 2:4 sparsity); the catalog admits only dense rates. Absent for other fields. */
  dense?: boolean;
  source: string;
  /** Date of the source revision used, or the month the value was read from it (YYYY-MM[-DD]). */
  asOf: string;
  /** Where sources disagree: the other values, their sources, and why this one was chosen. */
  note?: string;
}

export interface CatalogChip {
  name: string;
  /** Other names users type; matching ignores case, spaces and punctuation. */
  aliases: readonly string[];
  figures: Partial<Record<ChipField, Figure>>;
}

/** The numbers the balance model computes with, from the catalog or a user's own spec. */
export interface ChipSpec {
  name: string;
  /** Dense peak rate per precision, TFLOP/s (TOP/s for int8). */
  peakTflops: Partial<Record<Precision, number>>;
  hbmGB?: number;
  hbmTBps?: number;
  scaleUpGBps?: number;
  scaleOutGbps?: number;
  tdpW?: number;
  year?: number;
}

/** The precision whose rate `field` holds, if it is a rate field. */
export const precisionOf = (field: ChipField): Precision | undefined => PRECISIONS.find((p) => PEAK_FIELD[p] === field);

/** The model spec of a set of field values. */
export function specFromFields(name: string, fields: Partial<Record<ChipField, number>>): ChipSpec {
  const peakTflops: Partial<Record<Precision, number>> = {};
  for (const p of PRECISIONS) {
    const v = fields[PEAK_FIELD[p]];
    if (v !== undefined) peakTflops[p] = v;
  }
  return {
    name,
    peakTflops,
    hbmGB: fields.hbm_gb,
    hbmTBps: fields.hbm_tb_per_s,
    scaleUpGBps: fields.scaleup_gb_per_s,
    scaleOutGbps: fields.scaleout_gbit_per_s,
    tdpW: fields.tdp_w,
    year: fields.year,
  };
}

/** Field values of a spec (the inverse of specFromFields), for a user spec built on a catalog chip. */
export function fieldsOfSpec(spec: ChipSpec): Partial<Record<ChipField, number>> {
  const fields: Partial<Record<ChipField, number>> = {};
  for (const p of PRECISIONS) if (spec.peakTflops[p] !== undefined) fields[PEAK_FIELD[p]] = spec.peakTflops[p];
  const set = (f: ChipField, v: number | undefined) => {
    if (v !== undefined) fields[f] = v;
  };
  set("hbm_gb", spec.hbmGB);
  set("hbm_tb_per_s", spec.hbmTBps);
  set("scaleup_gb_per_s", spec.scaleUpGBps);
  set("scaleout_gbit_per_s", spec.scaleOutGbps);
  set("tdp_w", spec.tdpW);
  set("year", spec.year);
  return fields;
}
