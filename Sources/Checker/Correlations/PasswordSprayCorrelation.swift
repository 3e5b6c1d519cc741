import Directory
import LogAnalysis
public import RelayAuditCore

/// `password-spray`: one finding per password-spray campaign the logs show, with what only the
/// directory can add: how many of the usernames it tried are accounts here (and which), and
/// how many name no one. The accounts it got into carry the campaign in their own verdicts
/// (`campaign-success`); the plan forces a password change on every account it tried.
public struct PasswordSprayCorrelation: Correlation {
    public let id = RuleID.passwordSprayCampaign
    public let summary = "A password-spray campaign, with the directory accounts it tried."
    public init() {}

    static let accountsShown = 10

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        context.analysis.campaigns.map { campaign in
            let tried = CampaignDirectoryMatch.accountsTried(campaign, in: context.snapshot).map(\.name)
            let entered = campaign.entered.filter { $0.memberAddress || $0.memberNetwork }.map(\.account)
            var message = "password-spray campaign \(campaign.number), \(campaign.first.iso8601) → \(campaign.last.iso8601): "
                + "\(campaign.failures) failed logins from \(campaign.addressCount) addresses in \(campaign.networks.count) networks; "
                + "it tried \(tried.count) account(s) of this directory"
                + (tried.isEmpty ? "" : " (\(tried.prefix(Self.accountsShown).joined(separator: ", "))\(tried.count > Self.accountsShown ? ", …" : ""))")
                + " among \(campaign.usernamesEstimated ? "about " : "")\(campaign.usernameCount) usernames"
            if !entered.isEmpty { message += "; it got into \(entered.joined(separator: ", "))" }
            var hit = CorrelationHit(
                account: "campaign \(campaign.number)", dn: nil, logUser: nil, message: message,
                evidence: [("campaign", .int(campaign.number)), ("first", .string(campaign.first.iso8601)), ("last", .string(campaign.last.iso8601)),
                           ("failures", .int(campaign.failures)), ("addresses", .int(campaign.addressCount)),
                           ("networks", .int(campaign.networks.count)), ("usernames", .int(campaign.usernameCount)),
                           ("usernames_estimated", .bool(campaign.usernamesEstimated)),
                           ("directory_accounts_tried", .int(tried.count)), ("directory_accounts", .strings(tried)),
                           ("accounts_entered", .strings(entered))])
            hit.aboutAccount = false
            hit.namesAccount = false
            return hit
        }
    }
}

extension RuleID {
    /// The campaign's finding in `audit` (the campaign detector's own id).
    public static let passwordSprayCampaign = RuleID("password-spray")
}
