import * as fs from "fs";
import * as path from "path";

const { checkManifest } = require("../scripts/check-manifest");

const { baseUrl, rebase } = require("../config/urls");

const manifest = fs.readFileSync(path.join(__dirname, "..", "manifest.xml"), "utf8");
const check = (xml: string): string[] => checkManifest(xml);

describe("manifest.xml, checked offline", () => {
  test("passes every check", () => {
    expect(check(manifest)).toEqual([]);
  });

  test.each([
    ["broken XML", (m: string) => m.replace("</OfficeApp>", ""), "not well-formed"],
    [
      "an unresolved resid",
      (m: string) => m.replace('resid="Functions.Metadata.Url"', 'resid="Nowhere.Url"'),
      'resid "Nowhere.Url"',
    ],
    [
      "an http URL",
      (m: string) => m.replace("https://localhost:3000/functions.js", "http://localhost:3000/functions.js"),
      "not https",
    ],
    [
      "a second origin",
      (m: string) => m.replace("https://localhost:3000/functions.json", "https://elsewhere.example/functions.json"),
      "2 origins",
    ],
    [
      "another namespace",
      (m: string) => m.replace('DefaultValue="INFRA"', 'DefaultValue="CONTOSO"'),
      "namespace is not INFRA",
    ],
    ["no shared runtime", (m: string) => m.replace('lifetime="long"', 'lifetime="short"'), 'lifetime="long"'],
    [
      "a task pane on another page",
      (m: string) =>
        m.replace(
          '<TaskpaneId>BalancePoint.Taskpane</TaskpaneId>\n                    <SourceLocation resid="Taskpane.Url"/>',
          '<TaskpaneId>BalancePoint.Taskpane</TaskpaneId>\n                    <SourceLocation resid="Functions.Script.Url"/>',
        ),
      "must use the runtime's URL",
    ],
    ["read-only permissions", (m: string) => m.replace("ReadWriteDocument", "ReadDocument"), "ReadWriteDocument"],
  ])("catches %s", (_label, mutate, expected) => {
    const mutated = mutate(manifest);
    expect(mutated).not.toBe(manifest);
    expect(check(mutated).join("\n")).toContain(expected);
  });
});

describe("deployment URLs come from one place", () => {
  const saved = process.env.ADDIN_BASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.ADDIN_BASE_URL;
    else process.env.ADDIN_BASE_URL = saved;
  });

  test("a production build with ADDIN_BASE_URL moves every URL to that origin and still passes", () => {
    process.env.ADDIN_BASE_URL = "https://addins.example.com/balance-point";
    const url = baseUrl(true);
    expect(url).toBe("https://addins.example.com/balance-point/");
    const rebased = rebase(manifest, url);
    expect(rebased).not.toContain("localhost");
    expect(check(rebased)).toEqual([]);
  });

  test("a development build ignores ADDIN_BASE_URL; an unset one keeps the dev URL", () => {
    process.env.ADDIN_BASE_URL = "https://addins.example.com/";
    expect(baseUrl(false)).toBe("https://localhost:3000/");
    delete process.env.ADDIN_BASE_URL;
    expect(baseUrl(true)).toBe("https://localhost:3000/");
  });

  test("an http base URL is refused", () => {
    process.env.ADDIN_BASE_URL = "http://addins.example.com/";
    expect(() => baseUrl(true)).toThrow("https");
  });
});
