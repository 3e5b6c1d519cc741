/// The measurements the account signals compare with thresholds, computed once per account.
public struct AccountFacts: Sendable {
    public init() {}

    public var maxIPsPerDay = 0
    public var maxNetworksPerDay = 0
    public var busiestIPDay: Int?
    public var maxMessagesPerHour = 0
    public var medianMessagesPerHour = 0
    public var busiestHour: Int?
    public var maxRecipientsPerHour = 0
    public var maxExternalDomainsPerDay = 0
    public var externalDomains = 0
    public var externalRecipients = 0
    public var forgedSenderMessages = 0
    public var forgedSenders: [String] = []
    public var mismatchedSenderMessages = 0
    public var ndr = 0
    public var bouncePercent = 0
    /// The worst source by failures before it authenticated as this account.
    public var bruteForce: (ip: String, failures: Int)?
    /// The worst source by usernames tried before it authenticated as this account.
    public var spray: (ip: String, users: Int)?
    public var guestLikeIdentity: String?
    /// The strongest login that ties the account to a password-spray campaign that tried it.
    public var campaignEntry: CampaignEntry?
}
