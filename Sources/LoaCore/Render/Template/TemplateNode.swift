/// What the parser makes of a template: a tree with text as UTF-8 and names split on "." ahead
/// of time, flattened into a `CompiledTemplate` for rendering.
enum TemplateNode: Sendable {
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`.
    case variable(TemplateLookup, escaped: Bool)
    case section(TemplateLookup, [TemplateNode])
    case inverted(TemplateLookup, [TemplateNode])
    /// `{{$name}}default{{/name}}`, replaced by an override from a child template if there is one.
    /// `indentation` is the whitespace before the tag, which swift-mustache applies to the block's lines.
    case block(name: String, body: [TemplateNode], indentation: [UInt8])
    /// `{{>name}}` (overrides nil) or `{{<name}}…{{/name}}` (overrides from the child).
    case partial(name: String, indentation: [UInt8], overrides: [String: [TemplateNode]]?)
    /// `{{>*name}}` / `{{<*name}}`: the partial named by a text value.
    case dynamicPartial(TemplateLookup, indentation: [UInt8], overrides: [String: [TemplateNode]]?)
    /// `{{% CONTENT_TYPE: … }}`: TEXT turns escaping off for the rest of the enclosing scope.
    case contentType(escapes: Bool)
}

/// Where a tag's value comes from, mirroring swift-mustache's `getChild`.
struct TemplateLookup: Sendable {
    enum Root: Sendable {
        /// `.` (or an empty name): the top of the context stack.
        case top
        /// `a.b`: `a` in the nearest stack entry that has it, then `b` inside it.
        case stack
        /// `.a.b`: `a` in the top entry only.
        case topOnly
        /// `first()`, `index()`…: the position in the list being iterated.
        case sequence
        /// A transform swift-mustache does not know: the value is always missing.
        case missing
    }

    var root: Root
    var names: [String]
    /// In the order they apply: `a(b(x))` is `[b, a]`.
    var transforms: [TemplateTransform]
}

enum TemplateTransform: String, Sendable, CaseIterable {
    case first, last, index, even, odd, empty, capitalized, lowercased, uppercased, reversed, count, sorted,
         enumerated, equalzero, plusone, minusone
}

/// A template flattened for rendering: plain-value ops in one array, a section's body right
/// after it, texts in one byte pool. Walking it copies no reference-counted node payloads, which
/// took a third of the time when rendering the node tree directly.
final class CompiledTemplate: Sendable {
    struct Op: Sendable {
        enum Kind: UInt8, Sendable {
            case text, escaped, raw, section, inverted, block, partial, dynamicPartial, html, plainText
        }
        var kind: Kind
        /// text: start in `bytes`; escaped, raw, section, inverted, dynamicPartial: index in `lookups`;
        /// block, partial: name's index in `strings`.
        var a: Int32 = 0
        /// text: byte count; partial, dynamicPartial: index in `overrideSets`, or -1 for `{{>name}}`.
        var b: Int32 = 0
        /// block, partial, dynamicPartial: indentation's start and count in `bytes`.
        var indentStart: Int32 = 0
        var indentCount: Int32 = 0
        /// section, inverted, block: how many ops the body has (they follow this one).
        var body: Int32 = 0
    }

    struct Lookup: Sendable {
        var root: TemplateLookup.Root
        var namesStart: Int32
        var namesCount: Int32
        var transformsStart: Int32
        var transformsCount: Int32
    }

    let ops: [Op]
    /// Ops of the template itself; override bodies of `{{<parent}}` calls follow.
    let mainCount: Int
    let bytes: [UInt8]
    let strings: [String]
    /// `TemplateFields.code` of each of `strings`, so that rendering never hashes a name.
    let codes: [UInt64]
    let lookups: [Lookup]
    let transforms: [TemplateTransform]
    /// Block name → its override's op range, per `{{<parent}}` call.
    let overrideSets: [[String: Range<Int>]]

    init(_ nodes: [TemplateNode]) {
        var builder = Builder()
        builder.emit(nodes)
        mainCount = builder.ops.count
        // Override bodies go after the template; theirs (from nested parent calls) after them.
        var next = 0
        while next < builder.pending.count {
            let (set, name, body) = builder.pending[next]
            let start = builder.ops.count
            builder.emit(body)
            builder.overrideSets[set][name] = start..<builder.ops.count
            next += 1
        }
        ops = builder.ops
        bytes = builder.bytes
        strings = builder.strings
        codes = builder.strings.map(TemplateFields.code)
        lookups = builder.lookups
        transforms = builder.transforms
        overrideSets = builder.overrideSets
    }

    private struct Builder {
        var ops: [Op] = []
        var bytes: [UInt8] = []
        var strings: [String] = []
        var stringIndex: [String: Int32] = [:]
        var lookups: [Lookup] = []
        var transforms: [TemplateTransform] = []
        var overrideSets: [[String: Range<Int>]] = []
        var pending: [(set: Int, name: String, body: [TemplateNode])] = []

        mutating func emit(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .text(let text):
                    ops.append(Op(kind: .text, a: Int32(bytes.count), b: Int32(text.count)))
                    bytes += text
                case .variable(let lookup, let escaped):
                    ops.append(Op(kind: escaped ? .escaped : .raw, a: add(lookup)))
                case .section(let lookup, let body):
                    emit(Op(kind: .section, a: add(lookup)), body: body)
                case .inverted(let lookup, let body):
                    emit(Op(kind: .inverted, a: add(lookup)), body: body)
                case .block(let name, let body, let indentation):
                    emit(withIndentation(Op(kind: .block, a: add(name)), indentation), body: body)
                case .partial(let name, let indentation, let overrides):
                    ops.append(withIndentation(Op(kind: .partial, a: add(name), b: add(overrides)), indentation))
                case .dynamicPartial(let lookup, let indentation, let overrides):
                    ops.append(withIndentation(Op(kind: .dynamicPartial, a: add(lookup), b: add(overrides)), indentation))
                case .contentType(let escapes):
                    ops.append(Op(kind: escapes ? .html : .plainText))
                }
            }
        }

        mutating func emit(_ op: Op, body: [TemplateNode]) {
            let at = ops.count
            ops.append(op)
            emit(body)
            ops[at].body = Int32(ops.count - at - 1)
        }

        mutating func withIndentation(_ op: Op, _ indentation: [UInt8]) -> Op {
            var op = op
            op.indentStart = Int32(bytes.count)
            op.indentCount = Int32(indentation.count)
            bytes += indentation
            return op
        }

        mutating func add(_ string: String) -> Int32 {
            if let index = stringIndex[string] { return index }
            strings.append(string)
            stringIndex[string] = Int32(strings.count - 1)
            return Int32(strings.count - 1)
        }

        mutating func add(_ lookup: TemplateLookup) -> Int32 {
            let namesStart = Int32(strings.count)
            strings += lookup.names  // contiguous, so not shared through `stringIndex`
            lookups.append(Lookup(root: lookup.root, namesStart: namesStart, namesCount: Int32(lookup.names.count),
                                  transformsStart: Int32(transforms.count), transformsCount: Int32(lookup.transforms.count)))
            transforms += lookup.transforms
            return Int32(lookups.count - 1)
        }

        mutating func add(_ overrides: [String: [TemplateNode]]?) -> Int32 {
            guard let overrides else { return -1 }
            overrideSets.append([:])
            let set = overrideSets.count - 1
            for (name, body) in overrides.sorted(by: { $0.key < $1.key }) { pending.append((set, name, body)) }
            return Int32(set)
        }
    }
}
