import Foundation

/// Which items a build publishes: drafts, scheduled items (dated after today) and expired ones
/// are left out unless asked for. Today is an input, so a build can be reproduced for any day.
public struct PublicationPolicy: Sendable {
    public var includeDrafts = false
    public var includeFuture = false
    public var includeExpired = false
    /// The day the build publishes for, in the site's time zone.
    public var today: PartialDate

    public init(includeDrafts: Bool = false, includeFuture: Bool = false, includeExpired: Bool = false, today: PartialDate) {
        self.includeDrafts = includeDrafts
        self.includeFuture = includeFuture
        self.includeExpired = includeExpired
        self.today = today
    }

    /// Today's date at a UTC offset such as "+07:00".
    public static func today(at offset: String, now: Date = Date()) -> PartialDate {
        let sign = offset.hasPrefix("-") ? -1 : 1
        let parts = offset.dropFirst().split(separator: ":").compactMap { Int($0) }
        let seconds = sign * ((parts.first ?? 0) * 3600 + (parts.count > 1 ? parts[1] * 60 : 0))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: seconds) ?? TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return PartialDate(year: c.year!, month: c.month!, day: c.day!)
    }

    public enum Exclusion: String, Sendable {
        case draft, scheduled, expired
    }

    /// Why an item is left out of this build, or nil when it is published.
    public func exclusion(of item: ContentItem) -> Exclusion? {
        if item.draft && !includeDrafts { return .draft }
        if !includeFuture, let start = item.publishDate ?? item.date, start > today { return .scheduled }
        if !includeExpired, let end = item.expiryDate, end < today { return .expired }
        return nil
    }

    public func apply(_ content: LoadedContent) -> (published: LoadedContent, excluded: [String: Exclusion]) {
        var kept = content
        var excluded: [String: Exclusion] = [:]
        kept.items = content.items.filter { item in
            guard let reason = exclusion(of: item) else { return true }
            excluded[item.sourcePath] = reason
            return false
        }
        return (kept, excluded)
    }
}
