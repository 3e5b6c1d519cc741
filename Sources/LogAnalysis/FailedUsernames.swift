public import RelayAuditCore

/// Every username that failed to log in, counted once per name: what the attackers tried.
///
/// These are counted, not kept as accounts: a spray of a million invented names must not make
/// a million account records. The table is exact up to `capacity` names; past it, further
/// names are only counted in a `HyperLogLog` (the distinct count is then an estimate, and the
/// reports say so), while names already in the table keep their exact counts.
public struct FailedUsernames: Sendable {
    public struct Name: Sendable, Equatable {
        /// The name as first logged.
        public var spelling: String
        public var failures: Int
        /// Distinct client addresses that tried it.
        public var addresses: Int
        /// The first and last failure (`distantFuture`/`distantPast` when none).
        public var first = Instant.distantFuture
        public var last = Instant.distantPast
    }

    public private(set) var byHash: [UInt64: Name] = [:]
    /// Failed attempts that named a user.
    public private(set) var failures = 0
    /// Names in the table with at least one failure (the table also holds names that only
    /// logged in, so a later failure of theirs is counted exactly).
    private var failedInTable = 0
    private var overflow = HyperLogLog()

    /// Names kept exactly (about 100 bytes each).
    public static let capacity = 200_000

    public init() {}

    /// Records `attempts` failures of the name with fingerprint `hash`; `newAddress` when this
    /// address had not tried it before.
    mutating func add(spelling: String, hash: UInt64, attempts: Int, newAddress: Bool, at time: Instant) {
        failures += attempts
        if let index = byHash.index(forKey: hash) {
            if byHash.values[index].failures == 0, attempts > 0 { failedInTable += 1 }
            byHash.values[index].failures += attempts
            if newAddress { byHash.values[index].addresses += 1 }
            byHash.values[index].first = min(byHash.values[index].first, time)
            byHash.values[index].last = max(byHash.values[index].last, time)
        } else if byHash.count < Self.capacity {
            byHash[hash] = Name(spelling: spelling, failures: attempts, addresses: newAddress ? 1 : 0, first: time, last: time)
            if attempts > 0 { failedInTable += 1 }
        } else {
            overflow.add(hash)
        }
    }

    /// Makes sure a name that logged in is tracked exactly from now on, even past the capacity.
    mutating func track(spelling: String, hash: UInt64) {
        if byHash[hash] == nil { byHash[hash] = Name(spelling: spelling, failures: 0, addresses: 0) }
    }

    /// Distinct names that failed (an estimate when `isEstimate`).
    public var distinct: Int { failedInTable + overflow.estimate }
    /// Names past the table's capacity (an estimate; none of them logged in, or it would be
    /// in the table).
    public var untrackedEstimate: Int { overflow.estimate }
    /// Whether more names were tried than the table holds.
    public var isEstimate: Bool { !overflow.isEmpty }

    /// The most-tried names of those in the table, most failures first.
    public func top(_ limit: Int, excluding: Set<UInt64> = []) -> [Name] {
        var top = TopK<Name>(limit) { ($0.failures, $1.spelling) < ($1.failures, $0.spelling) }
        for (hash, name) in byHash where name.failures > 0 && !excluding.contains(hash) { top.add(name) }
        return top.sorted
    }
}

/// What reports say about the usernames that failed: how many (exact or estimated), how many
/// failures, and the most-tried names that never logged in.
public struct FailedUsernamesSummary: Sendable {
    public var distinct = 0
    public var isEstimate = false
    public var failures = 0
    /// Distinct names that never logged in (an estimate when `isEstimate`).
    public var neverLoggedIn = 0
    /// The most-tried of those (up to `FailedUsernamesSummary.listed`).
    public var top: [FailedUsernames.Name] = []

    public static let listed = 100

    public init() {}

    public init(_ names: FailedUsernames, loggedIn: Set<UInt64>) {
        distinct = names.distinct
        isEstimate = names.isEstimate
        failures = names.failures
        var tracked = 0
        for (hash, name) in names.byHash where name.failures > 0 && !loggedIn.contains(hash) { tracked += 1 }
        neverLoggedIn = tracked + names.untrackedEstimate
        top = names.top(Self.listed, excluding: loggedIn)
    }
}
