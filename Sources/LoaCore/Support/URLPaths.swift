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
        // Over UTF-8 bytes: splitting Strings by Character was most of resolving every body link.
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var parts: [Substring.UTF8View] = relative.utf8.first == slash ? [] : Substring(folder).utf8.split(separator: slash)
        for component in Substring(relative).utf8.split(separator: slash) {
            if component.count == 1 && component.first == dot { continue }
            if component.count == 2 && component.first == dot && component.last == dot {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                continue
            }
            parts.append(component)
        }
        var out: [UInt8] = []
        out.reserveCapacity(folder.utf8.count + relative.utf8.count)
        for (i, part) in parts.enumerated() {
            if i > 0 { out.append(slash) }
            out.append(contentsOf: part)
        }
        return String(decoding: out, as: UTF8.self)
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
