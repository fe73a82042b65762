/// What a template reads: text, flags, numbers, lists and objects of named fields.
///
/// Typed, so that filling a template needs no dynamic casts: looking names up through `Any`
/// (as general Mustache libraries do) took half of all rendering time.
public enum TemplateValue: Sendable, Equatable {
    case text(String)
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
        case .text, .int, .object: true
        }
    }

    /// A named field of an object; nil for any other value.
    @inline(__always) public subscript(_ name: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[name] }
        return nil
    }
}

public typealias TemplateFields = [String: TemplateValue]

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateFields(elements, uniquingKeysWith: { $1 }))
    }
}
