/* A tiny static file server over plain http, for the workbench (npm start, browser tests): GET and
 * HEAD of files under one directory, on one host (127.0.0.1 unless told), nothing else. It answers
 * only requests addressed to it (Host 127.0.0.1 or localhost with its port, which defeats DNS
 * rebinding), never serves a dotfile nor a file a symlink places outside the directory, and sends
 * a Content-Security-Policy that lets the page load nothing but its own files. */
const fs = require("fs");
const http = require("http");
const path = require("path");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Everything from this origin, nothing from elsewhere. Styles may be inline: Fluent UI (Griffel)
 * and React write style elements and attributes at run time. Files the page saves are blob: URLs,
 * images it shows may be data: URLs. No eval, no plug-ins, no framing, forms post nowhere.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const HEADERS = {
  "Cache-Control": "no-cache",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "Referrer-Policy": "no-referrer",
};

/** The request path decoded, or undefined when it is malformed (bad %-encoding, NUL, not absolute). */
function decode(urlPath) {
  try {
    const relative = decodeURIComponent(urlPath.split("?")[0]);
    return relative.startsWith("/") && !relative.includes("\0") ? relative : undefined;
  } catch {
    return undefined;
  }
}

const inside = (root, file) => file === root || file.startsWith(root + path.sep);

/**
 * The file a decoded request path names inside `root` (a real path), or undefined when it names
 * none: missing, a dotfile or a file in a dot-directory, or outside root once symlinks are resolved.
 */
function fileFor(root, relative) {
  const normalized = path.posix.normalize(relative);
  if (normalized.split("/").some((part) => part.startsWith("."))) return undefined;
  let file;
  let stat;
  try {
    file = fs.realpathSync(path.resolve(root, `.${normalized}`));
    stat = fs.statSync(file);
  } catch {
    return undefined; // ENOENT, ENOTDIR (a path through a file), ELOOP, EACCES...: not found
  }
  if (!inside(root, file)) return undefined;
  if (stat.isDirectory()) return fileFor(root, `${normalized.replace(/\/$/, "")}/index.html`);
  return stat.isFile() ? file : undefined;
}

/** Whether a Host header names this server: 127.0.0.1 or localhost, with the port it listens on. */
function isOwnHost(host, port) {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function reply(res, status, text) {
  res.writeHead(status, { ...HEADERS, "Content-Type": TYPES[".txt"] });
  res.end(`${text}\n`);
}

/** Serves `dir` on http://host:port (port 0 picks a free one); resolves with the listening server. */
function serveStatic(dir, { port = 0, host = "127.0.0.1" } = {}) {
  const root = fs.realpathSync(path.resolve(dir));
  const server = http.createServer((req, res) => {
    if (!isOwnHost(req.headers.host, server.address().port)) return reply(res, 421, "Misdirected request");
    if (req.method !== "GET" && req.method !== "HEAD") return reply(res, 405, "Method not allowed");
    const relative = decode(req.url || "/");
    if (relative === undefined) return reply(res, 400, "Bad request");
    const file = fileFor(root, relative);
    if (!file) return reply(res, 404, "Not found");
    const headers = { ...HEADERS, "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" };
    if (req.method === "HEAD") return res.writeHead(200, headers).end();
    const stream = fs.createReadStream(file);
    stream.once("open", () => stream.pipe(res.writeHead(200, headers)));
    stream.once("error", () => (res.headersSent ? res.destroy() : reply(res, 404, "Not found")));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

module.exports = { serveStatic, CONTENT_SECURITY_POLICY };
