/* After `npm run build`: checks that dist/ holds what Excel loads (manifest, task pane page,
 * functions.js with an association per function, functions.json, the reference page, icons)
 * and that dist/lib computes what functions.json declares. Prints the gzipped size of the
 * functions script, which loads before anything else. Exits 1 on any problem. */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { checkManifest } = require("./check-manifest");

const DIST = path.join(__dirname, "..", "dist");
const problems = [];
const read = (file) => fs.readFileSync(path.join(DIST, file), "utf8");

const required = [
  "manifest.xml",
  "taskpane.html",
  "taskpane.js",
  "functions.js",
  "functions.json",
  "functions.html",
  "lib/index.js",
  "workbench.html",
  "workbench.js",
];
for (const size of [16, 32, 64, 80, 128]) required.push(`assets/icon-${size}.png`);
for (const file of required) if (!fs.existsSync(path.join(DIST, file))) problems.push(`missing dist/${file}`);

if (!problems.length) {
  for (const p of checkManifest(read("manifest.xml"))) problems.push(`dist/manifest.xml: ${p}`);
  const ids = JSON.parse(read("functions.json")).functions.map((f) => f.id);
  const script = read("functions.js");
  const { functions } = require(path.join(DIST, "lib"));
  for (const id of ids) {
    if (!script.includes(`CustomFunctions.associate("${id}"`)) problems.push(`functions.js does not associate ${id}`);
    if (typeof functions[id] !== "function") problems.push(`dist/lib has no function ${id}`);
  }
  if (Object.keys(functions).length !== ids.length)
    problems.push("dist/lib and functions.json list different functions");
  const page = read("taskpane.html");
  if (page.indexOf("functions.js") > page.indexOf("taskpane.js"))
    problems.push("taskpane.html must load functions.js first");
  // HyperFormula is GPL-3.0: only the workbench page may contain it, never what Excel loads.
  for (const file of fs.readdirSync(DIST).filter((f) => f.endsWith(".js") && !f.startsWith("workbench")))
    if (read(file).includes("HyperFormula")) problems.push(`dist/${file} contains HyperFormula (GPL-3.0)`);
  if (!read("workbench.js").includes("HyperFormula")) problems.push("dist/workbench.js does not contain the engine");
  if (/<script[^>]+src="https?:/.test(read("workbench.html")))
    problems.push("workbench.html loads a script from the network");
  const gzipped = zlib.gzipSync(fs.readFileSync(path.join(DIST, "functions.js"))).length;
  console.log(`dist: ${ids.length} functions; functions.js is ${(gzipped / 1024).toFixed(1)} KiB gzipped`);
}

for (const p of problems) console.error(p);
process.exit(problems.length ? 1 : 0);
