import Foundation
import ZIPFoundation

/// Pagefind 1.5 writes its filter files, and the metadata that names them, in an order that
/// changes from run to run for the same pages (Rust hash maps; Pagefind/pagefind#638), so two
/// builds of the same site differ in `pagefind/`. This puts them in one order: each filter's
/// values sorted, the metadata's lists sorted by name, and each rewritten file named by its
/// content. The files are written without gzip, behind the signature that tells Pagefind's
/// loader a file is already decompressed: they are a few kilobytes, and the server may compress.
enum PagefindOrder {
    static let signature = Array("pagefind_dcd".utf8)

    struct Malformed: Error, CustomStringConvertible {
        let file: String
        var description: String { "Pagefind wrote \(file) in a form Loa does not know" }
    }

    /// Rewrites the index in `folder` (a site's `pagefind/`) in its one order.
    static func apply(to folder: String) throws {
        let entryPath = folder + "/pagefind-entry.json"
        guard let entryBytes = FileIO.read(entryPath),
              let entry = try? JSONSerialization.jsonObject(with: Data(entryBytes)) as? [String: Any],
              let languages = entry["languages"] as? [String: Any] else { throw Malformed(file: entryPath) }
        var renamed = languages
        for (language, value) in languages.sorted(by: { $0.key < $1.key }) {
            guard let hash = (value as? [String: Any])?["hash"] as? String else { throw Malformed(file: entryPath) }
            let metaPath = folder + "/pagefind.\(hash).pf_meta"
            guard case .array(var meta)? = try decode(metaPath), meta.count >= 4 else { throw Malformed(file: metaPath) }
            // [version, pages, index chunks, filters [[name, file]], sorts [[name, file]], ...]
            guard case .array(let filters) = meta[3] else { throw Malformed(file: metaPath) }
            var named: [CBOR] = []
            for filter in filters {
                guard case .array(let pair) = filter, pair.count == 2, case .text(let file) = pair[1] else { throw Malformed(file: metaPath) }
                let path = folder + "/filter/" + String(decoding: file, as: UTF8.self) + ".pf_filter"
                guard case .array(var content)? = try decode(path), content.count == 2, case .array(let values) = content[1] else {
                    throw Malformed(file: path)
                }
                content[1] = .array(values.sorted { $0.firstText.lexicographicallyPrecedes($1.firstText) })
                let bytes = signature + CBOR.array(content).encoded()
                let newName = language + "_" + String(ContentHash.of(bytes), radix: 16).prefix(7)
                try FileIO.replace(folder + "/filter/" + newName + ".pf_filter", with: bytes)
                if path != folder + "/filter/" + newName + ".pf_filter" { unlink(path) }
                named.append(.array([pair[0], .text(Array(newName.utf8))]))
            }
            meta[3] = .array(named.sorted { $0.firstText.lexicographicallyPrecedes($1.firstText) })
            if meta.count > 4, case .array(let sorts) = meta[4] {
                meta[4] = .array(sorts.sorted { $0.firstText.lexicographicallyPrecedes($1.firstText) })
            }
            let bytes = signature + CBOR.array(meta).encoded()
            let newHash = language + "_" + String(ContentHash.of(bytes), radix: 16).prefix(10)
            try FileIO.replace(folder + "/pagefind.\(newHash).pf_meta", with: bytes)
            if newHash != hash { unlink(metaPath) }
            var described = value as? [String: Any] ?? [:]
            described["hash"] = newHash
            renamed[language] = described
        }
        // The languages too come in hash-map order: written again with sorted keys.
        var sorted = entry
        sorted["languages"] = renamed
        let json = try JSONSerialization.data(withJSONObject: sorted, options: [.sortedKeys, .withoutEscapingSlashes])
        try FileIO.replace(entryPath, with: [UInt8](json))
    }

    /// A Pagefind file's CBOR, gzipped or not, behind the signature.
    static func decode(_ path: String) throws -> CBOR? {
        guard var bytes = FileIO.read(path) else { return nil }
        if bytes.starts(with: [0x1f, 0x8b]) { bytes = try gunzip(bytes, file: path) }
        guard bytes.starts(with: signature) else { throw Malformed(file: path) }
        var reader = CBOR.Reader(bytes: bytes, at: signature.count)
        guard let value = try reader.value() else { throw Malformed(file: path) }
        return value
    }

