/**
 * The numeric inputs of each scenario kind: label, unit, accepted range, default and the source of
 * the default. One table serves validation (src/scenario/schema.ts), the sheet plan (labels,
 * units, number formats) and the wizard (labelled controls with inline validation).
 */
export type Kind = "redundancy" | "fleet" | "buildout";

/** How a number is shown in a cell. */
export type Format =
  | "mw"
  | "percent"
  | "availability"
  | "usd"
  | "usdChange"
  | "usdPerMwh"
  | "usdPerMTokens"
  | "months"
  | "hours"
  | "minutes"
  | "count"
  | "ratio"
  | "plain";

export interface NumberField {
  key: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  /** True when min itself is outside the range (a value must be above it). */
  minExclusive?: boolean;
  integer?: boolean;
  format: Format;
  default: number;
  source: string;
  /**
   * A published plausible range (not the accepted range) a planner would swing the input over in
   * a sensitivity or uncertainty analysis, with its source; absent where no source gives one.
   */
  low?: number;
  high?: number;
  rangeSource?: string;
}

const DOCS = "the function reference example";

/** PUE from the best fleet to the industry average. */
const PUE_RANGE: Partial<NumberField> = {
  low: 1.1,
  high: 1.58,
  rangeSource:
    "Google 2024 Environmental Report: Google's 2023 fleet 1.10; industry average 1.58 (Uptime Institute, 2023)",
};

/** Seconds in a year of 8,760 hours (the project's year): tokens per second to tokens per year. */
export const SECONDS_PER_YEAR = 31_536_000;

/**
 * Value in money: tokens per second that one MW of IT produces while all of it does useful work,
 * times the price of a million tokens, gives USD per effective MW-year (the sheets' "value per
 * effective MW-year"); the losses to PUE, redundancy, availability, utilization and goodput are
 * applied by the sheet's formulas, once.
 */
const THROUGHPUT = f(
  "tokens_per_s_per_mw",
  "Throughput per MW of IT at full useful work",
  "tokens/s per MW",
  0,
  // Far above any chip's figure, so every version 2 value (up to 1e18 tokens per MW-year) migrates intact.
  1e11,
  "count",
  180_000,
  'NVIDIA blog "The More You Buy, the More You Make" (first version): Hopper, 180,000 tokens/s in a 1 MW AI factory at max volume, taken as per MW of IT at full use; enter your model\'s figure',
);
const TOKEN_PRICE = f(
  "price_per_m_tokens",
  "Price per million tokens",
  "USD per million tokens",
  0,
  1_000_000,
  "usdPerMTokens",
  5,
  'BOND "Trends in Artificial Intelligence" (May 2025), NVIDIA $1B data-center slide: Hopper $300M for 58T tokens, about $5 per million ($5.17; Blackwell $5.09)',
);

export const REDUNDANCY_FIELDS: readonly NumberField[] = [
  f("grid_mw", "Site grid power", "MW", 0, 100_000, "mw", 120, `REDUNDANCY_COMPARE: ${DOCS}`, { minExclusive: true }),
  f("pue", "PUE", "facility ÷ IT", 1, 10, "plain", 1.2, `REDUNDANCY_COMPARE: ${DOCS}`, PUE_RANGE),
  f(
    "it_load_mw",
    "IT load on one UPS system",
    "MW",
    0,
    100_000,
    "mw",
    4,
    "4 MW on 1 MW modules: N = 4, the REDUNDANCY_COMPARE example (Vertiv: N+1 loses reliability beyond 3+1 modules)",
    { minExclusive: true },
  ),
  f("ups_module_mw", "UPS module size", "MW", 0, 1000, "mw", 1, "Schneider Electric WP234: a 1 MW UPS", {
    minExclusive: true,
  }),
  f(
    "modules_needed",
    "Modules needed (N), override",
    "modules; 0 = IT load ÷ module size",
    0,
    1000,
    "count",
    0,
    "0 derives N from the load and module size",
    { integer: true },
  ),
  f("module_availability", "Module availability", "0–1", 0, 1, "availability", 0.999, `AVAILABILITY: ${DOCS}`, {
    minExclusive: true,
  }),
  f("module_mtbf_hours", "Module MTBF", "hours", 0, 10_000_000, "hours", 100_000, "codingace.net planning tool", {
    minExclusive: true,
  }),
  f("module_mttr_hours", "Module MTTR", "hours", 0, 100_000, "hours", 4, "codingace.net planning tool"),
  f(
    "common_cause_beta",
    "Common-cause share (beta)",
    "0–1",
    0,
    1,
    "percent",
    0.05,
    "Schneider Electric WP75 (β 1–10%)",
    { low: 0.01, high: 0.1, rangeSource: "Schneider Electric WP75 and the codingace.net planning tool: β 1–10%" },
  ),
  f("utilization", "Utilization", "0–1", 0, 1, "percent", 0.8, `EFFECTIVE_MW: ${DOCS}`, { minExclusive: true }),
  THROUGHPUT,
  TOKEN_PRICE,
];

