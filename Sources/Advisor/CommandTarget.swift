/// A system a plan command is written for: the interface's `commands[].target`.
///
/// The directory targets follow the directory that was read, the MTA targets the logs that
/// were read, and `firewall` is always there. A templates file naming any other target is an
/// error at load, not a command that can never be chosen.
public enum CommandTarget: String, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case activeDirectory = "active-directory"
    case samba
    case openldap
    case ds389 = "389ds"
    case freeipa
    /// Zimbra: `zmprov` for its directory and the Postfix under /opt/zimbra (configured
    /// through zmprov, since zmconfigd rewrites main.cf).
    case zimbra
    case postfix
    case exim
    case sendmail
    case exchange
    case firewall

    /// Interpolated as the interface spells it.
    public var description: String { rawValue }

    public static func < (lhs: CommandTarget, rhs: CommandTarget) -> Bool { lhs.rawValue < rhs.rawValue }
}
