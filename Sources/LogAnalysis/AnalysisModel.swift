public import RelayAuditCore
public import MailLogs

/// One piece of evidence against an account or an address: what was measured, against which
/// threshold. `detail` says it in words.
public struct LogSignal: Sendable, Equatable {
    public var id: SignalID
    public var detail: String
    public var value: Double
    public var threshold: Double

    public init(id: SignalID, detail: String, value: Double, threshold: Double) {
        self.id = id
        self.detail = detail
        self.value = value
        self.threshold = threshold
    }
}

public enum AccountVerdict: String, Sendable, Comparable {
    case compromised, suspicious, clean

    var rank: Int { self == .compromised ? 2 : (self == .suspicious ? 1 : 0) }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

public enum SourceVerdict: String, Sendable, Comparable {
    case attacker, suspicious, clean

    var rank: Int { self == .attacker ? 2 : (self == .suspicious ? 1 : 0) }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// The judgement of one account from the logs.
public struct AccountReport: Sendable {
    /// The account: the login's local part when its spellings were merged, else as logged.
    public var user: String
    public var verdict: AccountVerdict
    public var score: Double
    public var activity: IdentityActivity
    public var facts: AccountFacts
    public var signals: [LogSignal]
}

/// The judgement of one client address.
public struct SourceReport: Sendable {
    public var ip: String
    public var verdict: SourceVerdict
    public var activity: SourceActivity
    /// Accounts it authenticated as.
    public var accounts: [String]
    public var signals: [LogSignal]
}

/// Everything `logs` concluded.
public struct LogAnalysis: Sendable {
    /// Most suspicious first.
    public var accounts: [AccountReport]
    /// Attackers first.
    public var sources: [SourceReport]
    /// Attacks seen across accounts and addresses (the campaign detectors').
    public var campaigns: [Campaign]
    /// Campaign addresses left out of `sources` (they did nothing but fail as its members).
    public var campaignMembersFolded = 0
    /// Every username that failed, summarised.
    public var failedUsernames = FailedUsernamesSummary()
    /// Who made each account's logins from each address.
    public var attribution: Attribution
    /// The mail server's own addresses and helpers: the policy's, and those seen logging in
    /// to the server itself. Never attackers, never blocked.
    public var infrastructure = AddressRanges()
    /// The domains counted as the organization's.
    public var ownDomains: [String]
    /// True when they were inferred from the logs (the policy named none).
    public var ownDomainsInferred: Bool
    /// The directory's audit trail (Windows Security events, a DC's audit log): who created,
    /// enabled, changed or added what, in input order.
    public var directoryChanges: [LogEvent] = []
    /// Trail records past the bound, counted but not kept.
    public var directoryChangesDropped = 0
}
