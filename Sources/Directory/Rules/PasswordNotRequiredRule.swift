import Policy
public import RelayAuditCore
/// `password-not-required`: userAccountControl PASSWD_NOTREQD (0x20) on an enabled account.
///
/// The domain's length policy does not apply: the account may have an empty password.
/// PingCastle S-PwdNotRequired; MDI "unsecure account attributes".
public struct PasswordNotRequiredRule: DirectoryRule {
    public let id = RuleID.passwordNotRequired
    public let summary = "An enabled account has PASSWD_NOTREQD: its password may be empty."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.isEnabled, account.passwordNotRequired else { return nil }
        return RuleHit(
            "PASSWD_NOTREQD is set: the password policy does not apply and the password may be empty",
            evidence: Evidence.uac(account) + Evidence.passwordAge(account, context)
        )
    }
}

extension RuleID {
    public static let passwordNotRequired = RuleID("password-not-required")
}
