/* The workbench page for the browser tests: the production build that `npm run build` leaves in
 * build/workbench/ when it is newer than every source it is built from, or else a production
 * build of the workbench alone into a directory of the caller's (node build-workbench.js <out>,
 * run in a child process: webpack is happier outside Jest's module sandbox). */
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..", "..");
/** What the workbench is built from (besides node_modules, which package-lock.json pins). */
const INPUTS = [
  "src",
  "config",
  "assets",
  "webpack.config.js",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
];

/** The newest modification time (ms) of a file or of any file under a directory. */
function newest(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(file).map((f) => newest(path.join(file, f))));
}

/** Whether `dir` holds a production workbench build started after its inputs (under `root`) last changed. */
function isFresh(dir, root = ROOT, inputs = INPUTS) {
  let info;
  try {
    info = JSON.parse(fs.readFileSync(path.join(dir, "build-info.json"), "utf8"));
  } catch {
    return false;
  }
  if (info.mode !== "production" || !fs.existsSync(path.join(dir, "workbench.html"))) return false;
  return inputs.every((input) => newest(path.join(root, input)) < info.builtAt);
}

/** The production webpack config of the workbench alone, writing to `out`. */
function config(out) {
  const warn = console.warn;
  console.warn = () => {}; // the production build's note that ADDIN_BASE_URL is unset does not apply here
  const configs = require(path.join(ROOT, "webpack.config.js"))({}, { mode: "production" });
  console.warn = warn;
  const workbench = configs.find((c) => c.name === "workbench");
  return {
    ...workbench,
    mode: "production",
    context: ROOT,
    devtool: false,
    output: { ...workbench.output, path: out },
  };
}

if (require.main === module) {
  const webpack = require("webpack");
  webpack(config(path.resolve(process.argv[2])), (error, stats) => {
    if (error || stats.hasErrors()) {
      console.error(error?.stack || stats.toString("errors-only"));
      process.exit(1);
    }
  });
}

module.exports = { isFresh };
