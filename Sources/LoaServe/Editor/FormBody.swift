import Foundation
import LoaCore

/// A submitted HTML form: `application/x-www-form-urlencoded` or `multipart/form-data` (file
/// uploads), its fields in the order sent.
struct FormBody: Sendable {
    struct Upload: Sendable {
        var field: String
        var fileName: String
        var contentType: String
        var bytes: [UInt8]
    }

    var fields: [(name: String, value: String)] = []
    var uploads: [Upload] = []

    func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    enum Problem: Error { case unreadable }

    static func parse(_ body: [UInt8], contentType: String) throws(Problem) -> FormBody {
        let type = contentType.lowercased()
        if type.hasPrefix("multipart/form-data") {
            guard let boundary = parameter("boundary", of: contentType) else { throw .unreadable }
            return try multipart(body, boundary: boundary)
        }
        return FormBody(fields: urlEncoded(String(decoding: body, as: UTF8.self)))
    }

    /// `a=1&b=x+y`: '+' is a space, then percent-decoding; text is NFC (as content is on read).
    static func urlEncoded(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return Folding.nfc(spaced.removingPercentEncoding ?? spaced)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func parameter(_ name: String, of header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, kv[0].lowercased() == name else { continue }
            var value = kv[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// RFC 7578: parts separated by `--boundary`, each with headers, a blank line and its bytes.
    static func multipart(_ body: [UInt8], boundary: String) throws(Problem) -> FormBody {
        var form = FormBody()
        let delimiter = Array(("--" + boundary).utf8)
        let crlf: [UInt8] = [13, 10]
        guard var start = ByteSearch.firstRange(of: delimiter, in: body)?.lowerBound else { throw .unreadable }
        while true {
            start += delimiter.count
            // "--" after the delimiter ends the body.
            if body.count >= start + 2, body[start] == 45, body[start + 1] == 45 { break }
            guard body.count >= start + 2, Array(body[start..<start + 2]) == crlf else { throw .unreadable }
            start += 2
            guard let headerEnd = ByteSearch.firstRange(of: crlf + crlf, in: body, from: start)?.lowerBound else { throw .unreadable }
            let headers = String(decoding: body[start..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = ByteSearch.firstRange(of: crlf + delimiter, in: body, from: contentStart)?.lowerBound else { throw .unreadable }
            let content = Array(body[contentStart..<next])
            var disposition = "", type = "application/octet-stream"
            for line in headers.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") { disposition = line }
                if lower.hasPrefix("content-type:") { type = String(line.dropFirst("content-type:".count)).trimmingCharacters(in: .whitespaces) }
            }
            guard let name = parameter("name", of: disposition) else { throw .unreadable }
            if let fileName = parameter("filename", of: disposition) {
                if !fileName.isEmpty || !content.isEmpty {
                    form.uploads.append(Upload(field: name, fileName: Folding.nfc(fileName), contentType: type, bytes: content))
                }
            } else {
                form.fields.append((Folding.nfc(name), Folding.nfc(String(decoding: content, as: UTF8.self))))
            }
            start = next + 2
        }
        return form
    }
}
