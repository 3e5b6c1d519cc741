#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib
public import RelayAuditCore

/// An open input: a regular file, a gzip-compressed file (rotated logs), or standard input
/// when the path is `-` (compressed or not).
///
/// Opening fails with an error naming the file and the reason in words (missing, a directory,
/// no permission), never with a bare errno. A gzip stream that ends early is an error, not a
/// silently shorter input.
public final class InputFile {
    /// The path as the user gave it (`-` for stdin), used in every diagnostic.
    public let path: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var gzip: gzFile?
    /// The on-disk size when known (regular files), for progress.
    public let size: Int64?
    /// Whether the content is decompressed on the fly.
    public let isCompressed: Bool
    /// Modification time of a regular file (seconds since the epoch): the reference for
    /// inferring the year of syslog timestamps that carry none.
    public let modificationTime: Instant?

    public init(path: String) throws(RelayAuditError) {
        self.path = path
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
            size = nil
            modificationTime = nil
            // zlib reads an uncompressed stream transparently, so stdin may be either.
            let copy = dup(0)
            guard copy >= 0, let handle = gzdopen(copy, "rb") else {
                throw .input([Diagnostic(.error, file: path, message: "cannot read standard input")])
            }
            gzbuffer(handle, 1 << 20)
            gzip = handle
            isCompressed = true
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
        let regular = (info.st_mode & S_IFMT) == S_IFREG
        size = regular ? Int64(info.st_size) : nil
        modificationTime = regular ? Instant(seconds: Int64(info.st_mtim.tv_sec)) : nil
        var magic: (UInt8, UInt8) = (0, 0)
        let peeked = regular ? withUnsafeMutableBytes(of: &magic) { pread(fd, $0.baseAddress, 2, 0) } : 0
        if peeked == 2, magic == (0x1F, 0x8B) {
            let copy = dup(fd)
            guard copy >= 0, let handle = gzdopen(copy, "rb") else {
                close(fd)
                throw .input([Diagnostic(.error, file: path, message: "cannot open the gzip stream")])
            }
            gzbuffer(handle, 1 << 20)
            gzip = handle
            isCompressed = true
        } else {
            isCompressed = false
        }
    }

    deinit {
        if let gzip { gzclose(gzip) }
        if ownsDescriptor { close(descriptor) }
    }

    /// Reads up to `buffer.count` bytes; 0 at end of input. Retries on EINTR.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(RelayAuditError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if let gzip {
            let n = gzread(gzip, base, UInt32(min(buffer.count, Int(Int32.max))))
            var code: Int32 = 0
            let message = gzerror(gzip, &code)
            if n < 0 || (code != Z_OK && code != Z_STREAM_END) {
                let detail = code == Z_BUF_ERROR ? "the gzip data ends early (truncated file?)"
                    : "gzip error: \(message.map { String(cString: $0) } ?? "unknown")"
                throw .input([Diagnostic(.error, file: path, message: detail)])
            }
            return Int(n)
        }
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
