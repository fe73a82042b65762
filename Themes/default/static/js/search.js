// Loa's search page: Pagefind's own JS API over the index `loa build` made, with results in a
// live region and filters from the index. Nothing is loaded from another host.
import { openIndex } from "./search-index.js";

const form = document.querySelector(".search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const filterBox = form.querySelector(".search-filters");
const t = (key, values = {}) => (form.dataset[key] || "").replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
const FILTERS = ["kind", "district", "topic", "year"];
let pagefind;
let always = {}; // the filters every search takes (see search-index.js)
let chosen = {};

async function load() {
  if (!pagefind) {
    const api = await import(form.dataset.index + "pagefind.js");
    always = await openIndex(api, form.dataset.index, document.documentElement.lang, { excerptLength: 24 });
    pagefind = api;
    await pagefind.filters(); // loaded first, so each search counts its results per filter
  }
  return pagefind;
}

function text(tag, className, value) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = value;
  return node;
}

function showFilters(available) {
  filterBox.querySelectorAll("fieldset").forEach((f) => f.remove());
  let any = false;
  for (const name of FILTERS) {
    const values = available[name];
    if (!values || Object.keys(values).length === 0) continue;
    any = true;
    const set = document.createElement("fieldset");
    set.append(text("legend", "", t("t" + name[0].toUpperCase() + name.slice(1))));
    const keys = Object.keys(values).sort((a, b) => (name === "year" ? b.localeCompare(a) : a.localeCompare(b, document.documentElement.lang)));
    keys.forEach((value, i) => {
      const id = `filter-${name}-${i}`;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.id = id;
      box.checked = (chosen[name] || []).includes(value);
      box.addEventListener("change", () => {
        const now = new Set(chosen[name] || []);
        box.checked ? now.add(value) : now.delete(value);
        chosen[name] = [...now];
        run(false);
      });
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = `${value} (${values[value]})`;
      const row = document.createElement("div");
      row.className = "filter";
      row.append(box, label);
      set.append(row);
    });
    filterBox.append(set);
  }
  filterBox.hidden = !any;
}

async function run(moveFocus) {
  const query = input.value.trim();
  list.replaceChildren();
  if (!query) {
    status.textContent = "";
    filterBox.hidden = true;
    return;
  }
  status.textContent = t("tLoading");
  let api;
  try {
    api = await load();
  } catch (error) {
    status.textContent = t("tUnavailable");
    return;
  }
  const filters = { ...always };
  for (const [name, values] of Object.entries(chosen)) if (values.length) filters[name] = { any: values };
  const search = await api.search(query, { filters });
  const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  for (const result of results) {
    const item = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title || result.url;
    heading.append(link);
    item.append(heading);
    const m = result.meta;
    const facts = [m.kind, m.number, m.issuer, m.date, m.district].filter(Boolean);
    if (facts.length) item.append(text("p", "result-meta", facts.join(" · ")));
    const excerpt = document.createElement("p");
    excerpt.className = "result-excerpt";
    excerpt.innerHTML = result.excerpt; // Pagefind escapes the page text and adds only <mark>
    item.append(excerpt);
    list.append(item);
  }
  showFilters(search.filters || {});
  status.textContent = search.results.length
    ? t("tResults", { count: search.results.length, query })
    : t("tNoResults", { query });
  const url = new URL(location.href);
  url.searchParams.set("q", query);
  history.replaceState(null, "", url);
  // After a search from the form, the reader lands on the count, then the results follow.
  if (moveFocus) status.focus();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  chosen = {};
  run(true);
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(false);
}
