/// The `logs:` section of the policy: how accounts and client addresses are judged from mail
/// logs. Values come from the policy file (built-in default: `Policies/default.yaml`).
public struct LogThresholds: Sendable, Equatable {
    public var clientIPsPerDay: Int
    public var clientNetworksPerDay: Int
    public var messagesPerHour: Int
    public var baselineFactor: Int
    public var burstMinimumMessagesPerHour: Int
    public var recipientsPerHour: Int
    public var externalDomainsPerDay: Int
    public var forgedSenderMessages: Int
    public var mismatchedSenderMessages: Int
    public var ndrCount: Int
    public var bouncePercent: Int
    public var failuresBeforeSuccess: Int
    public var sprayUsers: Int
    /// Lower-cased.
    public var guestLikeNames: [String]
    public var attackerFailures: Int
    public var attackerUsersTried: Int
    public var suspiciousFailures: Int
    /// The server's own addresses and helpers (addresses or CIDRs), as the policy lists them.
    public var infrastructureAddresses: [String] = []
    public var joinExpiryHours: Int
    public var compromisedScore: Double
    public var suspiciousScore: Double
}

/// Whether an address signal counts, and what it makes the address at least: `attacker` or
/// `suspicious` (the spelling of the address verdicts).
public struct AddressSignalSetting: Sendable, Equatable {
    public var enabled: Bool
    public var verdict: String
    /// The detector's own numbers (any other key of its entry), so a new detector brings its
    /// thresholds in its policy entry without a change to the policy's code.
    public var parameters: [String: Double]

    public init(enabled: Bool, verdict: String, parameters: [String: Double] = [:]) {
        self.enabled = enabled
        self.verdict = verdict
        self.parameters = parameters
    }
}

/// Whether a campaign detector runs, and its own numbers (`min_addresses: 20`).
public struct CampaignSetting: Sendable, Equatable {
    public var enabled: Bool
    public var parameters: [String: Double]

    public init(enabled: Bool, parameters: [String: Double] = [:]) {
        self.enabled = enabled
        self.parameters = parameters
    }
}

/// Whether a log signal counts and how much.
public struct SignalSetting: Sendable, Equatable {
    public var enabled: Bool
    public var weight: Double
    /// The detector's own numbers (any other key of its entry).
    public var parameters: [String: Double]

    public init(enabled: Bool, weight: Double, parameters: [String: Double] = [:]) {
        self.enabled = enabled
        self.weight = weight
        self.parameters = parameters
    }
}
