/// Open Graph and Twitter card values for the page head (the template writes the tags).
extension SiteRenderer {
    /// `og:locale` of a language: the theme's `og_locale` string (`vi_VN`), or the language code
    /// itself when the theme has no strings of its own for that language.
    func openGraphLocale(_ language: String) -> String {
        let locale = strings(language)["og_locale"]
        let head = locale.split(whereSeparator: { $0 == "_" || $0 == "-" }).first.map(String.init)?.lowercased()
        let code = language.split(separator: "-").first.map(String.init)?.lowercased()
        return head == code ? locale : language.replacingOccurrences(of: "-", with: "_")
    }

    func openGraph(_ language: String, type: String, published: PartialDate? = nil) -> TemplateValue {
        var og: TemplateFields = [
            "type": .text(type),
            "locale": .text(openGraphLocale(language)),
            "locale_alternates": .list(site.languages.filter { $0 != language }.map { .text(openGraphLocale($0)) }),
        ]
        if let published { og["published_time"] = .text(published.description) }
        return .object(og)
    }
}
