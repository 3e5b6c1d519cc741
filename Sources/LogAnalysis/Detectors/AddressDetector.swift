public import Policy
public import RelayAuditCore

/// A detector at the address level: one look at what a client address did (`SourceActivity`)
/// and at the accounts it got into, after the accounts are judged. Each signal it raises
/// makes the address at least the verdict the policy's `address_signals:` gives it.
///
/// Add one: a type conforming to this in Detectors/Address/ with its `SignalID` constant, its
/// verdict in Policies/default.yaml `address_signals:` (and any threshold under `logs:`), one
/// line in `AddressDetectors.all`, and tests for a hit and a miss.
public protocol AddressDetector: Sendable {
    var id: SignalID { get }
    func evaluate(_ address: AddressContext) -> [AddressSignal]
}

/// A signal about an address, and the identity it concerns when it is about one of the
/// address's successful logins (signals are listed identity by identity).
public struct AddressSignal: Sendable {
    public var signal: LogSignal
    public var identity: String?

    public init(_ signal: LogSignal, identity: String? = nil) {
        self.signal = signal
        self.identity = identity
    }
}

/// What an address detector reads about one client address.
public struct AddressContext: Sendable {
    /// A number from `detector`'s policy entry (`relay_denials: 5`); nil when it has none.
    public func parameter(_ name: String, of detector: SignalID) -> Double? { settings[detector.rawValue]?.parameters[name] }

    public var ip: String
    public var activity: SourceActivity
    public var thresholds: LogThresholds
    /// The address detectors' settings, by signal id: a detector's own numbers (`parameters`)
    /// come with its entry in the policy's `address_signals:`.
    public var settings: [String: AddressSignalSetting]
    /// Each identity the address authenticated as (sorted), with the first success and the
    /// account the identity belongs to.
    public var logins: [Login]
    /// Forged-sender messages each compromised account sent from this address.
    public var forgedByAccount: [String: Int]

    public struct Login: Sendable {
        public var identity: String
        public var success: (time: Instant, failuresBefore: Int, usersBefore: Int)
        public var account: AccountReport

        public init(identity: String, success: (time: Instant, failuresBefore: Int, usersBefore: Int), account: AccountReport) {
            self.identity = identity
            self.success = success
            self.account = account
        }
    }

    public init(ip: String, activity: SourceActivity, thresholds: LogThresholds, settings: [String: AddressSignalSetting] = [:],
                logins: [Login], forgedByAccount: [String: Int]) {
        self.ip = ip
        self.activity = activity
        self.thresholds = thresholds
        self.settings = settings
        self.logins = logins
        self.forgedByAccount = forgedByAccount
    }
}

/// The address detectors, in the order reports list their signals (signals about one login
/// come after the others, login by login).
public enum AddressDetectors {
    public static let all: [any AddressDetector] = [
        FailureFloodDetector(), RepeatedFailuresDetector(), UsernameSprayDetector(), BruteForceLoginDetector(),
        RelayedForgedMailDetector(), UsedCompromisedAccountDetector(), RelayProbingDetector(),
        StaleClientDetector(),
    ]
}
