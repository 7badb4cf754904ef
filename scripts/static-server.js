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

/** The file a request path names inside `root`, or undefined when it names none (or escapes root). */
function fileFor(root, urlPath) {
  let relative;
  try {
    relative = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return undefined;
  }
  const file = path.resolve(root, `.${path.posix.normalize(relative)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat?.isDirectory()) return fileFor(root, `${relative.replace(/\/$/, "")}/index.html`);
  return stat?.isFile() ? file : undefined;
}

/** Serves `dir` on http://host:port (port 0 picks a free one); resolves with the listening server. */
function serveStatic(dir, { port = 0, host = "127.0.0.1" } = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const file = req.method === "GET" || req.method === "HEAD" ? fileFor(root, req.url || "/") : undefined;
    if (!file) {
      res.writeHead(req.method === "GET" || req.method === "HEAD" ? 404 : 405, { "Content-Type": TYPES[".txt"] });
      res.end("Not found\n");
      return;
    }
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    res.writeHead(200, { "Content-Type": type, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" });
    if (req.method === "HEAD") res.end();
    else fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

module.exports = { serveStatic };
