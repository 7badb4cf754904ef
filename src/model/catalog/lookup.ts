/**
 * Forgiving chip names: case, spaces and punctuation are ignored and common aliases accepted
 * ("H100" is the H100 SXM). An unknown name gets the closest catalog names, by edit distance.
 */
import { CATALOG } from "./chips";
import { CatalogChip, ChipField, ChipSpec, specFromFields } from "./types";

/** "H100 SXM5" → "h100sxm5". */
export const normalizeChipName = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, "");

const byKey = new Map<string, CatalogChip>();
for (const c of CATALOG) for (const n of [c.name, ...c.aliases]) byKey.set(normalizeChipName(n), c);

/** Characters of a normalized name compared with the catalog's: twice its longest name or alias. */
const MATCHED_LENGTH = 2 * Math.max(...[...byKey.keys()].map((k) => k.length));

const specs = new Map<CatalogChip, ChipSpec>(
  CATALOG.map((c) => {
    const values: Partial<Record<ChipField, number>> = {};
    for (const [field, figure] of Object.entries(c.figures)) values[field as ChipField] = figure.value;
    return [c, specFromFields(c.name, values)];
  }),
);

/** The catalog entry for `name`, or undefined. */
export function findChip(name: string): CatalogChip | undefined {
  return byKey.get(normalizeChipName(name));
}

/** The computing spec of a catalog entry (built once at load). */
export function catalogSpec(chip: CatalogChip): ChipSpec {
  return specs.get(chip)!;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/**
 * Up to `count` catalog names closest to `name` (over names and aliases), nearest first; at equal
 * distance a name that extends what was typed ("TPU v5" → "TPU v5e") comes first.
 */
export function closestChipNames(name: string, count = 3): string[] {
  // Cut before matching: the distance costs length × length, and a cell may hold 32,767 characters.
  const key = normalizeChipName(name).slice(0, MATCHED_LENGTH);
  const best = new Map<string, number>();
  for (const [alias, c] of byKey) {
    const d = editDistance(key, alias) - (alias.startsWith(key) ? 0.5 : 0);
    if (d < (best.get(c.name) ?? Infinity)) best.set(c.name, d);
  }
  return [...best.entries()]
    .sort((x, y) => x[1] - y[1])
    .slice(0, count)
    .map(([n]) => n);
}
