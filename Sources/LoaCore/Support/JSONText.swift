import Foundation

/// Compact JSON with sorted keys, written directly as UTF-8: Foundation's JSONSerialization took
/// a sixth of the render time on Linux for the small JSON-LD objects every page carries.
public enum JSONText {
    public static func encode(_ value: Any) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ value: Any, into out: inout [UInt8]) {
        switch value {
        case let s as String: string(s, into: &out)
        case let b as Bool: out += b ? Array("true".utf8) : Array("false".utf8)
        case let n as Int: out += String(n).utf8
        case let d as Double:
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 {
                out += String(Int(d)).utf8
            } else if d.isFinite {
                out += String(d).utf8
            } else {
                out += "null".utf8
            }
        case let dict as [String: Any]:
            out.append(UInt8(ascii: "{"))
            var first = true
            for key in dict.keys.sorted() {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                string(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(dict[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (i, element) in array.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case is NSNull: out += "null".utf8
        default: string(String(describing: value), into: &out)
        }
    }

    /// A JSON string; `<`, `>` and `&` escaped too, so the text is safe inside an HTML script
    /// element, and U+2028/U+2029, which old JavaScript parsers take for line ends.
    static func string(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "\""): out += [0x5C, 0x22]
                case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, UInt8(ascii: "n")]
                case 0x0D: out += [0x5C, UInt8(ascii: "r")]
                case 0x09: out += [0x5C, UInt8(ascii: "t")]
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00..<0x20:
                    unicodeEscape(UInt32(b), into: &out)
                case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    unicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029, into: &out)
                    i += 2
                default: out.append(b)
                }
                i += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ value: UInt32, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out += [0x5C, UInt8(ascii: "u"), hex[Int(value >> 12 & 0xF)], hex[Int(value >> 8 & 0xF)], hex[Int(value >> 4 & 0xF)], hex[Int(value & 0xF)]]
    }
}
