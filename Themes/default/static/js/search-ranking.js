// How the search page ranks Pagefind's results; the test suite ranks its queries with the same.
// Measured on the sample portal (Sources/loa-bench/README.md, "Search ranking"):
// - folded_title holds the title's words with đ/Đ folded ("don" for "Đồn"): weighed as the title
//   itself, so "don phu thong" finds the place before a report that mentions it.
// - termSimilarity above Pagefind's 1: the last word of a query also matches longer words that
//   start with it ("tu" finds "tuyên", "tức"), and a long report full of those outranked "Nà Tu".
export const ranking = {
  termSimilarity: 3,
  metaWeights: { title: 5, folded_title: 10 },
};
