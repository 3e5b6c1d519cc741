import MailLogs
public import RelayAuditCore

/// What the logs show one SMTP AUTH identity (or, after merging, one account) did.
///
/// Every field is a count or a set, so two activities of the same account (two spellings of
/// its login, two chunks of a log) merge by adding and uniting.
public struct IdentityActivity: Sendable {
    /// The identities as logged (`alice`, `alice@corp.example`, `CORP\alice`).
    public var identities: Set<String> = []
    public var authSuccess = 0
    public var authFailure = 0
    /// Client addresses of successful SMTP AUTH (not IMAP/POP logins), per day.
    public var ipsByDay: [Int: Set<String>] = [:]
    /// Every client address of a successful SMTP AUTH: the addresses `successSources` keeps
    /// (not stored twice).
    public var allIPs: Set<String> { Set(successSources.keys) }
    /// How many client addresses authenticated as this identity.
    public var distinctIPs: Int { successSources.count }
    /// Logins to mailboxes (IMAP, POP3): counted, but not taken as SMTP AUTH evidence.
    public var mailboxLogins = 0
    public var messages = 0
    public var recipients = 0
    /// Messages, successful SMTP AUTH and recipients per hour.
    public var hourly = HourlyCounts()
    /// Messages per hour (hour index since the epoch), hours without any left out.
    public var messagesByHour: [Int: Int] { hourly.map(\.messages) }
    /// Successful SMTP AUTH per hour.
    public var authByHour: [Int: Int] { hourly.map(\.auth) }
    /// Recipients per hour (for bursts).
    public var recipientsByHour: [Int: Int] { hourly.map(\.recipients) }
    /// Recipient domains (ids in the aggregator's `DomainTable`) per day, with counts: per day,
    /// not per hour, because the signals need only daily distinct domains, and an hourly map
    /// of maps was the largest state kept.
    public var recipientDomainsByDay: [Int: [UInt32: Int]] = [:]
    /// Envelope senders and how many messages each.
    public var senders: [String: Int] = [:]
    /// Non-delivery notifications caused by this identity's mail.
    public var ndr = 0
    /// Deliveries to other servers, and how many bounced.
    public var remoteDeliveries = 0
    public var bounced = 0
    public var firstSeen = Instant.distantFuture
    public var lastSeen = Instant.distantPast
    /// Where the identity authenticated from: first and last time, and how often.
    public var successSources: [String: SuccessWindow] = [:]
    /// Envelope-sender domains of the messages sent from each client address: which
    /// addresses sent forged mail, once the organization's domains are known.
    /// Keyed by address and domain together (the domain an id in the aggregator's
    /// `DomainTable`, `DomainTable.noDomain` for a sender without one): a map per address was
    /// the largest part of a compromised account's state, one small map for each bot.
    public var senderDomainsByIP: [AddressDomain: Int] = [:]

    public init() {}

    mutating func seen(_ time: Instant) {
        firstSeen = min(firstSeen, time)
        lastSeen = max(lastSeen, time)
    }

    /// Adds `other` (same account) into this one.
    public mutating func merge(_ other: IdentityActivity) {
        identities.formUnion(other.identities)
        authSuccess += other.authSuccess
        authFailure += other.authFailure
        for (day, ips) in other.ipsByDay { ipsByDay[day, default: []].formUnion(ips) }
        mailboxLogins += other.mailboxLogins
        messages += other.messages
        recipients += other.recipients
        hourly.merge(other.hourly)
        for (day, domains) in other.recipientDomainsByDay {
            for (domain, count) in domains { recipientDomainsByDay[day, default: [:]][domain, default: 0] += count }
        }
        for (sender, count) in other.senders { senders[sender, default: 0] += count }
        ndr += other.ndr
        remoteDeliveries += other.remoteDeliveries
        bounced += other.bounced
        firstSeen = min(firstSeen, other.firstSeen)
        lastSeen = max(lastSeen, other.lastSeen)
        for (ip, window) in other.successSources { successSources[ip, default: SuccessWindow()].merge(window) }
        for (key, count) in other.senderDomainsByIP { senderDomainsByIP[key, default: 0] += count }
    }
}

