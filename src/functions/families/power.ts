/**
 * Power redundancy, availability, value per gigawatt and TCO: "five nines" can leave half the
 * provisioned power idle, and the measure of a site is value per GW and per dollar. Thin
 * adapters over src/model/power.
 */
import {
  describeValue,
  finite,
  isOmitted,
  optionalChoice,
  optionalNumber,
  optionalNumberList,
  requiredNumber,
} from "../args";
import { valueError } from "../errors";
import { countRule, fractionRule, nonNegativeRule, positiveRule } from "../params";
import {
  acceleratorsPerMw,
  ACCEPTED_TOPOLOGIES,
  compareRedundancy,
  DEFAULT_PATH,
  Derating,
  DistributionPath,
  DOWNTIME_UNITS,
  downtimePerYear,
  effectiveMw,
  findTier,
  layerAvailability,
  layoutOf,
  MAX_MODULES,
  MAX_OVERSUBSCRIPTION,
  moduleAvailability,
  nines,
  parseTopology,
  pathAvailability,
  PowerLayout,
  quotedDowntimeText,
  seriesUnavailability,
  TCO_PARTS,
  tcoBreakdown,
  tcoDenominators,
  TcoInputs,
  TierFigures,
  TopologyForm,
  TIER_FIGURES,
  usableFraction,
  valuePerEffectiveMwYear,
  valuePerGwYear,
} from "../../model";

const readModulesNeeded = optionalNumber(
  { name: "modules_needed", min: 1, max: MAX_MODULES, integer: true },
  undefined,
);
const readModuleAvailability = requiredNumber(fractionRule("module_availability"));
const readBeta = optionalNumber({ name: "common_cause_beta", min: 0, max: 1 }, 0);
const readMtbf = requiredNumber(positiveRule("mtbf_hours"));
const readMttr = requiredNumber(nonNegativeRule("mttr_hours"));
const readAvailability = requiredNumber(fractionRule("availability"));
const readUnit = optionalChoice("unit", DOWNTIME_UNITS, "hours");
const readGridMw = requiredNumber(nonNegativeRule("grid_mw"));
const readPositiveGridMw = requiredNumber(positiveRule("grid_mw"));
const PUE_RULE = { name: "pue", min: 1, max: 10 };
const readPue = requiredNumber(PUE_RULE);
const readUtilization = optionalNumber(fractionRule("utilization"), 1);
const readGoodput = optionalNumber(fractionRule("goodput"), 1);
const readOversubscription = optionalNumber({ name: "oversubscription", min: 0, max: MAX_OVERSUBSCRIPTION }, 0);
const readValuePerMwYear = requiredNumber(nonNegativeRule("value_per_effective_mw_year"));
const readOptionalValuePerMwYear = optionalNumber(nonNegativeRule("value_per_effective_mw_year"), 1);
const readValuePerYear = requiredNumber(nonNegativeRule("value_per_year"));
const readItMw = requiredNumber(positiveRule("it_mw"));
const readFacilityCapex = requiredNumber(nonNegativeRule("facility_capex_per_mw"));
const readItCapex = requiredNumber(nonNegativeRule("it_capex_usd"));
const readPrice = requiredNumber(nonNegativeRule("power_price_per_mwh"));
const readOptionalPue = optionalNumber(PUE_RULE, 1.2);
const readItLife = optionalNumber(positiveRule("it_life_years"), 5);
const readFacilityLife = optionalNumber(positiveRule("facility_life_years"), 14);
const readDiscount = optionalNumber({ name: "discount_rate", min: 0, max: 1 }, 0);
const readLoadFactor = optionalNumber(fractionRule("load_factor"), 1);
const readOtherOpex = optionalNumber(nonNegativeRule("other_opex_usd_per_year"), 0);
const readSystemKw = requiredNumber(positiveRule("system_kw"));
const readAcceleratorsPerSystem = requiredNumber(countRule("accelerators_per_system"));
const readFacilityPue = optionalNumber(PUE_RULE, 1);
/** Most components a path_availability range may list. */
const MAX_PATH_COMPONENTS = 50;
const readPathComponents = optionalNumberList(fractionRule("path_availability"), [], MAX_PATH_COMPONENTS);
const readTransferSwitch = optionalNumber(fractionRule("transfer_switch_availability"), undefined);
const TIER_FIELDS = ["availability", "downtime_hours", "quoted_downtime_hours", "name", "components", "paths"] as const;
const readTierField = optionalChoice("field", TIER_FIELDS, "availability");

