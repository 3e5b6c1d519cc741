#if canImport(Glibc)
import Glibc
#endif
import CLDAP
public import RelayAuditCore

/// Where the bind password comes from. Never the command line: argv is visible to every user
/// on the machine through `ps` and `/proc`, and lands in shell history.
public enum PasswordSource: Sendable, Equatable {
    /// A file readable only by its owner; one trailing newline is removed.
    case file(String)
    /// An environment variable, removed from the environment once read.
    case environment(String)
    /// A no-echo prompt on the controlling terminal.
    case prompt

    /// Reads the password. Errors say what to do; none contains the password.
    ///
    /// First the process stops being dumpable: a crash from here on writes no core file
    /// holding the password, and other processes of the same user cannot read its memory.
    public func read(bindDN: String) throws(RelayAuditError) -> Secret {
        _ = cldap_forbid_core_dumps()
        let secret: Secret
        switch self {
        case let .file(path):
            secret = try Self.readFile(path)
        case let .environment(name):
            guard let value = getenv(name) else {
                throw .usage("--password-env \(name): the environment variable \(name) is not set")
            }
            secret = Secret(bytes: UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: strlen(value)))
            // Children we start (none today) and core files should not carry it.
            unsetenv(name)
        case .prompt:
            secret = try Self.prompt("Password for \(TerminalText.sanitize(bindDN)): ")
        }
        if secret.isEmpty {
            // RFC 4513 §5.1.2: a simple bind with a DN and an empty password is an
            // unauthenticated bind that many servers report as a success.
            throw .usage("the password is empty: an empty password makes an unauthenticated bind that servers report as success; refusing")
        }
        return secret
    }

    static func readFile(_ path: String) throws(RelayAuditError) -> Secret {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .input([Diagnostic(.error, file: path, message: "cannot open the password file: \(String(cString: strerror(errno)))")])
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw .input([Diagnostic(.error, file: path, message: "the password file is not a regular file")])
        }
        if info.st_mode & 0o077 != 0 {
            let mode = String(info.st_mode & 0o777, radix: 8)
            throw .input([Diagnostic(.error, file: path, message: "the password file is readable by group or others (mode \(mode)); run: chmod 600 \(ShellQuoting.quote(path))")])
        }
        let capacity = 4096
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer {
            explicit_bzero(buffer.baseAddress!, capacity)
            buffer.deallocate()
        }
        var count = 0
        while count < capacity {
            let n = Glibc.read(fd, buffer.baseAddress! + count, capacity - count)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            count += n
        }
        if count == capacity {
            throw .input([Diagnostic(.error, file: path, message: "the password file is larger than 4 KiB; it should hold only the password")])
        }
        if count > 0, buffer[count - 1] == 0x0A { count -= 1 }
        if count > 0, buffer[count - 1] == 0x0D { count -= 1 }
        return Secret(bytes: buffer[0..<count])
    }

    static func prompt(_ text: String) throws(RelayAuditError) -> Secret {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            throw .usage("a password is needed and there is no terminal to ask on: use --password-file FILE or --password-env VAR")
        }
        defer { close(fd) }
        _ = text.withCString { write(fd, $0, strlen($0)) }
        var saved = termios()
        let haveTermios = tcgetattr(fd, &saved) == 0
        if haveTermios {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ECHONL)
            tcsetattr(fd, TCSAFLUSH, &quiet)
        }
        defer { if haveTermios { tcsetattr(fd, TCSAFLUSH, &saved) } }
        let capacity = 1024
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer {
            explicit_bzero(buffer.baseAddress!, capacity)
            buffer.deallocate()
        }
        var count = 0
        var byte: UInt8 = 0
        while count < capacity, Glibc.read(fd, &byte, 1) == 1, byte != 0x0A {
            if byte != 0x0D {
                buffer[count] = byte
                count += 1
            }
        }
        byte = 0
        return Secret(bytes: buffer[0..<count])
    }
}
