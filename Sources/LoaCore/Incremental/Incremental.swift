// How an incremental build fits together (this folder).
//
// A full build loads every content file, resolves the site, renders every page and writes a new
// output. Four things kept between builds let the next build into the same output do less: three
// checksummed binary files in the site's `.loa-cache/` and a folder beside the output. Losing or
// damaging any of them costs only time (the build falls back to doing more):
//
// - `ContentCache` (`content.bin`): every content file's decoded front matter by size and time.
//   Loading takes unchanged files from it instead of parsing them again.
// - `BuildManifest` (`build-….manifest`): every output file with a fingerprint of what it was
//   made from. Rendering skips a page whose fingerprint (or an item page's quick key) is
//   unchanged and writes only files whose bytes changed.
// - `SiteSnapshot` (`build-….site`): the last build's resolved site, with each source file's
//   size, time and front-matter hash. When only files' bodies changed, a build starts from it
//   instead of loading and resolving every file, and renders only those items' pages.
//   When a few items' front matter changed (any kind), it moves them in its lists, renders the
//   pages that show them and patches the sitemap's dates (`FrontMatterEdits`, `Relisting`), and
//   records them beside it (`build-….site-edits`) instead of saving it again.
// - `SpareOutput` (`.Public.loa-spare`): a twin of the output sharing its files as hard links.
//   An incremental build brings it to the new state and exchanges it with the output, so the
//   output is replaced in one step like a full build's.
//
// `SiteBuilder.build` (Build.swift) decides which of them a build can use.