/** Most topologies REDUNDANCY_COMPARE takes in one call. */
const MAX_COMPARED = 100;

/** The parsed topology `value`, or #VALUE! naming parameter `name` and listing the accepted forms. */
function readForm(value: unknown, name: string): TopologyForm {
  const form = parseTopology(value);
  if (form === null) throw valueError(`${name} must be one of: ${ACCEPTED_TOPOLOGIES} (got ${describeValue(value)}).`);
  return form;
}

/**
 * The distribution path: one availability for a whole path, or its components' availabilities in
 * series; omitted, the sourced defaults (model/power/path.ts). Likewise the load's transfer switch.
 */
function readDistributionPath(path_availability: unknown, transfer_switch_availability: unknown): DistributionPath {
  const components = readPathComponents(path_availability);
  const transfer = readTransferSwitch(transfer_switch_availability);
  return {
    path: components.length === 0 ? DEFAULT_PATH.path : seriesUnavailability(components.map((a) => 1 - a)),
    transferSwitch: transfer === undefined ? DEFAULT_PATH.transferSwitch : 1 - transfer,
  };
}

/** Where a layout is read: what the function allows and offers instead, for the messages. */
interface LayoutUse {
  /** REDUNDANCY_COMPARE: FLEX allowed. */
  flex: boolean;
  /** Availability depends on N, so a letter N needs modules_needed even where the fraction does not. */
  countRequired: boolean;
  /** The function takes modules_needed (TCO and TCO_BREAKDOWN do not). */
  modulesParam: boolean;
  /** The function takes oversubscription, the place for extra load on the reserve. */
  oversubscription: boolean;
}

const FRACTION_USE: LayoutUse = { flex: false, countRequired: false, modulesParam: true, oversubscription: false };
const DERATING_USE: LayoutUse = { ...FRACTION_USE, oversubscription: true };
const TCO_USE: LayoutUse = { ...FRACTION_USE, modulesParam: false };
const AVAILABILITY_USE: LayoutUse = { ...FRACTION_USE, countRequired: true };
const COMPARE_USE: LayoutUse = { ...AVAILABILITY_USE, flex: true };

/** The layout `value` names, or #VALUE! naming parameter `name`. */
function readLayout(value: unknown, modulesNeeded: number | undefined, name: string, use: LayoutUse): PowerLayout {
  return layoutFrom(readForm(value, name), value, modulesNeeded, name, use);
}

function layoutFrom(
  form: TopologyForm,
  value: unknown,
  modulesNeeded: number | undefined,
  name: string,
  use: LayoutUse,
): PowerLayout {
  const got = `(got ${describeValue(value)})`;
  if (form.kind === "fraction") {
    throw valueError(
      `${name} must name a layout such as N+1 or 2N here, not a usable fraction ${got}: availability depends on how the modules are arranged.`,
    );
  }
  if (form.flex && !use.flex) {
    const instead = use.oversubscription ? "; count extra IT deployed on the reserve as oversubscription" : "";
    throw valueError(
      `${name}: FLEX (interruptible use of the reserve) is for REDUNDANCY_COMPARE; give the layout alone here${instead} ${got}.`,
    );
  }
  const layout = layoutOf(form, modulesNeeded, use.countRequired);
  if (typeof layout !== "string") return layout;
  if (!use.modulesParam) {
    throw valueError(`${name} must carry its count here, e.g. "4+1" or "2(4+1)", or be a usable fraction ${got}.`);
  }
  throw valueError(`${name}: ${layout} ${got}.`);
}

