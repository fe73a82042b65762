import FlyingFox
import Foundation

/// Who may use the editor: the person who started `loa serve`. The server listens on loopback
/// only; the editor's address with a per-run token, printed on the terminal, sets a cookie that
/// every editor request must carry; every writing request must also come from the editor's own
/// pages (a same-origin `Origin` header and the token in the form), so another site open in the
/// browser can neither read content through the editor nor make it write.
struct EditorAccess: Sendable {
    let token: String
    static let cookieName = "loa_editor"

    init(token: String = EditorAccess.newToken()) { self.token = token }

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// The `Host` header names this server on loopback (a rebound DNS name is refused).
    static func isLocalHost(_ request: HTTPRequest, port: UInt16) -> Bool {
        guard let host = request.headers[.host] else { return false }
        return ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"].contains(host.lowercased())
    }

    /// The request carries the editor's cookie.
    func isSignedIn(_ request: HTTPRequest) -> Bool {
        guard let header = request.headers[.cookie] else { return false }
        for part in header.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, kv[0] == Self.cookieName, Self.same(kv[1], token) { return true }
        }
        return false
    }

    /// A writing request: signed in, sent by a page of this server, with the form's token.
    func mayWrite(_ request: HTTPRequest, port: UInt16, formToken: String?) -> Bool {
        guard isSignedIn(request), let origin = request.headers[HTTPHeader("Origin")] else { return false }
        guard ["http://127.0.0.1:\(port)", "http://localhost:\(port)", "http://[::1]:\(port)"].contains(origin.lowercased()) else { return false }
        return formToken.map { Self.same($0, token) } ?? false
    }

    var cookie: String { "\(Self.cookieName)=\(token); Path=/_loa; HttpOnly; SameSite=Strict" }

    /// Compares in time that does not depend on where the texts differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
