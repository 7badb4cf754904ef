/** The custom-function source files: every module in src/functions/families, in name order. */
const fs = require("fs");
const path = require("path");

const FAMILIES_DIR = path.join(__dirname, "..", "src", "functions", "families");

function functionFiles() {
  return fs
    .readdirSync(FAMILIES_DIR)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => path.join(FAMILIES_DIR, f));
}

module.exports = { functionFiles };