/** The usable fraction `value` names: a plain number in (0, 1] or a layout. */
function readUsableFraction(value: unknown, modulesNeeded: number | undefined, use: LayoutUse): number {
  const form = readForm(value, "topology");
  if (form.kind === "fraction") return form.fraction;
  return usableFraction(layoutFrom(form, value, modulesNeeded, "topology", use));
}

function readDerating(
  pue: unknown,
  topology: unknown,
  availability: unknown,
  utilization: unknown,
  goodput: unknown,
  oversubscription: unknown,
  modulesNeeded: unknown,
): Derating {
  return {
    pue: readPue(pue),
    usableFraction: readUsableFraction(topology, readModulesNeeded(modulesNeeded), DERATING_USE),
    availability: readAvailability(availability),
    utilization: readUtilization(utilization),
    goodput: readGoodput(goodput),
    oversubscription: readOversubscription(oversubscription),
  };
}

/**
 * Usable IT power ÷ installed capacity of a redundant power layer (N+1 with N = 4: 0.8; 2N: 0.5).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#USABLE_FRACTION
 * @param topology N, N+R, 2N, 2N+R, 2(N+R), xN/y (e.g. 3N/2), BLOCK N+R, a count in place of N (e.g. "4+1"), or a fraction in (0, 1].
 * @param [modules_needed] N, the modules needed to carry the load (whole number from 1 to 1,000); required when the topology spells N as a letter and its fraction depends on N.
 * @returns Usable fraction, 0–1.
 */
export function USABLE_FRACTION(topology: unknown, modules_needed?: number): number {
  return finite(readUsableFraction(topology, readModulesNeeded(modules_needed), FRACTION_USE), "USABLE_FRACTION");
}

/**
 * Availability of a redundant power layer: k-out-of-n over independent modules, with an optional beta-factor common-cause term. The modules alone: PATH_AVAILABILITY adds the switchgear, bus and PDU path that N+1 shares and 2N duplicates.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#AVAILABILITY
 * @param topology N, N+R, 2N, 2N+R, 2(N+R), xN/y (e.g. 3N/2) or BLOCK N+R; a count may replace N (e.g. "4+1").
 * @param module_availability Steady-state availability of one module, in (0, 1] (see MODULE_AVAILABILITY).
 * @param [modules_needed] N, the modules needed to carry the load (whole number from 1 to 1,000); required unless the count is written into the topology (e.g. "4+1").
 * @param [common_cause_beta] Share of a module's unavailability that takes all modules down at once, 0–1 (default 0; typically 0.01–0.1).
 * @returns Availability, 0–1.
 */
export function AVAILABILITY(
  topology: unknown,
  module_availability: number,
  modules_needed?: number,
  common_cause_beta?: number,
): number {
  const layout = readLayout(topology, readModulesNeeded(modules_needed), "topology", AVAILABILITY_USE);
  const a = layerAvailability(layout, readModuleAvailability(module_availability), readBeta(common_cause_beta));
  return finite(a.availability, "AVAILABILITY");
}

/**
 * Availability of power at an IT load: the redundant module layer with its distribution path (transfer switch, switchgear, paralleling bus, PDU), shared by N and N+R, duplicated per side by 2N, one per system with a transfer switch per load for xN/y.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#PATH_AVAILABILITY
 * @param topology N, N+R, 2N, 2N+R, 2(N+R), xN/y (e.g. 3N/2) or BLOCK N+R; a count may replace N (e.g. "4+1").
 * @param module_availability Steady-state availability of one module, in (0, 1] (see MODULE_AVAILABILITY).
 * @param [modules_needed] N, the modules needed to carry the load (whole number from 1 to 1,000); required unless the count is written into the topology (e.g. "4+1").
 * @param [common_cause_beta] Share of a module's unavailability that takes all modules down at once, 0–1 (default 0; typically 0.01–0.1).
 * @param [path_availability] Availability of one distribution path, utility service to rack, in (0, 1], or a range of its components' availabilities in series (default 0.999945 from IEEE 3006.8 figures; 1 leaves the path out).
 * @param [transfer_switch_availability] Availability of the transfer switch of a load in xN/y or BLOCK layouts, in (0, 1] (default 0.9999685; 1 leaves it out).
 * @returns Availability at the load, 0–1.
 */
