/**
 * Excel number formats shown and typed (src/workbench/format.ts). Expected texts follow Microsoft's
 * "Review guidelines for customizing a number format" (sections, conditions, digit placeholders,
 * thousands separator and scaling, percent, scientific notation, text) and Excel's General format;
 * typed entries follow what Excel stores (automatic percent entry as Microsoft's support page describes it).
 */
import { NUMBER_FORMATS } from "../../src/scenario/plan";
import { formatValue, general, isPercentFormat, readInput } from "../../src/workbench/format";

const USD = '[>=1000000000]$#,##0.0,,," B";[>=1000000]$#,##0.0,," M";$#,##0';

describe("every format the sheet plans use", () => {
  // One sample per format; a format added to NUMBER_FORMATS without a case here fails the last test.
  const cases: Record<string, [number, string][]> = {
    mw: [
      [240, "240.0 MW"],
      [1234567.891, "1,234,567.9 MW"],
      [-12.25, "-12.3 MW"],
    ],
    percent: [
      [0.9, "90.00%"],
      [0.123456, "12.35%"],
    ],
    availability: [
      [0.99995, "99.9950%"],
      [1, "100.0000%"],
    ],
    usd: [
      [1.234e9, "$1.2 B"],
      [3.4e8, "$340.0 M"],
      [46_000, "$46,000"],
      [999.5, "$1,000"],
    ],
    // Changes in money are signed and scaled to millions either way (the usd scales ignore negatives).
    usdChange: [
      [2.5e9, "+$2,500.0 M"],
      [116_123_158, "+$116.1 M"],
      [-116_123_158, "-$116.1 M"],
      [-5_000, "-$5,000"],
      [5_000, "$5,000"],
      [0, "$0"],
    ],
    usdPerMwh: [[61.234, "$61.23 /MWh"]],
    usdPerMTokens: [[0.5, "$0.50 /M tokens"]],
    months: [[3.25, "3.3 months"]],
    hours: [[1234.5, "1,234.5 h"]],
    minutes: [[5, "5.0 min"]],
    count: [
      [16384, "16,384"],
      [5_676_000_000_000, "5,676,000,000,000"],
    ],
    ratio: [[1.5, "1.50 ×"]],
    plain: [
      [0.1 + 0.2, "0.3"],
      [42, "42"],
    ],
  };
  test.each(Object.entries(cases).flatMap(([key, list]) => list.map(([v, text]) => [key, v, text] as const)))(
    "%s: %p shows as %p",
    (key, v, text) => expect(formatValue(v, NUMBER_FORMATS[key as keyof typeof NUMBER_FORMATS])).toBe(text),
  );
  test("each format in NUMBER_FORMATS has cases here", () =>
    expect(Object.keys(NUMBER_FORMATS).sort()).toEqual(Object.keys(cases).sort()));
});

describe("format codes generically", () => {
  test.each([
    // Sections: positive;negative;zero;text. The negative section writes its own sign.
    [-5, '0.0;(0.0);"zero"', "(5.0)"],
    [0, '0.0;(0.0);"zero"', "zero"],
    [5, '0.0;(0.0);"zero"', "5.0"],
    // One section: a negative number gets a minus sign; one that rounds to zero does not.
    [-1234.5, "$#,##0", "-$1,235"],
    [-0.0001, "0.0", "0.0"],
    // Conditions pick the section; the first section without one is the rest.
    [2.5e9, USD, "$2.5 B"],
    [1_000_000, USD, "$1.0 M"],
    [999_999, USD, "$999,999"],
    [-5, '[<0]"minus "0;0', "minus 5"],
    // Scaling commas after the last placeholder divide by 1,000 each.
    [1234.5, '#,##0,"K"', "1K"],
    [12_345_678, "0.0,,", "12.3"],
    // Placeholders: # drops insignificant zeros, ? pads with spaces, the point stays.
    [0.5, "#.00", ".50"],
    [5, "0.#", "5."],
    [1.5, "0.0?", "1.5 "],
    [7, "000", "007"],
    // Scientific notation, and engineering notation with ##0.
    [12345, "0.00E+00", "1.23E+04"],
    [0.00012, "0.00E+00", "1.20E-04"],
    [12345, "##0.0E+0", "12.3E+3"],
    [99999, "0.0E+00", "1.0E+05"],
    // Literals: backslash, _ (a space), [$€-407] (the symbol), colours not drawn.
    [3, "\\$0_)", "$3 "],
    [3, "[$€-407]0.00", "€3.00"],
    [-3, "[Red]0;[Blue]-0", "-3"],
    // General inside a section.
    [0.25, 'General" x"', "0.25 x"],
  ] as const)("%p with %p shows %p", (v, code, text) => expect(formatValue(v, code)).toBe(text));

  test("text, booleans, empty and non-finite values", () => {
    expect(formatValue("abc", '0;-0;0;"text: "@')).toBe("text: abc");
    expect(formatValue("abc", "#,##0")).toBe("abc");
    expect(formatValue(true, "0.00%")).toBe("TRUE");
    expect(formatValue(null, "0.00%")).toBe("");
    expect(formatValue(Infinity)).toBe("#NUM!");
  });

  test("a date or time format (not supported) shows the number as General", () => {
    expect(formatValue(45000.5, "yyyy-mm-dd")).toBe("45000.5");
    expect(formatValue(45000.5, 'h:mm "h"')).toBe("45000.5");
  });

  test("Excel's General: up to 11 characters, then scientific with 6 significant digits", () => {
    expect([123456789012, 2 / 3, -2 / 3, 1234567890.4, 1e-12, 12345678901, -1.5].map(general)).toEqual([
      "1.23457E+11",
      "0.666666667",
      "-0.66666667",
      "1234567890",
      "1E-12",
      "12345678901",
      "-1.5",
    ]);
  });
});

