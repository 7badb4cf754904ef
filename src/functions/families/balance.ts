/**
 * System balance: the accelerator catalog, roofline, per-resource step times, LLM workloads,
 * mixture-of-experts and agent loops. Thin adapters over src/model/balance and src/model/catalog.
 *
 * Wherever a chip is accepted it may be a catalog name ("H100", case and spaces ignored) or a
 * range of the user's own figures: two columns (field, value) or two rows (fields over values),
 * with CHIP's field names (bf16_tflops, fp16_tflops, fp8_tflops, fp4_tflops, int8_tops, hbm_gb, hbm_tb_per_s,
 * scaleup_gb_per_s, scaleout_gbit_per_s, tdp_w, year), optionally `name` and `base` (a catalog
 * chip whose figures the range then overrides).
 */
import {
  describeValue,
  finite,
  formatNumber,
  optionalBoolean,
  optionalChoice,
  optionalNumber,
  Reader,
  requiredChoice,
  requiredNumber,
} from "../args";
import { excelError, valueError } from "../errors";
import { countRule, fractionRule, nonNegativeRule, positiveRule } from "../params";
import {
  agentBusyFraction,
  agentCpuCores,
  AgentLoop,
  attainableFlops,
  CATALOG,
  catalogSpec,
  CHIP_FIELDS,
  ChipField,
  ChipRates,
  chipRates,
  ChipSpec,
  closestChipNames,
  criticalDecodeBatch,
  decodeWorkload,
  DEFAULT_EFFICIENCY,
  fieldsOfSpec,
  findChip,
  kvCacheBytes,
  KV_CACHE_KINDS,
  ModelSize,
  moeSplit,
  modelFlopsUtilization,
  normalizeChipName,
  palmFlopsPerToken,
  PEAK_FIELD,
  Precision,
  PRECISIONS,
  prefillWorkload,
  ridgePoint,
  specFromFields,
  StepTimes,
  stepTimes,
  trainingWorkload,
  LlmWorkload,
  WORKLOAD_COLUMNS,
} from "../../model";

// ---- chips: a catalog name or the user's own spec range ----

const LABELS = new Map<string, ChipField>(CHIP_FIELDS.map((f) => [normalizeChipName(f), f]));
for (const p of PRECISIONS) LABELS.set(p, PEAK_FIELD[p]);
const ACCEPTED_LABELS = `${CHIP_FIELDS.join(", ")}, name, base`;

function namedChip(param: string, name: string): ChipSpec {
  const entry = findChip(name);
  if (!entry) {
    const closest = closestChipNames(name)
      .map((n) => `"${n}"`)
      .join(", ");
    throw valueError(
      `${param} ${describeValue(name)} is not in the catalog; closest: ${closest}. Give a name from CHIPS() or a range of your chip's figures.`,
    );
  }
  return catalogSpec(entry);
}

/** Whether a cell holds a field label (a chip field, a precision, `name` or `base`). */
function isLabel(cell: unknown): boolean {
  if (typeof cell !== "string") return false;
  const key = normalizeChipName(cell);
  return key === "name" || key === "base" || LABELS.has(key);
}

/**
 * Field/value pairs of a two-column or two-row range. A 2×2 range is read as two rows when its
 * first row holds the labels and its first column does not, else as two columns.
 */
function pairsOf(param: string, rows: unknown[]): [unknown, unknown][] {
  const grid = rows.every((r) => Array.isArray(r)) ? (rows as unknown[][]) : [];
  const width = grid.length ? grid[0].length : 0;
  if (width > 0 && grid.every((r) => r.length === width)) {
    const twoRows = grid.length === 2 && (width !== 2 || (grid[0].every(isLabel) && !grid.every((r) => isLabel(r[0]))));
    if (twoRows) return grid[0].map((label, i) => [label, grid[1][i]]);
    if (width === 2) return grid.map((r) => [r[0], r[1]]);
  }
  throw valueError(
    `${param} as a range must have two columns (field, value) or two rows (fields over values) with fields among ${ACCEPTED_LABELS}.`,
  );
}

const isBlank = (v: unknown) => v === null || v === undefined || v === "";

function specFromRange(param: string, rows: unknown[]): ChipSpec {
  let name: string | undefined;
  let base: ChipSpec | undefined;
  const own: Partial<Record<ChipField, number>> = {};
  for (const [label, value] of pairsOf(param, rows)) {
    if (isBlank(label) && isBlank(value)) continue;
    const key = typeof label === "string" ? normalizeChipName(label) : "";
    if ((key === "name" || key === "base") && typeof value === "string") {
      if (key === "name") name = value;
      else base = namedChip(`${param}'s base`, value);
      continue;
    }
    const field = LABELS.get(key);
    if (!field) throw valueError(`${param}: ${describeValue(label)} is not a chip field; use ${ACCEPTED_LABELS}.`);
    if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
      throw valueError(`${param}: ${field} must be a number > 0 (got ${describeValue(value)}).`);
    }
    own[field] = value;
  }
  if (!base && Object.keys(own).length === 0) throw valueError(`${param}: the range holds no chip figures.`);
  const fields = base ? { ...fieldsOfSpec(base), ...own } : own;
  return specFromFields(name ?? (base ? `${base.name} (custom)` : "custom chip"), fields);
}

