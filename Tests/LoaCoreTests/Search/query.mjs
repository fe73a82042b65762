// Runs queries against a built Pagefind index through Pagefind's own JS API, in Node:
// node query.mjs <site folder> <language> <query>… → one JSON line per query.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const [, , site, lang, ...queries] = process.argv;
const server = http.createServer((req, res) => {
  const file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(site) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": file.endsWith(".wasm") || file.endsWith(".pagefind") ? "application/wasm" : "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;
// pagefind.js reads the page's language and script from the document, which Node has not.
globalThis.document = { currentScript: null, documentElement: { lang }, querySelector: () => ({ getAttribute: () => lang }) };
const pagefind = await import(path.join(site, "pagefind", "pagefind.js"));
// Opened and ranked as the built search page does.
const { openIndex } = await import(path.join(site, "js", "search-index.js"));
const always = await openIndex(pagefind, base + "/pagefind/", lang, { basePath: base + "/pagefind/", baseUrl: "/" });
const all = await pagefind.filters();
for (const q of queries) {
  const search = await pagefind.search(q, { filters: always });
  const results = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
  console.log(JSON.stringify({ query: q, urls: results.map((r) => r.url), meta: results[0]?.meta ?? null, filters: search.filters, all }));
}
server.close();
