import Foundation

/// Compact JSON with sorted keys, written directly as UTF-8: Foundation's JSONSerialization took
/// a sixth of the render time on Linux for the small JSON-LD objects every page carries.
public enum JSONText {
    public static func encode(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A typed value (JSON-LD): no casts from `Any`, no hashed keys.
    static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .string(let s): string(s, into: &out)
        case .bool(let b): out.append(contentsOf: b ? "true".utf8 : "false".utf8)
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .double(let d): write(d, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (i, field) in fields.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                string(field.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(field.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func write(_ d: Double, into out: inout [UInt8]) {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 {
            out += String(Int(d)).utf8
        } else if d.isFinite {
            out += String(d).utf8
        } else {
            out += "null".utf8
        }
    }

    /// A JSON string; `<`, `>` and `&` escaped too, so the text is safe inside an HTML script
    /// element, and U+2028/U+2029, which old JavaScript parsers take for line ends.
    static func string(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole: most text has no escape at all.
            var i = 0, run = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                let escape: UInt8?
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape = b
                case 0x0A: escape = UInt8(ascii: "n")
                case 0x0D: escape = UInt8(ascii: "r")
                case 0x09: escape = UInt8(ascii: "t")
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00..<0x20:
                    escape = 0
                case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = 0
                default:
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                if let escape, escape != 0 {
                    out.append(0x5C)
                    out.append(escape)
                } else if b == 0xE2 {
                    unicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029, into: &out)
                    i += 2
                } else {
                    unicodeEscape(UInt32(b), into: &out)
                }
                i += 1
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<n]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ value: UInt32, into out: inout [UInt8]) {
        func hex(_ digit: UInt32) -> UInt8 { UInt8(digit < 10 ? 0x30 + digit : 0x57 + digit) }
        out.append(0x5C)
        out.append(UInt8(ascii: "u"))
        out.append(hex(value >> 12 & 0xF))
        out.append(hex(value >> 8 & 0xF))
        out.append(hex(value >> 4 & 0xF))
        out.append(hex(value & 0xF))
    }
}

/// A JSON value built in Swift with its types known (schema.org JSON-LD on every page).
/// Objects keep their fields in a small array and are sorted by key when written.
public enum JSONValue: Sendable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case bool(Bool)
    case int(Int)
    case double(Double)
    indirect case array([JSONValue])
    indirect case object([(key: String, value: JSONValue)])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object([])
        for (key, value) in elements { self[key] = value }
    }

    /// An object's field; setting it on any other value does nothing.
    public subscript(_ key: String) -> JSONValue? {
        get {
            guard case .object(let fields) = self else { return nil }
            return fields.first { $0.key == key }?.value
        }
        set {
            guard case .object(var fields) = self else { return }
            self = .int(0)  // lets `fields` be changed in place
            if let i = fields.firstIndex(where: { $0.key == key }) {
                if let newValue { fields[i].value = newValue } else { fields.remove(at: i) }
            } else if let newValue {
                fields.append((key, newValue))
            }
            self = .object(fields)
        }
    }
}
