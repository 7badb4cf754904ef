/* npm start: build, serve the add-in over https on localhost, and sideload it.
 * - Windows and macOS (desktop Excel): office-addin-debugging sideloads into Excel and runs the dev
 *   server (npm run dev-server, which is this script with --serve-only).
 * - Elsewhere (Linux has no desktop Excel): builds, shows the INFRA functions computing the
 *   documented examples, serves the workbench (the product without Excel) over plain http on
 *   127.0.0.1, serves the add-in and prints how to sideload it into Excel on the web.
 *   Certificates are generated without sudo; trusting the CA is left to the user. */
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const PORT = Number(process.env.npm_package_config_dev_server_port) || 3000;
const WORKBENCH_PORT = Number(process.env.WORKBENCH_PORT) || 3001;
const PID_FILE = path.join(ROOT, ".dev-server.pid");
const { WORKBENCH_DIR } = require("../webpack.config");
const hasDesktopExcel = process.platform === "win32" || process.platform === "darwin";
const bin = (name) => path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", shell: process.platform === "win32" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Generates the CA, the localhost certificate and its private key into `dir`, readable by their
 * owner only: the files are created under umask 077 (never briefly world-readable), and a key
 * left by an earlier run is narrowed to mode 0600 too.
 */
async function generateCertificates(dir) {
  const devCerts = require("office-addin-dev-certs");
  const files = {
    ca: path.join(dir, "ca.crt"),
    cert: path.join(dir, "localhost.crt"),
    key: path.join(dir, "localhost.key"),
  };
  if (!fs.existsSync(files.cert) || !fs.existsSync(files.key)) {
    const umask = process.umask(0o077);
    try {
      await devCerts.generateCertificates(files.ca, files.cert, files.key);
    } finally {
      process.umask(umask);
    }
  }
  if (process.platform !== "win32") fs.chmodSync(files.key, 0o600);
  return files;
}

/** Certificates for https://localhost: installed system-wide where Office's tooling can, generated only elsewhere. */
async function httpsFiles() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  if (!hasDesktopExcel) return generateCertificates(dir);
  await require("office-addin-dev-certs").ensureCertificatesAreInstalled();
  return { ca: path.join(dir, "ca.crt"), cert: path.join(dir, "localhost.crt"), key: path.join(dir, "localhost.key") };
}

async function serve() {
  const { ca, cert, key } = await httpsFiles();
  // The add-in only (the workbench is served from its own directory), on localhost only.
  const args = ["serve", "--config-name", "addin", "--mode", "development", "--host", "localhost"];
  args.push("--port", String(PORT), "--server-type", "https");
  args.push("--server-options-key", key, "--server-options-cert", cert, "--server-options-ca", ca);
  const server = spawn(bin("webpack"), args, { cwd: ROOT, stdio: "inherit", shell: process.platform === "win32" });
  fs.writeFileSync(PID_FILE, String(server.pid));
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => {
    fs.rmSync(PID_FILE, { force: true });
    process.exit(code ?? 0);
  });
  return { ca };
}

const shorten = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const cell = (c) => (typeof c === "number" ? String(Number(c.toPrecision(6))) : String(c));

/** Evaluates every documented example through dist/lib, as Excel would; spills show their first rows. */
function showFunctions() {
  const { functions } = require(path.join(ROOT, "dist", "lib"));
  const { loadDocs, exampleFormula } = require("../config/function-reference");
  console.log("\nINFRA functions, computed here exactly as Excel will compute them:\n");
  for (const [id, doc] of Object.entries(loadDocs())) {
    const value = functions[id](...doc.args);
    const formula = shorten(exampleFormula(id, doc.args), 90);
    if (!Array.isArray(value)) {
      console.log(`  ${formula} → ${cell(value)}`);
      continue;
    }
    console.log(`  ${formula} → spills ${value.length} × ${value[0].length}:`);
    for (const row of value.slice(0, 4)) console.log(`      ${shorten(row.map(cell).join("  "), 110)}`);
    if (value.length > 4) console.log("      …");
  }
}

/** The built workbench page over plain http on 127.0.0.1 (no certificate needed); its URL. */
async function serveWorkbench() {
  const { serveStatic } = require("./static-server");
  try {
    await serveStatic(WORKBENCH_DIR, { port: WORKBENCH_PORT });
  } catch (error) {
    if (error.code !== "EADDRINUSE") throw error;
    throw new Error(`Port ${WORKBENCH_PORT} is in use: set WORKBENCH_PORT to a free port for the workbench.`);
  }
  return `http://127.0.0.1:${WORKBENCH_PORT}/workbench.html`;
}

function explainSideloading(ca, workbench) {
  const url = `https://localhost:${PORT}`;
  console.log(`
Open the workbench: ${workbench}
  (the task pane beside a spreadsheet that computes the INFRA functions, in any browser, no Excel needed)

Balance Point is being served at ${url}/taskpane.html (function reference: ${url}/functions.html).

There is no desktop Excel on this machine. To use the add-in in Excel on the web:
  1. Trust the development CA in your browser or OS: ${ca}
     (installing it system-wide needs administrator rights, so npm start leaves that to you).
  2. Open a workbook in Excel on the web, then Home > Add-ins > More Add-ins > Upload My Add-in,
     and choose ${path.join(ROOT, "manifest.xml")}.
     Or let the tooling open it for you:
       npx office-addin-debugging start manifest.xml web --document <your workbook's URL>
  3. Type =INFRA.GOODPUT(16384, 50000, 1, 10) into a cell.

Stop with Ctrl+C (or npm stop from another terminal).
`);
}

async function main() {
  if (process.argv.includes("--serve-only")) return serve();
  if (hasDesktopExcel) {
    run("npm", ["run", "build:dev"]);
    return run(bin("office-addin-debugging"), ["start", "manifest.xml", "desktop"]);
  }
  run("npm", ["run", "build:dev"]);
  showFunctions();
  const workbench = await serveWorkbench();
  const { ca } = await serve();
  explainSideloading(ca, workbench);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error.message || error);
    process.exit(1);
  });
}

module.exports = { generateCertificates };
