import Foundation

/// Fills compiled templates, as swift-mustache's Template+Render.swift does, into one byte buffer
/// with one context stack pushed and popped in place.
struct TemplateRenderer {
    let templates: [String: CompiledTemplate]
    var output: [UInt8] = []
    var stack: [TemplateValue] = []
    /// Partials and overrides being rendered inside each other. swift-mustache recurses without
    /// end on a partial that includes itself unconditionally and crashes; here it stops.
    private var depth = 0
    static let maximumDepth = 64

    init(templates: [String: CompiledTemplate]) {
        self.templates = templates
        stack.reserveCapacity(16)
    }

    /// The element being rendered in a list section: swift-mustache's sequence context.
    struct ListPosition {
        var first: Bool
        var last: Bool
        var index: Int
    }

    /// An override of a block: ops of the child template that wrote it.
    struct Body {
        let template: CompiledTemplate
        let range: Range<Int>
    }

    /// What swift-mustache keeps in its `MustacheContext` besides the stack.
    struct Scope {
        /// Set in the elements of a list section; cleared by object sections, partials and blocks.
        var list: ListPosition?
        /// Added after each line break of this scope's own output; grows with nested standalone partials.
        var indentation: [UInt8] = []
        /// Block overrides of `{{<parent}}` calls, the outermost child's first.
        var overrides: [String: Body] = [:]
        /// False after `{{% CONTENT_TYPE: TEXT }}` until the end of the enclosing scope.
        var escapes = true
    }

    /// One scope: a template, a section's body (once per list element), a block. swift-mustache
    /// renders each into a string of its own and indents only within it: before any tag or text
    /// that outputs something when that string so far ends with "\n" (not "\r\n", one Character there).
    mutating func render(_ template: CompiledTemplate, _ range: Range<Int>, _ scope: Scope) {
        var escapes = scope.escapes
        template.ops.withUnsafeBufferPointer { ops in
            var i = range.lowerBound
            if scope.indentation.isEmpty {
                while i < range.upperBound {
                    execute(template, ops[i], at: i, scope, &escapes)
                    i += 1 + Int(ops[i].body)
                }
                return
            }
            let start = output.count
            while i < range.upperBound {
                let op = ops[i]
                if op.kind == .text {
                    appendIndented(template, op, scopeStart: start, indentation: scope.indentation)
                } else {
                    let indent = endsWithLineFeed(since: start)
                    let before = output.count
                    execute(template, op, at: i, scope, &escapes)
                    if indent, output.count > before { output.insert(contentsOf: scope.indentation, at: before) }
                }
                i += 1 + Int(op.body)
            }
        }
    }

