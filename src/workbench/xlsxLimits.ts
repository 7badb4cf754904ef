/**
 * What an .xlsx file must be before the workbench builds anything from it: checked from the zip's
 * central directory and by streaming each worksheet's XML once (counting cells, their highest row
 * and column, and each array formula's extent) without building the sheet. A file is refused, with
 * a reason in the user's words, when it is not a zip, holds no workbook or no worksheet, or exceeds
 * a limit below; ExcelJS then never sees it. The limits keep an import under a few seconds and a
 * few hundred MB here; the used range may reach Excel's own limit (XFD1048576), which the sparse
 * engine and the virtualised grid handle.
 */

export const LIMITS = {
  /** The file itself. */
  bytes: 50 * 1024 * 1024,
  /** Every part of the zip, decompressed (a zip bomb is refused before it is inflated). */
  uncompressed: 300 * 1024 * 1024,
  sheets: 255,
  /** Cells written in the file, every sheet together. */
  cells: 500_000,
  /** Cells one array formula covers. */
  arrayCells: 100_000,
  /** Excel's own sheet size. */
  rows: 1_048_576,
  cols: 16_384,
};

/** Why a file is not imported; its message completes "Could not import "x": …". */
export class ImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportRefused";
  }
}

interface Entry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

const n = (x: number) => x.toLocaleString("en-US");

/** The zip's entries from its central directory. */
function entriesOf(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const notZip = new ImportRefused("it is not an .xlsx workbook (the file is not a zip archive)");
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw notZip;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: Entry[] = [];
  const text = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw notZip;
    const length = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    entries.push({
      method: view.getUint16(at + 10, true),
      compressed: view.getUint32(at + 20, true),
      uncompressed: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
      name: text.decode(bytes.subarray(at + 46, at + 46 + length)),
    });
    at += 46 + length + extra;
  }
  return entries;
}

/**
 * Passes an entry's inflated bytes on, refusing (ImportRefused) as soon as they exceed the size the
 * zip's directory declares: the other limits trust that size, and ExcelJS would inflate a part that
 * understates it (a zip bomb) whole into memory.
 */
const declared = (e: Entry) => {
  let seen = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, out) {
      seen += chunk.byteLength;
      if (seen > e.uncompressed)
        throw new ImportRefused(
          `it is damaged (the part ${e.name} is larger than the ${n(e.uncompressed)} bytes its zip declares)`,
        );
      out.enqueue(chunk);
    },
  });
};

/** An entry's data, inflated, as a stream of bytes no longer than its declared size. */
function bytesOf(bytes: Uint8Array, e: Entry): ReadableStream<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.offset + 30 > bytes.length || view.getUint32(e.offset, true) !== 0x04034b50)
    throw new ImportRefused(`it is damaged (the part ${e.name} cannot be found)`);
  const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  const data = new Blob([bytes.slice(start, start + e.compressed)]).stream();
  if (e.method !== 0 && e.method !== 8)
    throw new ImportRefused(`it uses a compression the workbench cannot read (in ${e.name})`);
  const raw = e.method === 8 ? data.pipeThrough(new DecompressionStream("deflate-raw")) : data;
  return (raw as ReadableStream<Uint8Array>).pipeThrough(declared(e));
}

/** An entry's data, inflated, as a stream of text. */
const textOf = (bytes: Uint8Array, e: Entry): ReadableStream<string> =>
  bytesOf(bytes, e).pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>);

/** Inflates a part the checks do not read, to hold it to its declared size. */
async function drain(bytes: Uint8Array, e: Entry): Promise<void> {
  const reader = bytesOf(bytes, e).getReader();
  while (!(await reader.read()).done);
}

/** A small part's whole text. */
async function readText(bytes: Uint8Array, e: Entry): Promise<string> {
  if (e.uncompressed > 10 * 1024 * 1024) throw new ImportRefused(`its part ${e.name} is too large to be a workbook's`);
  const reader = textOf(bytes, e).getReader();
  let text = "";
  for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value;
  return text;
}

