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
public struct SourceActivity: Sendable {
    public var ip: String
    public var authFailure = 0
    /// Distinct usernames tried in failed attempts (bounded).
    public var usersTried: Set<String> = []
    public var authSuccess = 0
    /// Identities it authenticated as: first success time, failures and distinct usernames
    /// it had tried before that success.
    public var successes: [String: (time: Instant, failuresBefore: Int, usersBefore: Int)] = [:]
    public var relayDenied = 0
    public var firstSeen = Instant.distantFuture
    public var lastSeen = Instant.distantPast

    public init(ip: String) { self.ip = ip }

    mutating func seen(_ time: Instant) {
        firstSeen = min(firstSeen, time)
        lastSeen = max(lastSeen, time)
    }

    static let maximumUsersTracked = 10_000
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
