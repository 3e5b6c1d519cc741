import Policy
public import RelayAuditCore
/// `unreadable-account`: attributes the rules need could not be read, so the account's state
/// is unknown rather than assumed. Usually the bind lacks read rights; rerun with an account
/// that can read userAccountControl and pwdLastSet.
public struct UnreadableAccountRule: DirectoryRule {
    public let id = RuleID.unreadableAccount
    public let summary = "Attributes needed to judge an account could not be read."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard !account.unreadableAttributes.isEmpty else { return nil }
        return RuleHit(
            "could not read \(account.unreadableAttributes.joined(separator: ", ")): the account's state is unknown, not assumed enabled",
            evidence: [("unreadable_attributes", .strings(account.unreadableAttributes))]
        )
    }
}

extension RuleID {
    public static let unreadableAccount = RuleID("unreadable-account")
}
