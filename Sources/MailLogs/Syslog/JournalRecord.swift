public import RelayAuditCore
/// One `journalctl -o json` record, reduced to what a syslog line carries.
///
/// journald writes one flat JSON object per line. `MESSAGE` is a string, or an array of byte
/// values when the payload is not valid UTF-8; `__REALTIME_TIMESTAMP` is microseconds since the
/// epoch as a decimal string. Only the few fields needed are decoded.
public struct JournalRecord {
    public var time: Instant?
    public var identifier: [UInt8] = []
    public var pid: Int?
    public var host: [UInt8] = []
    public var message: [UInt8] = []

    /// Decodes `line`; nil when it is not a JSON object with a MESSAGE.
    public static func decode(_ line: ByteLine) -> JournalRecord? {
        var scanner = FlatJSONScanner(line)
        guard scanner.expect(UInt8(ascii: "{")) else { return nil }
        var record = JournalRecord()
        var sawMessage = false
        if scanner.peek() == UInt8(ascii: "}") { return nil }
        while true {
            guard let key = scanner.string() else { return nil }
            guard scanner.expect(UInt8(ascii: ":")) else { return nil }
            switch key {
            case Array("MESSAGE".utf8):
                if scanner.peek() == UInt8(ascii: "[") {
                    guard let bytes = scanner.byteArray() else { return nil }
                    record.message = bytes
                } else {
                    guard let value = scanner.string() else { return nil }
                    record.message = value
                }
                sawMessage = true
            case Array("__REALTIME_TIMESTAMP".utf8):
                guard let value = scanner.string() else { return nil }
                record.time = Int64(String(decoding: value, as: UTF8.self)).map { Instant(seconds: $0 / 1_000_000) }
            case Array("SYSLOG_IDENTIFIER".utf8):
                guard let value = scanner.string() else { return nil }
                record.identifier = value
            case Array("SYSLOG_PID".utf8), Array("_PID".utf8):
                guard let value = scanner.string() else { return nil }
                if record.pid == nil { record.pid = Int(String(decoding: value, as: UTF8.self)) }
            case Array("_HOSTNAME".utf8):
                guard let value = scanner.string() else { return nil }
                record.host = value
            default:
                guard scanner.skipValue() else { return nil }
            }
            if scanner.expect(UInt8(ascii: ",")) { continue }
            guard scanner.expect(UInt8(ascii: "}")) else { return nil }
            break
        }
        return sawMessage ? record : nil
    }
}

/// Just enough JSON to read journald's flat records and relay-audit's own ECS events: strings
/// with escapes, numbers, null, booleans, arrays of those, and (skipped or walked by the
/// caller) nested objects.
struct FlatJSONScanner {
    let line: ByteLine
    var i = 0

    init(_ line: ByteLine) { self.line = line }

    /// A number, true, false or null as its text (nil for anything else).
    mutating func scalar() -> [UInt8]? {
        guard let first = peek(), first != UInt8(ascii: "\""), first != UInt8(ascii: "{"), first != UInt8(ascii: "[") else { return nil }
        let start = i
        while i < line.count, line[i] != UInt8(ascii: ","), line[i] != UInt8(ascii: "}"), line[i] != UInt8(ascii: "]"),
              line[i] != 0x20, line[i] != 0x09 { i += 1 }
        return i > start ? Array(UnsafeRawBufferPointer(start: line.base! + start, count: i - start)) : nil
    }

    mutating func skipSpaces() {
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0D { i += 1 }
    }

    mutating func peek() -> UInt8? {
        skipSpaces()
        return i < line.count ? line[i] : nil
    }

    mutating func expect(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        i += 1
        return true
    }

    /// A JSON string, unescaped to UTF-8 bytes.
    mutating func string() -> [UInt8]? {
        guard expect(UInt8(ascii: "\"")) else { return nil }
        var out: [UInt8] = []
        while i < line.count {
            let c = line[i]
            i += 1
            if c == UInt8(ascii: "\"") { return out }
            guard c == UInt8(ascii: "\\") else { out.append(c); continue }
            guard i < line.count else { return nil }
            let e = line[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard i + 4 <= line.count, let scalar = hex4(i) else { return nil }
                i += 4
                var value = scalar
                if (0xD800..<0xDC00).contains(value), i + 6 <= line.count, line[i] == UInt8(ascii: "\\"), line[i + 1] == UInt8(ascii: "u"),
                   let low = hex4(i + 2), (0xDC00..<0xE000).contains(low) {
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(value).map(Character.init) ?? "\u{FFFD}").utf8))
            default: out.append(e)
            }
        }
        return nil
    }

    func hex4(_ at: Int) -> UInt32? {
        var value: UInt32 = 0
        for k in at..<(at + 4) {
            guard let h = SyslogHeaderDecoder.hex(line[k]) else { return nil }
            value = value << 4 | UInt32(h)
        }
        return value
    }

    /// `[1, 2, 3]` as bytes (journald's non-UTF-8 MESSAGE).
    mutating func byteArray() -> [UInt8]? {
        guard expect(UInt8(ascii: "[")) else { return nil }
        var out: [UInt8] = []
        if expect(UInt8(ascii: "]")) { return out }
        while true {
            skipSpaces()
            var value = 0
            var digits = 0
            while i < line.count, let d = SyslogHeaderDecoder.digit(line[i]) {
                value = value * 10 + d
                digits += 1
                i += 1
                if value > 255 { return nil }  // not a byte; and a long digit run must not overflow
            }
            guard digits > 0, value <= 255 else { return nil }
            out.append(UInt8(value))
            if expect(UInt8(ascii: ",")) { continue }
            return expect(UInt8(ascii: "]")) ? out : nil
        }
    }

    mutating func skipValue() -> Bool {
        switch peek() {
        case UInt8(ascii: "\"")?: return string() != nil
        case UInt8(ascii: "[")?:
            i += 1
            if expect(UInt8(ascii: "]")) { return true }
            while true {
                guard skipValue() else { return false }
                if expect(UInt8(ascii: ",")) { continue }
                return expect(UInt8(ascii: "]"))
            }
        case UInt8(ascii: "{")?:
            i += 1
            if expect(UInt8(ascii: "}")) { return true }
            while true {
                guard string() != nil, expect(UInt8(ascii: ":")), skipValue() else { return false }
                if expect(UInt8(ascii: ",")) { continue }
                return expect(UInt8(ascii: "}"))
            }
        case .some:
            let start = i
            while i < line.count, line[i] != UInt8(ascii: ","), line[i] != UInt8(ascii: "}"), line[i] != UInt8(ascii: "]") { i += 1 }
            return i > start
        case nil:
            return false
        }
    }
}