/** Reads a chip argument named `param`. Excel passes a single typed name as a 1×1 range. */
function chipReader(param: string): Reader<ChipSpec> {
  return (value) => {
    if (typeof value === "string") return namedChip(param, value);
    if (Array.isArray(value) && value.length > 0) {
      const first = value[0];
      if (value.length === 1 && Array.isArray(first) && first.length === 1 && typeof first[0] === "string") {
        return namedChip(param, first[0]);
      }
      return specFromRange(param, value);
    }
    throw valueError(
      `${param} must be a catalog name such as "H100" or a range of the chip's figures (got ${describeValue(value)}).`,
    );
  };
}

const readChip = chipReader("chip");
const readPrecision = optionalChoice("precision", PRECISIONS, "bf16");

/** The chip's SI rates at `precision`, or #VALUE! naming what the chip supports. */
function ratesAt(spec: ChipSpec, precision: Precision): ChipRates {
  const rates = chipRates(spec, precision);
  if (rates) return rates;
  const supported = PRECISIONS.filter((p) => spec.peakTflops[p] !== undefined);
  throw valueError(
    `precision "${precision}" is not available on chip ${spec.name}: ` +
      (supported.length
        ? `it supports ${supported.map((p) => `"${p}"`).join(", ")}.`
        : "its figures give no compute rate."),
  );
}

/** `figure`, or #VALUE! saying that `why` needs the chip field the spec lacks. */
function needFigure(spec: ChipSpec, figure: number | undefined, field: ChipField, why: string): number {
  if (figure !== undefined) return figure;
  throw valueError(
    `${why} needs the chip's ${field}, which ${spec.name} does not list: give chip as a range with ${field} (and base = the chip's name).`,
  );
}

/** Checks that nonzero `bytes` of argument `param` have a rate to move at. */
function needRate(spec: ChipSpec, rate: number | undefined, bytes: number, param: string, field: ChipField) {
  if (bytes > 0) needFigure(spec, rate, field, `${param} > 0`);
}

// ---- CHIP and CHIPS ----

const FIELD_CHOICES = [...CHIP_FIELDS, ...PRECISIONS] as const;
const readField = requiredChoice<(typeof FIELD_CHOICES)[number]>("field", FIELD_CHOICES);
const readName = chipReader("name");
const readChipFilter = (value: unknown) => (isBlank(value) ? undefined : readChip(value));

/**
 * One figure of a catalog chip (or of your own spec range): dense peak rates, HBM, interconnect, power, year.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#CHIP
 * @param name Chip: a catalog name such as "H100" or "TPU v5e" (case and spaces ignored), or a range of your chip's figures.
 * @param field One of bf16_tflops, fp16_tflops, fp8_tflops, fp4_tflops, int8_tops (or bf16, fp16, fp8, fp4, int8), hbm_gb, hbm_tb_per_s, scaleup_gb_per_s (per direction), scaleout_gbit_per_s, tdp_w, year.
 * @returns The figure in the field's unit; #N/A when the vendor does not publish it.
 */
export function CHIP(name: unknown[][], field: string): number {
  const spec = readName(name);
  const choice = readField(field);
  const key: ChipField = (PRECISIONS as readonly string[]).includes(choice)
    ? PEAK_FIELD[choice as Precision]
    : (choice as ChipField);
  const value = fieldsOfSpec(spec)[key];
  if (value !== undefined) return value;
  const entry = findChip(spec.name);
  throw excelError(
    "#N/A",
    entry && catalogSpec(entry) === spec
      ? `${spec.name}: ${key} is not published (see CHIPS("${spec.name}") for its sources).`
      : `name: the range gives no ${key} (add a row ${key} with its value, or base = a catalog chip that lists it).`,
  );
}

/**
 * The accelerator catalog with provenance: one row per chip and field (value, unit, precision, dense, source, as-of date, note).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#CHIPS
 * @param [chip] A catalog name to list only that chip (omitted: every chip).
 * @returns A table with a header row: chip, field, value, unit, precision, dense, source, as_of, note.
 */
export function CHIPS(chip?: unknown[][]): unknown[][] {
  const only = readChipFilter(chip);
  const rows: unknown[][] = [["chip", "field", "value", "unit", "precision", "dense", "source", "as_of", "note"]];
  for (const entry of CATALOG) {
    if (only && catalogSpec(entry) !== only) continue;
    for (const field of CHIP_FIELDS) {
      const figure = entry.figures[field];
      if (!figure) continue;
      rows.push([
        entry.name,
        field,
        figure.value,
        figure.unit,
        figure.precision ?? "",
        figure.dense ?? "",
        figure.source,
        figure.asOf,
        figure.note ?? "",
      ]);
    }
  }
  if (rows.length === 1)
    throw valueError("chip must be a catalog name to list (a range of your own figures has no sources).");
  return rows;
}

// ---- roofline ----

/**
 * Ridge point: the FLOP per byte of HBM traffic at which the chip's compute and memory bandwidth balance (peak ÷ bandwidth).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#RIDGE
 * @param chip Catalog name (e.g. "H100") or a range of your chip's figures.
 * @param [precision] "bf16" (default), "fp16", "fp8", "fp4" or "int8".
 * @returns FLOP per byte.
 */
export function RIDGE(chip: unknown[][], precision?: string): number {
  const spec = readChip(chip);
  const rates = ratesAt(spec, readPrecision(precision));
  const bandwidth = needFigure(spec, rates.hbmBytesPerS, "hbm_tb_per_s", "RIDGE");
  return finite(ridgePoint(rates.peakFlops, bandwidth), "RIDGE");
}

