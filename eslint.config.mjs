// Lint: Microsoft's Office add-in rules (office-addin-lint) for TypeScript, with the globals
// the add-in's environments provide.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

const officeGlobals = { Office: "readonly", Excel: "readonly", CustomFunctions: "readonly", OfficeRuntime: "readonly" };
const nodeGlobals = {
  require: "readonly",
  module: "writable",
  process: "readonly",
  __dirname: "readonly",
  console: "readonly",
  Buffer: "readonly",
  URL: "readonly",
};
const browserGlobals = { document: "readonly", window: "readonly", console: "readonly", globalThis: "readonly" };

export default [
  { ignores: ["dist/**", "build/**", "node_modules/**", "coverage/**", "test-artifacts/**"] },
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser, globals: { ...officeGlobals, ...browserGlobals } },
  },
  // TypeScript itself reports undefined names, with the types of every environment.
  { files: ["**/*.ts", "**/*.tsx"], rules: { "no-undef": "off" } },
  {
    files: ["**/*.js", "**/*.mjs", "test/**", "bench/**", "scripts/**", "config/**"],
    languageOptions: { globals: { ...nodeGlobals, ...browserGlobals } },
  },
];
