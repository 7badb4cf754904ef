/** The workbench's colour scales (src/workbench/colorScale.ts): Excel's three-colour scale, readable text. */
import type { MemorySheet } from "../../src/workbook/memory";
import { COLOR_SCALE } from "../../src/workbook/port";
import { contrast, inkOn, scalePoints, shade, shadedCells } from "../../src/workbench/colorScale";

test("the scale's points: lowest, median (PERCENTILE.INC at 0.5), highest", () => {
  expect(scalePoints([5, 1, 3])).toEqual({ min: 1, mid: 3, max: 5 });
  expect(scalePoints([4, 1, 2, 10])).toEqual({ min: 1, mid: 3, max: 10 });
  expect(scalePoints([])).toBeUndefined();
});

test("the lowest, median and highest get the palette's colours; between them a linear RGB blend", () => {
  const points = { min: 0, mid: 10, max: 30 };
  expect([shade(0, points), shade(10, points), shade(30, points)]).toEqual([
    COLOR_SCALE.low,
    COLOR_SCALE.mid,
    COLOR_SCALE.high,
  ]);
  // Halfway from the median to the highest: each channel halfway from #9ECAE1 to #3182BD.
  const half = [0x9e + 0x31, 0xca + 0x82, 0xe1 + 0xbd].map((c) =>
    Math.round(c / 2)
      .toString(16)
      .toUpperCase(),
  );
  expect(shade(20, points)).toBe(`#${half.join("")}`);
  // All equal: the middle colour, no division by zero.
  expect(shade(7, { min: 7, mid: 7, max: 7 })).toBe(COLOR_SCALE.mid);
});

test("black text reads on every colour of the scale at WCAG AA's 4.5:1 (the grid picks the better ink)", () => {
  // WCAG 2.x contrast: white on black is 21:1.
  expect(contrast("#FFFFFF", "#000000")).toBeCloseTo(21, 6);
  for (const fill of Object.values(COLOR_SCALE)) {
    expect(inkOn(fill)).toBe("#000000");
    expect(contrast(fill, "#000000")).toBeGreaterThanOrEqual(4.5);
  }
  expect(inkOn("#1F3864")).toBe("#FFFFFF"); // a dark fill gets white text
});

test("only the numbers of a range are shaded, each range on its own scale; text, errors and blanks are not", () => {
  const values: Record<string, string | number> = { B2: 10, B3: 20, B4: "n/a", B5: 30, C2: "#VALUE!", D9: 1, D10: 2 };
  const sheet = {
    name: "S",
    cells: new Map(Object.entries(values).map(([a, value]) => [a, { value }])),
    colorScales: ["B2:C5", "D9:D10"],
  } as unknown as MemorySheet;
  const fills = shadedCells(sheet, (a) => a === "C2");
  expect(Object.fromEntries(fills)).toEqual({
    B2: COLOR_SCALE.low,
    B3: COLOR_SCALE.mid,
    B5: COLOR_SCALE.high,
    D9: COLOR_SCALE.low,
    D10: COLOR_SCALE.high,
  });
});

test("a range far larger than the sheet is read from the sheet's cells (a whole column costs nothing)", () => {
  const sheet = {
    name: "S",
    cells: new Map([
      ["A1", { value: 1 }],
      ["A1048576", { value: 3 }],
      ["B5", { value: 100 }],
    ]),
    colorScales: ["A1:A1048576"],
  } as unknown as MemorySheet;
  expect(Object.fromEntries(shadedCells(sheet, () => false))).toEqual({
    A1: COLOR_SCALE.low,
    A1048576: COLOR_SCALE.high,
  });
});
