/**
 * From grid megawatts to useful work, and value per gigawatt (tokens per MW as NVIDIA's blog "The More You
 * Buy, the More You Make" frames an AI factory):
 *
 *   usable IT MW   = grid MW / PUE × u(topology)
 *   drawn MW       = usable IT MW × min(1, (1 + oversubscription) × utilization)
 *   effective MW   = drawn MW × power availability × goodput
 *   value per GW-y = 1,000 × effective MW per grid MW × value per effective MW-year
 *
 * Oversubscription is the extra IT deployed beyond the usable power because servers rarely draw
 * their peak together (Fan, Weber, Barroso, ISCA 2007: 7–16 % per cluster, up to ~40 % per
 * datacenter; Thunderbolt, OSDI 2020: 9–25 % with power capping); utilization is then the average
 * draw of the deployed IT ÷ its rated power. Capping holds the draw at the usable power, so
 * oversubscription raises the drawn power up to the usable MW and never past it: a site never
 * delivers more than its grid feeds. Assumption: the other factors are independent, so they
 * multiply; expected delivered capacity treats an outage as losing the whole usable capacity for
 * its duration.
 */
import { HOURS_PER_YEAR } from "../units";
import { DistributionPath, pathAvailability } from "./path";
import { PowerLayout, usableFraction } from "./topology";

/** What stands between a grid megawatt and useful work. All factors are dimensionless. */
export interface Derating {
  pue: number;
  usableFraction: number;
  availability: number;
  utilization: number;
  goodput: number;
  oversubscription: number;
}

/** Most oversubscription the model takes: deployed IT up to twice the usable power. */
export const MAX_OVERSUBSCRIPTION = 1;

/** Share of the usable power drawn: (1 + oversubscription) × utilization, capped at 1 by power capping. */
function drawnShare(utilization: number, oversubscription: number): number {
  return Math.min(1, (1 + oversubscription) * utilization);
}

/** Megawatts of grid power that become useful work, for `gridMw` of grid power. */
export function effectiveMw(gridMw: number, d: Derating): number {
  const usableMw = (gridMw / d.pue) * d.usableFraction;
  return usableMw * drawnShare(d.utilization, d.oversubscription) * d.availability * d.goodput;
}

/** Value delivered per GW-year of grid power, in the unit of `valuePerEffectiveMwYear`. */
export function valuePerGwYear(valuePerEffectiveMwYear: number, d: Derating): number {
  return valuePerEffectiveMwYear * effectiveMw(1000, d);
}

/**
 * Value per effective MW-year of a site that delivers `valuePerYear` from `gridMw`: the input
 * VALUE_PER_GW needs, calibrated from a published site (e.g. tokens per year of a datacenter).
 */
export function valuePerEffectiveMwYear(valuePerYear: number, gridMw: number, d: Derating): number {
  return valuePerYear / effectiveMw(gridMw, d);
}

/**
 * Accelerators that one MW feeds, from the power of the system (rack or server) that holds them:
 * 1,000 ÷ system kW × accelerators per system ÷ PUE. PUE 1 counts per MW of IT power; the site's
 * PUE counts per facility MW, the cooling and conversion overhead taking its share of each MW.
 */
export function acceleratorsPerMw(systemKw: number, acceleratorsPerSystem: number, pue: number): number {
  return ((1000 / systemKw) * acceleratorsPerSystem) / pue;
}

/** One site, compared across topologies by REDUNDANCY_COMPARE. */
export interface RedundancySite {
  gridMw: number;
  pue: number;
  moduleAvailability: number;
  commonCauseBeta: number;
  /** The distribution path of each layout (PERFECT_PATH for the module layer alone). */
  path: DistributionPath;
  valuePerEffectiveMwYear: number;
  utilization: number;
  goodput: number;
}

export interface RedundancyRow {
  name: string;
  /** Usable IT MW: firm capacity, plus the interruptible reserve for a FLEX layout. */
  usableMw: number;
  /** Availability of the firm capacity at a load: modules and distribution path (path.ts). */
  availability: number;
  downtimeHours: number;
  /** Expected delivered MW: firm × availability, plus reserve × P(every module and path up) with FLEX, × utilization × goodput. */
  deliveredMw: number;
  value: number;
  /** Delivered MW ÷ the first row's delivered MW − 1 (so also the change in value, even at a value of 0). */
  change: number;
}

/**
 * One row per layout for the same site. A FLEX layout runs interruptible work on the reserve
 * (1 − u of the installed IT power) while every module and path is up and sheds it while any is down,
 * the policy of Zhang et al., "Flex: High-Availability Datacenters With Zero Reserved Power"
 * (ISCA 2021), which sheds or caps such work on an infrastructure failure.
 */
export function compareRedundancy(layouts: PowerLayout[], site: RedundancySite): RedundancyRow[] {
  const installedMw = site.gridMw / site.pue;
  const rows = layouts.map((l) => {
    const u = usableFraction(l);
    const a = pathAvailability(l, site.moduleAvailability, site.commonCauseBeta, site.path);
    const firmMw = installedMw * u;
    const reserveMw = l.flex ? installedMw - firmMw : 0;
    const deliveredMw = (firmMw * a.availability + reserveMw * a.allUp) * site.utilization * site.goodput;
    return {
      name: l.name,
      usableMw: firmMw + reserveMw,
      availability: a.availability,
      downtimeHours: a.unavailability * HOURS_PER_YEAR,
      deliveredMw,
      value: deliveredMw * site.valuePerEffectiveMwYear,
      change: 0,
    };
  });
  for (const row of rows) row.change = row.deliveredMw / rows[0].deliveredMw - 1;
  return rows;
}
