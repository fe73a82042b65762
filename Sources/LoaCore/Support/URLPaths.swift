import Foundation

/// Small, dependency-free helpers for site-relative paths and URLs.
public enum URLPaths {
    /// The path part of the base URL, always starting and ending with "/".
    public static func basePath(of baseURL: String) -> String {
        var s = baseURL
        if let range = s.range(of: "://") {
            s = String(s[range.upperBound...])
            s = s.firstIndex(of: "/").map { String(s[$0...]) } ?? "/"
        }
        if !s.hasPrefix("/") { s = "/" + s }
        if !s.hasSuffix("/") { s += "/" }
        return s
    }

    /// `https://host/base/` for a base URL, so canonical addresses are absolute.
    public static func absolute(_ baseURL: String, _ path: String) -> String {
        (baseURL.hasSuffix("/") ? baseURL : baseURL + "/") + path
    }

    public static func scheme(of url: String) -> String? {
        // Over bytes: every link of every page is asked this.
        let bytes = url.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = bytes[..<colon]
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
        guard let first = scheme.first, isLetter(first),
              scheme.allSatisfy({ isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return nil }
        return String(Substring(scheme)).lowercased()
    }

    /// Splits `a/b.md#x` into `a/b.md` and `#x` (a query is kept with the fragment).
    public static func splitSuffix(_ url: String) -> (String, String) {
        guard let i = url.utf8.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) else { return (url, "") }
        return (String(Substring(url.utf8[..<i])), String(Substring(url.utf8[i...])))
    }

    /// Joins a relative path to a folder, resolving `.` and `..`; nil if it climbs above the root.
    public static func join(_ folder: String, _ relative: String) -> String? {
        // Slices, not new strings: every body link of every item goes through here on each build.
        var parts: [Substring] = relative.hasPrefix("/") ? [] : folder.split(separator: "/")
        for component in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }

    private static let allowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "?#")
        return set
    }()

    public static func encode(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
