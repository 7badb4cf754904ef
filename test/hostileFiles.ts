/**
 * Files for the import tests, made as a user or an attacker would hand them over: .xlsx files
 * ExcelJS writes (edited afterwards where ExcelJS cannot write the hostile part) and bare zips.
 * JSZip is ExcelJS's own zip library (a dependency of it).
 */
import { Workbook } from "exceljs";

/** The part of JSZip's API the tests use. */
export interface Zip {
  file(name: string): { async(type: "string"): Promise<string> } | null;
  file(name: string, data: string): unknown;
  remove(name: string): unknown;
  generateAsync(o: { type: "uint8array"; compression: "DEFLATE" }): Promise<Uint8Array>;
}
const JSZip = require("jszip") as (new () => Zip) & { loadAsync(d: Uint8Array): Promise<Zip> };

const bytesOf = (zip: Zip) => zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });

/** An .xlsx file ExcelJS writes, with `edit` applied to its zip. */
export async function xlsxFile(
  build: (file: Workbook) => void,
  edit?: (zip: Zip) => unknown | Promise<unknown>,
): Promise<Uint8Array> {
  const file = new Workbook();
  build(file);
  const bytes = new Uint8Array(await file.xlsx.writeBuffer());
  if (!edit) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  await edit(zip);
  return bytesOf(zip);
}

/** A zip holding these text files. */
export function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return bytesOf(zip);
}

/** A Word document renamed .xlsx. */
export const wordDocument = () => zipOf({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" });
/** A zip of readme.txt. */
export const readmeZip = () => zipOf({ "readme.txt": "hello" });
/** An array formula whose area is the whole sheet, A1:XFD1048576. */
export const wholeSheetArray = () =>
  xlsxFile(
    (f) =>
      (f.addWorksheet("S").getCell("A1").value = {
        formula: "1",
        result: 1,
        shareType: "array",
        ref: "A1:XFD1048576",
      } as never),
  );
