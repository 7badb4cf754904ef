/* After `npm run build`: checks that dist/ holds what Excel loads (manifest, task pane page,
 * functions.js with an association per function, functions.json, the reference page, icons)
 * and that dist/lib computes what functions.json declares; that the workbench was built into
 * build/workbench/ and that nothing of it (HyperFormula is GPL-3.0) is in dist/, which is deployed.
 * Prints the gzipped size of the functions script, which loads before anything else. Exits 1 on any problem. */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { checkManifest } = require("./check-manifest");

const DIST = path.join(__dirname, "..", "dist");
const { WORKBENCH_DIR } = require("../webpack.config");

/** Everything wrong with dist/ and build/workbench/. */
function check() {
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
    for (const p of gplProblems(DIST)) problems.push(p);
    for (const p of workbenchProblems(WORKBENCH_DIR)) problems.push(p);
    const gzipped = zlib.gzipSync(fs.readFileSync(path.join(DIST, "functions.js"))).length;
    console.log(`dist: ${ids.length} functions; functions.js is ${(gzipped / 1024).toFixed(1)} KiB gzipped`);
  }
  return problems;
}

/** The webpack modules a bundle was built from, as its source map lists them. */
const modulesOf = (mapFile) => JSON.parse(fs.readFileSync(mapFile, "utf8")).sources;
const files = (dir) => fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f));
const fromHyperFormula = (source) => /node_modules[\\/]hyperformula[\\/]/.test(source);

/** HyperFormula is GPL-3.0: nothing in `dist` (deployed) may be the workbench or be built from it. */
function gplProblems(dist) {
  const out = [];
  for (const file of files(dist)) {
    const name = path.relative(dist, file);
    if (/^workbench/.test(path.basename(file))) out.push(`dist/${name} is part of the workbench (GPL-3.0)`);
    if (file.endsWith(".js.map") && modulesOf(file).some(fromHyperFormula))
      out.push(`dist/${name.replace(/\.map$/, "")} is built from HyperFormula (GPL-3.0)`);
    if (file.endsWith(".js") && fs.readFileSync(file, "utf8").includes("HyperFormula"))
      out.push(`dist/${name} contains HyperFormula (GPL-3.0)`);
  }
  return out;
}

/** The workbench page, in its own directory, holds the engine and loads nothing from the network. */
function workbenchProblems(dir) {
  const rel = path.relative(path.join(__dirname, ".."), dir);
  if (!fs.existsSync(path.join(dir, "workbench.html"))) return [`missing ${rel}/workbench.html`];
  const out = [];
  if (!files(dir).some((f) => f.endsWith(".js.map") && modulesOf(f).some(fromHyperFormula)))
    out.push(`${rel} holds no HyperFormula: the workbench has no engine`);
  if (/<script[^>]+src="https?:/.test(fs.readFileSync(path.join(dir, "workbench.html"), "utf8")))
    out.push(`${rel}/workbench.html loads a script from the network`);
  return out;
}

if (require.main === module) {
  const problems = check();
  for (const p of problems) console.error(p);
  process.exit(problems.length ? 1 : 0);
}
module.exports = { gplProblems };