const readIntensity = requiredNumber(nonNegativeRule("intensity_flop_per_byte"));
const readComputeEff = optionalNumber(fractionRule("compute_eff"), DEFAULT_EFFICIENCY.compute);
const readMemoryEff = optionalNumber(fractionRule("memory_eff"), DEFAULT_EFFICIENCY.memory);

/**
 * Attainable TFLOP/s at an operational intensity: min(peak × compute_eff, intensity × HBM bandwidth × memory_eff).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#ROOFLINE
 * @param chip Catalog name (e.g. "H100") or a range of your chip's figures.
 * @param intensity_flop_per_byte FLOPs per byte of HBM traffic (≥ 0).
 * @param [precision] "bf16" (default), "fp16", "fp8", "fp4" or "int8".
 * @param [compute_eff] Achievable share of peak compute, in (0, 1] (default 0.7; 1 = textbook roofline).
 * @param [memory_eff] Achievable share of HBM bandwidth, in (0, 1] (default 0.8; 1 = textbook roofline).
 * @returns Attainable TFLOP/s per chip.
 */
export function ROOFLINE(
  chip: unknown[][],
  intensity_flop_per_byte: number,
  precision?: string,
  compute_eff?: number,
  memory_eff?: number,
): number {
  const spec = readChip(chip);
  const intensity = readIntensity(intensity_flop_per_byte);
  const rates = ratesAt(spec, readPrecision(precision));
  const flops = attainableFlops(
    rates.peakFlops,
    needFigure(spec, rates.hbmBytesPerS, "hbm_tb_per_s", "ROOFLINE"),
    intensity,
    readComputeEff(compute_eff),
    readMemoryEff(memory_eff),
  );
  return finite(flops / 1e12, "ROOFLINE");
}

// ---- BALANCE, BOTTLENECK, BALANCE_BREAKDOWN ----

const readFlops = requiredNumber(positiveRule("flops"));
const readHbmBytes = requiredNumber(nonNegativeRule("hbm_bytes"));
const readNetworkBytes = optionalNumber(nonNegativeRule("network_bytes"), 0);
const readStorageBytes = optionalNumber(nonNegativeRule("storage_bytes"), 0);
const readResidentBytes = optionalNumber(nonNegativeRule("resident_bytes"), 0);
const readChips = optionalNumber(countRule("chips"), 1);
const readScaleOutBytes = optionalNumber(nonNegativeRule("scaleout_bytes"), 0);
const readNetworkEff = optionalNumber(fractionRule("network_eff"), undefined);
const readStorageRate = optionalNumber(positiveRule("storage_gb_per_s"), undefined);
const readOverlap = optionalBoolean("overlap", true);

const gb = (bytes: number) => `${formatNumber(Number((bytes / 1e9).toPrecision(4)))} GB`;

function balanceOf(
  chip: unknown,
  flops: unknown,
  hbmBytes: unknown,
  networkBytes: unknown,
  storageBytes: unknown,
  residentBytes: unknown,
  precision: unknown,
  chips: unknown,
  scaleOutBytes: unknown,
  computeEff: unknown,
  memoryEff: unknown,
  networkEff: unknown,
  storageRate: unknown,
  overlap: unknown,
): StepTimes {
  const spec = readChip(chip);
  const work = {
    flops: readFlops(flops),
    hbmBytes: readHbmBytes(hbmBytes),
    networkBytes: readNetworkBytes(networkBytes),
    storageBytes: readStorageBytes(storageBytes),
    residentBytes: readResidentBytes(residentBytes),
    chips: readChips(chips),
    scaleOutBytes: readScaleOutBytes(scaleOutBytes),
  };
  const rates = ratesAt(spec, readPrecision(precision));
  const network = readNetworkEff(networkEff);
  const eff = {
    compute: readComputeEff(computeEff),
    memory: readMemoryEff(memoryEff),
    scaleUp: network ?? DEFAULT_EFFICIENCY.scaleUp,
    scaleOut: network ?? DEFAULT_EFFICIENCY.scaleOut,
  };
  const storageBytesPerS = readStorageRate(storageRate);
  const serial = !readOverlap(overlap);
  needRate(spec, rates.hbmBytesPerS, work.hbmBytes, "hbm_bytes", "hbm_tb_per_s");
  needRate(spec, rates.scaleUpBytesPerS, work.networkBytes, "network_bytes", "scaleup_gb_per_s");
  needRate(spec, rates.scaleOutBytesPerS, work.scaleOutBytes, "scaleout_bytes", "scaleout_gbit_per_s");
  needRate(spec, rates.hbmBytes, work.residentBytes, "resident_bytes", "hbm_gb");
  if (work.storageBytes > 0 && storageBytesPerS === undefined) {
    throw valueError(
      "storage_bytes > 0 needs storage_gb_per_s: the storage read/write rate each chip gets, GB/s (> 0).",
    );
  }
  return stepTimes(work, rates, eff, !serial, storageBytesPerS === undefined ? undefined : storageBytesPerS * 1e9);
}

function capacityError(t: StepTimes, residentBytes: unknown, chips: unknown): Error {
  const count = readChips(chips);
  return valueError(
    `resident_bytes (${gb(readResidentBytes(residentBytes))}) do not fit in the HBM of ${count} chip${count === 1 ? "" : "s"}: ` +
      `${gb(t.missingBytes)} missing. Add chips, pick a chip with more HBM, or shrink the resident state.`,
  );
}