describe("typed entries", () => {
  test.each([
    ["240", { value: 240 }],
    [" 7 ", { value: 7 }],
    ["1e3", { value: 1000 }],
    [".5", { value: 0.5 }],
    ["5.", { value: 5 }],
    ["-5", { value: -5 }],
    // With $, % or thousands commas, a cell without a format gets the format Excel gives it.
    ["90%", { value: 0.9, format: "0%" }],
    ["12.5%", { value: 0.125, format: "0.00%" }],
    ["1,000%", { value: 10, format: "0%" }],
    ["$1,200", { value: 1200, format: "$#,##0" }],
    ["$1,200.50", { value: 1200.5, format: "$#,##0.00" }],
    ["-$5", { value: -5, format: "$#,##0" }],
    ["$-5", { value: -5, format: "$#,##0" }],
    ["1,200", { value: 1200, format: "#,##0" }],
    ["(1,200)", { value: -1200, format: "#,##0" }],
    ["(7)", { value: -7 }],
    // Text as Excel keeps it: misplaced commas, suffixes, dates, doubled signs.
    ["12,00", { value: "12,00" }],
    ["$1.2M", { value: "$1.2M" }],
    ["12 MW", { value: "12 MW" }],
    ["1/2/2026", { value: "1/2/2026" }],
    ["--5", { value: "--5" }],
    ["%", { value: "%" }],
    ["20%%", { value: "20%%" }],
    ["1 2", { value: "1 2" }],
    ["abc", { value: "abc" }],
    // A leading apostrophe keeps the rest as text; TRUE/FALSE are booleans; = starts a formula.
    ["'123", { value: "123" }],
    ["TRUE", { value: true }],
    ["false", { value: false }],
    ["=A1", { value: "=A1" }],
    ["", { value: null }],
  ] as const)("%p into a cell without a format", (text, entry) => expect(readInput(text)).toEqual(entry));

  test("a formatted cell keeps its format: 240 into MW is 240.0 MW", () => {
    const mw = NUMBER_FORMATS.mw;
    const entry = readInput("240", mw);
    expect(entry).toEqual({ value: 240 });
    expect(formatValue(entry.value, mw)).toBe("240.0 MW");
    expect(readInput("$1,200", mw)).toEqual({ value: 1200 });
  });

  test("automatic percent entry into a percent cell (Microsoft support: 10 and 0.1 both give 10.00%)", () => {
    const pct = NUMBER_FORMATS.percent;
    expect(["10", "0.1", ".1", "1", "0.9", "-10", "-.1", "150"].map((t) => readInput(t, pct).value)).toEqual([
      0.1, 0.1, 0.1, 0.01, 0.9, -0.1, -0.1, 1.5,
    ]);
    // 90 and 90% alike store 0.9, shown as 90.00%.
    expect(readInput("90", pct).value).toBeCloseTo(0.9, 15);
    expect(readInput("90%", pct)).toEqual({ value: 0.9 });
    expect(formatValue(readInput("90%", pct).value, pct)).toBe("90.00%");
  });

  test("percent formats are recognised by their first section's % outside quotes", () => {
    expect(
      [NUMBER_FORMATS.percent, NUMBER_FORMATS.availability, '0 "%"', NUMBER_FORMATS.mw, undefined].map(isPercentFormat),
    ).toEqual([true, true, false, false, false]);
  });
});
