import Policy
public import RelayAuditCore
/// `account-locked`: the account is locked out now: someone has been guessing its password.
/// During a spray, the locked accounts are the ones the attacker targeted.
public struct AccountLockedRule: DirectoryRule {
    public let id = RuleID.accountLocked
    public let summary = "An account is locked out after failed password attempts."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.lockedOut, account.state != .disabled else { return nil }
        let since = account.lockedSince.map { " since \($0.iso8601)" } ?? ""
        return RuleHit(
            "locked out\(since) after failed password attempts",
            evidence: [("locked_since", Evidence.date(account.lockedSince)), ("bad_password_count", .optional(account.badPasswordCount))]
        )
    }
}

extension RuleID {
    public static let accountLocked = RuleID("account-locked")
}
