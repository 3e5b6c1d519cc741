import Policy
public import RelayAuditCore
/// `kerberoastable-user`: an enabled user account (not a computer, not krbtgt) with a
/// servicePrincipalName. Any domain user can request a service ticket encrypted with its
/// password hash and crack it offline; a privileged one (PingCastle P-Kerberoasting) is the
/// worst case.
public struct KerberoastableUserRule: DirectoryRule {
    public let id = RuleID.kerberoastableUser
    public let summary = "An enabled user account has a servicePrincipalName (Kerberoasting)."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.isEnabled, !account.isKrbtgt, !account.servicePrincipalNames.isEmpty else { return nil }
        let who = account.privileged ? "a privileged account" : "a user account"
        return RuleHit(
            "\(who) with a servicePrincipalName: any domain user can request a ticket and crack its password offline",
            evidence: [("service_principal_names", .strings(account.servicePrincipalNames)), ("privileged", .bool(account.privileged))]
                + Evidence.privilege(account) + Evidence.passwordAge(account, context)
        )
    }
}

extension RuleID {
    public static let kerberoastableUser = RuleID("kerberoastable-user")
}
