/**
 * The scenario store's format, read and written as rows of text.
 *
 * Where it lives (Microsoft's "Coauthoring in Excel add-ins" and the Office.js
 * Worksheet.visibility docs): a very hidden worksheet, one scenario
 * per row: A1 holds a marker and B1 the schema version; each later row holds a scenario id (A) and
 * its JSON (B). Why a sheet and not the alternatives:
 * - Cells are the one store Excel synchronizes under co-authoring, on desktop and on the web
 *   (ExcelApi 1.1). Settings (Common API or workbook.settings) do not sync between co-authors (the
 *   co-authoring guide's fix is a hidden sheet), and saveAsync disables Undo (office-js #3141).
 *   Custom XML parts travel with the file but raise no change event and are one blob, so two
 *   co-authors saving different scenarios would overwrite each other.
 * - One row per scenario means two people editing different scenarios touch different cells; a
 *   deleted scenario's row is cleared, never removed, so rows never shift under a co-author.
 * - The in-memory workbook emulates it exactly: it is just a sheet.
 * A sheet is reachable by users and other tools, so everything read from it is validated
 * (src/scenario/schema.ts) and the size is capped: one cell holds at most 32,767 characters.
 */
import { MAX_SCENARIOS, SCHEMA_VERSION, Scenario, upgradeFrom2, upgradeFrom3, validateScenario } from "./schema";

export const STORE_SHEET = "BalancePoint.store";
export const STORE_MARKER = "Balance Point scenarios";
/** Below Excel's 32,767 characters per cell, so a record always fits one cell. */
export const MAX_RECORD_CHARS = 30_000;
/** Rows scanned, counting cleared ones; more means the store has been tampered with or grown wild. */
export const MAX_STORE_ROWS = 4 * MAX_SCENARIOS;

export interface StoredScenario {
  scenario: Scenario;
  /** Sheet row (1-based) of its record. */
  row: number;
}

export type StoreState =
  | { status: "empty" }
  | { status: "ok"; version: number; entries: StoredScenario[]; rowCount: number }
  | { status: "corrupt"; problems: string[]; entries: StoredScenario[] }
  | { status: "newer"; version: number }
  | { status: "oversized"; problems: string[] };

type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations by the version they upgrade from. Version 1 was the schema as first drafted in
 * development, never released: it kept a redundancy scenario's topologies as one comma-separated
 * text, the form REDUNDANCY_COMPARE takes in a cell. Its migration is the chain's first, tested link.
 */
const MIGRATIONS: Record<number, Migration> = {
  1: (r) =>
    r.kind === "redundancy" && typeof r.topologies === "string"
      ? { ...r, topologies: r.topologies.split(",").map((t) => t.trim()) }
      : r,
  2: upgradeFrom2,
  3: upgradeFrom3,
};

/** A stored record brought from `version` to the current schema (still to be validated). */
export function migrate(record: unknown, version: number): unknown {
  let r = record;
  for (let v = version; v < SCHEMA_VERSION; v++) {
    if (typeof r !== "object" || r === null || Array.isArray(r)) return r;
    r = MIGRATIONS[v](r as Record<string, unknown>);
  }
  return r;
}

/** Reads the store's rows (null: there is no store sheet). Never throws on bad content. */
export function parseStore(rows: readonly (readonly unknown[])[] | null): StoreState {
  if (rows === null || rows.every((r) => r.every((c) => c === "" || c === null || c === undefined)))
    return { status: "empty" };
  const [marker, rawVersion] = rows[0] ?? [];
  const version = Number(rawVersion);
  if (marker !== STORE_MARKER || !Number.isInteger(version) || version < 1)
    return { status: "corrupt", problems: ["The store's header is not Balance Point's."], entries: [] };
  if (version > SCHEMA_VERSION) return { status: "newer", version };
  if (rows.length > MAX_STORE_ROWS + 1)
    return { status: "oversized", problems: [`The store has ${rows.length - 1} rows (at most ${MAX_STORE_ROWS}).`] };
  const problems: string[] = [];
  const entries: StoredScenario[] = [];
  rows.slice(1).forEach(([id, json], i) => {
    const row = i + 2;
    if ((id === "" || id === undefined || id === null) && (json === "" || json === undefined || json === null)) return;
    if (typeof json !== "string" || json.length > MAX_RECORD_CHARS) {
      problems.push(`Row ${row}: the record is missing or longer than ${MAX_RECORD_CHARS} characters.`);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      problems.push(`Row ${row}: the record is not readable JSON.`);
      return;
    }
    const checked = validateScenario(migrate(parsed, version));
    if (!checked.ok) problems.push(`Row ${row}: ${checked.errors.slice(0, 3).join(" ")}`);
    else if (checked.value.id !== id) problems.push(`Row ${row}: the id does not match the record.`);
    else if (entries.some((e) => e.scenario.id === id)) problems.push(`Row ${row}: a second record for one scenario.`);
    else entries.push({ scenario: checked.value, row });
  });
  if (entries.length > MAX_SCENARIOS)
    return {
      status: "oversized",
      problems: [`The store holds ${entries.length} scenarios (at most ${MAX_SCENARIOS}).`],
    };
  if (problems.length) return { status: "corrupt", problems, entries };
  return { status: "ok", version, entries, rowCount: rows.length };
}

/** One scenario as the cells of its row; throws when the record would be too long for a cell. */
export function recordCells(scenario: Scenario): string[] {
  const json = JSON.stringify(scenario);
  if (json.length > MAX_RECORD_CHARS)
    throw new Error(`This scenario is too large to store (${json.length} characters; at most ${MAX_RECORD_CHARS}).`);
  return [scenario.id, json];
}

export const headerCells = (): string[] => [STORE_MARKER, String(SCHEMA_VERSION)];
