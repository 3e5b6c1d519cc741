import RelayAuditCore
/// Whether an account can log on as far as the directory says.
///
/// `unknown` is not `enabled`: Active Directory returns `userAccountControl` 0 or omits it when
/// the bind lacks read rights, and treating that as "enabled" floods a report with false
/// findings (PingCastle issues #198, #361).
public enum EnabledState: String, Sendable {
    case enabled
    case disabled
    case unknown
}
