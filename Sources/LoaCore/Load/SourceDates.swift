/// Press releases that restate a document and give no date of their own.
///
/// A release made from a report often knows only the report's date ("tháng 6 năm 2023"), not
/// a release date. Written with `source:` naming the document and no `date:`, the release
/// takes the document's issue date, for lists, feeds and scheduling as for any date, and its
/// pages say whose date it is ("Date of the report: June 2023"), so that it never reads as
/// the day the release was issued.
enum SourceDates {
    /// Fills the date of every press release without one whose `source` is a loaded document
    /// with an issue date. A source that is a file but not a dated document is an error at the
    /// `source` field; a source that is no file is left to the resolver, which reports it.
    static func fill(_ items: inout [ContentItem], diagnostics: inout Diagnostics) {
        guard items.contains(where: { $0.kind == .pressRelease && $0.date == nil && $0.source != nil }) else { return }
        var byPath: [String: Int] = [:]
        for (i, item) in items.enumerated() where item.kind == .document { byPath[item.sourcePath] = i }
        for i in items.indices where items[i].kind == .pressRelease && items[i].date == nil {
            guard let source = items[i].source else { continue }
            let path = URLPaths.join(FileIO.parentPath(items[i].sourcePath), URLPaths.splitSuffix(source).0) ?? ""
            guard let d = byPath[path], let document = items[d].document else {
                // A document file that is not there (or did not load) is reported already.
                if !(path.hasPrefix(ContentLoader.contentFolder + "/" + ContentKind.document.folder + "/") && path.hasSuffix(".md")) {
                    diagnostics.error(items[i].location(of: "source"),
                                      "the release has no 'date', and its source '\(source)' is not a document whose issue date it could take; write the release's 'date'")
                }
                continue
            }
            guard let issued = document.issueDate else {
                diagnostics.error(items[i].location(of: "source"),
                                  "the release has no 'date', and its source document \(items[d].sourcePath) states no issue date; write the release's 'date'")
                continue
            }
            items[i].date = issued
            items[i].dateFromSource = document.documentKind
        }
    }
}
