import Policy
public import RelayAuditCore
/// `recently-created`: an account created within `recently_created_days` of the audit.
/// Mid-incident, an account nobody remembers creating is the intruder's way back in; the
/// checker later compares creation times with the first abusive AUTH.
public struct RecentlyCreatedRule: DirectoryRule {
    public let id = RuleID.recentlyCreated
    public let summary = "An account was created recently (possible intruder persistence)."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard let created = account.created else { return nil }
        let age = context.daysSince(created)
        let window = context.thresholds.recentlyCreatedDays
        guard age >= 0, age <= window else { return nil }
        let privileged = account.privileged ? ", privileged (\(account.privilegedVia.joined(separator: " → ")))" : ""
        return RuleHit(
            "created \(age) day(s) ago\(privileged); confirm someone on staff created it",
            evidence: [("created", Evidence.date(created)), ("created_days_ago", .int(age)), ("window_days", .int(window)),
                       ("state", .string(account.state.rawValue)), ("privileged", .bool(account.privileged))]
                + Evidence.privilege(account)
        )
    }
}

extension RuleID {
    public static let recentlyCreated = RuleID("recently-created")
}