/// What the logs show one client address did.
///
/// Kept for every address that tried to log in, so it is kept small: a botnet of a million
/// addresses trying once each is a million of these.
public struct SourceActivity: Sendable {
    // Stored compactly (counts in 32 bits, moments in `CompactInstant`s, the fields ordered so
    // nothing is padded): 72 bytes an address. The Int and Instant accessors below are the API.

    /// The usernames it failed with, per name: how often, first and last.
    public var tries = FailedTries()
    /// Why its logins failed (`FailureReason` bits).
    public var failureReasons: UInt8 = 0
    /// The services its failed logins were made to (`Service` positions as bits).
    public var failedServices: UInt16 = 0
    private var storedAuthFailure: Int32 = 0
    private var storedAuthSuccess: Int32 = 0
    private var storedUnnamedFailures: Int32 = 0
    private var storedMailboxLogins: Int32 = 0
    private var storedRelayDenied: Int32 = 0
    /// The number of the campaign it took part in (0: none).
    public var campaign: Int32 = 0
    private var storedFirstSeen = CompactInstant.distantFuture
    private var storedLastSeen = CompactInstant.distantPast
    /// Identities (keys) it authenticated as, and when first.
    public var successes: [String: FirstLogin] = [:]

    public init() {}

    public var authFailure: Int {
        get { Int(storedAuthFailure) }
        set { storedAuthFailure = Int32(clamping: newValue) }
    }
    public var authSuccess: Int {
        get { Int(storedAuthSuccess) }
        set { storedAuthSuccess = Int32(clamping: newValue) }
    }
    /// Failures that named no user (IIS and Exchange log a failed AUTH without the name).
    public var unnamedFailures: Int {
        get { Int(storedUnnamedFailures) }
        set { storedUnnamedFailures = Int32(clamping: newValue) }
    }
    /// IMAP, POP3 and webmail logins (not counted in `authSuccess`, which is SMTP AUTH).
    public var mailboxLogins: Int {
        get { Int(storedMailboxLogins) }
        set { storedMailboxLogins = Int32(clamping: newValue) }
    }
    public var relayDenied: Int {
        get { Int(storedRelayDenied) }
        set { storedRelayDenied = Int32(clamping: newValue) }
    }
    public var firstSeen: Instant {
        get { storedFirstSeen.instant }
        set { storedFirstSeen = CompactInstant(newValue) }
    }
    public var lastSeen: Instant {
        get { storedLastSeen.instant }
        set { storedLastSeen = CompactInstant(newValue) }
    }

    mutating func seen(_ time: Instant) {
        let compact = CompactInstant(time)
        storedFirstSeen = min(storedFirstSeen, compact)
        storedLastSeen = max(storedLastSeen, compact)
    }

    /// Distinct usernames it failed with.
    public var usersTried: Int { tries.count }

    /// Fingerprints of the identities it authenticated as.
    public var successHashes: Set<UInt64> { Set(successes.keys.map(LoginHash.of)) }

    /// Failures before `login` that were not typos corrected at once: the guesses. A user who
    /// mistypes at a shared address (a carrier NAT, an office) and logs in a minute later is
    /// not a guess against the others who log in there, nor is a stale client's old password.
    public func failuresBefore(_ login: FirstLogin, identity: String) -> Int {
        if isStaleClient { return 0 }
        let time = login.time
        var total = login.unnamedBefore
        tries.forEach { _, entry in
            guard !entry.corrected, entry.first < time else { return }
            total += entry.last < time ? Int(entry.failures) : 1
        }
        return total
    }

    /// Distinct usernames it failed with before `login`, typos corrected at once aside: the
    /// names of a spray that went on until one worked.
    public func usersBefore(_ login: FirstLogin) -> Int {
        if isStaleClient { return 0 }
        let time = login.time
        var total = 0
        tries.forEach { _, entry in
            if entry.first < time, !entry.corrected { total += 1 }
        }
        return total
    }

