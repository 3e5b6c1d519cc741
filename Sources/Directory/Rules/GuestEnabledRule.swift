import Policy
public import RelayAuditCore
/// `guest-enabled`: the built-in Guest account (RID 501, whatever it is called) is enabled.
///
/// Guest usually has no password (PASSWD_NOTREQD): if the mail server accepts directory
/// credentials for SMTP AUTH, an enabled Guest is an open relay with extra steps. PingCastle
/// A-Guest, MDI "Built-in Active Directory Guest account is enabled".
public struct GuestEnabledRule: DirectoryRule {
    public let id = RuleID.guestEnabled
    public let summary = "The built-in Guest account (RID 501) is enabled."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.isGuest, account.isEnabled else { return nil }
        let emptyPassword = account.passwordNotRequired ? " and may have an empty password (PASSWD_NOTREQD)" : ""
        return RuleHit(
            "the built-in Guest account (RID 501) is enabled\(emptyPassword): anyone can authenticate as it",
            evidence: [("rid", .int(501)), ("password_not_required", .bool(account.passwordNotRequired))]
                + Evidence.uac(account) + Evidence.passwordAge(account, context)
        )
    }
}

extension RuleID {
    public static let guestEnabled = RuleID("guest-enabled")
}
