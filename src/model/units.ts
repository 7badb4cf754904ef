/** Unit conventions shared by the model (DESIGN.md: a year is 8,760 hours). */
export const MINUTES_PER_HOUR = 60;
export const HOURS_PER_YEAR = 8760;
