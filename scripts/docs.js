/* Writes docs/functions.md from the functions' metadata and src/functions/docs (npm run docs). */
const fs = require("fs");
const path = require("path");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
const { loadDocs, renderMarkdown } = require("../config/function-reference");
const { functionFiles } = require("../config/function-files");

generateCustomFunctionsMetadata(functionFiles(), false).then((result) => {
  if (result.errors.length) throw new Error(result.errors.join("\n"));
  const target = path.join(__dirname, "..", "docs", "functions.md");
  fs.writeFileSync(target, renderMarkdown(JSON.parse(result.metadataJson), loadDocs()));
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
});