export function PATH_AVAILABILITY(
  topology: unknown,
  module_availability: number,
  modules_needed?: number,
  common_cause_beta?: number,
  path_availability?: unknown[][],
  transfer_switch_availability?: number,
): number {
  const layout = readLayout(topology, readModulesNeeded(modules_needed), "topology", AVAILABILITY_USE);
  const a = readModuleAvailability(module_availability);
  const beta = readBeta(common_cause_beta);
  const path = readDistributionPath(path_availability, transfer_switch_availability);
  return finite(pathAvailability(layout, a, beta, path).availability, "PATH_AVAILABILITY");
}

/**
 * Steady-state availability of a repairable module: MTBF ÷ (MTBF + MTTR).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#MODULE_AVAILABILITY
 * @param mtbf_hours Mean time between failures, hours (> 0).
 * @param mttr_hours Mean time to repair, hours (≥ 0).
 * @returns Availability, 0–1.
 */
export function MODULE_AVAILABILITY(mtbf_hours: number, mttr_hours: number): number {
  return finite(moduleAvailability(readMtbf(mtbf_hours), readMttr(mttr_hours)), "MODULE_AVAILABILITY");
}

/**
 * Expected downtime per year (8,760 hours) at an availability: (1 − A) × 8,760 hours.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#DOWNTIME
 * @param availability Availability, in (0, 1].
 * @param [unit] "hours" (default) or "minutes".
 * @returns Downtime per year in the unit asked for.
 */
export function DOWNTIME(availability: number, unit?: string): number {
  return finite(downtimePerYear(readAvailability(availability), readUnit(unit)), "DOWNTIME");
}

/**
 * Nines of availability: −log10(1 − A), so 99.999% is 5 and 99.95% is 3.3.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#NINES
 * @param availability Availability, in (0, 1) (1 has infinitely many nines: #NUM!).
 * @returns Number of nines.
 */
export function NINES(availability: number): number {
  return finite(nines(readAvailability(availability)), "NINES");
}

/**
 * Megawatts of grid power that turn into useful work: grid ÷ PUE × usable fraction × min(1, (1 + oversubscription) × utilization) × availability × goodput.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#EFFECTIVE_MW
 * @param grid_mw Grid (facility) power, MW (≥ 0).
 * @param pue Power usage effectiveness, facility ÷ IT power (1 to 10).
 * @param topology Redundancy of the binding power layer (e.g. "2N", "4+1", "3N/2") or its usable fraction in (0, 1].
 * @param availability Availability of the power delivered to IT, in (0, 1] (see AVAILABILITY).
 * @param [utilization] Average draw of the deployed IT ÷ its rated power, in (0, 1] (default 1); the draw is capped at the usable power.
 * @param [goodput] Share of the work that is useful, in (0, 1] (default 1; about 0.9 for large training jobs).
 * @param [oversubscription] Extra IT deployed beyond the usable power, as a fraction from 0 to 1 (default 0; 0.09–0.25 with power capping).
 * @param [modules_needed] N for a topology that spells it as a letter (whole number from 1 to 1,000).
 * @returns Effective MW.
 */
export function EFFECTIVE_MW(
  grid_mw: number,
  pue: number,
  topology: unknown,
  availability: number,
  utilization?: number,
  goodput?: number,
  oversubscription?: number,
  modules_needed?: number,
): number {
  const gridMw = readGridMw(grid_mw);
  const d = readDerating(pue, topology, availability, utilization, goodput, oversubscription, modules_needed);
  return finite(effectiveMw(gridMw, d), "EFFECTIVE_MW");
}

