/**
 * Extreme numbers (issue 11 point 8): every documented example, with ±1e308, the largest double or
 * the smallest subnormal in any numeric argument or any number of its ranges, answers with a finite
 * result or an error whose message shows numbers in short form ("1e308", "1.797693e308"), never
 * JavaScript's "1.7976931348623157e+308" nor hundreds of digits.
 */
import { functions } from "../../src/functions";
import { loadDocs } from "../docs";

type Fn = (...args: unknown[]) => unknown;
const table = functions as unknown as Record<string, Fn>;
const EXTREMES = [1e308, -1e308, Number.MAX_VALUE, 5e-324, -5e-324];

/** The example's arguments with one number replaced by each extreme, in turn. */
function variants(args: unknown[]): unknown[][] {
  const out: unknown[][] = [];
  const swap = (i: number, v: unknown) => args.map((a, j) => (j === i ? v : a));
  args.forEach((arg, i) => {
    if (typeof arg === "number") for (const x of EXTREMES) out.push(swap(i, x));
    if (!Array.isArray(arg)) return;
    const rows = arg as unknown[][];
    rows.forEach((row, r) =>
      row.forEach((c, k) => {
        if (typeof c === "number")
          for (const x of EXTREMES)
            out.push(
              swap(
                i,
                rows.map((line, y) => line.map((v, z) => (y === r && z === k ? x : v))),
              ),
            );
      }),
    );
  });
  return out;
}

/** Number forms a message must not show: a run of 12+ digits, or an exponent written "e+". */
const LONG_FORM = /\d{12,}|\de[+]\d/;

test("extreme numbers in any argument give finite results or short messages", () => {
  const found: string[] = [];
  let calls = 0;
  for (const [id, doc] of Object.entries(loadDocs()))
    for (const args of variants(doc.args)) {
      calls++;
      let out: unknown;
      try {
        out = table[id](...args);
      } catch (error) {
        const message = (error as Error).message;
        if (LONG_FORM.test(message)) found.push(`${id}: ${message}`);
        continue;
      }
      const values = Array.isArray(out) ? (out as unknown[][]).flat() : [out];
      if (values.some((v) => typeof v === "number" && !Number.isFinite(v))) found.push(`${id}: a non-finite result`);
    }
  expect(calls).toBeGreaterThan(500);
  expect(found).toEqual([]);
});
