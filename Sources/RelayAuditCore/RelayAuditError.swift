/// Errors that end a run, each mapped to the exit status the interface promises:
/// 2 for usage or configuration errors, 3 for input errors (unreadable file, LDAP failure).
public enum RelayAuditError: Error, Sendable, CustomStringConvertible {
    /// The command line or a policy file is wrong. Exit 2.
    case configuration([Diagnostic])
    /// A usage problem without a file location. Exit 2.
    case usage(String)
    /// An input could not be read or parsed. Exit 3.
    case input([Diagnostic])
    /// The directory could not be reached, bound or searched. Exit 3.
    case directory(String)

    public var exitStatus: Int32 {
        switch self {
        case .configuration, .usage: 2
        case .input, .directory: 3
        }
    }

    public var description: String {
        switch self {
        case let .configuration(diagnostics), let .input(diagnostics):
            diagnostics.map(\.description).joined(separator: "\n")
        case let .usage(message), let .directory(message):
            message
        }
    }
}