/**
 * Value delivered per GW-year of grid power, in whatever unit the value comes in (tokens, daily active users, revenue).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#VALUE_PER_GW
 * @param value_per_effective_mw_year Value one effective MW delivers in a year, in your unit (≥ 0). A figure per facility MW (e.g. a vendor's tokens per MW) is already net of PUE and deratings: calibrate it with VALUE_PER_EFFECTIVE_MW.
 * @param pue Power usage effectiveness (1 to 10).
 * @param topology Redundancy of the binding power layer (e.g. "2N", "4+1") or its usable fraction in (0, 1].
 * @param availability Availability of the power delivered to IT, in (0, 1].
 * @param [utilization] Average draw of the deployed IT ÷ its rated power, in (0, 1] (default 1); the draw is capped at the usable power.
 * @param [goodput] Share of the work that is useful, in (0, 1] (default 1).
 * @param [oversubscription] Extra IT deployed beyond the usable power, fraction from 0 to 1 (default 0).
 * @param [modules_needed] N for a topology that spells it as a letter (whole number from 1 to 1,000).
 * @returns Value per GW-year, in the unit of value_per_effective_mw_year.
 */
export function VALUE_PER_GW(
  value_per_effective_mw_year: number,
  pue: number,
  topology: unknown,
  availability: number,
  utilization?: number,
  goodput?: number,
  oversubscription?: number,
  modules_needed?: number,
): number {
  const value = readValuePerMwYear(value_per_effective_mw_year);
  const d = readDerating(pue, topology, availability, utilization, goodput, oversubscription, modules_needed);
  return finite(valuePerGwYear(value, d), "VALUE_PER_GW");
}

/**
 * Value per effective MW-year of a site from what it delivers in a year: the input VALUE_PER_GW takes, calibrated from a published site.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#VALUE_PER_EFFECTIVE_MW
 * @param value_per_year Value the site delivers in a year, in your unit (≥ 0).
 * @param grid_mw Grid (facility) power of the site, MW (> 0).
 * @param pue Power usage effectiveness (1 to 10).
 * @param topology Redundancy of the binding power layer or its usable fraction in (0, 1].
 * @param availability Availability of the power delivered to IT, in (0, 1].
 * @param [utilization] Average draw of the deployed IT ÷ its rated power, in (0, 1] (default 1); the draw is capped at the usable power.
 * @param [goodput] Share of the work that is useful, in (0, 1] (default 1).
 * @param [oversubscription] Extra IT deployed beyond the usable power, fraction from 0 to 1 (default 0).
 * @param [modules_needed] N for a topology that spells it as a letter (whole number from 1 to 1,000).
 * @returns Value per effective MW-year.
 */
export function VALUE_PER_EFFECTIVE_MW(
  value_per_year: number,
  grid_mw: number,
  pue: number,
  topology: unknown,
  availability: number,
  utilization?: number,
  goodput?: number,
  oversubscription?: number,
  modules_needed?: number,
): number {
  const value = readValuePerYear(value_per_year);
  const gridMw = readPositiveGridMw(grid_mw);
  const d = readDerating(pue, topology, availability, utilization, goodput, oversubscription, modules_needed);
  return finite(valuePerEffectiveMwYear(value, gridMw, d), "VALUE_PER_EFFECTIVE_MW");
}

/** The topologies of a range (or one text), each cell possibly a comma- or semicolon-separated list. */
function readTopologyList(value: unknown, modulesNeeded: number | undefined): PowerLayout[] {
  const cells = Array.isArray(value) ? value.flat() : [value];
  const items = cells.flatMap((c) => (typeof c === "string" ? c.split(/[,;]/) : [c]));
  const present = items.filter((c) => c !== null && c !== undefined && !(typeof c === "string" && c.trim() === ""));
  if (present.length === 0 || present.length > MAX_COMPARED) {
    throw valueError(
      `topologies must list 1 to ${MAX_COMPARED} topologies (a range, or text such as "2N, N+1, 3N/2, 2N FLEX"; got ${present.length}).`,
    );
  }
  return present.map((item) => readLayout(item, modulesNeeded, "topologies", COMPARE_USE));
}