/**
 * Attainable fraction of peak compute for one step of work, from per-resource times (compute, HBM, scale-up and scale-out network, storage).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#BALANCE
 * @param chip Catalog name (e.g. "H100") or a range of your chip's figures.
 * @param flops FLOPs in the step, all chips together (> 0).
 * @param hbm_bytes Bytes read and written in HBM in the step, all chips together (≥ 0).
 * @param [network_bytes] Bytes the chips send over the scale-up network (NVLink, ICI), summed over chips (≥ 0, default 0).
 * @param [storage_bytes] Bytes read from or written to storage in the step, all chips together (≥ 0, default 0; needs storage_gb_per_s).
 * @param [resident_bytes] Bytes that must stay in HBM (weights, optimizer state, KV cache), all chips together (≥ 0, default 0).
 * @param [precision] "bf16" (default), "fp16", "fp8", "fp4" or "int8".
 * @param [chips] Chips sharing the step evenly (whole number ≥ 1, default 1).
 * @param [scaleout_bytes] Bytes the chips send over the scale-out network (InfiniBand, Ethernet, DCN), summed over chips (≥ 0, default 0).
 * @param [compute_eff] Achievable share of peak compute, in (0, 1] (default 0.7).
 * @param [memory_eff] Achievable share of HBM bandwidth, in (0, 1] (default 0.8).
 * @param [network_eff] Achievable share of network bandwidth, in (0, 1] (default 0.65 scale-up, 0.9 scale-out).
 * @param [storage_gb_per_s] Storage bandwidth each chip gets, GB/s (> 0).
 * @param [overlap] TRUE (default): resources overlap, the step takes the longest time; FALSE: the times add up.
 * @returns Attainable fraction of peak compute, 0–1.
 */
export function BALANCE(
  chip: unknown[][],
  flops: number,
  hbm_bytes: number,
  network_bytes?: number,
  storage_bytes?: number,
  resident_bytes?: number,
  precision?: string,
  chips?: number,
  scaleout_bytes?: number,
  compute_eff?: number,
  memory_eff?: number,
  network_eff?: number,
  storage_gb_per_s?: number,
  overlap?: boolean,
): number {
  const t = balanceOf(
    chip,
    flops,
    hbm_bytes,
    network_bytes,
    storage_bytes,
    resident_bytes,
    precision,
    chips,
    scaleout_bytes,
    compute_eff,
    memory_eff,
    network_eff,
    storage_gb_per_s,
    overlap,
  );
  if (t.missingBytes > 0) throw capacityError(t, resident_bytes, chips);
  return finite(t.fraction, "BALANCE");
}

/**
 * The binding resource of one step of work: "compute", "hbm", "network", "storage", or "capacity" when the resident bytes do not fit in HBM.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#BOTTLENECK
 * @param chip Catalog name (e.g. "H100") or a range of your chip's figures.
 * @param flops FLOPs in the step, all chips together (> 0).
 * @param hbm_bytes Bytes read and written in HBM in the step, all chips together (≥ 0).
 * @param [network_bytes] Bytes sent over the scale-up network, summed over chips (≥ 0, default 0).
 * @param [storage_bytes] Storage bytes in the step (≥ 0, default 0; needs storage_gb_per_s).
 * @param [resident_bytes] Bytes that must stay in HBM, all chips together (≥ 0, default 0).
 * @param [precision] "bf16" (default), "fp16", "fp8", "fp4" or "int8".
 * @param [chips] Chips sharing the step evenly (whole number ≥ 1, default 1).
 * @param [scaleout_bytes] Bytes sent over the scale-out network, summed over chips (≥ 0, default 0).
 * @param [compute_eff] Achievable share of peak compute, in (0, 1] (default 0.7).
 * @param [memory_eff] Achievable share of HBM bandwidth, in (0, 1] (default 0.8).
 * @param [network_eff] Achievable share of network bandwidth, in (0, 1] (default 0.65 scale-up, 0.9 scale-out).
 * @param [storage_gb_per_s] Storage bandwidth each chip gets, GB/s (> 0).
 * @param [overlap] TRUE (default) or FALSE; the binding resource is the slowest either way.
 * @returns "compute", "hbm", "network" (scale-up or scale-out), "storage" or "capacity".
 */
export function BOTTLENECK(
  chip: unknown[][],
  flops: number,
  hbm_bytes: number,
  network_bytes?: number,
  storage_bytes?: number,
  resident_bytes?: number,
  precision?: string,
  chips?: number,
  scaleout_bytes?: number,
  compute_eff?: number,
  memory_eff?: number,
  network_eff?: number,
  storage_gb_per_s?: number,
  overlap?: boolean,
): string {
  return balanceOf(
    chip,
    flops,
    hbm_bytes,
    network_bytes,
    storage_bytes,
    resident_bytes,
    precision,
    chips,
    scaleout_bytes,
    compute_eff,
    memory_eff,
    network_eff,
    storage_gb_per_s,
    overlap,
  ).bottleneck;
}

