import Foundation
import Yams

/// A theme as files: Mustache templates, interface strings per language, static assets.
/// A theme may name a `parent` in `theme.yaml`; any file it lacks comes from the parent.
public struct Theme: Sendable {
    public var name: String
    /// The compiled templates (see `TemplateLibrary`: Mustache, as swift-mustache reads it).
    public var templates: TemplateLibrary
    public var templateNames: Set<String>
    /// Language → interface strings, nested as written in `i18n/<lang>.yaml`.
    public var strings: [String: [String: Any & Sendable]]
    /// Output path → absolute source path of each static asset.
    public var assets: [(outputPath: String, sourcePath: String)]
    /// Hash of every template and string file and of Loa's version: a change to any of them
    /// changes every page's fingerprint.
    public var fingerprint: UInt64 = 0

    static let requiredTemplates = ["base", "home", "list", "press-release", "document", "spokesperson", "place", "page", "terms", "term", "404"]

    /// The theme a theme names as its `parent` in `theme.yaml`, if any.
    public static func parentName(siteRoot: String, theme: String) -> String? {
        parent(siteRoot: siteRoot, folder: "Themes/\(theme)").name
    }

    private static func parent(siteRoot: String, folder: String) -> (name: String?, problem: Diagnostic?) {
        guard let bytes = FileIO.read(siteRoot + "/" + folder + "/theme.yaml"),
              case .success(let text) = SourceText.decode(bytes, path: folder + "/theme.yaml") else { return (nil, nil) }
        switch SourceText.parseYAML(text, path: folder + "/theme.yaml", firstLine: 1) {
        case .success(let node): return (node?["parent"]?.string, nil)
        case .failure(let d): return (nil, d)
        }
    }

    public static func load(siteRoot: String, name: String, languages: [String]) -> (Theme?, Diagnostics) {
        var diagnostics = Diagnostics()
        // Child first: the chain of theme folders, most specific first.
        var chain: [String] = []
        var current: String? = name
        while let themeName = current {
            let folder = "Themes/\(themeName)"
            guard FileIO.isDirectory(siteRoot + "/" + folder) else {
                diagnostics.error(SourceLocation(path: chain.last.map { "\($0)/theme.yaml" } ?? ConfigurationLoader.relativePath),
                                  "theme '\(themeName)' not found: there is no folder \(folder)")
                return (nil, diagnostics)
            }
            if chain.contains(folder) {
                diagnostics.error(SourceLocation(path: folder + "/theme.yaml"), "themes name each other as parent in a loop")
                return (nil, diagnostics)
            }
            chain.append(folder)
            let (parent, problem) = parent(siteRoot: siteRoot, folder: folder)
            current = parent
            if let problem { diagnostics.append(problem) }
        }

        var templateSources: [String: (path: String, text: String)] = [:]
        var stringFiles: [String: [(path: String, text: String)]] = [:]
        var assets: [String: String] = [:]
        for folder in chain.reversed() {  // parent first, child overrides
            for rel in FileIO.walk(siteRoot + "/" + folder + "/templates") where rel.hasSuffix(".mustache") {
                let path = folder + "/templates/" + rel
                guard let bytes = FileIO.read(siteRoot + "/" + path) else { continue }
                switch SourceText.decode(bytes, path: path) {
                case .success(let text): templateSources[String(rel.dropLast(".mustache".count))] = (path, text)
                case .failure(let d): diagnostics.append(d)
                }
            }
            for rel in FileIO.walk(siteRoot + "/" + folder + "/i18n") where rel.hasSuffix(".yaml") {
                let path = folder + "/i18n/" + rel
                guard let bytes = FileIO.read(siteRoot + "/" + path) else { continue }
                switch SourceText.decode(bytes, path: path) {
                case .success(let text): stringFiles[String(rel.dropLast(5)), default: []].append((path, text))
                case .failure(let d): diagnostics.append(d)
                }
            }
            for rel in FileIO.walk(siteRoot + "/" + folder + "/static") {
                assets[rel] = siteRoot + "/" + folder + "/static/" + rel
            }
        }

        var templates = TemplateLibrary()
        for (name, source) in templateSources.sorted(by: { $0.key < $1.key }) {
            do {
                try templates.register(source.text, named: name)
            } catch {
                diagnostics.error(SourceLocation(path: source.path, line: error.line, column: error.column), "template error: \(error.message)")
            }
        }
        for required in requiredTemplates where templateSources[required] == nil {
            diagnostics.error(SourceLocation(path: chain[0] + "/templates"), "the theme has no template '\(required).mustache'")
        }

        var strings: [String: [String: Any & Sendable]] = [:]
        for (language, files) in stringFiles {
            var merged: [String: Any & Sendable] = [:]
            for file in files {
                switch SourceText.parseYAML(file.text, path: file.path, firstLine: 1) {
                case .success(let node):
                    if let dict = node.flatMap(plain) as? [String: Any & Sendable] {
                        merged = deepMerge(merged, dict)
                    } else {
                        diagnostics.error(SourceLocation(path: file.path), "interface strings must be 'key: text' lines")
                    }
                case .failure(let d): diagnostics.append(d)
                }
            }
            strings[language] = merged
        }
        // Every language must have every string the theme's fallback has, so no label goes blank.
        let reference = strings["en"] ?? strings.sorted { $0.key < $1.key }.first?.value ?? [:]
        for language in languages {
            if strings[language] == nil {
                diagnostics.warning(SourceLocation(path: chain[0] + "/i18n/\(language).yaml"),
                                    "no interface strings for language '\(language)'; English ones are used until this file exists")
                strings[language] = reference
            } else {
                let missing = flatKeys(reference).subtracting(flatKeys(strings[language]!)).sorted()
                if !missing.isEmpty {
                    let path = stringFiles[language]?.last?.path ?? chain[0] + "/i18n/\(language).yaml"
                    diagnostics.warning(SourceLocation(path: path), "missing interface strings, English used instead: \(missing.joined(separator: ", "))")
                    strings[language] = deepMerge(reference, strings[language]!)
                }
            }
        }
        var theme = Theme(name: name, templates: templates, templateNames: Set(templateSources.keys), strings: strings,
                          assets: assets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        var hash = ContentHash()
        hash.combine(Loa.version)
        for (name, source) in templateSources.sorted(by: { $0.key < $1.key }) { hash.combine(name); hash.combine(source.text) }
        for (language, files) in stringFiles.sorted(by: { $0.key < $1.key }) {
            hash.combine(language)
            for file in files { hash.combine(file.text) }
        }
        theme.fingerprint = hash.value
        return (theme, diagnostics)
    }

    /// Plain Swift values from YAML: mappings become dictionaries, sequences arrays, scalars strings.
    static func plain(_ node: Yams.Node) -> (Any & Sendable)? {
        switch node {
        case .scalar(let s): return Folding.nfc(s.string)
        case .sequence(let seq): return seq.compactMap(plain) as [Any & Sendable]
        case .mapping(let m):
            var dict: [String: Any & Sendable] = [:]
            for (k, v) in m { if let key = k.string, let value = plain(v) { dict[key] = value } }
            return dict
        case .alias: return nil
        }
    }

    static func deepMerge(_ base: [String: Any & Sendable], _ over: [String: Any & Sendable]) -> [String: Any & Sendable] {
        var result = base
        for (k, v) in over {
            if let a = result[k] as? [String: Any & Sendable], let b = v as? [String: Any & Sendable] {
                result[k] = deepMerge(a, b)
            } else {
                result[k] = v
            }
        }
        return result
    }

    static func flatKeys(_ dict: [String: Any & Sendable], prefix: String = "") -> Set<String> {
        var keys = Set<String>()
        for (k, v) in dict {
            if let d = v as? [String: Any & Sendable] { keys.formUnion(flatKeys(d, prefix: prefix + k + ".")) } else { keys.insert(prefix + k) }
        }
        return keys
    }
}

/// Interface strings of one language, looked up by dotted key ("document_kind.report").
public struct Strings: Sendable {
    /// Every text by its dotted key ("kinds.document.one") and every top-level list, made once:
    /// walking nested `Any` dictionaries with a cast at each step, for each of the dozens of
    /// strings a page's data uses, was a tenth of making that data.
    private var texts: [String: String] = [:]
    private var lists: [String: [String]] = [:]

