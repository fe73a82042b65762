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

    func openGraph(_ language: String, type: String, published: PartialDate? = nil) -> [String: Any] {
        var og: [String: Any] = [
            "type": type,
            "locale": openGraphLocale(language),
            "locale_alternates": site.languages.filter { $0 != language }.map(openGraphLocale),
        ]
        if let published { og["published_time"] = published.description }
        return og
    }
}