/**
 * Where one step's time goes: seconds per resource, the step time and the attainable fraction (the arguments of BALANCE).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#BALANCE_BREAKDOWN
 * @param chip Catalog name (e.g. "H100") or a range of your chip's figures.
 * @param flops FLOPs in the step, all chips together (> 0).
 * @param hbm_bytes Bytes read and written in HBM in the step, all chips together (≥ 0).
 * @param [network_bytes] Bytes sent over the scale-up network, summed over chips (≥ 0, default 0).
 * @param [storage_bytes] Storage bytes in the step (≥ 0, default 0; needs storage_gb_per_s).
 * @param [resident_bytes] Bytes that must stay in HBM, all chips together (≥ 0, default 0).
 * @param [precision] "bf16" (default), "fp16", "fp8", "fp4" or "int8".
 * @param [chips] Chips sharing the step evenly (whole number ≥ 1, default 1).
 * @param [scaleout_bytes] Bytes sent over the scale-out network, summed over chips (≥ 0, default 0).
 * @param [compute_eff] Achievable share of peak compute, in (0, 1] (default 0.7).
 * @param [memory_eff] Achievable share of HBM bandwidth, in (0, 1] (default 0.8).
 * @param [network_eff] Achievable share of network bandwidth, in (0, 1] (default 0.65 scale-up, 0.9 scale-out).
 * @param [storage_gb_per_s] Storage bandwidth each chip gets, GB/s (> 0).
 * @param [overlap] TRUE (default): the step takes the longest time; FALSE: the times add up.
 * @returns Rows of label and value: compute, HBM, scale-up, scale-out and storage seconds, step seconds, attainable fraction.
 */
export function BALANCE_BREAKDOWN(
  chip: unknown[][],
  flops: number,
  hbm_bytes: number,
  network_bytes?: number,
  storage_bytes?: number,
  resident_bytes?: number,
  precision?: string,
  chips?: number,
  scaleout_bytes?: number,
  compute_eff?: number,
  memory_eff?: number,
  network_eff?: number,
  storage_gb_per_s?: number,
  overlap?: boolean,
): unknown[][] {
  const t = balanceOf(
    chip,
    flops,
    hbm_bytes,
    network_bytes,
    storage_bytes,
    resident_bytes,
    precision,
    chips,
    scaleout_bytes,
    compute_eff,
    memory_eff,
    network_eff,
    storage_gb_per_s,
    overlap,
  );
  if (t.missingBytes > 0) throw capacityError(t, resident_bytes, chips);
  const rows: [string, number][] = [
    ["compute s", t.computeS],
    ["hbm s", t.hbmS],
    ["scale-up network s", t.scaleUpS],
    ["scale-out network s", t.scaleOutS],
    ["storage s", t.storageS],
    ["step s", t.stepS],
    ["fraction of peak", t.fraction],
  ];
  return rows.map(([label, value]) => [label, finite(value, "BALANCE_BREAKDOWN")]);
}

// ---- LLM workloads ----

const readParams = requiredNumber(positiveRule("params"));
const readActive = optionalNumber(positiveRule("active_params"), undefined);
const readBytesPerParam = optionalNumber(positiveRule("bytes_per_param"), 2);
const readBatch = requiredNumber(countRule("batch"));
const readContext = requiredNumber(nonNegativeRule("context_tokens"));
const readPrompt = requiredNumber(countRule("prompt_tokens"));
const readKvPerToken = requiredNumber(nonNegativeRule("kv_bytes_per_token"));
const readExperts = optionalNumber(countRule("experts"), undefined);
const readExpertsPerToken = optionalNumber(countRule("experts_per_token"), undefined);

/** Total and active parameters, checked against each other; experts and k both or neither. */
function modelSize(
  params: unknown,
  active: unknown,
  bytesPerParam: unknown,
  experts?: unknown,
  k?: unknown,
): ModelSize {
  const total = readParams(params);
  const activeParams = readActive(active) ?? total;
  if (activeParams > total) throw valueError(`active_params must be ≤ params (got ${describeValue(active)}).`);
  const e = readExperts(experts);
  const perToken = readExpertsPerToken(k);
  if ((e === undefined) !== (perToken === undefined)) {
    throw valueError("experts and experts_per_token go together: give both (a mixture of experts) or neither.");
  }
  if (e !== undefined && perToken !== undefined && !moeSplit(total, activeParams, e, perToken)) {
    throw valueError(
      "params, active_params, experts and experts_per_token do not describe one model: need experts_per_token ≤ experts and active_params ≥ experts_per_token × (params − active_params) / (experts − experts_per_token).",
    );
  }
  return {
    params: total,
    activeParams,
    bytesPerParam: readBytesPerParam(bytesPerParam),
    experts: e,
    expertsPerToken: perToken,
  };
}

/** A workload as two rows: BALANCE's argument names over the values. */
function spill(w: LlmWorkload, id: string): unknown[][] {
  const values = [w.flops, w.hbmBytes, w.networkBytes, w.storageBytes, w.residentBytes, w.scaleOutBytes];
  for (const v of values) finite(v, id);
  return [WORKLOAD_COLUMNS.slice(), values];
}

/**
 * One decode step of an LLM (each sequence adds a token) as BALANCE's work: FLOPs, HBM bytes (weights touched + KV cache), network, storage, resident, scale-out bytes.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#DECODE_STEP
 * @param params Total parameters (> 0), e.g. 70e9.
 * @param batch Sequences decoded together (whole number ≥ 1).
 * @param context_tokens Tokens of KV cache each sequence reads (≥ 0).
 * @param kv_bytes_per_token KV-cache bytes per token (≥ 0; see KV_BYTES).
 * @param [active_params] Parameters each token uses (mixture of experts; default = params).
 * @param [bytes_per_param] Bytes per weight (> 0; default 2 for bf16, 1 for int8/fp8).
 * @param [experts] Routed experts per layer (whole number ≥ 1; with experts_per_token: reads only the experts the batch touches).
 * @param [experts_per_token] Experts each token is routed to (whole number ≥ 1).
 * @returns Two rows: flops, hbm_bytes, network_bytes, storage_bytes, resident_bytes, scaleout_bytes over their values.
 */
