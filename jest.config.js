/** Jest: TypeScript through ts-jest; the task pane's tests opt into jsdom with a docblock. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/shims/office-addin-manifest.js" },
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  globals: { __APP_VERSION__: require("./package.json").version, __BASE_URL__: "https://localhost:3000/" },
};
