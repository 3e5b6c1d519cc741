public import RelayAuditCore

/// The failed logins of one client address, per username tried (by `LoginHash`): how many,
/// first and last. Compact for the common case of an address that tried one name (a botnet
/// member trying once): that one is kept inline, with no allocation; a map only for addresses
/// that tried several.
public struct FailedTries: Sendable {
    public struct Entry: Sendable, Equatable {
        public var failures: UInt32
        /// The address logged in as this name within `correctionWindow` of a failure: a user
        /// who mistyped and then got it right, not a guess.
        public var corrected = false
        public var first: Instant
        public var last: Instant

        public init(failures: UInt32, first: Instant, last: Instant, corrected: Bool = false) {
            self.failures = failures
            self.first = first
            self.last = last
            self.corrected = corrected
        }
    }

    /// How soon after a failure a login as the same name from the same address means the user
    /// corrected a typo (a mail client asks again at once; a person retypes within minutes).
    /// A spray that comes back later with a cracked password is not corrected.
    public static let correctionWindow: Int64 = 600

    /// The most failures a correction explains: a person retypes, and a mail client retries a
    /// few times before asking; forty failures and then a login is a guesser that got in.
    public static let correctionLimit: UInt32 = 5

    private enum Storage: Sendable {
        case none
        case one(UInt64, Entry)
        case many([UInt64: Entry])
    }

    private var storage = Storage.none
    /// Usernames past `maximumTracked` are counted here, not kept.
    public private(set) var untracked = 0

    /// Distinct usernames tracked per address; a single address trying more is an attacker by
    /// far already, and its list would only cost memory.
    public static let maximumTracked = 10_000

    public init() {}

    /// Records `attempts` failures of `hash` at `time` (0 attempts: the name without a count,
    /// when another daemon's line already counted the attempt).
    public mutating func add(_ hash: UInt64, attempts: Int, at time: Instant) {
        let count = UInt32(clamping: attempts)
        switch storage {
        case .none:
            storage = .one(hash, Entry(failures: count, first: time, last: time))
        case .one(let known, var entry) where known == hash:
            entry.failures &+= count
            entry.first = min(entry.first, time)
            entry.last = max(entry.last, time)
            storage = .one(known, entry)
        case let .one(known, entry):
            storage = .many([known: entry, hash: Entry(failures: count, first: time, last: time)])
        case .many(var entries):
            storage = .none  // let the map be uniquely referenced while it changes
            if var entry = entries[hash] {
                entry.failures &+= count
                entry.first = min(entry.first, time)
                entry.last = max(entry.last, time)
                entries[hash] = entry
            } else if entries.count < Self.maximumTracked {
                entries[hash] = Entry(failures: count, first: time, last: time)
            } else {
                untracked += 1
            }
            storage = .many(entries)
        }
    }

    /// A login as `hash` at `time`: the failures just before it were the user's own typos.
    mutating func loggedIn(_ hash: UInt64, at time: Instant) {
        func corrected(_ entry: inout Entry) {
            if !entry.corrected, entry.failures <= Self.correctionLimit, entry.last <= time, time.seconds - entry.last.seconds <= Self.correctionWindow { entry.corrected = true }
        }
        switch storage {
        case .none: break
        case .one(let known, var entry) where known == hash:
            corrected(&entry)
            storage = .one(known, entry)
        case .one: break
        case .many(var entries):
            guard var entry = entries[hash] else { return }
            storage = .none
            corrected(&entry)
            entries[hash] = entry
            storage = .many(entries)
        }
    }

    /// Distinct usernames tried (those tracked, plus those counted past the limit).
    public var count: Int {
        switch storage {
        case .none: untracked
        case .one: 1 + untracked
        case let .many(entries): entries.count + untracked
        }
    }

    public var isEmpty: Bool { count == 0 }

    public subscript(hash: UInt64) -> Entry? {
        switch storage {
        case .none: nil
        case let .one(known, entry): known == hash ? entry : nil
        case let .many(entries): entries[hash]
        }
    }

    /// Every tracked username and its failures.
    public func forEach(_ body: (UInt64, Entry) -> Void) {
        switch storage {
        case .none: break
        case let .one(hash, entry): body(hash, entry)
        case let .many(entries): for (hash, entry) in entries { body(hash, entry) }
        }
    }

    /// The username and its entry when exactly one was tried.
    public var only: (UInt64, Entry)? {
        if case let .one(hash, entry) = storage, untracked == 0 { return (hash, entry) }
        return nil
    }

    /// The tracked usernames.
    public var hashes: [UInt64] {
        var result: [UInt64] = []
        forEach { hash, _ in result.append(hash) }
        return result
    }
}
