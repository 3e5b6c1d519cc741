import Foundation

/// Splits the records of Microsoft's text logs into fields.
///
/// Exchange protocol and tracking logs and Microsoft 365 exports are CSV (RFC 4180: a field in
/// double quotes may hold commas and doubled quotes, e.g. `"250 2.6.0 <id> [InternalId=…,
/// Hostname=…] Queued mail for delivery"`); IIS W3C extended logs separate fields by one space
/// and write `-` for an empty one. These logs are small next to a Unix relay's, so fields
/// become Strings.
enum DelimitedRecord {
    static func csv(_ line: ByteLine) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        // A UTF-8 byte order mark on the first line is not part of the first field.
        if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF { index = 3 }
        var atFieldStart = true
        while index < line.count {
            let byte = line[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < line.count, line[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
                index += 1
                continue
            } else if byte == UInt8(ascii: "\""), atFieldStart {
                quoted = true
            } else if byte != 0x0D {
                field.append(byte)
            }
            atFieldStart = false
            index += 1
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }

    static func spaceSeparated(_ line: ByteLine) -> [String] {
        var fields: [String] = []
        var start = 0
        var end = line.count
        if end > 0, line[end - 1] == 0x0D { end -= 1 }
        while start <= end {
            let stop = line.firstIndex(of: UInt8(ascii: " "), from: start).map { min($0, end) } ?? end
            fields.append(line.slice(start, stop).string)
            start = stop + 1
        }
        return fields
    }
}

/// The `#Fields:` header of a W3C-style log: which column holds which field. A file may carry
/// several header blocks (the service restarted); each replaces the previous one.
struct FieldLayout {
    private(set) var columns: [String: Int] = [:]
    private(set) var count = 0

    init() {}

    init(names: [String]) {
        for (index, name) in names.enumerated() where columns[name.lowercased()] == nil { columns[name.lowercased()] = index }
        count = names.count
    }

    var isEmpty: Bool { count == 0 }

    /// The value of `name` in `fields`; nil when absent or written as `-`/empty.
    func value(_ name: String, in fields: [String]) -> String? {
        guard let index = columns[name], index < fields.count else { return nil }
        let value = fields[index]
        return value.isEmpty || value == "-" ? nil : value
    }

    func has(_ name: String) -> Bool { columns[name] != nil }

    /// The value of `name` as written, `-` included (Exchange's disconnect event is `-`).
    func raw(_ name: String, in fields: [String]) -> String? {
        guard let index = columns[name], index < fields.count else { return nil }
        return fields[index]
    }
}

extension ByteLine {
    /// `#Fields: a b c` (space-separated, IIS) or `#Fields: a,b,c` (Exchange): the names.
    var headerFieldNames: [String]? {
        guard hasPrefix("#Fields:") || hasPrefix("\u{FEFF}#Fields:") else { return nil }
        let text = string.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines)
        let separator: Character = text.contains(",") ? "," : " "
        return text.split(separator: separator).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
