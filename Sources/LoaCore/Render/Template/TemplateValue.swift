/// What a template reads: text, flags, numbers, lists and objects of named fields.
///
/// Typed, so that filling a template needs no dynamic casts: looking names up through `Any`
/// (as general Mustache libraries do) took half of all rendering time.
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    /// Text that is already HTML, as UTF-8 (a body converted by cmark): written as it is by
    /// `{{{…}}}`, without being made into a String and checked again. Otherwise it is text.
    case markup([UInt8])
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object(TemplateFields)

    /// Mustache truthiness, as swift-mustache has it: `false` and empty lists are false; any
    /// other value (an empty text too) is true. A missing name is false.
    public var isTruthy: Bool {
        switch self {
        case .bool(let b): b
        case .list(let l): !l.isEmpty
        case .text, .markup, .int, .object: true
        }
    }

    /// A named field of an object; nil for any other value.
    @inline(__always) public subscript(_ name: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[name] }
        return nil
    }
}

/// An object's named fields. Kept as a small array ordered by a hash of each name that is
/// computed without a seed, so a template's names are hashed once, when it is compiled: every
/// page is dozens of these objects and hundreds of lookups, and with a Dictionary hashing the
/// names (seeded per dictionary, again for every object up the stack) and allocating hash
/// tables was a tenth of rendering. Iteration follows that order, the same in every build.
public struct TemplateFields: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    struct Entry: Sendable, Equatable {
        let code: UInt64
        let key: String
        var value: TemplateValue
    }

    /// Ordered by code, then key: equal objects have equal arrays.
    private var entries: [Entry] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        entries.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    public init(_ fields: [String: TemplateValue]) {
        entries.reserveCapacity(fields.count)
        for (key, value) in fields { self[key] = value }
    }

    /// FNV-1a of the name's UTF-8 bytes.
    @inline(__always) static func code(_ key: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// Where `key` is, or where it would go.
    @inline(__always) private func position(_ key: String, _ code: UInt64) -> (index: Int, found: Bool) {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low &+ high) >> 1
            let e = entries[mid]
            if e.code < code || (e.code == code && e.key < key) { low = mid + 1 } else { high = mid }
        }
        return (low, low < entries.count && entries[low].code == code && entries[low].key == key)
    }

    /// A field by name, with the name's `code` already known (templates keep their names' codes).
    @inline(__always) func value(_ key: String, code: UInt64) -> TemplateValue? {
        let (index, found) = position(key, code)
        return found ? entries[index].value : nil
    }

    public subscript(_ key: String) -> TemplateValue? {
        get { value(key, code: Self.code(key)) }
        set {
            let code = Self.code(key)
            let (index, found) = position(key, code)
            switch (found, newValue) {
            case (true, let value?): entries[index].value = value
            case (true, nil): entries.remove(at: index)
            case (false, let value?): entries.insert(Entry(code: code, key: key, value: value), at: index)
            case (false, nil): break
            }
        }
    }

    public struct Iterator: IteratorProtocol {
        var base: IndexingIterator<[Entry]>
        public mutating func next() -> (key: String, value: TemplateValue)? {
            base.next().map { ($0.key, $0.value) }
        }
    }

    public func makeIterator() -> Iterator { Iterator(base: entries.makeIterator()) }

    public func mapValues<T>(_ transform: (TemplateValue) throws -> T) rethrows -> [String: T] {
        var out: [String: T] = [:]
        for e in entries { out[e.key] = try transform(e.value) }
        return out
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        var fields = TemplateFields()
        for (key, value) in elements { fields[key] = value }
        self = .object(fields)
    }
}
