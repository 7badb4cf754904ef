/** Parameter rules that more than one function family uses. */
import type { NumberRule } from "./args";

/** Counts of units, accelerators or nodes: the largest fleets in sight, with room to spare. */
export const MAX_UNITS = 1e7;

export const countRule = (name: string): NumberRule => ({ name, min: 1, max: MAX_UNITS, integer: true });
export const positiveRule = (name: string): NumberRule => ({ name, min: 0, minExclusive: true });
export const nonNegativeRule = (name: string): NumberRule => ({ name, min: 0 });
/** A share such as MFU or utilization: more than 0, at most 1. */
export const fractionRule = (name: string): NumberRule => ({ name, min: 0, max: 1, minExclusive: true });
