/// A place in a source file, 1-based, counted in Unicode scalars as editors do.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// A note informs (e.g. "not stated in the document") and never fails a build, even with --strict.
    public enum Severity: String, Sendable, Hashable { case error, warning, note }

    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.location = location
        self.severity = severity
        self.message = message
    }

    public static func error(at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }

    public static func note(at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.note, at: location, message)
    }

    /// The form compilers use, so editors and CI logs can jump to the place.
    public var description: String {
        "\(location.path):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }
}

/// Problems found by a stage. Stages collect them instead of stopping at the first,
/// so a build reports everything that is wrong at once.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func append(_ d: Diagnostic) { all.append(d) }
    public mutating func append(contentsOf ds: [Diagnostic]) { all.append(contentsOf: ds) }
    public mutating func error(_ location: SourceLocation, _ message: String) { all.append(.error(at: location, message)) }
    public mutating func warning(_ location: SourceLocation, _ message: String) { all.append(.warning(at: location, message)) }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { sorted.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { sorted.filter { $0.severity == .warning } }

    /// Sorted by place and de-duplicated, so output is the same on every run.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.sorted { ($0.location, $0.message) < ($1.location, $1.message) }.filter { seen.insert($0).inserted }
    }
}

/// Thrown when a build cannot produce a site; carries every problem found.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
