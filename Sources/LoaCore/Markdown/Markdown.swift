import CCmark

#if canImport(Glibc)
import Glibc
#endif

/// A link or image destination found in Markdown, with where it was written.
public struct LinkReference: Sendable {
    public var destination: String
    public var isImage: Bool
    public var location: SourceLocation
    /// An image's alternative text (empty when none was written).
    public var text: String
}

public enum LinkResolution: Sendable {
    case keep
    case replace(String)
    case error(String)
    /// Leave the link as it is, but tell the author.
    case warning(String)
}

public struct RenderedMarkdown: Sendable {
    /// The HTML as cmark wrote it, UTF-8: pages take it as it is.
    public var htmlBytes: [UInt8]
    public var diagnostics: [Diagnostic]
    public var links: [LinkReference]

    public var html: String {
        get { String(decoding: htmlBytes, as: UTF8.self) }
        set { htmlBytes = Array(newValue.utf8) }
    }
}

/// CommonMark through libcmark: smart punctuation, raw HTML only if the site opts in,
/// stable heading ids, and every link destination offered to the caller for rewriting.
public struct MarkdownRenderer: Sendable {
    public var allowRawHTML: Bool

    public init(allowRawHTML: Bool) { self.allowRawHTML = allowRawHTML }

    private var options: Int32 {
        var o = CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8
        if allowRawHTML { o |= CMARK_OPT_UNSAFE }
        return o
    }

    public func render(_ markdown: String, path: String, firstLine: Int,
                       resolve: (LinkReference) -> LinkResolution) -> RenderedMarkdown {
        var markdown = markdown
        return markdown.withUTF8 { render(utf8: $0, path: path, firstLine: firstLine, resolve: resolve) }
    }

    /// Markdown given as valid UTF-8 bytes (a body straight from its file).
    public func render(utf8 markdown: UnsafeBufferPointer<UInt8>, path: String, firstLine: Int,
                       resolve: (LinkReference) -> LinkResolution) -> RenderedMarkdown {
        let root: OpaquePointer? = markdown.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options) }
        guard let root else { return RenderedMarkdown(htmlBytes: [], diagnostics: [], links: []) }
        defer { cmark_node_free(root) }

        var diagnostics: [Diagnostic] = []
        var links: [LinkReference] = []
        var headings: [OpaquePointer] = []
        let iter = cmark_iter_new(root)
        defer { cmark_iter_free(iter) }
        // Inline nodes carry no position of their own in cmark 0.30; the enclosing block's is used.
        var blockLine = 1, blockColumn = 1
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            let line = Int(cmark_node_get_start_line(node))
            if line > 0 && type.rawValue < CMARK_NODE_FIRST_INLINE.rawValue {
                blockLine = line
                blockColumn = Int(cmark_node_get_start_column(node))
            }
            switch type {
            case CMARK_NODE_HEADING:
                headings.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let location = SourceLocation(path: path, line: blockLine + firstLine - 1, column: max(blockColumn, 1))
                let reference = LinkReference(destination: url, isImage: type == CMARK_NODE_IMAGE, location: location,
                                              text: type == CMARK_NODE_IMAGE ? Self.plainText(node) : "")
                links.append(reference)
                switch resolve(reference) {
                case .keep: break
                case .replace(let newURL): cmark_node_set_url(node, newURL)
                case .error(let message): diagnostics.append(.error(at: location, message))
                case .warning(let message): diagnostics.append(.warning(at: location, message))
                }
            default:
                break
            }
        }

        var used: [String: Int] = [:]
        for heading in headings {
            let level = cmark_node_get_heading_level(heading)
            let id = Self.uniqueID(Folding.slug(Self.plainText(heading)), used: &used)
            Self.replaceHeading(heading, level: level, id: id)
        }

        guard let cString = cmark_render_html(root, options) else { return RenderedMarkdown(htmlBytes: [], diagnostics: diagnostics, links: links) }
        defer { free(cString) }
        // As bytes: cmark validated its input, and a String would check all of it again.
        let html = UnsafeRawPointer(cString).withMemoryRebound(to: UInt8.self, capacity: 1) { Array(UnsafeBufferPointer(start: $0, count: strlen(cString))) }
        return RenderedMarkdown(htmlBytes: html, diagnostics: diagnostics, links: links)
    }

    /// Ids are the folded heading text; repeats get -1, -2 … so every anchor stays unique.
    static func uniqueID(_ base: String, used: inout [String: Int]) -> String {
        let base = base.isEmpty ? "section" : base
        guard let n = used[base] else {
            used[base] = 0
            return base
        }
        var k = n + 1
        while used["\(base)-\(k)"] != nil { k += 1 }
        used[base] = k
        used["\(base)-\(k)"] = 0
        return "\(base)-\(k)"
    }

    /// cmark's HTML renderer writes headings without attributes; a custom block with the same
    /// children lets us write `<h2 id="…">` without rendering HTML ourselves.
    private static func replaceHeading(_ heading: OpaquePointer, level: Int32, id: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, "<h\(level) id=\"\(Escape.html(id))\">")
        cmark_node_set_on_exit(block, "</h\(level)>")
        while let child = cmark_node_first_child(heading) {
            cmark_node_unlink(child)
            cmark_node_append_child(block, child)
        }
        cmark_node_replace(heading, block)
        cmark_node_free(heading)
    }

    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        let iter = cmark_iter_new(node)
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(n) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let lit = cmark_node_get_literal(n) { text += String(cString: lit) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default: break
            }
        }
        return text
    }
}
