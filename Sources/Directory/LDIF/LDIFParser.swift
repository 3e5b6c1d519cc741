public import RelayAuditCore
import Foundation

/// A push parser for LDIF content records (RFC 2849) as written by `ldapsearch`, `slapcat`
/// and `ldifde`: feed it physical lines, it hands back complete entries.
///
/// Handles `version:`, comments (including folded comments and ldapsearch's `# refldap://…`
/// reference lines), folded lines, `::` base64 values, blank-line record separators, CRLF,
/// ldifde's `changetype: add`, and ldapsearch's own records: `ref:` search references are
/// skipped and the `search:`/`result:` record is checked, because `result: 4 Size limit
/// exceeded` means the export is incomplete and must not be audited as if it were whole.
public struct LDIFParser {
    public let file: String
    private var logical: [UInt8] = []
    private var logicalLine = 0
    private var logicalIsComment = false
    private var record: [(line: Int, name: String, value: [UInt8])] = []
    private var sawVersion = false
    public private(set) var diagnostics: [Diagnostic] = []

    /// Stop collecting after this many errors: a binary file would otherwise yield one per line.
    public static let maximumDiagnostics = 20

    public init(file: String) { self.file = file }

    /// Feeds one physical line (without its line feed) numbered from 1; returns any entry it completes.
    public mutating func feed(line rawLine: ArraySlice<UInt8>, number: Int) -> DirectoryEntry? {
        var line = rawLine
        if line.last == 0x0D { line = line.dropLast() }
        if line.first == 0x20 {
            // A continuation: append without its leading space.
            if logicalLine == 0 {
                error(line: number, "a continuation line (starting with a space) with nothing to continue")
            } else {
                logical.append(contentsOf: line.dropFirst())
            }
            return nil
        }
        finishLogicalLine()
        if line.isEmpty { return finishRecord() }
        logical = Array(line)
        logicalLine = number
        logicalIsComment = line.first == UInt8(ascii: "#")
        return nil
    }

    /// Ends the input; returns the last entry if the file did not end with a blank line.
    public mutating func finish() -> DirectoryEntry? {
        finishLogicalLine()
        return finishRecord()
    }

    private mutating func finishLogicalLine() {
        defer {
            logical = []
            logicalLine = 0
            logicalIsComment = false
        }
        guard logicalLine != 0, !logicalIsComment else { return }
        guard let colon = logical.firstIndex(of: UInt8(ascii: ":")) else {
            error(line: logicalLine, "expected 'attribute: value', found no colon")
            return
        }
        let name = String(decoding: logical[..<colon], as: UTF8.self)
        guard !name.isEmpty, name.utf8.allSatisfy(Self.isAttributeDescriptionByte) else {
            error(line: logicalLine, "'\(TerminalText.sanitize(String(name.prefix(60))))' is not an attribute name")
            return
        }
        var rest = logical[(colon + 1)...]
        let value: [UInt8]
        if rest.first == UInt8(ascii: ":") {
            rest = rest.dropFirst()
            let text = String(decoding: rest, as: UTF8.self).trimmingSpaces
            guard let decoded = Data(base64Encoded: text) else {
                error(line: logicalLine, "the base64 value of '\(name)' is not valid base64")
                return
            }
            value = Array(decoded)
        } else if rest.first == UInt8(ascii: "<") {
            error(line: logicalLine, "'\(name):<' URL values are not supported; export the value inline")
            return
        } else {
            while rest.first == 0x20 { rest = rest.dropFirst() }
            value = Array(rest)
        }
        if name.lowercased() == "version", record.isEmpty, !sawVersion {
            sawVersion = true
            return
        }
        record.append((logicalLine, name, value))
    }

    private mutating func finishRecord() -> DirectoryEntry? {
        defer { record = [] }
        guard let first = record.first else { return nil }
        let lowerFirst = first.name.lowercased()
        if lowerFirst == "search" || lowerFirst == "result" {
            checkSearchResult()
            return nil
        }
        if lowerFirst == "ref" { return nil }  // a search continuation reference
        guard lowerFirst == "dn" else {
            error(line: first.line, "a record must start with 'dn:', found '\(TerminalText.sanitize(first.name))'")
            return nil
        }
        var entry = DirectoryEntry(dn: String(decoding: first.value, as: UTF8.self))
        for item in record.dropFirst() {
            switch item.name.lowercased() {
            case "changetype":
                let type = String(decoding: item.value, as: UTF8.self).lowercased()
                if type != "add" {
                    error(line: item.line, "'changetype: \(TerminalText.sanitize(type))' is a change record, not an export; only entries (or 'changetype: add') can be audited")
                    return nil
                }
            case "control":
                continue
            default:
                entry.append(item.name, [item.value])
            }
        }
        return entry
    }

    /// ldapsearch writes `search: N` / `result: CODE TEXT` after each page; non-zero is a truncated export.
    private mutating func checkSearchResult() {
        guard let result = record.first(where: { $0.name.lowercased() == "result" }) else { return }
        let text = String(decoding: result.value, as: UTF8.self)
        let code = text.split(separator: " ").first.flatMap { Int($0) }
        if code != 0 {
            error(line: result.line, "the export records 'result: \(TerminalText.sanitize(text))': the search that wrote it did not complete, so the file is incomplete")
        }
    }

    private mutating func error(line: Int, _ message: String) {
        guard diagnostics.count < Self.maximumDiagnostics else { return }
        diagnostics.append(Diagnostic(.error, file: file, line: line, message: message))
    }

    /// Letters, digits, `-`, `;` (options), `.` (OIDs), and `=` for AD's `member;range=0-1499`.
    static func isAttributeDescriptionByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "-") || b == UInt8(ascii: ";") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
            || b == UInt8(ascii: "=")
    }
}
