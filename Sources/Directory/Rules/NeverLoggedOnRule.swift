import Policy
public import RelayAuditCore
/// `never-logged-on`: an enabled account older than `never_logged_on_after_days` that has
/// never logged on. Nobody uses it, so nobody would notice someone else using it; a mail-log
/// AUTH by such an account is critical in the checker.
public struct NeverLoggedOnRule: DirectoryRule {
    public let id = RuleID.neverLoggedOn
    public let summary = "An enabled account has never logged on."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.isEnabled, !account.systemAccount, account.lastLogonRecorded, account.lastLogon == nil, let created = account.created else { return nil }
        let age = context.daysSince(created)
        let limit = context.thresholds.neverLoggedOnAfterDays
        guard age > limit else { return nil }
        return RuleHit(
            "enabled for \(age) days and never logged on",
            evidence: [("created", Evidence.date(created)), ("created_days_ago", .int(age)), ("threshold_days", .int(limit))]
                + Evidence.passwordAge(account, context)
        )
    }
}

extension RuleID {
    public static let neverLoggedOn = RuleID("never-logged-on")
}
