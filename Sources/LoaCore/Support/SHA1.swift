/// SHA-1 (FIPS 180-4). Not for security: Pagefind names each file of its index by the SHA-1 of
/// its content, and Loa's index writer names them the same way, so that an index Loa writes and
/// one Pagefind writes for the same pages have the same files.
enum SHA1 {
    static func digest<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0)
        let message = SHA256.padded(bytes)
        var w = [UInt32](repeating: 0, count: 80)
        @inline(__always) func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
        message.withUnsafeBufferPointer { m in
            w.withUnsafeMutableBufferPointer { w in
                for chunk in stride(from: 0, to: m.count, by: 64) {
                    for i in 0..<16 {
                        let j = chunk + i * 4
                        w[i] = UInt32(m[j]) << 24 | UInt32(m[j + 1]) << 16 | UInt32(m[j + 2]) << 8 | UInt32(m[j + 3])
                    }
                    for i in 16..<80 { w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
                    var (a, b, c, d, e) = h
                    for i in 0..<20 { let t = rotl(a, 5) &+ ((b & c) | (~b & d)) &+ e &+ 0x5A827999 &+ w[i]; e = d; d = c; c = rotl(b, 30); b = a; a = t }
                    for i in 20..<40 { let t = rotl(a, 5) &+ (b ^ c ^ d) &+ e &+ 0x6ED9EBA1 &+ w[i]; e = d; d = c; c = rotl(b, 30); b = a; a = t }
                    for i in 40..<60 { let t = rotl(a, 5) &+ ((b & c) | (b & d) | (c & d)) &+ e &+ 0x8F1BBCDC &+ w[i]; e = d; d = c; c = rotl(b, 30); b = a; a = t }
                    for i in 60..<80 { let t = rotl(a, 5) &+ (b ^ c ^ d) &+ e &+ 0xCA62C1D6 &+ w[i]; e = d; d = c; c = rotl(b, 30); b = a; a = t }
                    h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
                }
            }
        }
        var out: [UInt8] = []
        for word in [h.0, h.1, h.2, h.3, h.4] {
            out += [UInt8(word >> 24), UInt8((word >> 16) & 0xff), UInt8((word >> 8) & 0xff), UInt8(word & 0xff)]
        }
        return out
    }

    /// The digest as Pagefind spells it: each byte in lower-case hex *without* its leading zero
    /// (Rust's `{:x?}` per byte), so the text is 20 to 40 characters long.
    static func pagefindHex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        digest(bytes).map { String($0, radix: 16) }.joined()
    }
}