export const FLEET_FIELDS: readonly NumberField[] = [
  f("custom_bf16_tflops", "Custom chip: dense BF16", "TFLOP/s", 0, 1e6, "plain", 989.4, "H100 SXM datasheet, dense", {
    minExclusive: true,
  }),
  f(
    "system_kw",
    "Rack or server power",
    "kW",
    0,
    10_000,
    "plain",
    132,
    "GB200 NVL72 rack (ACCELERATORS_PER_MW example)",
    {
      minExclusive: true,
    },
  ),
  f("accelerators_per_system", "Accelerators per rack or server", "count", 1, 100_000, "count", 72, "GB200 NVL72", {
    integer: true,
  }),
  f("accelerators", "Accelerators", "count", 1, 10_000_000, "count", 16_384, `GOODPUT: ${DOCS}`, { integer: true }),
  f("grid_mw", "Site grid power", "MW", 0, 100_000, "mw", 120, `REDUNDANCY_COMPARE: ${DOCS}`, { minExclusive: true }),
  f("pue", "PUE", "facility ÷ IT", 1, 10, "plain", 1.2, `TCO: ${DOCS}`, PUE_RANGE),
  f("training_share", "Share of the fleet on the training job", "0–1", 0, 1, "percent", 1, "your workload mix"),
  f("accel_mtbf_hours", "Accelerator MTBF", "hours", 0, 10_000_000, "hours", 50_000, `GOODPUT: ${DOCS}`, {
    minExclusive: true,
    low: 29_500,
    high: 82_000,
    rangeSource:
      "Kokolis et al. 2024 (arXiv 2410.21680): 6.50 (RSC-1) and 2.34 (RSC-2) failures per 1000 node-days, 8 GPUs a node; Llama 3 (3.79) gives about 50,700 h",
  }),
  f("ckpt_write_min", "Checkpoint write", "minutes", 0, 10_000, "minutes", 1, `GOODPUT: ${DOCS}`, {
    low: 10 / 60,
    high: 5,
    rangeSource: "Kokolis et al. 2024: blocking checkpoint writes from 10 s (asynchronous) to 5 min",
  }),
  f("restart_min", "Restart", "minutes", 0, 10_000, "minutes", 10, `GOODPUT: ${DOCS}`, {
    low: 3,
    high: 15,
    rangeSource:
      "Meta FT-HSDP (arXiv 2602.00277): recovery stall 3 min; ByteDance MegaScale (NSDI'24): back to pre-crash progress within 15 min",
  }),
  f("mfu", "Model FLOPs utilization", "0–1", 0, 1, "percent", 0.4, `GOODPUT_BREAKDOWN: ${DOCS}`, {
    minExclusive: true,
    low: 0.38,
    high: 0.552,
    rangeSource:
      "Llama 3 (arXiv 2407.21783, Table 4): 38–43% on 8,192–16,384 H100s; ByteDance MegaScale (NSDI'24): 55.2% on 12,288 GPUs",
  }),
  f("utilization", "Utilization", "0–1", 0, 1, "percent", 0.8, `EFFECTIVE_MW: ${DOCS}`, { minExclusive: true }),
  THROUGHPUT,
  f(
    "throughput_mfu",
    "MFU behind that throughput",
    "0–1",
    0,
    1,
    "percent",
    0.4,
    "assumed equal to the MFU default (NVIDIA does not publish it): throughput scales with MFU ÷ this",
    { minExclusive: true },
  ),
  TOKEN_PRICE,
  f("facility_capex_per_mw", "Facility capex per MW", "USD", 0, 1e9, "usd", 13e6, "Epoch AI 1 GW site (TCO example)", {
    low: 9.3e6,
    high: 15e6,
    rangeSource:
      "Cushman & Wakefield Data Center Development Cost Guide 2025: $9.3M (San Antonio) to $15.0M (Reno) per MW over 19 US markets",
  }),
  f(
    "capex_per_accelerator_usd",
    "IT capex per accelerator",
    "USD",
    0,
    1e8,
    "usd",
    46_000,
    "Epoch AI 1 GW site: $25B of IT ÷ 545,000 GB200 GPUs",
  ),
  f("power_price_per_mwh", "Electricity price", "USD per MWh", 0, 10_000, "usdPerMwh", 60, `TCO: ${DOCS}`, {
    low: 67.9,
    high: 180.4,
    rangeSource:
      "EIA Electric Power Monthly Table 5.6.B, industrial, Jan–Jul 2024: 6.79¢/kWh (Iowa) to 18.04¢/kWh (Massachusetts)",
  }),
  f("it_life_years", "IT life", "years", 0, 50, "plain", 5, "Epoch AI: IT life 5 years", {
    minExclusive: true,
    low: 3,
    high: 7,
    rangeSource: "Epoch AI 1 GW TCO: its sensitivity with IT lives of 3 and 7 years",
  }),
  f("facility_life_years", "Facility life", "years", 0, 100, "plain", 14, "Epoch AI: facility life 14 years", {
    minExclusive: true,
    low: 10,
    high: 15,
    rangeSource:
      "Barroso, Hölzle, Ranganathan, The Datacenter as a Computer, ch. 6: facilities amortized over 10–15 years",
  }),
  f(
    "discount_rate",
    "Discount rate",
    "0–1",
    0,
    1,
    "percent",
    0.07,
    `TCO: ${DOCS} (Epoch AI calibration; 0 = straight-line)`,
  ),
];

