/// Escaping of & < > " ' for text placed in HTML and XML: in feeds, sitemaps and heading ids,
/// and the same rules as `{{value}}` in templates. Works on UTF-8 bytes with
/// a fast path for text that needs none, the common case.
public enum Escape {
    public static func xml(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 32)
            for b in bytes {
                switch b {
                case 0x26: out += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
                case 0x3C: out += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
                case 0x3E: out += [0x26, 0x67, 0x74, 0x3B]  // &gt;
                case 0x22: out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
                case 0x27: out += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
                default: out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    public static func html(_ text: String) -> String { xml(text) }
}