    /// One gzip member (RFC 1952): its header, then raw deflate.
    static func gunzip(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        guard bytes.count > 18, bytes[2] == 8 else { throw Malformed(file: file) }
        let flags = bytes[3]
        var at = 10
        if flags & 4 != 0 { at += 2 + Int(bytes[at]) + Int(bytes[at + 1]) << 8 }  // extra
        if flags & 8 != 0 { while at < bytes.count && bytes[at] != 0 { at += 1 }; at += 1 }  // name
        if flags & 16 != 0 { while at < bytes.count && bytes[at] != 0 { at += 1 }; at += 1 }  // comment
        if flags & 2 != 0 { at += 2 }  // header checksum
        guard at < bytes.count else { throw Malformed(file: file) }
        // Without the trailer (CRC-32 and size, 8 bytes).
        let deflated = Data(bytes[at..<(bytes.count - 8)])
        var out = Data()
        _ = try Data.decompress(size: Int64(deflated.count), bufferSize: 64 * 1024, skipCRC32: true, provider: { position, size in
            let start = min(Int(position), deflated.count)
            return deflated.subdata(in: start..<min(start + size, deflated.count))
        }, consumer: { out.append($0) })
        return [UInt8](out)
    }
}

/// The part of CBOR (RFC 8949) that Pagefind's files use, kept byte for byte where it is read
/// and written in the shortest form.
indirect enum CBOR: Equatable {
    case unsigned(UInt64)
    case negative(UInt64)
    case bytes([UInt8])
    case text([UInt8])
    case array([CBOR])
    case map([CBOR])  // keys and values, alternating
    case simple(UInt8)

    /// The UTF-8 of a text, or of an array's first element: what Pagefind's lists are sorted by.
    var firstText: [UInt8] {
        switch self {
        case .text(let t): t
        case .array(let a): a.first?.firstText ?? []
        default: []
        }
    }

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    private func encode(into out: inout [UInt8]) {
        func head(_ major: UInt8, _ n: UInt64) {
            let m = major << 5
            switch n {
            case 0..<24: out.append(m | UInt8(n))
            case 24...0xff: out += [m | 24, UInt8(n)]
            case 0x100...0xffff: out += [m | 25, UInt8(n >> 8), UInt8(n & 0xff)]
            case 0x10000...0xffff_ffff: out.append(m | 26); for s in stride(from: 24, through: 0, by: -8) { out.append(UInt8((n >> UInt64(s)) & 0xff)) }
            default: out.append(m | 27); for s in stride(from: 56, through: 0, by: -8) { out.append(UInt8((n >> UInt64(s)) & 0xff)) }
            }
        }
        switch self {
        case .unsigned(let n): head(0, n)
        case .negative(let n): head(1, n)
        case .bytes(let b): head(2, UInt64(b.count)); out += b
        case .text(let t): head(3, UInt64(t.count)); out += t
        case .array(let a): head(4, UInt64(a.count)); for v in a { v.encode(into: &out) }
        case .map(let m): head(5, UInt64(m.count / 2)); for v in m { v.encode(into: &out) }
        case .simple(let s): out.append(0xe0 | s)
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var at: Int

        init(bytes: [UInt8], at: Int) {
            self.bytes = bytes
            self.at = at
        }

        /// The next value, or nil when the bytes end early or hold what Pagefind does not write.
        mutating func value() throws -> CBOR? {
            guard at < bytes.count else { return nil }
            let initial = bytes[at]
            at += 1
            let major = initial >> 5, info = initial & 31
            var n: UInt64
            switch info {
            case 0..<24: n = UInt64(info)
            case 24...27:
                let count = 1 << Int(info - 24)
                guard at + count <= bytes.count else { return nil }
                n = 0
                for i in 0..<count { n = n << 8 | UInt64(bytes[at + i]) }
                at += count
            default: return nil  // indefinite lengths: not written by Pagefind
            }
            switch major {
            case 0: return .unsigned(n)
            case 1: return .negative(n)
            case 2, 3:
                guard n <= UInt64(bytes.count - at) else { return nil }
                let slice = Array(bytes[at..<(at + Int(n))])
                at += Int(n)
                return major == 2 ? .bytes(slice) : .text(slice)
            case 4, 5:
                let count = major == 4 ? n : n * 2
                guard count <= UInt64(bytes.count - at) else { return nil }
                var items: [CBOR] = []
                items.reserveCapacity(Int(count))
                for _ in 0..<count {
                    guard let item = try value() else { return nil }
                    items.append(item)
                }
                return major == 4 ? .array(items) : .map(items)
            case 7 where info < 24: return .simple(info)
            default: return nil
            }
        }
    }
}
