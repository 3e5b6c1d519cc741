#if canImport(Glibc)
import Glibc
#endif
import RelayAuditCore

/// Writing to the terminal: diagnostics on stderr, `relay-audit: error:` prefixes, colour
/// only on a TTY without `NO_COLOR`.
enum Console {
    static func write(stderr text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    static func warning(_ message: String) {
        write(stderr: "relay-audit: warning: \(message)\n")
    }

    static func error(_ error: RelayAuditError) {
        switch error {
        case .configuration, .input:
            // Diagnostics already read `file:line: error: …`.
            write(stderr: error.description + "\n")
        case .usage, .directory:
            write(stderr: "relay-audit: error: \(error.description)\n")
        }
    }

    /// True when `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// Colour for output on `descriptor`: a terminal, `NO_COLOR` unset (no-color.org), `TERM` not dumb.
    static func wantsColor(_ descriptor: Int32) -> Bool {
        guard isTerminal(descriptor) else { return false }
        if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }
}
