public import Policy
public import RelayAuditCore

/// A detector at the campaign level: across accounts and addresses at once, for attacks no
/// single account or address shows: a botnet spraying passwords with one or two tries per
/// address over days, each address below every per-address threshold.
///
/// Add one: a type conforming to this in Detectors/Campaign/ with its `SignalID` constant, its
/// settings in Policies/default.yaml, one line in `CampaignDetectors.all`, and tests with the
/// attack and with the benign look-alikes it must leave alone.
public protocol CampaignDetector: Sendable {
    var id: SignalID { get }
    func detect(_ context: CampaignContext) -> [Campaign]
}

/// What a campaign detector reads: every address and every account, judged one by one.
public struct CampaignContext: Sendable {
    public var sources: [String: SourceActivity]
    public var accounts: [AccountReport]
    public var thresholds: LogThresholds
}

/// An attack seen across addresses and accounts.
public struct Campaign: Sendable {
    /// The detector that found it.
    public var id: SignalID
    public var detail: String
    public var first: Instant
    public var last: Instant
    /// The addresses that took part (all of them, or a sample when `addressCount` says more).
    public var addresses: [String]
    public var addressCount: Int
    /// The usernames tried.
    public var usernames: [String]
    /// Accounts that authenticated during or after the campaign from an address new to them.
    public var accountsEntered: [String]

    public init(id: SignalID, detail: String, first: Instant, last: Instant, addresses: [String], addressCount: Int,
                usernames: [String], accountsEntered: [String]) {
        self.id = id
        self.detail = detail
        self.first = first
        self.last = last
        self.addresses = addresses
        self.addressCount = addressCount
        self.usernames = usernames
        self.accountsEntered = accountsEntered
    }
}

/// The campaign detectors (none yet: the seam campaign detection plugs into).
public enum CampaignDetectors {
    public static let all: [any CampaignDetector] = []
}
