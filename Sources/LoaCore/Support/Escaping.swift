/// Escaping of & < > " ' for text placed in HTML and XML: in feeds, sitemaps and heading ids,
/// and the same rules as `{{value}}` in templates. Works on UTF-8 bytes with
/// a fast path for text that needs none, the common case.
public enum Escape {
    public static func xml(_ text: String) -> String {
        var text = text
        let plain = text.withUTF8 { bytes in
            !bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
        }
        if plain { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        appendHTML(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func html(_ text: String) -> String { xml(text) }
}

extension Escape {
    /// `Escape.html` appended to a byte buffer, copying runs that need no escaping in one go:
    /// the one escaper, behind `xml`/`html` and every `{{value}}` in templates.
    static func appendHTML(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // & < > " ' are all below 64: one bit each.
            let special: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | 1 << 0x27
            var run = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b < 64, special & (1 << UInt64(b)) != 0 else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                switch b {
                case 0x26: output.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B] as [UInt8])  // &amp;
                case 0x3C: output.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B] as [UInt8])  // &lt;
                case 0x3E: output.append(contentsOf: [0x26, 0x67, 0x74, 0x3B] as [UInt8])  // &gt;
                case 0x22: output.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B] as [UInt8])  // &quot;
                default: output.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B] as [UInt8])  // &#39;
                }
                run = i + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
    }

    static func appendRaw(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }
}
