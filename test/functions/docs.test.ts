import * as fs from "fs";
import * as path from "path";
import { functions } from "../../src/functions";
import { loadDocs, renderMarkdown } from "../docs";
import { loadMetadata } from "../metadata";

const docs = loadDocs();
const table = functions as unknown as Record<string, (...args: unknown[]) => unknown>;

describe("function reference", () => {
  test("every function has an example, a result and at least one source", () => {
    for (const id of Object.keys(table)) {
      expect({ id, hasArgs: Array.isArray(docs[id]?.args) }).toEqual({ id, hasArgs: true });
      expect(docs[id].result.length).toBeGreaterThan(0);
      expect(docs[id].sources.length).toBeGreaterThan(0);
    }
  });

  test("no docs for functions that do not exist", () => {
    for (const id of Object.keys(docs)) expect(Object.keys(table)).toContain(id);
  });

  test("each example's stated value is what the function returns (to its 4 significant digits)", () => {
    for (const [id, doc] of Object.entries(docs)) {
      if (doc.value === undefined) continue;
      const result = table[id](...doc.args) as number;
      expect({ id, value: Number(result.toPrecision(4)) }).toEqual({ id, value: Number(doc.value.toPrecision(4)) });
    }
  });

  test("docs/functions.md is up to date (run `npm run docs`)", async () => {
    const metadata = await loadMetadata();
    const onDisk = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "functions.md"), "utf8");
    expect(onDisk).toBe(renderMarkdown(metadata, docs));
  }, 60000);
});
