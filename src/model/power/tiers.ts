/**
 * Uptime Institute tiers as commonly quoted: reference data, not the Uptime Tier Standard, which
 * defines tiers by topology and sets no availability percentage. The percentages trace to
 * observed-site figures of the 2000s and are repeated across the trade; the add-in shows them
 * labelled "commonly quoted" and always computes downtime from the availability (DOWNTIME)
 * rather than trusting the quoted hours: Tier II's quoted 22.0 h matches 99.749 %, not the
 * 99.741 % printed beside it (Turner, Seader, Brill, "Tier Classifications Define Site Infrastructure
 * Performance", Uptime Institute white paper, 2006, as datacenters.com quotes it).
 */

export interface TierFigures {
  tier: number;
  numeral: string;
  name: string;
  components: string;
  paths: string;
  concurrentlyMaintainable: boolean;
  faultTolerant: boolean;
  /** Commonly quoted availability, 0–1. */
  availability: number;
  /** Annual downtime as the source prints it, hours. */
  quotedDowntimeHours: number;
  /** Annual downtime where a source prints it in minutes (Tier IV's 26.3, blog.j2sw.com). */
  quotedDowntimeMinutes?: number;
  source: string;
}

const AVAILABILITY_SOURCE =
  'datacenters.com, "What is the difference between data center tiers and classifications" (availability, downtime)';
const TOPOLOGY_SOURCE = 'chloridepower.com, "Tier performance standards" (components, paths)';

export const TIER_FIGURES: readonly TierFigures[] = [
  {
    tier: 1,
    numeral: "I",
    name: "Basic capacity",
    components: "N",
    paths: "1",
    concurrentlyMaintainable: false,
    faultTolerant: false,
    availability: 0.99671,
    quotedDowntimeHours: 28.8,
    source: `${AVAILABILITY_SOURCE}; ${TOPOLOGY_SOURCE}`,
  },
  {
    tier: 2,
    numeral: "II",
    name: "Redundant capacity components",
    components: "N+1",
    paths: "1",
    concurrentlyMaintainable: false,
    faultTolerant: false,
    availability: 0.99741,
    quotedDowntimeHours: 22.0,
    source: `${AVAILABILITY_SOURCE}; ${TOPOLOGY_SOURCE}; blog.j2sw.com gives 99.749 %, which the quoted 22.0 h matches`,
  },
  {
    tier: 3,
    numeral: "III",
    name: "Concurrently maintainable",
    components: "N+1",
    paths: "1 active + 1 alternate",
    concurrentlyMaintainable: true,
    faultTolerant: false,
    availability: 0.99982,
    quotedDowntimeHours: 1.6,
    source: `${AVAILABILITY_SOURCE}; ${TOPOLOGY_SOURCE}`,
  },
  {
    tier: 4,
    numeral: "IV",
    name: "Fault tolerant",
    components: "Minimum of N+1 after any failure (built as 2N or 2(N+1))",
    paths: "2 simultaneously active",
    concurrentlyMaintainable: true,
    faultTolerant: true,
    availability: 0.99995,
    quotedDowntimeHours: 0.4,
    quotedDowntimeMinutes: 26.3,
    source: `${AVAILABILITY_SOURCE} (printed "0.04 hours", a typo); blog.j2sw.com: 26.3 minutes; ${TOPOLOGY_SOURCE}`,
  },
];

/** The quoted downtimes in the units they were quoted in, never converted, as printed (one decimal): "0.4 h; 26.3 min". */
export function quotedDowntimeText(t: TierFigures): string {
  const minutes = t.quotedDowntimeMinutes === undefined ? "" : `; ${t.quotedDowntimeMinutes.toFixed(1)} min`;
  return `${t.quotedDowntimeHours.toFixed(1)} h${minutes}`;
}

/** The tier for 1–4, "I"–"IV", "Tier III" (case and spaces ignored), or undefined. */
export function findTier(value: unknown): TierFigures | undefined {
  if (typeof value === "number") return TIER_FIGURES.find((t) => t.tier === value);
  if (typeof value !== "string") return undefined;
  const key = value.replace(/\s+/g, "").toUpperCase().replace(/^TIER/, "");
  return TIER_FIGURES.find((t) => t.numeral === key || String(t.tier) === key);
}
