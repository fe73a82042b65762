/// A file of the finished site: generated text, or a file copied as it is.
public enum OutputFile: Sendable {
    case text(path: String, content: String)
    case copy(path: String, from: String)

    public var path: String {
        switch self {
        case .text(let p, _), .copy(let p, _): p
        }
    }
}
