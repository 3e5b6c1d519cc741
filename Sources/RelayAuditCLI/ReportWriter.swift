#if canImport(Glibc)
import Glibc
#endif
import RelayAuditCore

/// Writes a report file with mode 0600 (it names accounts and addresses). A failed write
/// (disk full) removes the partial file and is an error: no truncated report is left behind
/// looking complete.
enum ReportWriter {
    /// Opens `path`, lets `body` write the report in pieces through the function it is given,
    /// then syncs and closes it. The pieces go straight to the file: a large report is never
    /// held whole in memory, nor copied on its way out.
    static func write(to path: String,
                      _ body: (_ piece: (String) throws(RelayAuditError) -> Void) throws(RelayAuditError) -> Void) throws(RelayAuditError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .input([Diagnostic(.error, file: path, message: "cannot create the report: \(String(cString: strerror(errno)))")])
        }
        // Only a regular file is ours to chmod or remove: `-o /dev/full` (or a FIFO) is not.
        var info = stat()
        let regular = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        if regular { fchmod(fd, 0o600) }
        var failure: Int32 = 0
        var bodyError: RelayAuditError?
        do {
            try body { (piece: String) throws(RelayAuditError) in
                failure = DescriptorWriter.write(piece, to: fd)
                if failure != 0 { throw .usage("write failed") }
            }
        } catch {
            if failure == 0 { bodyError = error }
        }
        if failure == 0, bodyError == nil, fsync(fd) != 0, errno != EINVAL { failure = errno }
        if close(fd) != 0, failure == 0, bodyError == nil { failure = errno }
        if failure != 0 || bodyError != nil {
            if regular { unlink(path) }
        }
        if let bodyError { throw bodyError }
        if failure != 0 {
            let removed = regular ? "; the partial file was removed" : ""
            throw .input([Diagnostic(.error, file: path, message: "cannot write the report (\(String(cString: strerror(failure))))" + removed)])
        }
    }

    static func write(_ text: String, to path: String) throws(RelayAuditError) {
        try write(to: path) { piece throws(RelayAuditError) in try piece(text) }
    }
}

/// `write(2)` until every byte of a String is out, retrying on EINTR, from the String's own
/// storage (no copy).
enum DescriptorWriter {
    /// 0, or the errno that stopped it.
    static func write(_ text: String, to fd: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { write(UnsafeRawBufferPointer($0), to: fd) }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
        guard let base = bytes.baseAddress else { return 0 }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }
}
