/** Parameter rules that more than one function family uses. */
import type { NumberRule } from "./args";

/** Counts of units, accelerators or nodes: the largest fleets in sight, with room to spare. */
export const MAX_UNITS = 1e7;

/** Mean times between failures, hours: positive, at most a billion hours (114,000 years). */
export const MAX_MTBF_HOURS = 1e9;

export const countRule = (name: string): NumberRule => ({ name, min: 1, max: MAX_UNITS, integer: true });
/** A count that may be zero, such as spares. */
export const countOrZeroRule = (name: string): NumberRule => ({ name, min: 0, max: MAX_UNITS, integer: true });
export const mtbfRule = (name: string): NumberRule => ({ name, min: 0, max: MAX_MTBF_HOURS, minExclusive: true });
export const positiveRule = (name: string): NumberRule => ({ name, min: 0, minExclusive: true });
export const nonNegativeRule = (name: string): NumberRule => ({ name, min: 0 });
/** A share such as MFU or utilization: more than 0, at most 1. */
export const fractionRule = (name: string): NumberRule => ({ name, min: 0, max: 1, minExclusive: true });