export const BUILDOUT_FIELDS: readonly NumberField[] = [
  f("trials", "Monte Carlo trials", "count", 1, 100_000, "count", 10_000, "BUILDOUT default", { integer: true }),
  f("seed", "Random seed", "whole number", 0, 2_147_483_647, "count", 1, "BUILDOUT default", { integer: true }),
  f("horizon_months", "Horizon", "months", 1, 600, "months", 84, "covers the template's P90 first power", {
    integer: true,
  }),
];

export const FIELDS: Record<Kind, readonly NumberField[]> = {
  redundancy: REDUNDANCY_FIELDS,
  fleet: FLEET_FIELDS,
  buildout: BUILDOUT_FIELDS,
};

/** The field of `kind` named `key` (the tables above list every key the schema uses). */
export function field(kind: Kind, key: string): NumberField {
  const found = FIELDS[kind].find((x) => x.key === key);
  if (!found) throw new Error(`no field ${key} in ${kind}`);
  return found;
}

/** The values `spec` accepts, in words ("a number above 0 up to 1", "a whole number from 1 to 1,000"). */
export function acceptedRange(spec: NumberField): string {
  const n = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 6 });
  const what = spec.integer ? "a whole number" : "a number";
  return spec.minExclusive
    ? `${what} above ${n(spec.min)} up to ${n(spec.max)}`
    : `${what} from ${n(spec.min)} to ${n(spec.max)}`;
}

/** Why `value` is not acceptable for `spec`, or undefined when it is. */
export function numberProblem(spec: NumberField, value: unknown): string | undefined {
  const low = typeof value === "number" && (spec.minExclusive ? value <= spec.min : value < spec.min);
  const bad =
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    low ||
    value > spec.max ||
    (spec.integer && !Number.isInteger(value));
  return bad ? `${spec.label} (${spec.unit}) must be ${acceptedRange(spec)}.` : undefined;
}

/**
 * A redundancy scenario's N: the override when it is above 0, else the IT load ÷ the module size
 * rounded up (rounded to 9 decimals first, so 1.1 ÷ 0.1 counts 11 modules, not 12). The sheet's
 * "Modules needed (N)" output computes the same.
 */
export function modulesNeeded(values: Record<string, number>): number {
  if (values.modules_needed > 0) return values.modules_needed;
  return Math.ceil(Number((values.it_load_mw / values.ups_module_mw).toFixed(9)));
}

function f(
  key: string,
  label: string,
  unit: string,
  min: number,
  max: number,
  format: Format,
  def: number,
  source: string,
  extra: Partial<NumberField> = {},
): NumberField {
  return { key, label, unit, min, max, format, default: def, source, ...extra };
}
