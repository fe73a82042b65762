/// Loa's Mustache templates: compiled once, then filled with `TemplateValue`s straight into a
/// byte buffer. Replaces swift-mustache at render time, whose dynamic casts of `Any` values took
/// half of all rendering time; output is byte for byte what swift-mustache 2.1.1 gives with Loa's
/// HTML escaping, its departures from the Mustache spec included (see `TemplateParser` and
/// `TemplateRenderer`). Where it knowingly differs:
/// - an object prints nothing (swift-mustache prints a Swift dictionary, in hash order), nor does
///   a list containing one; a reversed list prints as a list, not as `ReversedCollection<…>`;
/// - `enumerated` and `sorted` of an object give `{key, value}` objects sorted by key (swift-mustache:
///   tuples, and `enumerated` in hash order); `sorted` of an empty list is the empty list;
/// - an unknown transform in `{{x}}` or `{{#x}}` is a syntax error (swift-mustache renders nothing);
/// - `plusone`/`minusone` wrap around at the integer limits, and partials or overrides nested more
///   than `TemplateRenderer.maximumDepth` deep render nothing, where swift-mustache crashes;
/// - lambdas, custom renderables and content types other than HTML and TEXT do not exist.
public struct TemplateLibrary: Sendable {
    private var templates: [String: CompiledTemplate] = [:]

    public init() {}

    /// Compiles `source` as template `name` (also usable as a partial `{{>name}}` and parent `{{<name}}`).
    public mutating func register(_ source: String, named name: String) throws(TemplateSyntaxError) {
        templates[name] = CompiledTemplate(try TemplateParser.compile(source))
    }

    public func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Sorted.
    public var names: [String] { templates.keys.sorted() }

    /// Fills template `name` with `context` as the root object, appending UTF-8 to `output`.
    /// False when there is no such template.
    public func render(_ name: String, context: TemplateValue, into output: inout [UInt8]) -> Bool {
        guard let template = templates[name] else { return false }
        var renderer = TemplateRenderer(templates: templates)
        swap(&renderer.output, &output)
        renderer.stack.append(context)
        renderer.render(template, 0..<template.mainCount, TemplateRenderer.Scope())
        swap(&renderer.output, &output)
        return true
    }

    public func render(_ name: String, context: TemplateValue) -> String? {
        var output: [UInt8] = []
        guard render(name, context: context, into: &output) else { return nil }
        return String(decoding: output, as: UTF8.self)
    }
}