/** The sheet names the workbook gives its worksheet parts ("xl/worksheets/sheet1.xml" → "Model"). */
async function sheetNames(bytes: Uint8Array, entries: Entry[]): Promise<Map<string, string>> {
  const part = (name: string) => entries.find((e) => e.name === name);
  const [book, rels] = [part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels")];
  const names = new Map<string, string>();
  if (!book || !rels) return names;
  const targets = new Map<string, string>();
  for (const [, attributes] of (await readText(bytes, rels)).matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const [id, target] = [/\bId="([^"]*)"/.exec(attributes)?.[1], /\bTarget="([^"]*)"/.exec(attributes)?.[1]];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  for (const [, attributes] of (await readText(bytes, book)).matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const [name, id] = [/\bname="([^"]*)"/.exec(attributes)?.[1], /\br:id="([^"]*)"/.exec(attributes)?.[1]];
    const target = id && targets.get(id);
    if (name && target)
      names.set(
        target,
        name
          .replace(/&apos;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&amp;/g, "&"),
      );
  }
  return names;
}

const column = (letters: string) => [...letters].reduce((c, l) => c * 26 + l.charCodeAt(0) - 64, 0);

/** What one worksheet holds, as counted from its XML. */
export interface SheetCount {
  cells: number;
  rows: number;
  cols: number;
}

/**
 * Counts a worksheet's cells from its XML, streaming; refuses (ImportRefused) as soon as the
 * cells so far, `before` included, pass the limit or an array formula covers too many cells.
 */
async function count(stream: ReadableStream<string>, name: string, before: number): Promise<SheetCount> {
  const found: SheetCount = { cells: 0, rows: 0, cols: 0 };
  const reader = stream.getReader();
  let rest = "";
  const tag = /<(?:[A-Za-z0-9_]+:)?(c|f|col)\b([^>]*)>/g;
  for (;;) {
    const { value, done } = await reader.read();
    const text = rest + (value ?? "");
    // A tag cut by the chunk's end is read with the next chunk.
    const cut = done ? text.length : text.lastIndexOf("<");
    for (const [, kind, attributes] of text.slice(0, cut).matchAll(tag)) {
      if (kind === "c") {
        found.cells++;
        const r = /\br="([A-Z]{1,3})([0-9]{1,7})"/.exec(attributes);
        if (r) [found.rows, found.cols] = [Math.max(found.rows, Number(r[2])), Math.max(found.cols, column(r[1]))];
      } else if (kind === "col") {
        // ExcelJS makes one column object for each column of the range.
        const max = Number(/\bmax="([0-9]+)"/.exec(attributes)?.[1] ?? 0);
        if (max > LIMITS.cols) {
          await reader.cancel();
          throw new ImportRefused(`sheet ${name} has columns beyond Excel's last column (XFD)`);
        }
      } else if (/\bt="array"/.test(attributes)) {
        const ref = /\bref="\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?"/.exec(attributes);
        const area = ref?.[3]
          ? (Math.abs(Number(ref[4]) - Number(ref[2])) + 1) * (Math.abs(column(ref[3]) - column(ref[1])) + 1)
          : 1;
        if (area > LIMITS.arrayCells) {
          await reader.cancel();
          throw new ImportRefused(
            `an array formula on sheet ${name} covers ${n(area)} cells; the workbench opens at most ${n(LIMITS.arrayCells)} per array formula`,
          );
        }
      }
    }
    if (before + found.cells > LIMITS.cells) {
      await reader.cancel();
      throw new ImportRefused(
        `it has more than ${n(LIMITS.cells)} cells; the workbench opens at most ${n(LIMITS.cells)} (Excel opens it)`,
      );
    }
    if (done) break;
    rest = text.slice(cut);
  }
  if (found.rows > LIMITS.rows || found.cols > LIMITS.cols)
    throw new ImportRefused(`sheet ${name} has cells beyond Excel's last cell (XFD1048576)`);
  return found;
}

/** Checks an .xlsx file before it is read; throws ImportRefused with the reason. Counts per worksheet part. */
export async function checkXlsx(data: ArrayBuffer | Uint8Array): Promise<Map<string, SheetCount>> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length > LIMITS.bytes)
    throw new ImportRefused(`it is larger than ${LIMITS.bytes / 1024 / 1024} MB, the most the workbench opens`);
  const entries = entriesOf(bytes);
  if (!entries.some((e) => e.name === "xl/workbook.xml"))
    throw new ImportRefused("it is not an Excel workbook (it holds no xl/workbook.xml: a Word file or another zip?)");
  const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name));
  if (!sheets.length) throw new ImportRefused("it holds no worksheet");
  if (sheets.length > LIMITS.sheets)
    throw new ImportRefused(`it has ${n(sheets.length)} sheets; the workbench opens at most ${LIMITS.sheets}`);
  const total = entries.reduce((s, e) => s + e.uncompressed, 0);
  if (total > LIMITS.uncompressed || entries.some((e) => e.uncompressed === 0xffffffff))
    throw new ImportRefused(
      `it unpacks to more than ${LIMITS.uncompressed / 1024 / 1024} MB, the most the workbench opens`,
    );
  const counts = new Map<string, SheetCount>();
  let names: Map<string, string>;
  try {
    names = await sheetNames(bytes, entries);
  } catch (err) {
    if (err instanceof ImportRefused) throw err;
    throw new ImportRefused("it is damaged (its list of sheets cannot be unpacked)");
  }
  let cells = 0;
  for (const e of sheets) {
    let found: SheetCount;
    const name = names.get(e.name) ?? e.name.replace(/^xl\/worksheets\/|\.xml$/g, "");
    try {
      found = await count(textOf(bytes, e), `"${name}"`, cells);
    } catch (err) {
      if (err instanceof ImportRefused) throw err;
      throw new ImportRefused(`it is damaged (the part ${e.name} cannot be unpacked)`);
    }
    cells += found.cells;
    counts.set(e.name, found);
  }
  for (const e of entries.filter((e) => !sheets.includes(e) && !e.name.endsWith("/")))
    await drain(bytes, e).catch((err) => {
      throw err instanceof ImportRefused
        ? err
        : new ImportRefused(`it is damaged (the part ${e.name} cannot be unpacked)`);
    });
  return counts;
}