/**
 * One site under several power topologies side by side: usable MW, availability at the load (modules and distribution path, as PATH_AVAILABILITY), downtime, expected delivered MW, value and change against the first row.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#REDUNDANCY_COMPARE
 * @param topologies A range or list of topologies (e.g. "2N, N+1, 3N/2, 2N FLEX"); FLEX runs interruptible work on the reserve while every module is up.
 * @param grid_mw Grid (facility) power, MW (> 0).
 * @param pue Power usage effectiveness (1 to 10).
 * @param module_availability Availability of one module, in (0, 1].
 * @param [modules_needed] N, the modules needed to carry the load (whole number from 1 to 1,000); required unless every topology carries its count (e.g. "4+1").
 * @param [common_cause_beta] Common-cause share of a module's unavailability, 0–1 (default 0).
 * @param [value_per_effective_mw_year] Value one effective MW delivers in a year (≥ 0; default 1, so value is in MW-years).
 * @param [utilization] Share of usable power drawn by work, in (0, 1] (default 1).
 * @param [goodput] Share of the work that is useful, in (0, 1] (default 1).
 * @param [path_availability] Availability of one distribution path in (0, 1], or a range of its components' availabilities (default 0.999945, as PATH_AVAILABILITY; 1 with transfer_switch_availability 1 gives the modules alone, as AVAILABILITY).
 * @param [transfer_switch_availability] Availability of a load's transfer switch in xN/y or BLOCK layouts, in (0, 1] (default 0.9999685).
 * @returns A header row, then per topology: name, usable IT MW, availability, downtime hours per year, expected delivered MW, value per year, change against the first row.
 */
export function REDUNDANCY_COMPARE(
  topologies: unknown[][],
  grid_mw: number,
  pue: number,
  module_availability: number,
  modules_needed?: number,
  common_cause_beta?: number,
  value_per_effective_mw_year?: number,
  utilization?: number,
  goodput?: number,
  path_availability?: unknown[][],
  transfer_switch_availability?: number,
): unknown[][] {
  const layouts = readTopologyList(topologies, readModulesNeeded(modules_needed));
  const rows = compareRedundancy(layouts, {
    gridMw: readPositiveGridMw(grid_mw),
    pue: readPue(pue),
    moduleAvailability: readModuleAvailability(module_availability),
    commonCauseBeta: readBeta(common_cause_beta),
    path: readDistributionPath(path_availability, transfer_switch_availability),
    valuePerEffectiveMwYear: readOptionalValuePerMwYear(value_per_effective_mw_year),
    utilization: readUtilization(utilization),
    goodput: readGoodput(goodput),
  });
  const header = [
    "Topology",
    "Usable IT MW",
    "Availability",
    "Downtime h/yr",
    "Expected delivered MW",
    "Value per year",
    "Change vs first row",
  ];
  const what = "REDUNDANCY_COMPARE";
  return [
    header,
    ...rows.map((r) => [
      r.name,
      finite(r.usableMw, what),
      finite(r.availability, what),
      finite(r.downtimeHours, what),
      finite(r.deliveredMw, what),
      finite(r.value, what),
      finite(r.change, what),
    ]),
  ];
}

function readTco(
  it_mw: unknown,
  facility_capex_per_mw: unknown,
  it_capex_usd: unknown,
  power_price_per_mwh: unknown,
  pue: unknown,
  it_life_years: unknown,
  facility_life_years: unknown,
  discount_rate: unknown,
  load_factor: unknown,
  other_opex_usd_per_year: unknown,
  topology: unknown,
): TcoInputs {
  return {
    itMw: readItMw(it_mw),
    facilityCapexPerMw: readFacilityCapex(facility_capex_per_mw),
    itCapexUsd: readItCapex(it_capex_usd),
    powerPricePerMwh: readPrice(power_price_per_mwh),
    pue: readOptionalPue(pue),
    itLifeYears: readItLife(it_life_years),
    facilityLifeYears: readFacilityLife(facility_life_years),
    discountRate: readDiscount(discount_rate),
    loadFactor: readLoadFactor(load_factor),
    otherOpexUsdPerYear: readOtherOpex(other_opex_usd_per_year),
    usableFraction: isOmitted(topology) ? 1 : readUsableFraction(topology, undefined, TCO_USE),
  };
}

