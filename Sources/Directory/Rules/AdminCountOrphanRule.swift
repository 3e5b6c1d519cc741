import Policy
public import RelayAuditCore
/// `admincount-orphan`: adminCount = 1 on an enabled account that is no longer in any
/// protected group. AdminSDHolder's locked-down ACL stays behind, and so, often, does an
/// admin-era password nobody rotates. PingCastle A-AdminSDHolder.
public struct AdminCountOrphanRule: DirectoryRule {
    public let id = RuleID.admincountOrphan
    public let summary = "An account keeps adminCount=1 but is no longer privileged."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.isEnabled, account.adminCount, !account.privileged else { return nil }
        return RuleHit(
            "adminCount=1 but no longer in a privileged group: a former admin whose protections and password outlived the role",
            evidence: [("admin_count", .int(1))] + Evidence.passwordAge(account, context)
        )
    }
}

extension RuleID {
    public static let admincountOrphan = RuleID("admincount-orphan")
}
