#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import RelayAuditCore

/// An open input: a regular file, or standard input when the path is `-`.
///
/// Opening fails with an error naming the file and the reason in words (missing, a directory,
/// no permission), never with a bare errno.
public final class InputFile {
    /// The path as the user gave it (`-` for stdin), used in every diagnostic.
    public let path: String
    let descriptor: Int32
    private let ownsDescriptor: Bool
    /// The size when known (regular files), for progress and sanity checks.
    public let size: Int64?

    public init(path: String) throws(RelayAuditError) {
        self.path = path
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
            size = nil
            return
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .input([Diagnostic(.error, file: path, message: Self.describe(errno: errno))])
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = Self.describe(errno: errno)
            close(fd)
            throw .input([Diagnostic(.error, file: path, message: reason)])
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw .input([Diagnostic(.error, file: path, message: "is a directory, not a file")])
        }
        descriptor = fd
        ownsDescriptor = true
        size = (info.st_mode & S_IFMT) == S_IFREG ? Int64(info.st_size) : nil
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Reads up to `buffer.count` bytes; 0 at end of input. Retries on EINTR.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(RelayAuditError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.read(descriptor, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw .input([Diagnostic(.error, file: path, message: "read failed: \(Self.describe(errno: errno))")])
        }
    }

    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a directory, not a file"
        case ELOOP: "too many symbolic links"
        case ENAMETOOLONG: "the path is too long"
        case EIO: "I/O error while reading"
        default: String(cString: strerror(code))
        }
    }
}