    /// The usernames it failed with, typos corrected at once aside.
    public var unexplainedTries: Int {
        if isStaleClient { return 0 }
        var total = tries.untracked
        tries.forEach { _, entry in if !entry.corrected { total += 1 } }
        return total
    }

    /// Its failures less those explained: typos corrected at once, and a stale client's old
    /// password. What the failure detectors count.
    public var unexplainedFailures: Int {
        if isStaleClient { return unnamedFailures }
        var explained = 0
        tries.forEach { _, entry in if entry.corrected { explained += Int(entry.failures) } }
        return max(0, authFailure - explained)
    }

    /// A client with an old password: the owner's phone or mail client at the owner's usual
    /// address. It failed with one username only, one it also logged in as from here, and not
    /// as a guesser does (failing until the first login, then no more): it logged in before it
    /// first failed, or kept failing after it logged in.
    public var isStaleClient: Bool {
        guard tries.count == 1, let (hash, entry) = tries.only else { return false }
        for (identity, login) in successes where LoginHash.of(identity) == hash {
            return login.time < entry.first || entry.last > login.time
        }
        return false
    }

    /// The one username a stale client fails with, and how often.
    public var staleClientTries: (hash: UInt64, failures: Int)? {
        guard isStaleClient, let (hash, entry) = tries.only else { return nil }
        return (hash, Int(entry.failures))
    }
}

/// The last failed login of an address: when, by which reader, naming whom (`LoginHash`, 0
/// for no one), in which login session (0 for none) and how many attempts that session has
/// been counted for.
struct RecentFailure: Sendable {
    var time: Instant
    var format: LogFormat
    var userHash: UInt64
    var session: UInt64
    var sessionAttempts: UInt16
}

/// An address's first login as one identity, and the failures naming no one it had made by
/// then (counted exactly at that moment; named failures are kept per name in `FailedTries`).
public struct FirstLogin: Sendable, Equatable {
    public var time: Instant
    public var unnamedBefore: Int
    /// That login was to a mailbox (IMAP, POP3), not SMTP AUTH.
    public var mailbox: Bool
    /// That login was a domain controller's (Kerberos, NTLM, LDAP bind): it proves the password,
    /// and is neither SMTP AUTH nor a mailbox login.
    public var directory: Bool

    public init(time: Instant, unnamedBefore: Int, mailbox: Bool = false, directory: Bool = false) {
        self.time = time
        self.unnamedBefore = unnamedBefore
        self.mailbox = mailbox
        self.directory = directory
    }
}

/// Why a login failed, in a few kinds (from the readers' fixed vocabulary).
public enum FailureReason: Int, CaseIterable, Sendable {
    case unknownUser, wrongPassword, refused, other

    /// The kind of a reader's reason.
    public static func of(_ reason: String?) -> FailureReason {
        switch reason {
        case "unknown user": .unknownUser
        case "password mismatch", "authentication failed", "authentication failure", "invalid credentials", "incorrect authentication data":
            .wrongPassword
        case "access denied", "plaintext authentication refused", "mechanism not offered", "proxy destination refused the credentials": .refused
        default: .other
        }
    }

    public var name: String {
        switch self {
        case .unknownUser: "unknown user"
        case .wrongPassword: "wrong password"
        case .refused: "refused"
        case .other: "other"
        }
    }
}

/// When an identity authenticated from one address.
public struct SuccessWindow: Sendable, Equatable {
    public var first = Instant.distantFuture
    public var last = Instant.distantPast
    public var count = 0

    public init() {}

    mutating func add(_ time: Instant) {
        first = min(first, time)
        last = max(last, time)
        count += 1
    }

    mutating func merge(_ other: SuccessWindow) {
        first = min(first, other.first)
        last = max(last, other.last)
        count += other.count
    }
}

/// A client address and a domain id, as one key.
public struct AddressDomain: Hashable, Sendable {
    public var ip: String
    public var domain: UInt32

    public init(ip: String, domain: UInt32) {
        self.ip = ip
        self.domain = domain
    }
}
