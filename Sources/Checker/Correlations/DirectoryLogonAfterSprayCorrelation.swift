import Directory
import LogAnalysis
public import RelayAuditCore

/// `directory-logon-after-spray`: a password-spray campaign tried an account, then the account
/// logged on to a domain controller (Kerberos, NTLM, an LDAP bind) from one of the campaign's
/// addresses or networks: the spray found its password. The mail logs never show it (the
/// account may have no mailbox at all), and an intruder with a directory account reaches the
/// mail server and everything else. From a campaign's own address the logon is the attacker's
/// (compromised); from another address in its networks it may be the owner's (suspicious).
public struct DirectoryLogonAfterSprayCorrelation: Correlation {
    public let id = RuleID.directoryLogonAfterSpray
    public let summary = "A password-spray campaign tried an account that then logged on to a domain controller from the campaign's addresses."
    public init() {}

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        let byName = Dictionary(context.snapshot.accounts.map { (PasswordSprayCampaignDetector.bareName($0.name), $0) },
                                uniquingKeysWith: { a, _ in a })
        return context.analysis.campaigns.flatMap { campaign in
            campaign.entered.filter { $0.directory && ($0.memberAddress || $0.memberNetwork) }.map { entry in
                let account = byName[PasswordSprayCampaignDetector.bareName(entry.account)]
                return CorrelationHit(
                    account: account?.name ?? entry.account, dn: account?.dn, logUser: nil,
                    message: "password-spray campaign \(campaign.number) made \(entry.failuresOnAccount) failed tr\(entry.failuresOnAccount == 1 ? "y" : "ies") "
                        + "on it from \(entry.firstTry.iso8601); it then logged on to a domain controller as \(entry.identity) \(entry.how) "
                        + "at \(entry.time.iso8601): the spray found its password",
                    evidence: [("campaign", .int(campaign.number)), ("identity", .string(entry.identity)), ("address", .string(entry.address)),
                               ("logon", .string(entry.time.iso8601)), ("campaign_address", .bool(entry.memberAddress)),
                               ("failures_on_account", .int(entry.failuresOnAccount)), ("first_try", .string(entry.firstTry.iso8601))],
                    implies: entry.memberAddress ? .compromised : .suspicious)
            }
        }
    }
}

extension RuleID {
    public static let directoryLogonAfterSpray = RuleID("directory-logon-after-spray")
}
