import Policy
public import RelayAuditCore
/// `password-too-old`: an enabled, unprivileged account's password is older than
/// `password_max_age_days` (privileged accounts and krbtgt have their own rules).
public struct PasswordTooOldRule: DirectoryRule {
    public let id = RuleID.passwordTooOld
    public let summary = "An enabled account's password is older than the limit."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.isEnabled, !account.privileged, !account.isKrbtgt, !account.systemAccount, let set = account.passwordLastSet else { return nil }
        let age = context.daysSince(set)
        let limit = context.thresholds.passwordMaxAgeDays
        guard age > limit else { return nil }
        return RuleHit(
            "the password is \(age) days old (limit \(limit))",
            evidence: Evidence.passwordAge(account, context) + [("threshold_days", .int(limit))]
        )
    }
}

extension RuleID {
    public static let passwordTooOld = RuleID("password-too-old")
}