/**
 * Annualized total cost of ownership, USD per year: facility and IT capital recovered at the discount rate, energy drawn at PUE and load factor, and other operating costs.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#TCO
 * @param it_mw Installed IT MW: the IT power the site's plant is built to deliver, facility MW ÷ PUE (> 0); without a topology, the critical IT load.
 * @param facility_capex_per_mw Facility capital cost per installed IT MW, USD (≥ 0; e.g. 11.7e6 per MW of critical load, Cushman & Wakefield 2025).
 * @param it_capex_usd Capital cost of the IT equipment (servers, network, storage), USD (≥ 0).
 * @param power_price_per_mwh Electricity price, USD per MWh (≥ 0; $0.07/kWh is 70).
 * @param [pue] Power usage effectiveness (1 to 10; default 1.2).
 * @param [it_life_years] Depreciation life of the IT equipment, years (> 0; default 5).
 * @param [facility_life_years] Depreciation life of the facility, years (> 0; default 14).
 * @param [discount_rate] Annual cost of capital, 0–1 (default 0: straight-line).
 * @param [load_factor] Average IT draw ÷ usable IT MW, in (0, 1] (default 1).
 * @param [other_opex_usd_per_year] Other operating costs (staff, maintenance, insurance, taxes), USD per year (≥ 0; default 0).
 * @param [topology] Redundancy of the binding power layer with its count written in (e.g. "2N", "4+1") or its usable fraction (default 1): energy is drawn only by the usable IT MW, it_mw × the fraction.
 * @returns Annualized TCO, USD per year.
 */
export function TCO(
  it_mw: number,
  facility_capex_per_mw: number,
  it_capex_usd: number,
  power_price_per_mwh: number,
  pue?: number,
  it_life_years?: number,
  facility_life_years?: number,
  discount_rate?: number,
  load_factor?: number,
  other_opex_usd_per_year?: number,
  topology?: unknown,
): number {
  const inputs = readTco(
    it_mw,
    facility_capex_per_mw,
    it_capex_usd,
    power_price_per_mwh,
    pue,
    it_life_years,
    facility_life_years,
    discount_rate,
    load_factor,
    other_opex_usd_per_year,
    topology,
  );
  return finite(tcoBreakdown(inputs).total, "TCO");
}

/**
 * The parts of the annualized TCO (facility capital, IT capital, energy, other operating costs, total), per year and per MW on each denominator.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#TCO_BREAKDOWN
 * @param it_mw Installed IT MW: the IT power the site's plant is built to deliver, facility MW ÷ PUE (> 0); without a topology, the critical IT load.
 * @param facility_capex_per_mw Facility capital cost per installed IT MW, USD (≥ 0).
 * @param it_capex_usd Capital cost of the IT equipment, USD (≥ 0).
 * @param power_price_per_mwh Electricity price, USD per MWh (≥ 0).
 * @param [pue] Power usage effectiveness (1 to 10; default 1.2).
 * @param [it_life_years] Depreciation life of the IT equipment, years (> 0; default 5).
 * @param [facility_life_years] Depreciation life of the facility, years (> 0; default 14).
 * @param [discount_rate] Annual cost of capital, 0–1 (default 0: straight-line).
 * @param [load_factor] Average IT draw ÷ usable IT MW, in (0, 1] (default 1).
 * @param [other_opex_usd_per_year] Other operating costs, USD per year (≥ 0; default 0).
 * @param [topology] Redundancy of the binding power layer with its count written in (e.g. "2N", "4+1") or its usable fraction (default 1): usable IT MW = it_mw × the fraction, which alone draws energy.
 * @returns A header row, then per part: label, USD per year, per facility MW-year, per installed IT MW-year, per usable IT MW-year.
 */
