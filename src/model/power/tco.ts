/**
 * Annualized total cost of ownership of an AI datacenter (after Barroso, Hölzle, Ranganathan, The
 * Datacenter as a Computer, ch. 6):
 *
 *   facility capital = installed IT MW × facility capex per installed IT MW × CRF(r, facility life)
 *   IT capital       = IT capex × CRF(r, IT life)
 *   energy           = usable IT MW × load factor × PUE × 8,760 h × price per MWh
 *   TCO              = facility capital + IT capital + energy + other operating costs
 *
 * with the capital recovery factor CRF(r, L) = r / (1 − (1 + r)^−L), the level yearly payment
 * that repays 1 at rate r over L years; r = 0 gives straight-line depreciation 1/L.
 *
 * Denominators, the same chain as EFFECTIVE_MW: installed IT MW is the IT power the site's
 * electrical and cooling plant is built to deliver (facility MW = installed IT MW × PUE); usable
 * IT MW = installed IT MW × the usable fraction u of the binding redundant layer (u = 1 without
 * one, when installed and critical IT load coincide). Capital is paid on what is installed; energy
 * only on what is drawn, at most the usable MW. So redundancy that strands power raises capital per
 * usable MW by 1/u but leaves energy per usable MW at PUE × 8,760 × price × load factor (reference:
 * "facility $ per usable MW = facility $ per installed MW ÷ u"). Published capex-per-GW figures
 * differ by about 3× largely because they mix these bases (Epoch's "$29B per GW" is per GW of total
 * facility power; Cushman & Wakefield's $9.3–15.0M per MW is per MW of critical load, redundancy
 * included, i.e. per usable MW: multiply it by u to price installed MW).
 */
import { HOURS_PER_YEAR } from "../units";

/** Level yearly payment that repays 1 over `years` at `rate`: r / (1 − (1 + r)^−L); 1/L at r = 0. */
export function capitalRecoveryFactor(rate: number, years: number): number {
  if (rate === 0) return 1 / years;
  return rate / -Math.expm1(-years * Math.log1p(rate));
}

export interface TcoInputs {
  /** Installed IT MW: the IT power the site's plant is built to deliver (facility MW ÷ PUE). */
  itMw: number;
  /** USD per installed IT MW. */
  facilityCapexPerMw: number;
  itCapexUsd: number;
  powerPricePerMwh: number;
  pue: number;
  itLifeYears: number;
  facilityLifeYears: number;
  discountRate: number;
  /** Average IT draw ÷ usable IT MW. */
  loadFactor: number;
  otherOpexUsdPerYear: number;
  /** Usable IT MW ÷ installed IT MW: the usable fraction of the binding redundant layer (1 without one). */
  usableFraction: number;
}

/** The parts of the annual TCO, USD per year. */
export interface TcoBreakdown {
  facilityCapital: number;
  itCapital: number;
  energy: number;
  otherOpex: number;
  total: number;
}

export const TCO_PARTS = [
  ["facilityCapital", "Facility capital (annualized)"],
  ["itCapital", "IT capital (annualized)"],
  ["energy", "Energy"],
  ["otherOpex", "Other operating costs"],
  ["total", "Total"],
] as const;

/** Annualized TCO and its parts, USD per year. */
export function tcoBreakdown(i: TcoInputs): TcoBreakdown {
  const facilityCapital = i.itMw * i.facilityCapexPerMw * capitalRecoveryFactor(i.discountRate, i.facilityLifeYears);
  const itCapital = i.itCapexUsd * capitalRecoveryFactor(i.discountRate, i.itLifeYears);
  const energy = i.itMw * i.usableFraction * i.loadFactor * i.pue * HOURS_PER_YEAR * i.powerPricePerMwh;
  const otherOpex = i.otherOpexUsdPerYear;
  return { facilityCapital, itCapital, energy, otherOpex, total: facilityCapital + itCapital + energy + otherOpex };
}

/** The megawatts TCO_BREAKDOWN divides by: facility (installed IT × PUE), installed IT and usable IT. */
export function tcoDenominators(i: TcoInputs): { facilityMw: number; installedItMw: number; usableItMw: number } {
  return { facilityMw: i.itMw * i.pue, installedItMw: i.itMw, usableItMw: i.itMw * i.usableFraction };
}
