/**
 * The add-in's dev server (issue 11 point 7): no `Access-Control-Allow-Origin: *`, only Excel on
 * the web's origins may read its files (it fetches functions.json from its own page), and the
 * private key npm start generates is readable by its owner only.
 */
import fs from "fs";
import os from "os";
import path from "path";

type Headers = Record<string, string>;
type Config = { name: string; devServer?: { headers?: unknown } };
const makeConfigs = require("../../webpack.config.js") as (env: object, options: { mode: string }) => Config[];
const { devServerHeaders } = require("../../webpack.config.js") as {
  devServerHeaders(req: { headers: { origin?: string } }): Headers;
};
const { generateCertificates } = require("../../scripts/start.js") as {
  generateCertificates(dir: string): Promise<{ ca: string; cert: string; key: string }>;
};

beforeAll(() => jest.spyOn(console, "warn").mockImplementation(() => {})); // ADDIN_BASE_URL is unset here
afterAll(() => jest.restoreAllMocks());

const allowedOrigin = (origin?: string) => devServerHeaders({ headers: { origin } })["Access-Control-Allow-Origin"];

test.each(["development", "production"])("%s: the dev server's headers come from devServerHeaders, never *", (mode) => {
  const addin = makeConfigs({}, { mode }).find((c) => c.name === "addin")!;
  expect(addin.devServer?.headers).toBe(devServerHeaders);
  expect(JSON.stringify(makeConfigs({}, { mode }).map((c) => c.devServer ?? null))).not.toContain('"*"');
});

test("Excel on the web's origins are echoed; every other origin, and none, gets no CORS grant", () => {
  for (const origin of ["https://excel.officeapps.live.com", "https://inc-excel.officeapps.live.com"]) {
    expect(allowedOrigin(origin)).toBe(origin);
  }
  for (const origin of [
    undefined,
    "null",
    "https://evil.example",
    "http://excel.officeapps.live.com",
    "https://excel.officeapps.live.com.evil.example",
    "https://evil.example/?https://excel.officeapps.live.com",
    "https://a.b.officeapps.live.com",
    "https://officeapps.live.com",
  ]) {
    expect([origin, allowedOrigin(origin)]).toEqual([origin, undefined]);
  }
  expect(devServerHeaders({ headers: { origin: "https://evil.example" } }).Vary).toBe("Origin");
});

describe("the development certificates", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "dev-certs-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const mode = (file: string) => fs.statSync(file).mode & 0o777;

  test("are generated with the private key readable by its owner only", async () => {
    const files = await generateCertificates(path.join(dir, "certs"));
    expect(fs.readFileSync(files.key, "utf8")).toContain("PRIVATE KEY");
    expect(mode(files.key)).toBe(0o600);
    expect(mode(path.join(dir, "certs")) & 0o077).toBe(0);
  }, 60_000);

  test("a key an earlier run left readable by others is narrowed to 0600", async () => {
    const key = path.join(dir, "certs", "localhost.key");
    fs.chmodSync(key, 0o644);
    const files = await generateCertificates(path.join(dir, "certs"));
    expect(files.key).toBe(key);
    expect(mode(key)).toBe(0o600);
  });
});
