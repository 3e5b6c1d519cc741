public import Policy
public import RelayAuditCore

/// A detector at the campaign level: across accounts and addresses at once, for attacks no
/// single account or address shows: a botnet spraying passwords with one or two tries per
/// address over days, each address below every per-address threshold.
///
/// Add one: a type conforming to this in Detectors/Campaign/ with its `SignalID` constant, its
/// entry in Policies/default.yaml `campaigns:`, one line in `CampaignDetectors.all`, and tests
/// with the attack and with the benign look-alikes it must leave alone.
///
/// Campaigns are found before accounts are judged: an account a campaign got into carries that
/// into its verdict (`AccountFacts.campaignEntry`), and a campaign's addresses are reported as
/// its members rather than one by one.
public protocol CampaignDetector: Sendable {
    var id: SignalID { get }
    func detect(_ context: CampaignContext) -> [Campaign]
}

/// What a campaign detector reads: every address, every username that failed, and the
/// accounts the logins belong to.
public struct CampaignContext: Sendable {
    public var sources: SourceTable
    public var failedUsernames: FailedUsernames
    /// The account each identity key (lower-cased login) belongs to.
    public var accountOf: [String: String]
    /// The organization's domains, to know `alice@own.domain` tries `alice`.
    public var ownDomains: [String]
    public var thresholds: LogThresholds
    public var setting: CampaignSetting

    public init(sources: SourceTable, failedUsernames: FailedUsernames, accountOf: [String: String], ownDomains: [String],
                thresholds: LogThresholds, setting: CampaignSetting) {
        self.sources = sources
        self.failedUsernames = failedUsernames
        self.accountOf = accountOf
        self.ownDomains = ownDomains
        self.thresholds = thresholds
        self.setting = setting
    }

    /// A number from the detector's policy entry, or `fallback`.
    public func parameter(_ name: String, default fallback: Double) -> Double { setting.parameters[name] ?? fallback }
}

/// The campaign detectors.
public enum CampaignDetectors {
    public static let all: [any CampaignDetector] = [PasswordSprayCampaignDetector()]
}
