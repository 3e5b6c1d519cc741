import Policy
public import RelayAuditCore
/// `password-never-expires`: an enabled account exempt from password expiry (AD
/// DONT_EXPIRE_PASSWORD, shadowMax 99999, a fine-grained PSO or ppolicy entry without a maximum
/// age while the default policy has one). A guessed or leaked
/// password stays valid for good. PingCastle S-PwdNeverExpires.
public struct PasswordNeverExpiresRule: DirectoryRule {
    public let id = RuleID.passwordNeverExpires
    public let summary = "An enabled account's password never expires."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.isEnabled, account.passwordNeverExpires else { return nil }
        let why = account.passwordNeverExpiresReason.map { " (\($0))" } ?? ""
        return RuleHit(
            "the password never expires\(why): a guessed or leaked password stays valid until someone changes it",
            evidence: [("reason", .optional(account.passwordNeverExpiresReason))] + Evidence.uac(account)
                + Evidence.passwordAge(account, context) + [("privileged", .bool(account.privileged))]
        )
    }
}

extension RuleID {
    public static let passwordNeverExpires = RuleID("password-never-expires")
}
