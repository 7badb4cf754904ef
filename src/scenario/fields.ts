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
  | "usdPerMwh"
  | "months"
  | "hours"
  | "minutes"
  | "count"
  | "value"
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
}

const DOCS = "the function reference example";

/**
 * A published value per MW of a whole site (a vendor's tokens per MW of AI factory) is already net
 * of that site's PUE, utilization and goodput: the sheets calibrate it with VALUE_PER_EFFECTIVE_MW
 * at the sheet's own conditions (no redundancy loss) rather than derate it a second time.
 */
const VALUE_PER_FACILITY_MW = f(
  "value_per_mw_year",
  "Value per facility MW-year (published)",
  "your unit",
  0,
  1e18,
  "value",
  5.676e12,
  "NVIDIA blog: 180,000 tokens/s per MW of Hopper AI factory × 31.536M s (tokens); taken at this sheet's PUE and utilization",
);

export const REDUNDANCY_FIELDS: readonly NumberField[] = [
  f("grid_mw", "Site grid power", "MW", 0, 100_000, "mw", 120, `REDUNDANCY_COMPARE: ${DOCS}`, { minExclusive: true }),
  f("pue", "PUE", "facility ÷ IT", 1, 10, "plain", 1.2, `REDUNDANCY_COMPARE: ${DOCS}`),
  f("modules_needed", "Modules needed (N)", "modules", 1, 1000, "count", 4, `REDUNDANCY_COMPARE: ${DOCS}`, {
    integer: true,
  }),
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
  ),
  f("utilization", "Utilization", "0–1", 0, 1, "percent", 0.8, `EFFECTIVE_MW: ${DOCS}`, { minExclusive: true }),
  VALUE_PER_FACILITY_MW,
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
  f("pue", "PUE", "facility ÷ IT", 1, 10, "plain", 1.2, `TCO: ${DOCS}`),
  f("training_share", "Share of the fleet on the training job", "0–1", 0, 1, "percent", 1, "your workload mix"),
  f("accel_mtbf_hours", "Accelerator MTBF", "hours", 0, 10_000_000, "hours", 50_000, `GOODPUT: ${DOCS}`, {
    minExclusive: true,
  }),
  f("ckpt_write_min", "Checkpoint write", "minutes", 0, 10_000, "minutes", 1, `GOODPUT: ${DOCS}`),
  f("restart_min", "Restart", "minutes", 0, 10_000, "minutes", 10, `GOODPUT: ${DOCS}`),
  f("mfu", "Model FLOPs utilization", "0–1", 0, 1, "percent", 0.4, `GOODPUT_BREAKDOWN: ${DOCS}`, {
    minExclusive: true,
  }),
  f("utilization", "Utilization", "0–1", 0, 1, "percent", 0.8, `EFFECTIVE_MW: ${DOCS}`, { minExclusive: true }),
  VALUE_PER_FACILITY_MW,
  f("facility_capex_per_mw", "Facility capex per MW", "USD", 0, 1e9, "usd", 13e6, "Epoch AI 1 GW site (TCO example)"),
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
  f("power_price_per_mwh", "Electricity price", "USD per MWh", 0, 10_000, "usdPerMwh", 60, `TCO: ${DOCS}`),
  f("it_life_years", "IT life", "years", 0, 50, "plain", 5, "Epoch AI: IT life 5 years", { minExclusive: true }),
  f("facility_life_years", "Facility life", "years", 0, 100, "plain", 14, "Epoch AI: facility life 14 years", {
    minExclusive: true,
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

/** Why `value` is not acceptable for `spec`, or undefined when it is. */
export function numberProblem(spec: NumberField, value: unknown): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return `${spec.label} must be a number.`;
  const low = spec.minExclusive ? value <= spec.min : value < spec.min;
  if (low || value > spec.max) {
    const open = spec.minExclusive ? `above ${spec.min}` : `from ${spec.min}`;
    return `${spec.label} must be ${open} to ${spec.max} ${spec.unit}.`;
  }
  if (spec.integer && !Number.isInteger(value)) return `${spec.label} must be a whole number.`;
  return undefined;
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
