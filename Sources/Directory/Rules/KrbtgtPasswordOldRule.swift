import Policy
public import RelayAuditCore
/// `krbtgt-password-old`: the krbtgt account (RID 502) password, which signs every Kerberos
/// ticket, is older than `krbtgt_password_max_age_days`. After a compromise it must be reset
/// twice, at least ten hours apart (Microsoft's New-KrbtgtKeys.ps1). krbtgt is always disabled;
/// the rule applies regardless.
public struct KrbtgtPasswordOldRule: DirectoryRule {
    public let id = RuleID.krbtgtPasswordOld
    public let summary = "The krbtgt password (RID 502) is older than the limit."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.isKrbtgt, let set = account.passwordLastSet else { return nil }
        let age = context.daysSince(set)
        let limit = context.thresholds.krbtgtPasswordMaxAgeDays
        guard age > limit else { return nil }
        return RuleHit(
            "the krbtgt password is \(age) days old (limit \(limit)); forged Kerberos tickets stay valid until it is reset twice",
            evidence: Evidence.passwordAge(account, context) + [("threshold_days", .int(limit))]
        )
    }

    /// The age in days a finding of this rule recorded (its evidence is spelled here only).
    public static func passwordAgeDays(_ finding: Finding) -> Int? {
        guard finding.rule == .krbtgtPasswordOld, case let .int(days)? = finding.evidence["password_age_days"] else { return nil }
        return days
    }
}

extension RuleID {
    public static let krbtgtPasswordOld = RuleID("krbtgt-password-old")
}
