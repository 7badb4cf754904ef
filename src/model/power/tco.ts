/**
 * Annualized total cost of ownership of an AI datacenter (reference/power-value-tco.md §3.3):
 *
 *   facility capital = IT MW × facility capex per critical IT MW × CRF(r, facility life)
 *   IT capital       = IT capex × CRF(r, IT life)
 *   energy           = IT MW × load factor × PUE × 8,760 h × price per MWh
 *   TCO              = facility capital + IT capital + energy + other operating costs
 *
 * with the capital recovery factor CRF(r, L) = r / (1 − (1 + r)^−L), the level yearly payment
 * that repays 1 at rate r over L years; r = 0 gives straight-line depreciation 1/L.
 *
 * Denominators: facility capex is per MW of critical IT load (Cushman & Wakefield's basis,
 * $9.3–15.0M); facility MW = IT MW × PUE; usable IT MW = IT MW × the usable fraction of the
 * binding redundant layer. Published capex-per-GW figures differ by about 3× largely because they
 * mix these bases (Epoch's "$29B per GW" is per GW of total facility power).
 */
import { HOURS_PER_YEAR } from "../units";

/** Level yearly payment that repays 1 over `years` at `rate`: r / (1 − (1 + r)^−L); 1/L at r = 0. */
export function capitalRecoveryFactor(rate: number, years: number): number {
  if (rate === 0) return 1 / years;
  return rate / -Math.expm1(-years * Math.log1p(rate));
}

export interface TcoInputs {
  /** Critical IT MW the site is built to serve. */
  itMw: number;
  /** USD per MW of critical IT load. */
  facilityCapexPerMw: number;
  itCapexUsd: number;
  powerPricePerMwh: number;
  pue: number;
  itLifeYears: number;
  facilityLifeYears: number;
  discountRate: number;
  /** Average IT draw ÷ critical IT MW. */
  loadFactor: number;
  otherOpexUsdPerYear: number;
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
  const energy = i.itMw * i.loadFactor * i.pue * HOURS_PER_YEAR * i.powerPricePerMwh;
  const otherOpex = i.otherOpexUsdPerYear;
  return { facilityCapital, itCapital, energy, otherOpex, total: facilityCapital + itCapital + energy + otherOpex };
}
