/**
 * A plan's colour scales (SheetPlan.colorScales) as the workbench grid shades them, the way Excel
 * draws a three-colour scale: the lowest number gets COLOR_SCALE.low, the 50th percentile (the
 * median: PERCENTILE.INC at 0.5) .mid, the highest .high, and numbers between two of those points a
 * colour blended linearly in RGB. Text, errors and blanks are not shaded. Pure, for tests.
 */
import { cell, cellsOf, parseCell } from "../scenario/plan";
import type { MemorySheet } from "../workbook/memory";
import { COLOR_SCALE, CellValue } from "../workbook/port";

export interface ScalePoints {
  min: number;
  mid: number;
  max: number;
}

/** The scale's three points over `values` (finite numbers); undefined when there is none. */
export function scalePoints(values: number[]): ScalePoints | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  const mid = (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
  return { min: sorted[0], mid, max: sorted[sorted.length - 1] };
}

const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const hex = (c: number[]): string =>
  `#${c.map((x) => Math.round(x).toString(16).padStart(2, "0")).join("")}`.toUpperCase();
const blend = (a: string, b: string, t: number): string => {
  const [p, q] = [rgb(a), rgb(b)];
  return hex(p.map((x, i) => x + (q[i] - x) * Math.min(1, Math.max(0, t))));
};

/** The fill of `v` on the scale `points`. */
export function shade(v: number, points: ScalePoints): string {
  const { min, mid, max } = points;
  if (v <= mid) return mid > min ? blend(COLOR_SCALE.low, COLOR_SCALE.mid, (v - min) / (mid - min)) : COLOR_SCALE.mid;
  return max > mid ? blend(COLOR_SCALE.mid, COLOR_SCALE.high, (v - mid) / (max - mid)) : COLOR_SCALE.mid;
}

/** WCAG 2.x relative luminance of a #RRGGBB colour. */
export function luminance(colour: string): number {
  const [r, g, b] = rgb(colour).map((x) => {
    const c = x / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio of two #RRGGBB colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Black or white, whichever reads better on `fill`. */
export const inkOn = (fill: string): string =>
  contrast(fill, "#000000") >= contrast(fill, "#FFFFFF") ? "#000000" : "#FFFFFF";

const numberOf = (v: CellValue | undefined): number | undefined =>
  typeof v === "number" && Number.isFinite(v) ? v : undefined;

/**
 * The fill of each shaded cell of `sheet`, by address: every numeric cell of each colour-scale
 * range, on the scale of that range's numbers. A range larger than the sheet's cells is read from
 * the cells, not cell by cell.
 */
export function shadedCells(sheet: MemorySheet, errorAt: (address: string) => boolean): Map<string, string> {
  const fills = new Map<string, string>();
  for (const range of sheet.colorScales ?? []) {
    const [a, b = a] = range.split(":").map(parseCell);
    const area = (b.row - a.row + 1) * (b.col - a.col + 1);
    const addresses =
      area <= sheet.cells.size
        ? cellsOf(range)
            .flat()
            .map((p) => cell(p.row, p.col))
        : [...sheet.cells.keys()].filter((k) => {
            const p = parseCell(k);
            return p.row >= a.row && p.row <= b.row && p.col >= a.col && p.col <= b.col;
          });
    const numbers = addresses.flatMap((address) => {
      const v = numberOf(sheet.cells.get(address)?.value);
      return v === undefined || errorAt(address) ? [] : [[address, v] as const];
    });
    const points = scalePoints(numbers.map(([, v]) => v));
    if (points) for (const [address, v] of numbers) fills.set(address, shade(v, points));
  }
  return fills;
}