export function DECODE_STEP(
  params: number,
  batch: number,
  context_tokens: number,
  kv_bytes_per_token: number,
  active_params?: number,
  bytes_per_param?: number,
  experts?: number,
  experts_per_token?: number,
): unknown[][] {
  const size = modelSize(params, active_params, bytes_per_param, experts, experts_per_token);
  const w = decodeWorkload(size, readBatch(batch), readContext(context_tokens), readKvPerToken(kv_bytes_per_token));
  return spill(w, "DECODE_STEP");
}

const readAttnLayers = optionalNumber(countRule("layers"), undefined);
const readAttentionDim = optionalNumber(countRule("attention_dim"), undefined);

/**
 * Prefill of a batch of prompts as BALANCE's work: FLOPs (matmuls, plus causal attention when layers and attention_dim are given), HBM bytes (weights once + KV cache written), network, storage, resident, scale-out bytes.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#PREFILL_STEP
 * @param params Total parameters (> 0).
 * @param prompt_tokens Tokens per prompt (whole number ≥ 1).
 * @param batch Prompts processed together (whole number ≥ 1).
 * @param kv_bytes_per_token KV-cache bytes per token (≥ 0; see KV_BYTES).
 * @param [active_params] Parameters each token uses (mixture of experts; default = params).
 * @param [bytes_per_param] Bytes per weight (> 0; default 2).
 * @param [experts] Routed experts per layer (whole number ≥ 1; with experts_per_token: reads only the experts the prompts touch).
 * @param [experts_per_token] Experts each token is routed to (whole number ≥ 1).
 * @param [layers] Transformer layers (whole number ≥ 1; with attention_dim: adds the causal attention FLOPs 2·layers·prompt_tokens²·attention_dim per prompt).
 * @param [attention_dim] Query heads × head dimension (whole number ≥ 1; d_model for most models, 8,192 for Llama-3-70B).
 * @returns Two rows: flops, hbm_bytes, network_bytes, storage_bytes, resident_bytes, scaleout_bytes over their values.
 */
export function PREFILL_STEP(
  params: number,
  prompt_tokens: number,
  batch: number,
  kv_bytes_per_token: number,
  active_params?: number,
  bytes_per_param?: number,
  experts?: number,
  experts_per_token?: number,
  layers?: number,
  attention_dim?: number,
): unknown[][] {
  const size = modelSize(params, active_params, bytes_per_param, experts, experts_per_token);
  const nLayers = readAttnLayers(layers);
  const width = readAttentionDim(attention_dim);
  if ((nLayers === undefined) !== (width === undefined)) {
    throw valueError("layers and attention_dim go together: give both to count attention FLOPs, or neither.");
  }
  const attention = nLayers === undefined || width === undefined ? undefined : { layers: nLayers, width };
  const w = prefillWorkload(
    size,
    readPrompt(prompt_tokens),
    readBatch(batch),
    readKvPerToken(kv_bytes_per_token),
    attention,
  );
  return spill(w, "PREFILL_STEP");
}

const readTokens = requiredNumber(positiveRule("tokens"));
const readTrainChips = requiredNumber(countRule("chips"));
const readTp = optionalNumber(countRule("tensor_parallel"), 1);
const readEp = optionalNumber(countRule("expert_parallel"), 1);
const readDModel = optionalNumber(countRule("d_model"), undefined);
const readLayers = optionalNumber(countRule("layers"), undefined);
const readTrainK = optionalNumber(countRule("experts_per_token"), 1);
const readChipsPerNode = optionalNumber(countRule("chips_per_node"), 8);

/**
 * One training step (6·N·D FLOPs) with data-, tensor- and expert-parallel traffic as BALANCE's work: FLOPs, HBM, scale-up, storage, resident and scale-out bytes.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#TRAIN_STEP
 * @param params Total parameters (> 0).
 * @param tokens Tokens in the global batch of one step (> 0).
 * @param chips Chips training together (whole number ≥ 1; a multiple of tensor_parallel × expert_parallel).
 * @param [active_params] Parameters each token uses (mixture of experts; default = params).
 * @param [tensor_parallel] Tensor-parallel degree (whole number ≥ 1, default 1; > 1 needs d_model and layers).
 * @param [expert_parallel] Expert-parallel degree (whole number ≥ 1, default 1; > 1 needs d_model and layers; shards every parameter, shared ones too).
 * @param [d_model] Model width (whole number ≥ 1).
 * @param [layers] Transformer layers (whole number ≥ 1).
 * @param [experts_per_token] Experts each token is routed to (whole number ≥ 1, default 1).
 * @param [chips_per_node] Chips per scale-up domain (whole number ≥ 1, default 8; 72 for NVL72).
 * @param [bytes_per_param] Bytes per weight and gradient (> 0, default 2 for bf16; the fp32 optimizer state stays 12 bytes per parameter).
 * @returns Two rows: flops, hbm_bytes, network_bytes, storage_bytes, resident_bytes, scaleout_bytes over their values.
 */