    private mutating func execute(_ template: CompiledTemplate, _ op: CompiledTemplate.Op, at i: Int, _ scope: Scope,
                                  _ escapes: inout Bool) {
        switch op.kind {
        case .text:
            template.bytes.withUnsafeBufferPointer { bytes in
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(op.a)..<Int(op.a + op.b)]))
            }

        case .escaped, .raw:
            guard let value = resolve(template, op.a, scope.list) else { return }
            append(value, escaped: op.kind == .escaped && escapes)

        case .section:
            guard let value = resolve(template, op.a, scope.list) else { return }
            let body = i + 1..<i + 1 + Int(op.body)
            var inner = scope
            inner.escapes = escapes
            switch value {
            case .list(let items):
                for (index, item) in items.enumerated() {
                    inner.list = ListPosition(first: index == 0, last: index == items.count - 1, index: index)
                    stack.append(item)
                    render(template, body, inner)
                    stack.removeLast()
                }
            case .bool(let flag):
                if flag { render(template, body, inner) }
            case .text, .markup, .int, .object:
                inner.list = nil
                stack.append(value)
                render(template, body, inner)
                stack.removeLast()
            }

        case .inverted:
            let body = i + 1..<i + 1 + Int(op.body)
            var inner = scope
            inner.escapes = escapes
            switch resolve(template, op.a, scope.list) {
            case nil, .bool(false)?:
                render(template, body, inner)
            case .list(let items)? where items.isEmpty:
                // swift-mustache pushes the empty list.
                inner.list = nil
                stack.append(.list(items))
                render(template, body, inner)
                stack.removeLast()
            default:
                break
            }

        case .block:
            var inner = scope
            inner.escapes = escapes
            inner.list = nil
            appendIndentation(of: op, in: template, to: &inner)
            if let override = scope.overrides[template.strings[Int(op.a)]] {
                guard depth < Self.maximumDepth else { return }
                depth += 1
                render(override.template, override.range, inner)
                depth -= 1
            } else {
                render(template, i + 1..<i + 1 + Int(op.body), inner)
            }

        case .partial:
            guard let partial = templates[template.strings[Int(op.a)]] else { return }
            renderPartial(partial, op, from: template, scope)

        case .dynamicPartial:
            guard case .text(let name)? = resolve(template, op.a, scope.list), let partial = templates[name] else { return }
            renderPartial(partial, op, from: template, scope)

        case .html:
            escapes = true

        case .plainText:
            escapes = false
        }
    }

    private mutating func renderPartial(_ partial: CompiledTemplate, _ op: CompiledTemplate.Op, from template: CompiledTemplate,
                                        _ scope: Scope) {
        guard depth < Self.maximumDepth else { return }
        depth += 1
        defer { depth -= 1 }
        // A partial's content type starts as HTML again and it is outside any list.
        var inner = Scope()
        inner.indentation = scope.indentation
        appendIndentation(of: op, in: template, to: &inner)
        inner.overrides = scope.overrides
        if op.b >= 0 {
            // Blocks already overridden by an outer child keep that override.
            for (name, range) in template.overrideSets[Int(op.b)] where inner.overrides[name] == nil {
                inner.overrides[name] = Body(template: template, range: range)
            }
        }
        render(partial, 0..<partial.mainCount, inner)
    }

    private func appendIndentation(of op: CompiledTemplate.Op, in template: CompiledTemplate, to scope: inout Scope) {
        guard op.indentCount > 0 else { return }
        scope.indentation += template.bytes[Int(op.indentStart)..<Int(op.indentStart + op.indentCount)]
    }

    // MARK: - Values

    /// swift-mustache's `getChild`: find the first name up the stack, the rest only inside it,
    /// then apply the transforms; nil when anything is missing or a transform does not apply.
    private func resolve(_ template: CompiledTemplate, _ index: Int32, _ list: ListPosition?) -> TemplateValue? {
        let lookup = template.lookups[Int(index)]
        let names = Int(lookup.namesStart)..<Int(lookup.namesStart + lookup.namesCount)
        var value: TemplateValue
        var next = Int(lookup.transformsStart)
        let end = next + Int(lookup.transformsCount)
        switch lookup.root {
        case .stack:
            let first = template.strings[names.lowerBound], code = template.codes[names.lowerBound]
            var i = stack.count - 1
            while true {
                guard i >= 0 else { return nil }
                if case .object(let fields) = stack[i], let found = fields.value(first, code: code) {
                    value = found
                    break
                }
                i -= 1
            }
            for n in names.dropFirst() {
                guard case .object(let fields) = value, let child = fields.value(template.strings[n], code: template.codes[n]) else { return nil }
                value = child
            }
        case .top:
            value = stack[stack.count - 1]
        case .topOnly:
            value = stack[stack.count - 1]
            for n in names {
                guard case .object(let fields) = value, let child = fields.value(template.strings[n], code: template.codes[n]) else { return nil }
                value = child
            }
        case .sequence:
            guard let list, let found = list.applying(template.transforms[next]) else { return nil }
            value = found
            next += 1
        case .missing:
            return nil
        }
        while next < end {
            guard let transformed = value.applying(template.transforms[next]) else { return nil }
            value = transformed
            next += 1
        }
        return value
    }

    /// As swift-mustache prints values with `String(describing:)`.
    private mutating func append(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text):
            if escaped { Escape.appendHTML(text, to: &output) } else { Escape.appendRaw(text, to: &output) }
        case .markup(let bytes):
            if escaped { Escape.appendHTML(String(decoding: bytes, as: UTF8.self), to: &output) } else { output.append(contentsOf: bytes) }
        case .int(let number):
            appendDecimal(number)
        case .bool(let flag):
            if flag {
                output.append(contentsOf: [0x74, 0x72, 0x75, 0x65] as [UInt8])  // true
            } else {
                output.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65] as [UInt8])  // false
            }
        case .list:
            guard let text = value.listDescription else { return }
            if escaped { Escape.appendHTML(text, to: &output) } else { Escape.appendRaw(text, to: &output) }
        case .object:
            break  // swift-mustache prints a dictionary in hash order, which no page can depend on
        }
    }

    private mutating func appendDecimal(_ number: Int) {
        if number < 0 { output.append(0x2D) }
        var magnitude = number.magnitude
        let start = output.count
        repeat {
            output.append(UInt8(truncatingIfNeeded: 0x30 &+ magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        output[start...].reverse()
    }

    // MARK: - Indentation

    private func endsWithLineFeed(since start: Int) -> Bool {
        let n = output.count
        return n > start && output[n - 1] == 0x0A && !(n - 2 >= start && output[n - 2] == 0x0D)
    }

    /// Text merged from several of swift-mustache's one-line text tokens: indented before each
    /// line that swift-mustache would have indented as a token of its own.
    private mutating func appendIndented(_ template: CompiledTemplate, _ op: CompiledTemplate.Op, scopeStart: Int,
                                         indentation: [UInt8]) {
        let text = template.bytes[Int(op.a)..<Int(op.a + op.b)]
        if endsWithLineFeed(since: scopeStart) { output.append(contentsOf: indentation) }
        var lineStart = text.startIndex
        for i in text.indices where text[i] == 0x0A && i + 1 < text.endIndex {
            let afterCR = i > text.startIndex ? text[i - 1] == 0x0D : (output.count > scopeStart && output[output.count - 1] == 0x0D)
            if afterCR { continue }
            output.append(contentsOf: text[lineStart...i])
            output.append(contentsOf: indentation)
            lineStart = i + 1
        }
        output.append(contentsOf: text[lineStart...])
    }
}

extension TemplateRenderer.ListPosition {
    /// swift-mustache's `MustacheSequenceContext.transform`.
    func applying(_ transform: TemplateTransform) -> TemplateValue? {
        switch transform {
        case .first: .bool(first)
        case .last: .bool(last)
        case .index: .int(index)
        case .even: .bool(index & 1 == 0)
        case .odd: .bool(index & 1 == 1)
        default: nil
        }
    }
}

extension TemplateValue {
    /// swift-mustache's transforms of String, FixedWidthInteger, Array and Dictionary. Bool has none.
    func applying(_ transform: TemplateTransform) -> TemplateValue? {
        switch self {
        case .markup(let bytes):
            return TemplateValue.text(String(decoding: bytes, as: UTF8.self)).applying(transform)
        case .text(let text):
            switch transform {
            case .empty: return .bool(text.isEmpty)
            case .capitalized: return .text(text.capitalized)
            case .lowercased: return .text(text.lowercased())
            case .uppercased: return .text(text.uppercased())
            case .reversed: return .text(String(text.reversed()))
            default: return nil
            }
        case .int(let number):
            switch transform {
            case .equalzero: return .bool(number == 0)
            // Wrapping where swift-mustache would trap on overflow.
            case .plusone: return .int(number &+ 1)
            case .minusone: return .int(number &- 1)
            case .even: return .bool(number & 1 == 0)
            case .odd: return .bool(number & 1 == 1)
            default: return nil
            }
        case .bool:
            return nil
        case .list(let items):
            switch transform {
            case .first: return items.first
            case .last: return items.last
            case .reversed: return .list(items.reversed())
            case .count: return .int(items.count)
            case .empty: return .bool(items.isEmpty)
            case .sorted: return Self.sorted(items)
            default: return nil
            }
        case .object(let fields):
            switch transform {
            case .count: return .int(fields.count)
            case .empty: return .bool(fields.isEmpty)
            // (key, value) pairs. swift-mustache gives `enumerated` in hash order; sorted here so
            // that pages do not change from one build to the next.
            case .enumerated, .sorted:
                return .list(fields.sorted { $0.key < $1.key }.map { .object(["key": .text($0.key), "value": $0.value]) })
            default: return nil
            }
        }
    }

    /// Only lists of comparable elements sort in swift-mustache: here all texts or all numbers.
    private static func sorted(_ items: [TemplateValue]) -> TemplateValue? {
        var texts: [String] = []
        var numbers: [Int] = []
        for item in items {
            switch item {
            case .text(let text) where numbers.isEmpty: texts.append(text)
            case .int(let number) where texts.isEmpty: numbers.append(number)
            default: return nil
            }
        }
        return texts.isEmpty ? .list(numbers.sorted().map { .int($0) }) : .list(texts.sorted().map { .text($0) })
    }

    /// `String(describing:)` of the array swift-mustache would hold, when it does not depend on
    /// hash order (no objects inside).
    var listDescription: String? {
        guard case .list(let items) = self else { return nil }
        var parts: [String] = []
        parts.reserveCapacity(items.count)
        for item in items {
            switch item {
            case .text(let text): parts.append(text.debugDescription)
            case .markup(let bytes): parts.append(String(decoding: bytes, as: UTF8.self).debugDescription)
            case .int(let number): parts.append(String(number))
            case .bool(let flag): parts.append(flag ? "true" : "false")
            case .list:
                guard let inner = item.listDescription else { return nil }
                parts.append(inner)
            case .object: return nil
            }
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}
