import Policy
public import RelayAuditCore
/// `asrep-roastable`: DONT_REQ_PREAUTH (0x400000): anyone, without credentials, can request an
/// AS-REP encrypted with the account's password hash and crack it offline.
public struct AsrepRoastableRule: DirectoryRule {
    public let id = RuleID.asrepRoastable
    public let summary = "An enabled account does not require Kerberos pre-authentication."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.isEnabled, account.preauthNotRequired else { return nil }
        return RuleHit(
            "Kerberos pre-authentication is not required (DONT_REQ_PREAUTH): the password hash can be requested and cracked without credentials",
            evidence: Evidence.uac(account) + Evidence.passwordAge(account, context) + Evidence.privilege(account)
        )
    }
}

extension RuleID {
    public static let asrepRoastable = RuleID("asrep-roastable")
}
