/// Where a run of bytes first is in others: a sitemap patched in place, a multipart body split.
public enum ByteSearch {
    /// Where `needle` first is in `bytes` at or after `start`.
    public static func firstRange(of needle: [UInt8], in bytes: [UInt8], from start: Int = 0) -> Range<Int>? {
        guard let first = needle.first else { return nil }
        var i = start
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first, bytes[i..<i + needle.count].elementsEqual(needle) { return i..<i + needle.count }
            i += 1
        }
        return nil
    }
}
