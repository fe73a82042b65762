import Foundation

/// The pages a build after front-matter edits renders besides the items' own (see
/// `FrontMatterEdits`): each list page is skipped when its key is unchanged, so only those that
/// show an edited item are made. The pages of other items that show one (`Relisting.items`)
/// are rendered with the edited items'.
extension SiteRenderer {
    mutating func renderRelisted(_ relisting: Relisting) {
        for language in relisting.languages {
            renderHome(language)
            for kind in relisting.kinds[language] ?? [] where kind != .document { renderKindList(kind, language) }
            renderTerms(language, isDistrict: true)
            renderTerms(language, isDistrict: false)
            appendFeed(language)
        }
        for language in relisting.documentIndexes { renderDocumentIndex(language) }
        if let sitemap = relisting.sitemap { files.append(.text(path: "sitemap.xml", content: sitemap)) }
    }
}
