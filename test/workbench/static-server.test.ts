/**
 * The workbench's static server (scripts/static-server.js): malformed requests get an answer, never
 * a crash; dotfiles, symlinks out of the directory and requests for another host are refused
 * (issue 11 point 7), and every answer carries the Content-Security-Policy.
 */
import fs from "fs";
import http from "http";
import type { Server } from "http";
import os from "os";
import path from "path";

const { serveStatic, CONTENT_SECURITY_POLICY } = require("../../scripts/static-server") as {
  serveStatic(dir: string): Promise<Server>;
  CONTENT_SECURITY_POLICY: string;
};

let dir: string;
let outside: string;
let port: number;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "static-server-"));
  fs.writeFileSync(path.join(dir, "workbench.html"), "<p>hello</p>");
  fs.mkdirSync(path.join(dir, "sub"));
  fs.writeFileSync(path.join(dir, "sub", "index.html"), "index");
  fs.writeFileSync(path.join(dir, ".env"), "SECRET=1");
  fs.mkdirSync(path.join(dir, ".git"));
  fs.writeFileSync(path.join(dir, ".git", "config"), "[core]");
  fs.writeFileSync(path.join(dir, "sub", ".hidden.js"), "hidden");
  outside = fs.mkdtempSync(path.join(os.tmpdir(), "static-outside-"));
  fs.writeFileSync(path.join(outside, "secret.txt"), "secret");
  fs.symlinkSync(path.join(outside, "secret.txt"), path.join(dir, "leak.txt"));
  fs.symlinkSync(outside, path.join(dir, "leakdir"));
  fs.symlinkSync(path.join(dir, "workbench.html"), path.join(dir, "alias.html"));
  server = await serveStatic(dir);
  const address = server.address();
  port = typeof address === "object" && address ? address.port : 0;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
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

test("dotfiles and dot-directories are not served, however the path spells them", async () => {
  for (const p of ["/.env", "/.git/config", "/sub/.hidden.js", "/%2Eenv", "/sub/../.env", "/.git/"]) {
    await expect(status(p).then((s) => [p, s])).resolves.toEqual([p, 404]);
  }
});

test("a symlink is served only when it resolves inside the directory", async () => {
  await expect(status("/leak.txt")).resolves.toBe(404);
  await expect(status("/leakdir/secret.txt")).resolves.toBe(404);
  await expect(fetch(`${base}/alias.html`).then((r) => r.text())).resolves.toBe("<p>hello</p>");
});

/** A GET with the Host header given (fetch does not let a caller set it). */
function getWithHost(host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/workbench.html", setHost: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    if (host !== undefined) req.setHeader("Host", host);
    req.on("error", reject);
    req.end();
  });
}

test("only requests addressed to 127.0.0.1 or localhost with the server's port are answered", async () => {
  await expect(getWithHost(`127.0.0.1:${port}`)).resolves.toBe(200);
  await expect(getWithHost(`localhost:${port}`)).resolves.toBe(200);
  for (const host of ["evil.example", `evil.example:${port}`, "127.0.0.1", `127.0.0.1:${port + 1}`, ""]) {
    await expect(getWithHost(host).then((s) => [host, s])).resolves.toEqual([host, 421]);
  }
  await expect(getWithHost(undefined)).resolves.toBe(400); // Node refuses an HTTP/1.1 request without Host
});

test("every answer carries the Content-Security-Policy, which allows nothing from elsewhere", async () => {
  for (const p of ["/workbench.html", "/missing.js"]) {
    const res = await fetch(base + p);
    expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
  }
  const directives = CONTENT_SECURITY_POLICY.split("; ");
  expect(directives).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "object-src 'none'"]));
  expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:/);
});
