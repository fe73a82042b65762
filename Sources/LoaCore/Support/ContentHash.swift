/// A fast 64-bit hash that is the same in every run (Swift's Hasher is seeded per process),
/// for telling whether a page's inputs or a file's bytes changed since the last build.
public struct ContentHash: Sendable {
    public private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    @inline(__always) mutating func mix(_ word: UInt64) {
        value = (value ^ word) &* 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 32
    }

    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        mix(tail ^ (UInt64(n) << 56))
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ number: UInt64) { mix(number) }

    /// Template contexts: dictionaries in key order, arrays in order, scalars by type.
    public mutating func combine(context value: Any) {
        switch value {
        case let s as String: mix(1); combine(s)
        case let b as Bool: mix(b ? 2 : 3)
        case let n as Int: mix(4); mix(UInt64(bitPattern: Int64(n)))
        case let d as Double: mix(5); mix(d.bitPattern)
        case let dict as [String: Any]:
            mix(6)
            for key in dict.keys.sorted() {
                combine(key)
                combine(context: dict[key]!)
            }
        case let array as [Any]:
            mix(7)
            mix(UInt64(array.count))
            for element in array { combine(context: element) }
        default:
            mix(8)
            combine(String(describing: value))
        }
    }

    public static func of<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h = ContentHash()
        if let done: Void = bytes.withContiguousStorageIfAvailable({ h.combine(bytes: UnsafeRawBufferPointer($0)) }) {
            _ = done
        } else {
            Array(bytes).withUnsafeBytes { h.combine(bytes: $0) }
        }
        return h.value
    }

    public static func of(_ text: String) -> UInt64 {
        var h = ContentHash()
        h.combine(text)
        return h.value
    }
}
