/** The workbench's static server (scripts/static-server.js): malformed requests get an answer, never a crash. */
import fs from "fs";
import type { Server } from "http";
import os from "os";
import path from "path";

const { serveStatic } = require("../../scripts/static-server") as { serveStatic(dir: string): Promise<Server> };

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "static-server-"));
  fs.writeFileSync(path.join(dir, "workbench.html"), "<p>hello</p>");
  fs.mkdirSync(path.join(dir, "sub"));
  fs.writeFileSync(path.join(dir, "sub", "index.html"), "index");
  server = await serveStatic(dir);
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

const status = async (urlPath: string, method = "GET") => (await fetch(base + urlPath, { method })).status;

test("serves files and a directory's index.html", async () => {
  const res = await fetch(`${base}/workbench.html`);
  expect([res.status, res.headers.get("content-type"), await res.text()]).toEqual([
    200,
    "text/html; charset=utf-8",
    "<p>hello</p>",
  ]);
  await expect(fetch(`${base}/sub/`).then((r) => r.text())).resolves.toBe("index");
  await expect(status("/workbench.html", "HEAD")).resolves.toBe(200);
});

test("a path through a file, NUL, bad %-encoding, escapes and other methods are refused, and it keeps serving", async () => {
  await expect(status("/workbench.html/x")).resolves.toBe(404); // ENOTDIR
  await expect(status("/a%00b")).resolves.toBe(400);
  await expect(status("/%E0%A4%A")).resolves.toBe(400);
  await expect(status("/missing.js")).resolves.toBe(404);
  await expect(status("/..%2F..%2Fetc%2Fpasswd")).resolves.toBe(404);
  await expect(status("/workbench.html", "POST")).resolves.toBe(405);
  await expect(status("/workbench.html")).resolves.toBe(200);
});