export function TRAIN_STEP(
  params: number,
  tokens: number,
  chips: number,
  active_params?: number,
  tensor_parallel?: number,
  expert_parallel?: number,
  d_model?: number,
  layers?: number,
  experts_per_token?: number,
  chips_per_node?: number,
  bytes_per_param?: number,
): unknown[][] {
  const size = modelSize(params, active_params, bytes_per_param);
  const globalTokens = readTokens(tokens);
  const n = readTrainChips(chips);
  const tp = readTp(tensor_parallel);
  const ep = readEp(expert_parallel);
  if (n % (tp * ep) !== 0) {
    throw valueError(`chips (${n}) must be a multiple of tensor_parallel × expert_parallel (${tp * ep}).`);
  }
  const dModel = readDModel(d_model);
  const nLayers = readLayers(layers);
  if ((tp > 1 || ep > 1) && (dModel === undefined || nLayers === undefined)) {
    throw valueError("tensor_parallel or expert_parallel > 1 needs d_model and layers to size the activation traffic.");
  }
  const moe = { ...size, expertsPerToken: readTrainK(experts_per_token) };
  const w = trainingWorkload(moe, globalTokens, {
    chips: n,
    tensorParallel: tp,
    expertParallel: ep,
    chipsPerNode: readChipsPerNode(chips_per_node),
    dModel,
    layers: nLayers,
  });
  return spill(w, "TRAIN_STEP");
}

const readKvLayers = requiredNumber(countRule("layers"));
const readKvHeads = requiredNumber(countRule("kv_heads"));
const readHeadDim = requiredNumber(countRule("head_dim"));
const readKvTokens = optionalNumber(nonNegativeRule("tokens"), 1);
const readBytesPerValue = optionalNumber(positiveRule("bytes_per_value"), 2);
const readOptionalParams = optionalNumber(positiveRule("params"), undefined);
const readKvCache = optionalChoice("cache", KV_CACHE_KINDS, "kv");

/**
 * KV-cache bytes: 2 (key and value) × bytes per value × head_dim × kv_heads × layers × tokens; a "latent" (MLA) cache stores one vector, not two.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#KV_BYTES
 * @param layers Transformer layers (whole number ≥ 1).
 * @param kv_heads Key/value heads (whole number ≥ 1; fewer than query heads under grouped-query attention; 1 for a latent cache).
 * @param head_dim Dimension per head (whole number ≥ 1; for a latent cache the cached width, e.g. 512 + 64 = 576 for DeepSeek-V3).
 * @param [tokens] Tokens cached (≥ 0, default 1: bytes per token).
 * @param [bytes_per_value] Bytes per cached value (> 0, default 2 for bf16; 1 for int8/fp8).
 * @param [cache] "kv" (default: separate keys and values) or "latent" (multi-head latent attention: one shared vector per token and layer).
 * @returns Bytes.
 */
export function KV_BYTES(
  layers: number,
  kv_heads: number,
  head_dim: number,
  tokens?: number,
  bytes_per_value?: number,
  cache?: string,
): number {
  const bytes = kvCacheBytes(
    readKvLayers(layers),
    readKvHeads(kv_heads),
    readHeadDim(head_dim),
    readKvTokens(tokens),
    readBytesPerValue(bytes_per_value),
    readKvCache(cache),
  );
  return finite(bytes, "KV_BYTES");
}

/**
 * Decode batch (tokens per step) above which weight reads hide behind the matmuls: ridge × bytes per param ÷ 2 × params ÷ active params.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#CRITICAL_BATCH
 * @param chip Catalog name (e.g. "H100") or a range of your chip's figures.
 * @param [precision] Precision of the math: "bf16" (default), "fp16", "fp8", "fp4" or "int8".
 * @param [bytes_per_param] Bytes per weight (> 0, default 2 for bf16; 1 for int8/fp8 weights).
 * @param [params] Total parameters of a mixture of experts (> 0; with active_params).
 * @param [active_params] Parameters each token uses (> 0, ≤ params).
 * @returns Tokens per decode step.
 */
export function CRITICAL_BATCH(
  chip: unknown[][],
  precision?: string,
  bytes_per_param?: number,
  params?: number,
  active_params?: number,
): number {
  const spec = readChip(chip);
  const rates = ratesAt(spec, readPrecision(precision));
  const bandwidth = needFigure(spec, rates.hbmBytesPerS, "hbm_tb_per_s", "CRITICAL_BATCH");
  const bytesPerParam = readBytesPerParam(bytes_per_param);
  const total = readOptionalParams(params);
  const active = readActive(active_params);
  if ((total === undefined) !== (active === undefined)) {
    throw valueError(
      "params and active_params go together: give both (a mixture of experts) or neither (a dense model).",
    );
  }
  if (total !== undefined && active! > total)
    throw valueError(`active_params must be ≤ params (got ${describeValue(active)}).`);
  const ratio = total === undefined ? 1 : total / active!;
  return finite(criticalDecodeBatch(ridgePoint(rates.peakFlops, bandwidth), bytesPerParam, ratio), "CRITICAL_BATCH");
}
// ---- MFU ----

const readTokensPerS = requiredNumber(positiveRule("tokens_per_s"));
const readOptionalLayers = optionalNumber(nonNegativeRule("layers"), 0);
const readHeads = optionalNumber(nonNegativeRule("heads"), 0);
const readMfuHeadDim = optionalNumber(nonNegativeRule("head_dim"), 0);
const readSeqLen = optionalNumber(nonNegativeRule("seq_len"), 0);

