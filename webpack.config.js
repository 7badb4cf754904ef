/* Builds the add-in: the shared-runtime page (task pane + custom functions), functions.json, the
 * function reference page, assets and the manifest, with URLs from config/urls.js. A build never
 * needs certificates; `npm start` (scripts/start.js) provides them to the dev server. */
const path = require("path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { DEV_BASE_URL, baseUrl, rebase } = require("./config/urls");
const { loadDocs, renderHtml } = require("./config/function-reference");
const pkg = require("./package.json");

const functionFiles = require("./config/function-files").functionFiles();

/** Points emitted text assets at the deployment origin and adds the function reference page. */
class DeploymentUrlsPlugin {
  constructor(url) {
    this.url = url;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("DeploymentUrls", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "DeploymentUrls", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE },
        (assets) => {
          const metadata = assets["functions.json"];
          if (!metadata) return;
          const json = rebase(metadata.source().toString(), this.url);
          compilation.updateAsset("functions.json", new webpack.sources.RawSource(json));
          compilation.emitAsset(
            "functions.html",
            new webpack.sources.RawSource(renderHtml(JSON.parse(json), loadDocs())),
          );
        },
      );
    });
  }
}

/**
 * Excel on the web reads the add-in's functions.json from its own page (excel.officeapps.live.com,
 * or a regional host such as inc-excel.officeapps.live.com: OfficeDev/office-js issue 3970,
 * office-js-docs-pr issue 1920), so the dev server lets those origins, and only those, read its files.
 */
const OFFICE_ORIGIN = /^https:\/\/[a-z0-9-]+\.officeapps\.live\.com$/;

/** The dev server's CORS headers for a request: its Origin echoed when it is Excel on the web's. */
function devServerHeaders(req) {
  const origin = req.headers.origin;
  const allowed = typeof origin === "string" && OFFICE_ORIGIN.test(origin);
  return allowed ? { "Access-Control-Allow-Origin": origin, Vary: "Origin" } : { Vary: "Origin" };
}

/** Where the workbench is built: outside dist/ (which is deployed), since HyperFormula is GPL-3.0. */
const WORKBENCH_DIR = path.resolve(__dirname, "build", "workbench");

/** What both pages' builds share: TypeScript and source maps. */
function common() {
  return {
    devtool: "source-map",
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { configFile: "tsconfig.build.json" } },
        },
      ],
    },
    performance: { hints: false },
  };
}

/** Records the build's mode and start time, so the browser tests can reuse a build newer than its sources. */
class BuildInfoPlugin {
  constructor(mode) {
    this.mode = mode;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("BuildInfo", (compilation) => {
      const info = JSON.stringify({ mode: this.mode, builtAt: Date.now() });
      compilation.hooks.processAssets.tap({ name: "BuildInfo" }, () =>
        compilation.emitAsset("build-info.json", new webpack.sources.RawSource(info)),
      );
    });
  }
}

/**
 * functions.json (with the reference page) and the build constants, which both pages use.
 * `pageBase` is where the page finds its own served files (functions.html): the add-in's URL, or
 * "" (relative) for the workbench, which is served beside its own copy of the reference.
 */
const sharedPlugins = (url, pageBase) => [
  new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functionFiles }),
  new DeploymentUrlsPlugin(url),
  new webpack.DefinePlugin({ __APP_VERSION__: JSON.stringify(pkg.version), __BASE_URL__: JSON.stringify(pageBase) }),
];

module.exports = (env, options) => {
  const dev = options.mode === "development";
  const url = baseUrl(!dev);
  if (!dev && url === DEV_BASE_URL)
    console.warn(`ADDIN_BASE_URL is not set: this production build points at ${DEV_BASE_URL}`);
  const addin = {
    ...common(),
    name: "addin",
    entry: {
      functions: [...functionFiles, "./src/runtime/startup.ts"],
      taskpane: "./src/taskpane/index.tsx",
    },
    output: { path: path.resolve(__dirname, "dist"), clean: true },
    plugins: [
      ...sharedPlugins(url, url),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => rebase(content.toString(), url) },
        ],
      }),
    ],
    devServer: {
      host: "localhost",
      static: { directory: path.resolve(__dirname, "dist") },
      headers: devServerHeaders,
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
    },
  };
  // The workbench (HyperFormula, GPL-3.0) is a separate page in its own directory; the add-in never loads it.
  const workbench = {
    ...common(),
    name: "workbench",
    entry: { workbench: "./src/workbench/index.tsx" },
    output: { path: WORKBENCH_DIR, clean: true },
    plugins: [
      ...sharedPlugins(url, ""),
      new HtmlWebpackPlugin({ filename: "workbench.html", template: "./src/workbench/workbench.html" }),
      new CopyWebpackPlugin({ patterns: [{ from: "assets/*.png", to: "assets/[name][ext]" }] }),
      new BuildInfoPlugin(options.mode),
    ],
  };
  return [addin, workbench];
};

module.exports.WORKBENCH_DIR = WORKBENCH_DIR;
module.exports.devServerHeaders = devServerHeaders;
