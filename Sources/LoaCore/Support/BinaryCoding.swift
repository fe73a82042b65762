/// Compact binary form for Loa's own cache files: read back on every incremental build, where
/// Foundation's JSON coders and text parsing cost more than the rest of loading.
///
/// A file is `tag` (string), `version` (varint), a checksum of the payload (8 bytes), then the
/// payload. The checksum makes any damage give "no cache" rather than a wrong value.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// LEB128: 7 bits a byte, low bits first.
    mutating func uint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Zigzag, so small negative numbers stay short too.
    mutating func int(_ value: Int) {
        let v = Int64(value)
        uint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    /// Hashes are uniformly spread: a varint would take more than 8 bytes for most of them.
    mutating func fixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func double(_ value: Double) { fixed64(value.bitPattern) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            uint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout BinaryWriter, T) -> Void) {
        if let value {
            bool(true)
            write(&self, value)
        } else {
            bool(false)
        }
    }

    mutating func array<T>(_ values: [T], _ write: (inout BinaryWriter, T) -> Void) {
        uint(UInt64(values.count))
        for value in values { write(&self, value) }
    }

    mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    /// A map with text keys, in `order` (its keys, sorted unless given): the same map gives the
    /// same bytes. Read back with `BinaryReader.map`.
    mutating func map<V>(_ map: [String: V], order: [String]? = nil, _ write: (inout BinaryWriter, V) -> Void) {
        let keys = order ?? map.keys.sorted()
        uint(UInt64(keys.count))
        for key in keys {
            string(key)
            write(&self, map[key]!)
        }
    }

    /// Length-prefixed, so a reader can skip it and decode it later, or never.
    mutating func block(_ write: (inout BinaryWriter) -> Void) {
        var inner = BinaryWriter()
        write(&inner)
        uint(UInt64(inner.bytes.count))
        bytes.append(contentsOf: inner.bytes)
    }

    /// A block read from an earlier file, copied as it is.
    mutating func block(_ raw: ArraySlice<UInt8>) {
        uint(UInt64(raw.count))
        bytes.append(contentsOf: raw)
    }

    mutating func rawValue<E: RawRepresentable>(_ value: E) where E.RawValue == String { string(value.rawValue) }

    /// The whole file: header, checksum, then what was written.
    func sealed(tag: String, version: Int) -> [UInt8] {
        var header = BinaryWriter(capacity: bytes.count + 32)
        header.string(tag)
        header.int(version)
        header.fixed64(BinaryReader.checksum(bytes))
        header.bytes.append(contentsOf: bytes)
        return header.bytes
    }
}

/// Reads what `BinaryWriter` wrote. Every read is bounds-checked and throws on bad input, so a
/// damaged file ends as nil, never as a crash.
struct BinaryReader {
    struct Corrupt: Error {}

    private let base: UnsafeBufferPointer<UInt8>
    private(set) var offset: Int

