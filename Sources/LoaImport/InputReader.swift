import Foundation
import LoaCore

/// Reads an input file into lines, or fails with one clear error at the place of the fault.
enum InputReader {
    static let extensions = ["txt", "md", "docx"]

    static func lines(bytes: [UInt8], path: String) throws(Diagnostic) -> [SourceLine] {
        let ext = (path as NSString).pathExtension.lowercased()
        let origin = SourceLocation(path: path)
        let lines: [SourceLine]
        switch ext {
        case "txt", "md", "markdown":
            lines = TextLines.lines(try decodeText(bytes, path: path))
        case "docx":
            lines = try DocxReader.lines(data: Data(bytes), path: path)
        case "doc":
            throw .error(at: origin, "this is an old Word (.doc) file: open it in Word or LibreOffice and save it as .docx, or export it as UTF-8 text")
        default:
            throw .error(at: origin, "cannot import '.\(ext)' files: give a .txt, .md or .docx file")
        }
        if !lines.contains(where: { !$0.isBlank }) {
            throw .error(at: origin, "the file is empty: there is no text to import")
        }
        return lines
    }

    /// UTF-8 (with or without a byte order mark) or UTF-16 with a byte order mark; anything else
    /// is refused with the line and column of the first byte that is not text, since guessing a
    /// legacy Vietnamese encoding (TCVN3, VNI, Windows-1258) would mangle every diacritic.
    static func decodeText(_ bytes: [UInt8], path: String) throws(Diagnostic) -> String {
        var text: String
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            text = try decodeUTF16(bytes, path: path)
        } else {
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            text = try decodeUTF8(body, path: path)
        }
        if text.utf8.contains(0x0D) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return Folding.nfc(text)
    }

    private static func decodeUTF8(_ bytes: [UInt8], path: String) throws(Diagnostic) -> String {
        var scalars = String.UnicodeScalarView()
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var line = 1, column = 1
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s.value == 0 {
                    throw .error(at: SourceLocation(path: path, line: line, column: column), zeroByteMessage(bytes))
                }
                scalars.append(s)
                if s == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break loop
            case .error:
                throw .error(at: SourceLocation(path: path, line: line, column: column),
                             "the file is not UTF-8 text (it may be in a legacy encoding such as TCVN3, VNI or Windows-1258): save it as UTF-8 (or UTF-16) and import it again")
            }
        }
        return String(scalars)
    }

    private static func zeroByteMessage(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix(64).filter { $0 == 0 }.count
        return zeros > 8
            ? "the file looks like UTF-16 without a byte order mark: save it as UTF-8 (or as UTF-16 with a byte order mark)"
            : "the file contains a zero byte: it is not a text file"
    }

    private static func decodeUTF16(_ bytes: [UInt8], path: String) throws(Diagnostic) -> String {
        let bigEndian = bytes[0] == 0xFE
        guard bytes.count % 2 == 0 else {
            throw .error(at: SourceLocation(path: path), "the file starts like UTF-16 text but has an odd number of bytes: it is damaged or not text")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var i = 2
        while i + 1 < bytes.count {
            units.append(bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i]))
            i += 2
        }
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var line = 1, column = 1
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                scalars.append(s)
                if s == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break loop
            case .error:
                throw .error(at: SourceLocation(path: path, line: line, column: column), "the file is not valid UTF-16 text (a broken surrogate pair): save it as UTF-8")
            }
        }
        return String(scalars)
    }
}
