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

    /// Template data: objects in key order, lists in order, scalars by type.
    public mutating func combine(template value: TemplateValue) {
        switch value {
        case .text(let s): mix(1); combine(s)
        case .markup(let bytes): mix(1); bytes.withUnsafeBytes { combine(bytes: $0) }  // as the same text
        case .bool(let b): mix(b ? 2 : 3)
        case .int(let n): mix(4); mix(UInt64(bitPattern: Int64(n)))
        case .object(let fields):
            mix(6)
            mix(UInt64(fields.count))
            combine(fields: fields)
        case .list(let list):
            mix(7)
            mix(UInt64(list.count))
            for element in list { combine(template: element) }
        }
    }

    /// An object's fields, each hashed on its own and summed: the same whatever order the
    /// dictionary iterates in (it differs between runs), without sorting keys on every page.
    public mutating func combine(fields: TemplateFields, except skipped: Set<String> = []) {
        var sum: UInt64 = 0
        for (key, field) in fields where !skipped.contains(key) {
            var h = ContentHash()
            h.combine(key)
            h.combine(template: field)
            sum &+= h.value
        }
        mix(sum)
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
