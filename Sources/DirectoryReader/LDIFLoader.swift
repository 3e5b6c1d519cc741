public import Directory
import Foundation
import FileInput
public import RelayAuditCore

/// Reads an LDIF export (`--ldif FILE`) into a directory snapshot, streaming: the file is read
/// in chunks and each entry goes straight into the snapshot builder.
public enum LDIFLoader {
    /// Reads `path` (`-` for stdin). Any syntax error aborts with diagnostics naming file and
    /// line: an audit of half an export would silently miss accounts.
    public static func load(path: String, asOf: Instant, privilegedGroupNames: [String], keepPasswordValues: Bool = false) throws(RelayAuditError) -> DirectorySnapshot {
        let file = try InputFile(path: path)
        var parser = LDIFParser(file: path)
        var builder = DirectorySnapshotBuilder(kind: .unknown, source: path, asOf: asOf, privilegedGroupNames: privilegedGroupNames,
                                               keepPasswordValues: keepPasswordValues)
        var entries = 0
        try LineReader().forEachLine(in: file) { line throws(RelayAuditError) in
            if line.truncated {
                throw .input([Diagnostic(.error, file: path, line: line.number, message: "line longer than 1 MiB: not an LDIF export")])
            }
            if let entry = parser.feed(line: Array(line.bytes)[...], number: line.number) {
                builder.add(entry)
                entries += 1
            }
            if parser.diagnostics.count >= LDIFParser.maximumDiagnostics {
                throw .input(parser.diagnostics)
            }
        }
        if let entry = parser.finish() {
            builder.add(entry)
            entries += 1
        }
        if !parser.diagnostics.isEmpty { throw .input(parser.diagnostics) }
        if entries == 0 {
            throw .input([Diagnostic(.error, file: path, message: "contains no LDIF entries")])
        }
        return builder.finish()
    }
}
