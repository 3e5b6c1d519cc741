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
    /// The spelling of the one username the address failed with, when it failed with one.
    public var onlyFailedName: String?
    /// Accounts whose logins from this address were their owner's (an address the account
    /// used before the incident began, with no abuse from it): the address is judged again
    /// with this known, after the attribution.
    public var ownerAccounts: Set<String> = []

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

    /// A device retrying an old password, not a guesser (`stale-client`), when the address is one:
    /// - it failed with one username only, one it also logged in as from here, before its
    ///   first failure or after its last login (the owner's phone at the owner's usual place);
    /// - or it never logged in as that name, failed with it alone, steadily, for at least the
    ///   policy's `min_hours` at no more than `max_per_hour` on average, outside any campaign:
    ///   a former employee's phone polling a disabled account, a printer with a changed
    ///   password. A guesser tries many names, or one name fast; a botnet's member is in its
    ///   campaign.
    public var staleDevice: StaleDevice? {
        if let stale = activity.staleClientTries {
            return StaleDevice(hash: stale.hash, failures: stale.failures, hours: 0, loggedIn: true)
        }
        let setting = settings[SignalID.staleClient.rawValue]
        guard setting?.enabled ?? false, activity.campaign == 0, activity.unnamedFailures == 0,
              let (hash, entry) = activity.tries.only, !entry.corrected, !activity.successHashes.contains(hash) else { return nil }
        let hours = Double(entry.last.seconds - entry.first.seconds) / 3600
        let minimum = setting?.parameters["min_hours"] ?? 24
        let rate = setting?.parameters["max_per_hour"] ?? 1
        guard hours >= minimum, Double(entry.failures) <= max(1, hours) * rate else { return nil }
        return StaleDevice(hash: hash, failures: Int(entry.failures), hours: Int(hours), loggedIn: false)
    }

    /// Its failures less those explained (typos corrected at once, a stale device's old
    /// password): what the failure detectors count.
    public var unexplainedFailures: Int {
        if !activity.isStaleClient, staleDevice != nil { return activity.unnamedFailures }
        return activity.unexplainedFailures
    }
}

/// A device with an old password (see `AddressContext.staleDevice`).
public struct StaleDevice: Sendable, Equatable {
    /// The username's `LoginHash`.
    public var hash: UInt64
    public var failures: Int
    /// Hours from its first failure to its last (for a device that never logged in).
    public var hours: Int
    /// Whether it also logged in as that name from the address.
    public var loggedIn: Bool
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
