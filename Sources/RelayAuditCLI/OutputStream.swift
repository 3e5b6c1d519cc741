#if canImport(Glibc)
import Glibc
#endif
import RelayAuditCore

/// Buffered writes to stdout for streams of lines (NDJSON) and reports written in pieces. A
/// closed pipe (`| head`) ends the program quietly; any other write failure is an error, not a
/// silently shorter output.
struct StandardOutputStream {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 20) }

    /// Writes `text` as it is, straight from the String's storage (a report piece of a
    /// megabyte or more is not copied into the buffer first).
    mutating func write(text: String) throws(RelayAuditError) {
        try flush()
        try check(DescriptorWriter.write(text, to: 1))
    }

    mutating func write(line: String) throws(RelayAuditError) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws(RelayAuditError) {
        let failure = buffer.withUnsafeBytes { DescriptorWriter.write($0, to: 1) }
        buffer.removeAll(keepingCapacity: true)
        try check(failure)
    }

    private func check(_ failure: Int32) throws(RelayAuditError) {
        if failure == EPIPE { exit(0) }
        if failure != 0 {
            throw .input([Diagnostic(.error, file: "<stdout>", message: "cannot write: \(String(cString: strerror(failure)))")])
        }
    }
}
