/**
 * The workbench's build (review of issue 7): HyperFormula is GPL-3.0, so the workbench is built
 * outside dist/ (which is deployed), check-dist refuses a dist/ holding any of it, the add-in's
 * dev server answers on localhost only, and the browser tests reuse only a fresh production build.
 */
import fs from "fs";
import os from "os";
import path from "path";

type Config = { name: string; entry: Record<string, unknown>; output: { path: string }; devServer?: { host?: string } };
const ROOT = path.join(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const makeConfigs = require("../../webpack.config.js") as (env: object, options: { mode: string }) => Config[];
const { gplProblems } = require("../../scripts/check-dist") as { gplProblems(dir: string): string[] };
const { isFresh } = require("../browser/build-workbench") as {
  isFresh(dir: string, root: string, inputs: string[]): boolean;
};

beforeAll(() => jest.spyOn(console, "warn").mockImplementation(() => {})); // ADDIN_BASE_URL is unset here
afterAll(() => jest.restoreAllMocks());

const inside = (dir: string, parent: string) => !path.relative(parent, dir).startsWith("..");

test.each(["production", "development"])(
  "%s: the workbench entry is built outside dist/, the add-in inside",
  (mode) => {
    const configs = makeConfigs({}, { mode });
    const workbench = configs.filter((c) => "workbench" in c.entry);
    expect(workbench.map((c) => c.name)).toEqual(["workbench"]);
    expect(inside(workbench[0].output.path, DIST)).toBe(false);
    const addin = configs.find((c) => c.name === "addin")!;
    expect(inside(addin.output.path, DIST)).toBe(true);
    expect(Object.keys(addin.entry).sort()).toEqual(["functions", "taskpane"]);
    expect(addin.devServer?.host).toBe("localhost");
  },
);

describe("check-dist's GPL boundary", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dist-"));
    fs.writeFileSync(path.join(dir, "taskpane.js"), "console.log(1)");
    fs.writeFileSync(path.join(dir, "taskpane.js.map"), JSON.stringify({ sources: ["webpack://x/./src/a.ts"] }));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("an add-in-only dist/ passes", () => expect(gplProblems(dir)).toEqual([]));

  test("workbench files, or a bundle whose source map lists a HyperFormula module, fail", () => {
    fs.writeFileSync(path.join(dir, "workbench.html"), "<html></html>");
    const sources = ["webpack://x/./node_modules/hyperformula/es/index.js"];
    fs.writeFileSync(path.join(dir, "taskpane.js.map"), JSON.stringify({ sources }));
    expect(gplProblems(dir)).toEqual([
      "dist/taskpane.js is built from HyperFormula (GPL-3.0)",
      "dist/workbench.html is part of the workbench (GPL-3.0)",
    ]);
  });
});

describe("reusing a prebuilt workbench", () => {
  let root: string;
  const out = () => path.join(root, "out");
  const stamp = (mode: string, builtAt: number) =>
    fs.writeFileSync(path.join(out(), "build-info.json"), JSON.stringify({ mode, builtAt }));
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "fresh-"));
    fs.mkdirSync(path.join(root, "src", "deep"), { recursive: true });
    fs.writeFileSync(path.join(root, "src", "deep", "a.ts"), "");
    fs.mkdirSync(out());
    fs.writeFileSync(path.join(out(), "workbench.html"), "");
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test("a production build started after every input changed is fresh", () => {
    stamp("production", Date.now() + 1000);
    expect(isFresh(out(), root, ["src", "missing.json"])).toBe(true);
  });

  test("an older build, a development build, or no build info is not", () => {
    stamp("production", fs.statSync(path.join(root, "src", "deep", "a.ts")).mtimeMs - 1);
    expect(isFresh(out(), root, ["src"])).toBe(false);
    stamp("development", Date.now() + 1000);
    expect(isFresh(out(), root, ["src"])).toBe(false);
    fs.rmSync(path.join(out(), "build-info.json"));
    expect(isFresh(out(), root, ["src"])).toBe(false);
  });
});
