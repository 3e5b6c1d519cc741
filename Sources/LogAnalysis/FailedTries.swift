public import RelayAuditCore

/// The failed logins of one client address, per username tried (by `LoginHash`): how many,
/// first and last. Compact for the common case of an address that tried one name (a botnet
/// member trying once): that one is kept inline, with no allocation; a map only for addresses
/// that tried several.
public struct FailedTries: Sendable {
    public struct Entry: Sendable, Equatable {
        public var failures: UInt32
        private var storedFirst: CompactInstant
        private var storedLast: CompactInstant
        /// The address logged in as this name within `correctionWindow` of a failure: a user
        /// who mistyped and then got it right, not a guess.
        public var corrected = false

        public init(failures: UInt32, first: Instant, last: Instant, corrected: Bool = false) {
            self.failures = failures
            storedFirst = CompactInstant(first)
            storedLast = CompactInstant(last)
            self.corrected = corrected
        }

        public var first: Instant {
            get { storedFirst.instant }
            set { storedFirst = CompactInstant(newValue) }
        }
        public var last: Instant {
            get { storedLast.instant }
            set { storedLast = CompactInstant(newValue) }
        }

        mutating func add(_ count: UInt32, at time: Instant) {
            failures &+= count
            let compact = CompactInstant(time)
            storedFirst = min(storedFirst, compact)
            storedLast = max(storedLast, compact)
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
        /// Usernames past `maximumTracked` are counted in `untracked`, not kept.
        case many([UInt64: Entry], untracked: Int32)
    }

    private var storage = Storage.none

    /// Usernames tried past `maximumTracked` (counted, not kept).
    public var untracked: Int {
        if case let .many(_, untracked) = storage { return Int(untracked) }
        return 0
    }

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
            entry.add(count, at: time)
            storage = .one(known, entry)
        case let .one(known, entry):
            storage = .many([known: entry, hash: Entry(failures: count, first: time, last: time)], untracked: 0)
        case .many(var entries, var untracked):
            storage = .none  // let the map be uniquely referenced while it changes
            if var entry = entries[hash] {
                entry.add(count, at: time)
                entries[hash] = entry
            } else if entries.count < Self.maximumTracked {
                entries[hash] = Entry(failures: count, first: time, last: time)
            } else {
                untracked &+= 1
            }
            storage = .many(entries, untracked: untracked)
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
        case .many(var entries, let untracked):
            guard var entry = entries[hash] else { return }
            storage = .none
            corrected(&entry)
            entries[hash] = entry
            storage = .many(entries, untracked: untracked)
        }
    }

    /// Distinct usernames tried (those tracked, plus those counted past the limit).
    public var count: Int {
        switch storage {
        case .none: 0
        case .one: 1
        case let .many(entries, untracked): entries.count + Int(untracked)
        }
    }

    public var isEmpty: Bool { count == 0 }

    public subscript(hash: UInt64) -> Entry? {
        switch storage {
        case .none: nil
        case let .one(known, entry): known == hash ? entry : nil
        case let .many(entries, _): entries[hash]
        }
    }

    /// Every tracked username and its failures.
    public func forEach(_ body: (UInt64, Entry) -> Void) {
        switch storage {
        case .none: break
        case let .one(hash, entry): body(hash, entry)
        case let .many(entries, _): for (hash, entry) in entries { body(hash, entry) }
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
