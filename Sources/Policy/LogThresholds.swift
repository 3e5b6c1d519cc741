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
    public var joinExpiryHours: Int
    public var compromisedScore: Double
    public var suspiciousScore: Double
}

/// Whether an address signal counts, and what it makes the address at least: `attacker` or
/// `suspicious` (the spelling of the address verdicts).
public struct AddressSignalSetting: Sendable, Equatable {
    public var enabled: Bool
    public var verdict: String

    public init(enabled: Bool, verdict: String) {
        self.enabled = enabled
        self.verdict = verdict
    }
}

/// Whether a log signal counts and how much.
public struct SignalSetting: Sendable, Equatable {
    public var enabled: Bool
    public var weight: Double

    public init(enabled: Bool, weight: Double) {
        self.enabled = enabled
        self.weight = weight
    }
}
