import Policy
public import RelayAuditCore
/// `stale-account`: an enabled account nobody has logged on with for `stale_after_days`.
///
/// Forgotten accounts keep their old passwords and nobody notices when they start sending
/// mail. AD's `lastLogonTimestamp` lags the real logon by up to 14 days, so an account is
/// called stale only if it would still be stale had the real logon been that much later; the
/// evidence shows both bounds.
public struct StaleAccountRule: DirectoryRule {
    public let id = RuleID.staleAccount
    public let summary = "An enabled account has not logged on within the stale window."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.isEnabled, !account.systemAccount, let last = account.lastLogon, let source = account.lastLogonSource else { return nil }
        let recorded = context.daysSince(last)
        let lag = source.lags ? context.thresholds.lastLogonTimestampLagDays : 0
        let atLeast = recorded - lag
        let limit = context.thresholds.staleAfterDays
        guard atLeast > limit else { return nil }
        let when = lag > 0 ? "between \(atLeast) and \(recorded) days ago (\(source.rawValue) lags by up to \(lag) days)"
            : "\(recorded) days ago"
        return RuleHit(
            "enabled but last logged on \(when); limit \(limit) days",
            evidence: [
                ("last_logon", Evidence.date(last)), ("last_logon_source", .string(source.rawValue)),
                ("days_since_logon_min", .int(atLeast)), ("days_since_logon_max", .int(recorded)),
                ("threshold_days", .int(limit)),
            ]
        )
    }
}

extension RuleID {
    public static let staleAccount = RuleID("stale-account")
}
