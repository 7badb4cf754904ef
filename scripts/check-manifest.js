/* Offline manifest checks (the online validator needs the network): well-formed XML, every resid
 * resolves, all URLs are https on one origin, namespace INFRA, a shared runtime, and the
 * custom functions' Page, the FunctionFile and the task pane on the same URL.
 * `node scripts/check-manifest.js [file]` prints problems and exits 1 if there are any. */
const fs = require("fs");
const { XMLParser, XMLValidator } = require("fast-xml-parser");

/** Every element below `node` (depth first) as [name, element] pairs. */
function* elements(node, name = "") {
  if (Array.isArray(node)) {
    for (const item of node) yield* elements(item, name);
  } else if (typeof node === "string" || typeof node === "number") {
    yield [name, { "#text": node }];
  } else if (node && typeof node === "object") {
    yield [name, node];
    for (const [key, child] of Object.entries(node)) if (!key.startsWith("@_")) yield* elements(child, key);
  }
}

function checkManifest(xml) {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`];
  const doc = new XMLParser({
    ignoreAttributes: false,
    removeNSPrefix: true,
    isArray: (name, jpath, isLeaf, isAttribute) => !isAttribute,
  }).parse(xml);
  const all = [...elements(doc)];
  const problems = [];

  const resources = new Map();
  for (const [name, el] of all) {
    if (["Url", "String", "Image"].includes(name) && el["@_id"]) resources.set(el["@_id"], el["@_DefaultValue"]);
  }
  const resids = all.filter(([, el]) => el["@_resid"]).map(([name, el]) => [name, el["@_resid"]]);
  for (const [name, resid] of resids)
    if (!resources.has(resid)) problems.push(`${name} resid "${resid}" has no resource`);

  const urls = all
    .map(([, el]) => el["@_DefaultValue"])
    .filter((v) => typeof v === "string" && /^[a-z]+:\/\//i.test(v));
  const origins = new Set(urls.map((u) => new URL(u).origin));
  for (const u of urls) if (!u.startsWith("https://")) problems.push(`URL is not https: ${u}`);
  if (origins.size !== 1) problems.push(`URLs use ${origins.size} origins: ${[...origins].join(", ")}`);
  const domains = all.filter(([name]) => name === "AppDomain").map(([, el]) => String(el["#text"]));
  for (const d of domains) if (!origins.has(d)) problems.push(`AppDomain ${d} is not the add-in's origin`);

  const namespace = all.find(([name]) => name === "Namespace");
  if (!namespace || resources.get(namespace[1]["@_resid"]) !== "INFRA")
    problems.push("the custom functions namespace is not INFRA");

  const runtimes = all.filter(([name]) => name === "Runtime");
  if (runtimes.length !== 1 || runtimes[0][1]["@_lifetime"] !== "long")
    problems.push('there must be one Runtime with lifetime="long" (shared runtime)');
  const shared = runtimes[0] ? runtimes[0][1]["@_resid"] : undefined;

  const locationOf = (parent) =>
    all.filter(([name]) => name === parent).flatMap(([, el]) => (el.SourceLocation || []).map((s) => s["@_resid"]));
  const pages = [...locationOf("Page"), ...locationOf("Action")];
  const functionFile = all.filter(([name]) => name === "FunctionFile").map(([, el]) => el["@_resid"]);
  for (const resid of [...pages, ...functionFile]) {
    if (resid !== shared)
      problems.push(`Page, FunctionFile and the task pane must use the runtime's URL (${shared}), not ${resid}`);
  }
  if (pages.length < 2 || functionFile.length !== 1)
    problems.push("missing the custom functions Page, the task pane action or the FunctionFile");

  const permissions = all.find(([name]) => name === "Permissions");
  if (!permissions || String(permissions[1]["#text"]) !== "ReadWriteDocument")
    problems.push("Permissions must be ReadWriteDocument");
  return problems;
}

if (require.main === module) {
  const file = process.argv[2] || "manifest.xml";
  const problems = checkManifest(fs.readFileSync(file, "utf8"));
  for (const p of problems) console.error(`${file}: ${p}`);
  if (problems.length) process.exit(1);
  console.log(`${file}: manifest checks passed`);
}

module.exports = { checkManifest };
