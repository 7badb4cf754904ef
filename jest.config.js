/** Jest: TypeScript through ts-jest; the task pane's tests opt into jsdom with a docblock. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  globals: { __APP_VERSION__: require("./package.json").version, __BASE_URL__: "https://localhost:3000/" },
  moduleNameMapper: {
    // office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose ESM-only
    // dependencies Jest's CommonJS loader cannot load on Node 20 (TOOLCHAIN.md).
    "^office-addin-manifest$": "<rootDir>/test/shims/office-addin-manifest.js",
  },
};