/**
 * Model FLOPs utilization (PaLM): tokens/s × (6·params + 12·layers·heads·head_dim·seq_len) ÷ the chips' dense peak.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#MFU
 * @param tokens_per_s Training tokens processed per second, all chips (> 0).
 * @param params Parameters (> 0; active parameters for a mixture of experts).
 * @param chip Catalog name (e.g. "A100") or a range of your chip's figures.
 * @param [chips] Chips training together (whole number ≥ 1, default 1).
 * @param [layers] Layers, for the attention term (≥ 0, default 0: 6N only).
 * @param [heads] Attention heads (≥ 0, default 0).
 * @param [head_dim] Dimension per head (≥ 0, default 0).
 * @param [seq_len] Training sequence length, tokens (≥ 0, default 0).
 * @param [precision] Training precision: "bf16" (default), "fp16", "fp8", "fp4" or "int8".
 * @returns MFU, a share of peak (above 1 means the inputs overstate throughput).
 */
export function MFU(
  tokens_per_s: number,
  params: number,
  chip: unknown[][],
  chips?: number,
  layers?: number,
  heads?: number,
  head_dim?: number,
  seq_len?: number,
  precision?: string,
): number {
  const tokensPerS = readTokensPerS(tokens_per_s);
  const n = readParams(params);
  const spec = readChip(chip);
  const count = readChips(chips);
  const perToken = palmFlopsPerToken(
    n,
    readOptionalLayers(layers),
    readHeads(heads),
    readMfuHeadDim(head_dim),
    readSeqLen(seq_len),
  );
  const rates = ratesAt(spec, readPrecision(precision));
  return finite(modelFlopsUtilization(tokensPerS, perToken, rates.peakFlops * count), "MFU");
}

// ---- agents ----

const readLlmS = requiredNumber(positiveRule("llm_s"));
const readToolCpuS = requiredNumber(nonNegativeRule("tool_cpu_s"));
const readStorageS = optionalNumber(nonNegativeRule("storage_s"), 0);
const readNetworkS = optionalNumber(nonNegativeRule("network_s"), 0);
const readToolCalls = optionalNumber({ name: "tool_calls_per_task", min: 0, max: 1e6, integer: true }, 1);
const readConcurrency = optionalNumber(countRule("concurrency"), undefined);
const readTargetBusy = optionalNumber(fractionRule("target_busy"), undefined);

function agentLoop(llm: unknown, cpu: unknown, storage: unknown, network: unknown, calls: unknown): AgentLoop {
  return {
    llmS: readLlmS(llm),
    toolCpuS: readToolCpuS(cpu),
    storageS: readStorageS(storage),
    networkS: readNetworkS(network),
    toolCalls: readToolCalls(calls),
  };
}

/**
 * Share of time an accelerator computes when agent loops alternate LLM calls with tool calls on CPUs, storage and the network.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#AGENT_BUSY
 * @param llm_s Accelerator-seconds per LLM call (> 0; include re-prefill after a KV-cache eviction).
 * @param tool_cpu_s CPU seconds per tool call (≥ 0).
 * @param [storage_s] Seconds per tool call waiting on storage or retrieval (≥ 0, default 0).
 * @param [network_s] Seconds per tool call waiting on the network, e.g. remote APIs (≥ 0, default 0).
 * @param [tool_calls_per_task] Tool calls per task; a task makes one more LLM call than tool calls (whole number ≥ 0, default 1).
 * @param [concurrency] Agent loops sharing the accelerator (whole number ≥ 1, default 1: a lone loop).
 * @returns Busy fraction, 0–1.
 */
export function AGENT_BUSY(
  llm_s: number,
  tool_cpu_s: number,
  storage_s?: number,
  network_s?: number,
  tool_calls_per_task?: number,
  concurrency?: number,
): number {
  const loop = agentLoop(llm_s, tool_cpu_s, storage_s, network_s, tool_calls_per_task);
  return finite(agentBusyFraction(loop, readConcurrency(concurrency) ?? 1), "AGENT_BUSY");
}

/**
 * CPU cores per accelerator that agent tool calls keep busy: at the load of `concurrency` loops, or (concurrency omitted) at the target_busy accelerator fraction, default 1 (fully busy).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#AGENT_CPU_CORES
 * @param llm_s Accelerator-seconds per LLM call (> 0).
 * @param tool_cpu_s CPU seconds per tool call (≥ 0).
 * @param [storage_s] Seconds per tool call waiting on storage (≥ 0, default 0).
 * @param [network_s] Seconds per tool call waiting on the network (≥ 0, default 0).
 * @param [tool_calls_per_task] Tool calls per task (whole number ≥ 0, default 1).
 * @param [concurrency] Agent loops sharing the accelerator (whole number ≥ 1; omitted: size for target_busy instead; unlike AGENT_BUSY, not one loop).
 * @param [target_busy] Accelerator busy fraction to size the cores for, in (0, 1] (default 1; only when concurrency is omitted).
 * @returns CPU cores per accelerator.
 */
export function AGENT_CPU_CORES(
  llm_s: number,
  tool_cpu_s: number,
  storage_s?: number,
  network_s?: number,
  tool_calls_per_task?: number,
  concurrency?: number,
  target_busy?: number,
): number {
  const loop = agentLoop(llm_s, tool_cpu_s, storage_s, network_s, tool_calls_per_task);
  const loops = readConcurrency(concurrency);
  const target = readTargetBusy(target_busy);
  if (loops !== undefined && target !== undefined) {
    throw valueError(
      "target_busy applies only when concurrency is omitted: give concurrency or target_busy, not both.",
    );
  }
  const busy = loops === undefined ? (target ?? 1) : agentBusyFraction(loop, loops);
  return finite(agentCpuCores(loop, busy), "AGENT_CPU_CORES");
}