export function TCO_BREAKDOWN(
  it_mw: number,
  facility_capex_per_mw: number,
  it_capex_usd: number,
  power_price_per_mwh: number,
  pue?: number,
  it_life_years?: number,
  facility_life_years?: number,
  discount_rate?: number,
  load_factor?: number,
  other_opex_usd_per_year?: number,
  topology?: unknown,
): unknown[][] {
  const inputs = readTco(
    it_mw,
    facility_capex_per_mw,
    it_capex_usd,
    power_price_per_mwh,
    pue,
    it_life_years,
    facility_life_years,
    discount_rate,
    load_factor,
    other_opex_usd_per_year,
    topology,
  );
  const b = tcoBreakdown(inputs);
  const mw = tcoDenominators(inputs);
  const what = "TCO_BREAKDOWN";
  return [
    ["Part", "USD per year", "USD per facility MW-year", "USD per installed IT MW-year", "USD per usable IT MW-year"],
    ...TCO_PARTS.map(([key, label]) => [
      label,
      finite(b[key], what),
      finite(b[key] / mw.facilityMw, what),
      finite(b[key] / mw.installedItMw, what),
      finite(b[key] / mw.usableItMw, what),
    ]),
  ];
}

/**
 * Accelerators that one MW feeds, from the power of the rack or server that holds them: per MW of IT power, or per facility MW with a PUE.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#ACCELERATORS_PER_MW
 * @param system_kw Power of one rack or server, kW (> 0; e.g. 132 for a GB200 NVL72 rack, 10.2 for a DGX H100).
 * @param accelerators_per_system Accelerators in that rack or server (whole number ≥ 1).
 * @param [pue] Power usage effectiveness, facility ÷ IT power (1 to 10; default 1, per IT MW): give the site's PUE for accelerators per facility (grid) MW.
 * @returns Accelerators per MW of IT power, or per facility MW with a PUE (× 1,000 for a GW).
 */
export function ACCELERATORS_PER_MW(system_kw: number, accelerators_per_system: number, pue?: number): number {
  return finite(
    acceleratorsPerMw(
      readSystemKw(system_kw),
      readAcceleratorsPerSystem(accelerators_per_system),
      readFacilityPue(pue),
    ),
    "ACCELERATORS_PER_MW",
  );
}

function readTier(value: unknown): TierFigures {
  const tier = findTier(value);
  if (!tier) throw valueError(`tier must be 1 to 4, "I" to "IV" or "Tier III" (got ${describeValue(value)}).`);
  return tier;
}

/**
 * One commonly quoted Uptime Institute tier figure (not an Uptime requirement: the Tier Standard defines tiers by topology).
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#UPTIME_TIER
 * @param tier 1 to 4, "I" to "IV" or "Tier III".
 * @param [field] "availability" (default), "downtime_hours" (computed from the availability), "quoted_downtime_hours", "name", "components" or "paths".
 * @returns The figure: a number, or text for name, components and paths.
 */
export function UPTIME_TIER(tier: unknown, field?: string): number | string {
  const t = readTier(tier);
  switch (readTierField(field)) {
    case "availability":
      return t.availability;
    case "downtime_hours":
      return downtimePerYear(t.availability, "hours");
    case "quoted_downtime_hours":
      return t.quotedDowntimeHours;
    case "name":
      return t.name;
    case "components":
      return t.components;
    case "paths":
      return t.paths;
  }
}

/**
 * The commonly quoted Uptime Institute tier figures with their sources, as a table: topology, quoted availability, downtime computed and as quoted.
 * @customfunction
 * @helpurl https://localhost:3000/functions.html#UPTIME_TIERS
 * @param [unit] Unit of the computed downtime column: "hours" (default) or "minutes"; the quoted figures keep the unit their source printed.
 * @returns A header row, then one row per tier.
 */
export function UPTIME_TIERS(unit?: string): unknown[][] {
  const u = readUnit(unit);
  return [
    [
      "Tier",
      "Name",
      "Components",
      "Distribution paths",
      "Concurrently maintainable",
      "Fault tolerant",
      "Availability (commonly quoted)",
      `Downtime ${u}/yr (computed from availability)`,
      "Downtime per year (as quoted, in the source's unit)",
      "Source",
    ],
    ...TIER_FIGURES.map((t) => [
      t.numeral,
      t.name,
      t.components,
      t.paths,
      t.concurrentlyMaintainable,
      t.faultTolerant,
      t.availability,
      downtimePerYear(t.availability, u),
      quotedDowntimeText(t),
      t.source,
    ]),
  ];
}