    public init(values: [String: Any & Sendable]) {
        func flatten(_ dict: [String: Any & Sendable], prefix: String) {
            // A key with a dot in it can never be reached by a dotted path.
            for (key, value) in dict where !key.contains(".") {
                switch value {
                case let text as String: texts[prefix + key] = text
                case let nested as [String: Any & Sendable]: flatten(nested, prefix: prefix + key + ".")
                default: break
                }
            }
        }
        flatten(values, prefix: "")
        for (key, value) in values {
            if let list = value as? [Any & Sendable] { lists[key] = list.compactMap { $0 as? String } }
        }
    }

    /// The text at a dotted key; the key itself when there is none (a missing string shows).
    public subscript(_ key: String) -> String { texts[key] ?? key }

    /// The text at a dotted key, nil when there is none.
    public func text(_ key: String) -> String? { texts[key] }

    public func list(_ key: String) -> [String] { lists[key] ?? [] }

    /// Replaces `{name}` placeholders.
    public func format(_ key: String, _ arguments: [String: String]) -> String {
        // One pass over the pattern; Foundation's replacingOccurrences is slow on Linux.
        let pattern = self[key]
        guard pattern.contains("{") else { return pattern }
        var out = ""
        out.reserveCapacity(pattern.utf8.count + 16)
        var rest = pattern[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                rest = rest[open...]
                break
            }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = arguments[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// A date as the language writes it: full dates with `date_format`, month-only with `month_format`.
    /// Tokens: {d} {dd} {m} {mm} {m_official} (01, 02 for January and February, as Vietnamese
    /// official style writes them, otherwise no zero) {month_name} {yyyy}.
    public func date(_ date: PartialDate) -> String {
        let months = list("months")
        let monthName = date.month <= months.count ? months[date.month - 1] : String(date.month)
        var args: [String: String] = [
            "m": String(date.month),
            "mm": date.month < 10 ? "0\(date.month)" : String(date.month),
            "m_official": date.month < 3 ? "0\(date.month)" : String(date.month),
            "month_name": monthName,
            "yyyy": String(date.year),
        ]
        guard let day = date.day else { return format("month_format", args) }
        args["d"] = String(day)
        args["dd"] = day < 10 ? "0\(day)" : String(day)
        return format("date_format", args)
    }
}

extension Theme {
    /// Fills template `name` with `context`, appending the page to `output`; false when the theme has no such template.
    public func render(_ name: String, _ context: TemplateValue, into output: inout [UInt8]) -> Bool {
        templates.render(name, context: context, into: &output)
    }
}

extension TemplateValue {
    /// Interface strings from `i18n/<lang>.yaml` as template data.
    public init(interfaceStrings value: Any) {
        switch value {
        case let dict as [String: Any & Sendable]:
            self = .object(TemplateFields(dict.mapValues { TemplateValue(interfaceStrings: $0) }))
        case let list as [Any & Sendable]:
            self = .list(list.map { TemplateValue(interfaceStrings: $0) })
        case let text as String:
            self = .text(text)
        default:
            self = .text(String(describing: value))
        }
    }
}
