#if canImport(Glibc)
import Glibc
#endif
import RelayAuditCore

/// Writes a report file with mode 0600 (it names accounts and addresses). A failed write
/// (disk full) removes the partial file and is an error: no truncated report is left behind
/// looking complete.
enum ReportWriter {
    static func write(_ text: String, to path: String) throws(RelayAuditError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .input([Diagnostic(.error, file: path, message: "cannot create the report: \(String(cString: strerror(errno)))")])
        }
        // Only a regular file is ours to chmod or remove: `-o /dev/full` (or a FIFO) is not.
        var info = stat()
        let regular = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        if regular { fchmod(fd, 0o600) }
        var failure: Int32 = 0
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0, fsync(fd) != 0, errno != EINVAL { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            if regular { unlink(path) }
            let removed = regular ? "; the partial file was removed" : ""
            throw .input([Diagnostic(.error, file: path, message: "cannot write the report (\(String(cString: strerror(failure))))" + removed)])
        }
    }
}
