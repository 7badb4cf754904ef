/** Shows a cell value with the Excel number formats the sheet plans use (scenario/plan.ts). */
import type { CellValue } from "../workbook/port";

const general = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10))));

export function formatValue(v: CellValue, format?: string): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  const m = /^(\$?)(#,##)?0(\.0+)?(%?)(?: "(.*)")?$/.exec(format ?? "");
  if (!m) return general(v);
  const decimals = m[3] ? m[3].length - 1 : 0;
  const x = m[4] ? v * 100 : v;
  const digits = x.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: !!m[2],
  });
  return `${m[1]}${digits}${m[4]}${m[5] ? ` ${m[5]}` : ""}`;
}

/** What a user typed into the formula bar, as a cell input (Excel's rules, simplified: "20%" is 0.2). */
export function parseInput(text: string): CellValue {
  const t = text.trim();
  if (t === "") return null;
  if (t.startsWith("=")) return t;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  const percent = t.endsWith("%");
  const digits = (percent ? t.slice(0, -1) : t).replace(/,/g, "");
  const n = Number(digits);
  if (!Number.isFinite(n) || !/[0-9]/.test(digits) || /\s/.test(digits)) return text;
  return percent ? n / 100 : n;
}
