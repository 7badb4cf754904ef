/* Builds only the workbench page (workbench.html, its scripts, functions.json, assets) with the
 * project's webpack config, once in production and once in development mode, into <out>/production
 * and <out>/development. Run by the browser tests in a child process: node build-workbench.js <out> */
const path = require("path");
const webpack = require("webpack");

const ROOT = path.join(__dirname, "..", "..");
const makeConfig = require(path.join(ROOT, "webpack.config.js"));

function config(mode, out) {
  const warn = console.warn;
  console.warn = () => {}; // the production build's note that ADDIN_BASE_URL is unset does not apply here
  const base = makeConfig({}, { mode });
  console.warn = warn;
  return {
    ...base,
    mode,
    context: ROOT,
    devtool: false,
    entry: { workbench: base.entry.workbench },
    output: { ...base.output, path: path.join(out, mode) },
    plugins: base.plugins.filter((p) => p.userOptions?.filename !== "taskpane.html"),
  };
}

const out = path.resolve(process.argv[2]);
webpack([config("production", out), config("development", out)], (error, stats) => {
  if (error || stats.hasErrors()) {
    console.error(error?.stack || stats.toString("errors-only"));
    process.exit(1);
  }
});
