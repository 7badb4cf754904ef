/* A tiny static file server over plain http, for the workbench (npm start, browser tests): GET and
 * HEAD of files under one directory, on one host (127.0.0.1 unless told), nothing else. */
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

/** The request path decoded, or undefined when it is malformed (bad %-encoding, NUL, not absolute). */
function decode(urlPath) {
  try {
    const relative = decodeURIComponent(urlPath.split("?")[0]);
    return relative.startsWith("/") && !relative.includes("\0") ? relative : undefined;
  } catch {
    return undefined;
  }
}

/** The file a decoded request path names inside `root`, or undefined when it names none (or escapes root). */
function fileFor(root, relative) {
  const file = path.resolve(root, `.${path.posix.normalize(relative)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined; // ENOENT, ENOTDIR (a path through a file), EACCES...: not found
  }
  if (stat.isDirectory()) return fileFor(root, `${relative.replace(/\/$/, "")}/index.html`);
  return stat.isFile() ? file : undefined;
}

function reply(res, status, text) {
  res.writeHead(status, { "Content-Type": TYPES[".txt"] });
  res.end(`${text}\n`);
}

/** Serves `dir` on http://host:port (port 0 picks a free one); resolves with the listening server. */
function serveStatic(dir, { port = 0, host = "127.0.0.1" } = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return reply(res, 405, "Method not allowed");
    const relative = decode(req.url || "/");
    if (relative === undefined) return reply(res, 400, "Bad request");
    const file = fileFor(root, relative);
    if (!file) return reply(res, 404, "Not found");
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    const headers = { "Content-Type": type, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" };
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

module.exports = { serveStatic };
