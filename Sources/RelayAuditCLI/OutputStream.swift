#if canImport(Glibc)
import Glibc
#endif
import RelayAuditCore

/// Buffered writes to stdout for streams of lines (NDJSON). A closed pipe (`| head`) ends the
/// program quietly; any other write failure is an error, not a silently shorter output.
struct StandardOutputStream {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 20) }

    /// Writes `text` as it is and flushes: a whole report.
    mutating func write(text: String) throws(RelayAuditError) {
        buffer.append(contentsOf: text.utf8)
        try flush()
    }

    mutating func write(line: String) throws(RelayAuditError) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws(RelayAuditError) {
        var offset = 0
        var failure: Int32 = 0
        buffer.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let n = Glibc.write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if failure == EPIPE { exit(0) }
        if failure != 0 {
            throw .input([Diagnostic(.error, file: "<stdout>", message: "cannot write: \(String(cString: strerror(failure)))")])
        }
    }
}