    init(_ base: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    var isAtEnd: Bool { offset == base.count }
    var remaining: Int { base.count - offset }

    /// Decodes a whole file written by `BinaryWriter.sealed`: nil when the tag or version differ,
    /// the checksum does not match, `body` fails, or bytes are left over.
    static func unseal<T>(_ bytes: [UInt8], tag: String, version: Int, _ body: (inout BinaryReader) throws(Corrupt) -> T) -> T? {
        unseal(bytes, tag: tag, version: version) { (r: inout BinaryReader, _: UInt64) throws(Corrupt) in try body(&r) }
    }

    /// As above, with the file's checksum given to `body`: it names the file's exact contents.
    static func unseal<T>(_ bytes: [UInt8], tag: String, version: Int,
                          _ body: (inout BinaryReader, _ checksum: UInt64) throws(Corrupt) -> T) -> T? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = BinaryReader(buffer)
            do throws(Corrupt) {
                guard try reader.string() == tag, try reader.int() == version else { return nil }
                let sum = try reader.fixed64()
                guard checksum(UnsafeBufferPointer(rebasing: buffer[reader.offset...])) == sum else { return nil }
                let value = try body(&reader, sum)
                return reader.isAtEnd ? value : nil
            } catch {
                return nil
            }
        }
    }

    /// Decodes bytes without a header (all of them, or a `block`), as `body` reads them; nil
    /// unless exactly all are used (or, with `toEnd` false, unless the start reads: the rest is
    /// left unread).
    static func read<T>(_ bytes: [UInt8], in range: Range<Int>? = nil, toEnd: Bool = true,
                        _ body: (inout BinaryReader) throws(Corrupt) -> T) -> T? {
        bytes.withUnsafeBufferPointer { buffer in
            let range = range ?? buffer.indices
            guard range.lowerBound >= 0, range.upperBound <= buffer.count else { return nil }
            var reader = BinaryReader(UnsafeBufferPointer(rebasing: buffer[range]))
            guard let value = try? body(&reader), reader.isAtEnd || !toEnd else { return nil }
            return value
        }
    }

    static func checksum<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 { ContentHash.of(bytes) }

    @inline(__always) private mutating func byte() throws(Corrupt) -> UInt8 {
        guard offset < base.count else { throw Corrupt() }
        defer { offset += 1 }
        return base[offset]
    }

    mutating func uint() throws(Corrupt) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            // The tenth byte may hold only the top bit of 64.
            guard shift < 63 || b <= 1 else { throw Corrupt() }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int() throws(Corrupt) -> Int {
        let v = try uint()
        return Int(truncatingIfNeeded: Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))))
    }

    /// A length or element count: never more than the bytes left (each element takes at least
    /// one), so a damaged count cannot ask for a huge allocation.
    mutating func count() throws(Corrupt) -> Int {
        let v = try uint()
        guard v <= UInt64(remaining) else { throw Corrupt() }
        return Int(v)
    }

    mutating func fixed64() throws(Corrupt) -> UInt64 {
        guard remaining >= 8 else { throw Corrupt() }
        defer { offset += 8 }
        return UInt64(littleEndian: UnsafeRawPointer(base.baseAddress! + offset).loadUnaligned(as: UInt64.self))
    }

    mutating func double() throws(Corrupt) -> Double { Double(bitPattern: try fixed64()) }

    mutating func bool() throws(Corrupt) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Corrupt()
        }
    }

    mutating func string() throws(Corrupt) -> String {
        let n = try count()
        guard n > 0 else { return "" }
        defer { offset += n }
        return String(decoding: UnsafeBufferPointer(rebasing: base[offset..<offset + n]), as: UTF8.self)
    }

    /// Passes over a string without making it.
    mutating func skipString() throws(Corrupt) {
        offset += try count()
    }

    mutating func skipStrings() throws(Corrupt) {
        for _ in 0..<(try count()) { try skipString() }
    }

    mutating func optional<T>(_ read: (inout BinaryReader) throws(Corrupt) -> T) throws(Corrupt) -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout BinaryReader) throws(Corrupt) -> T) throws(Corrupt) -> [T] {
        let n = try count()
        var values: [T] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try read(&self)) }
        return values
    }

    mutating func strings() throws(Corrupt) -> [String] { try array { r throws(Corrupt) in try r.string() } }

    /// A map written by `BinaryWriter.map`.
    mutating func map<V>(_ read: (inout BinaryReader) throws(Corrupt) -> V) throws(Corrupt) -> [String: V] {
        let n = try count()
        var map: [String: V] = [:]
        map.reserveCapacity(n)
        for _ in 0..<n {
            let key = try string()
            map[key] = try read(&self)
        }
        return map
    }

    /// A map written by `BinaryWriter.map`, and its keys in the order written.
    mutating func orderedMap<V>(_ read: (inout BinaryReader) throws(Corrupt) -> V) throws(Corrupt) -> (map: [String: V], order: [String]) {
        let n = try count()
        var map: [String: V] = [:], order: [String] = []
        map.reserveCapacity(n)
        order.reserveCapacity(n)
        for _ in 0..<n {
            let key = try string()
            order.append(key)
            map[key] = try read(&self)
        }
        return (map, order)
    }

    /// Skips a `BinaryWriter.block`, giving where it lies for `read(_:in:_:)`.
    mutating func block() throws(Corrupt) -> Range<Int> {
        let n = try count()
        defer { offset += n }
        return offset..<offset + n
    }

    mutating func rawValue<E: RawRepresentable>(_: E.Type = E.self) throws(Corrupt) -> E where E.RawValue == String {
        guard let value = E(rawValue: try string()) else { throw Corrupt() }
        return value
    }
}
