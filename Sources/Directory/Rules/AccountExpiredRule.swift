import Policy
public import RelayAuditCore
/// `account-expired`: the account's expiry date has passed but it is still enabled. It cannot
/// log on today, yet extending the date revives an old password: disable it instead.
public struct AccountExpiredRule: DirectoryRule {
    public let id = RuleID.accountExpired
    public let summary = "An enabled account has passed its expiry date."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.isEnabled, let expires = account.expires, expires < context.asOf else { return nil }
        return RuleHit(
            "expired \(context.daysSince(expires)) day(s) ago but still enabled",
            evidence: [("expires", Evidence.date(expires))] + Evidence.passwordAge(account, context)
        )
    }
}

extension RuleID {
    public static let accountExpired = RuleID("account-expired")
}
