/**
 * The one place the add-in's URLs come from. A development build points at the local dev
 * server; a production build at ADDIN_BASE_URL (https, ending in "/"), or at the dev URL with a
 * warning when it is unset, so that a plain `npm run build` works for sideloading and CI.
 */
const DEV_BASE_URL = "https://localhost:3000/";

function baseUrl(production) {
  const configured = process.env.ADDIN_BASE_URL;
  if (!production || !configured) return DEV_BASE_URL;
  const url = new URL(configured);
  if (url.protocol !== "https:") throw new Error(`ADDIN_BASE_URL must be https (got ${configured})`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** `text` with every development URL moved to `url`. */
function rebase(text, url) {
  return text.split(DEV_BASE_URL).join(url);
}

module.exports = { DEV_BASE_URL, baseUrl, rebase };
