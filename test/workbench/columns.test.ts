/** The grid's column positions: prefix sums over a sheet's own widths, and the column at a scroll position. */
import { ColumnLayout, DEFAULT_COLUMN_PIXELS, gridPixels } from "../../src/workbench/columns";
import { MAX_COLUMNS } from "../../src/workbench/keys";

describe("column layout", () => {
  test("without widths every column has the default width", () => {
    const layout = new ColumnLayout();
    expect([layout.left(1), layout.left(2), layout.left(11)]).toEqual([0, 88, 880]);
    expect(layout.width(5)).toBe(DEFAULT_COLUMN_PIXELS);
    expect([layout.at(0), layout.at(87), layout.at(88), layout.at(10_000)]).toEqual([1, 1, 2, 114]);
  });

  test("own widths move the columns after them; at() finds the column holding a position", () => {
    // A 28, B 13, D 8 characters; C and the rest keep the default.
    const layout = new ColumnLayout(
      new Map([
        [4, 8],
        [1, 28],
        [2, 13],
      ]),
    );
    const [a, b, d] = [gridPixels(28), gridPixels(13), gridPixels(8)];
    expect([a, b, d]).toEqual([197, 96, 63]);
    expect([1, 2, 3, 4, 5, 6].map((c) => layout.left(c))).toEqual([
      0,
      a,
      a + b,
      a + b + 88,
      a + b + 88 + d,
      a + b + 88 + d + 88,
    ]);
    expect([1, 2, 3, 4, 5].map((c) => layout.width(c))).toEqual([a, b, 88, d, 88]);
    for (let x = 0; x < 800; x += 7) {
      const c = layout.at(x);
      expect(layout.left(c)).toBeLessThanOrEqual(x);
      expect(layout.left(c + 1)).toBeGreaterThan(x);
    }
  });

  test("XFD: positions at the last column are exact and found fast", () => {
    const layout = new ColumnLayout(new Map(Array.from({ length: 1000 }, (_, i) => [i * 16 + 1, 20] as const)));
    const extra = 1000 * (gridPixels(20) - 88);
    expect(layout.left(MAX_COLUMNS + 1)).toBe(MAX_COLUMNS * 88 + extra);
    expect(layout.at(layout.left(MAX_COLUMNS))).toBe(MAX_COLUMNS);
    expect(layout.at(1e12)).toBe(MAX_COLUMNS);
    // A pathology check, not a timing: 100,000 look-ups take a few milliseconds with the binary searches.
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) layout.at((i * 7919) % layout.left(MAX_COLUMNS));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test("widths outside the sheet's columns are ignored", () => {
    const layout = new ColumnLayout(
      new Map([
        [0, 50],
        [MAX_COLUMNS + 1, 50],
      ]),
    );
    expect(layout.left(MAX_COLUMNS + 1)).toBe(MAX_COLUMNS * 88);
  });
});
