/* npm stop: stops what npm start started (the dev server; on Windows and macOS also the sideload). */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const PID_FILE = path.join(ROOT, ".dev-server.pid");

if (process.platform === "win32" || process.platform === "darwin") {
  spawnSync(path.join(ROOT, "node_modules", ".bin", "office-addin-debugging"), ["stop", "manifest.xml"], {
    cwd: ROOT,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
}
if (fs.existsSync(PID_FILE)) {
  const pid = Number(fs.readFileSync(PID_FILE, "utf8"));
  try {
    process.kill(pid, "SIGTERM");
    console.log(`stopped the dev server (pid ${pid})`);
  } catch {
    console.log("the dev server was not running");
  }
  fs.rmSync(PID_FILE, { force: true });
} else {
  console.log("no dev server to stop");
}
