// How the search page opens the portal's index; the test suite opens it the same way.
//
// Ranking, measured on the sample portal (Sources/loa-bench/README.md, "Search ranking"):
// - folded_title holds the title's words with đ/Đ folded ("don" for "Đồn"): weighed above the
//   title itself, so "don phu thong" finds the place before a report that mentions it.
// - termSimilarity above Pagefind's 1: the last word of a query also matches longer words that
//   start with it ("tu" finds "tuyên", "tức"), and a long release full of those outranked "Nà Tu".
export const ranking = {
  termSimilarity: 3,
  metaWeights: { title: 5, folded_title: 10 },
};

// After a rebuild that changed a few pages, `loa build` indexes only those, in `delta/`, and
// lists them in delta/replaced.json; the main index marks its other pages with the filter
// `current` (Sources/LoaCore/Search/SearchDelta.swift). The delta is merged, its pages given
// `current` too, and every search asks for `current`: each page is found once, as it is now.
// Returns the filters every search takes.
export async function openIndex(pagefind, indexUrl, language, options = {}) {
  await pagefind.options({ ...options, ranking });
  let delta = null;
  try {
    const response = await fetch(indexUrl + "delta/replaced.json");
    if (response.ok) delta = await response.json();
  } catch (error) {
    delta = null;
  }
  if (!delta) return {};
  if (delta.languages.includes(language)) {
    const merged = { language, ranking, mergeFilter: { current: "1" } };
    if (options.baseUrl) merged.baseUrl = options.baseUrl;
    await pagefind.mergeIndex(indexUrl + "delta/", merged);
  }
  return { current: "1" };
}
