import Policy
public import RelayAuditCore
/// `privileged-password-old`: a privileged account's password is older than the policy's
/// `privileged_password_max_age_days`. In the seed story the spammer cracked an admin's old,
/// soft password; the longer a privileged password lives, the longer a leaked one works.
public struct PrivilegedPasswordOldRule: DirectoryRule {
    public let id = RuleID.privilegedPasswordOld
    public let summary = "A privileged account's password is older than the privileged limit."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.isEnabled, account.privileged, !account.isKrbtgt, let set = account.passwordLastSet else { return nil }
        let age = context.daysSince(set)
        let limit = context.thresholds.privilegedPasswordMaxAgeDays
        guard age > limit else { return nil }
        return RuleHit(
            "privileged account (\(account.privilegedVia.joined(separator: " → "))) with a password \(age) days old (limit \(limit))",
            evidence: Evidence.passwordAge(account, context) + [("threshold_days", .int(limit))] + Evidence.privilege(account)
        )
    }
}

extension RuleID {
    public static let privilegedPasswordOld = RuleID("privileged-password-old")
}
