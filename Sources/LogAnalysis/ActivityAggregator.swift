public import MailLogs
import RelayAuditCore

/// Folds the event stream into per-identity and per-address activity, the only state `logs`
/// keeps: it grows with accounts and addresses, not with the size of the logs.
///
/// An identity gets an activity record once it logs in or sends; a username that only ever
/// failed is counted in `failedUsernames` and in its addresses' `tries`, never made an
/// account (a spray of a million invented names would otherwise be a million accounts).
public struct ActivityAggregator: EventSink {
    public private(set) var identities: [String: IdentityActivity] = [:]
    public private(set) var sources: [String: SourceActivity] = [:]
    /// Every username that failed to log in, counted.
    public private(set) var failedUsernames = FailedUsernames()
    /// Domains of logins written as addresses, and of recipients delivered locally: the
    /// organization's domains when the policy names none.
    public private(set) var loginDomains: Set<String> = []
    public private(set) var localDeliveryDomains: Set<String> = []
    /// The domains `IdentityActivity.recipientDomainsByDay` and `senderDomainsByIP` count by id.
    public private(set) var domains = DomainTable()
    /// The last failure per address, to count one attempt once when two daemons log it
    /// (Postfix's `SASL … authentication failed` and Dovecot's `passwd-file(…): Password mismatch`).
    private var lastFailure: [String: (user: String?, time: Instant, format: LogFormat)] = [:]
    /// Seconds within which two daemons' failure lines are one attempt.
    static let duplicateWindow: Int64 = 5

    static let maximumSendersTracked = 10_000

    public init() {}

    public mutating func consume(_ event: LogEvent) {
        // A domain controller's Kerberos, NTLM or LDAP logon is not mail: it must not count
        // as SMTP AUTH for the account or as a mail password guess for the address.
        if event.service?.isDirectory == true { return }
        switch event.action {
        case .authSuccess: authSuccess(event)
        case .authFailure: authFailure(event)
        case .messageAccepted: messageAccepted(event)
        case .delivery: delivery(event)
        case .ndr:
            if let user = event.user { identities[Self.key(user), default: IdentityActivity()].ndr += 1 }
        case .relayDenied:
            if let ip = event.sourceIP {
                sources[ip, default: SourceActivity(ip: ip)].relayDenied += 1
                sources[ip]!.seen(event.time)
            }
        case .accountCreated, .accountEnabled, .accountDisabled, .accountDeleted, .accountChanged, .accountRenamed, .accountLocked,
             .accountUnlocked, .passwordChanged, .passwordReset, .memberAdded, .memberRemoved:
            break  // directory changes are the checker's, not mail activity
        }
    }

    /// Hands over the identities and forgets them (the analysis merges them into accounts).
    public mutating func takeIdentities() -> [String: IdentityActivity] {
        defer { identities = [:] }
        return identities
    }

    /// Hands over the addresses and forgets them.
    public mutating func takeSources() -> [String: SourceActivity] {
        defer { sources = [:] }
        return sources
    }

    /// IMAP, POP3, Sieve and webmail logins prove the password works but are not SMTP AUTH
    /// (the reader names the service: Dovecot's imap-login, Courier's courierpop3login,
    /// vpopmail's vchkpw-pop3/-imap/-webmail).
    static func isMailboxLogin(_ event: LogEvent) -> Bool { event.service?.isMailbox == true }

    private mutating func authSuccess(_ event: LogEvent) {
        guard let user = event.user, !user.isEmpty else { return }
        let key = Self.key(user)
        if let domain = DomainClassifier.domain(of: user) { loginDomains.insert(domain) }
        if identities[key] == nil { failedUsernames.track(spelling: user, hash: LoginHash.of(key)) }
        let mailbox = Self.isMailboxLogin(event)
        // Mutated in place (Dictionary's `_modify`): copying the activity out and back would
        // copy every dictionary inside it on each event.
        Self.update(&identities, key) { activity in
            activity.identities.insert(user)
            activity.seen(event.time)
            if mailbox {
                activity.mailboxLogins += 1
            } else {
                activity.authSuccess += 1
                activity.hourly.add(time: event.time.seconds, auth: 1)
                if let ip = event.sourceIP {
                    activity.ipsByDay[Self.day(event.time), default: []].insert(ip)
                    activity.successSources[ip, default: SuccessWindow()].add(event.time)
                }
            }
        }
        if let ip = event.sourceIP, !mailbox {
            Self.update(&sources, ip, SourceActivity(ip: ip)) { source in
                source.authSuccess += 1
                source.seen(event.time)
                if source.successes[key] == nil {
                    source.successes[key] = FirstLogin(time: event.time, unnamedBefore: source.unnamedFailures)
                }
                if !source.tries.isEmpty { source.tries.loggedIn(LoginHash.of(key), at: event.time) }
            }
        }
    }

    private mutating func authFailure(_ event: LogEvent) {
        var attempts = max(1, event.attempts)
        // The attempts this line adds to its username's count: the same as to the address's,
        // except when the other daemon's line counted the attempt without naming anyone.
        var nameAttempts = attempts
        // The earlier line counted this attempt as naming no one; this one names the user.
        var namesEarlier = false
        if let ip = event.sourceIP, let last = lastFailure[ip], last.format != event.format,
           abs(event.time.seconds - last.time.seconds) <= Self.duplicateWindow,
           last.user == nil || event.user == nil || last.user.map(Self.key) == event.user.map(Self.key) {
            // The other daemon's line for the same attempt: keep what it names, count it once.
            attempts = 0
            nameAttempts = last.user == nil ? 1 : 0
            namesEarlier = last.user == nil && event.user?.isEmpty == false
            lastFailure[ip] = nil
        } else if let ip = event.sourceIP {
            lastFailure[ip] = (event.user, event.time, event.format)
        }
        let user = event.user.flatMap { $0.isEmpty ? nil : $0 }
        let hash = user.map { LoginHash.of(Self.key($0)) }
        var newAddress = false
        if let ip = event.sourceIP {
            Self.update(&sources, ip, SourceActivity(ip: ip)) { source in
                source.authFailure += attempts
                if namesEarlier { source.unnamedFailures -= 1 }
                if let hash {
                    newAddress = source.tries[hash] == nil
                    source.tries.add(hash, attempts: nameAttempts, at: event.time)
                } else {
                    source.unnamedFailures += attempts
                }
                if let service = event.service { source.failedServices |= 1 << UInt16(Service.allCases.firstIndex(of: service) ?? 0) }
                source.failureReasons |= 1 << UInt8(FailureReason.of(event.reason).rawValue)
                source.seen(event.time)
            }
        }
        if let user, let hash { failedUsernames.add(spelling: user, hash: hash, attempts: nameAttempts, newAddress: newAddress, at: event.time) }
    }

    private mutating func messageAccepted(_ event: LogEvent) {
        guard let user = event.user, !user.isEmpty else { return }
        let key = Self.key(user)
        let senderDomain = event.from.flatMap(DomainClassifier.domain(of:))
        if let sender = event.from, let domain = senderDomain, !loginDomains.contains(domain) {
            // Windows logins (`CORP\alice`) carry no mail domain; `alice` sending as
            // `alice@corp.example` shows it. A Microsoft 365 trace's identity is the mailbox itself.
            let bare = DomainClassifier.localPart(of: user).split(separator: "\\").last.map(String.init) ?? ""
            if event.format == .m365Trace ? sender.lowercased() == key : (!user.contains("@") && DomainClassifier.localPart(of: sender) == bare) {
                loginDomains.insert(domain)
            }
        }
        Self.update(&identities, key) { activity in
            activity.identities.insert(user)
            activity.seen(event.time)
            activity.messages += 1
            activity.recipients += event.to.count
            activity.hourly.add(time: event.time.seconds, messages: 1, recipients: event.to.count)
            if !event.to.isEmpty {
                // The day's map is found once per message, not once per recipient.
                Self.update(&activity.recipientDomainsByDay, Self.day(event.time), [:]) { domains in
                    for recipient in event.to {
                        if let domain = self.domains.id(ofAddress: recipient) { domains[domain, default: 0] += 1 }
                    }
                }
            }
            if let sender = event.from {
                // Kept as spelled: the queue holds it so, and hold/purge commands must match it exactly.
                if let index = activity.senders.index(forKey: sender) {
                    activity.senders.values[index] += 1
                } else if activity.senders.count < Self.maximumSendersTracked {
                    activity.senders[sender] = 1
                }
                if let ip = event.sourceIP {
                    activity.senderDomainsByIP[AddressDomain(ip: ip, domain: self.domains.id(ofAddress: sender) ?? DomainTable.noDomain), default: 0] += 1
                }
            }
        }
    }

    private mutating func delivery(_ event: LogEvent) {
        if event.localDelivery, let recipient = event.to.first, let domain = DomainClassifier.domain(of: recipient) {
            localDeliveryDomains.insert(domain)
        }
        guard let user = event.user, !user.isEmpty, !event.localDelivery else { return }
        Self.update(&identities, Self.key(user)) { activity in
            activity.remoteDeliveries += 1
            if event.status == "bounced" || event.status == "expired" { activity.bounced += 1 }
        }
    }

    /// The identity's key: lower-cased, and the same String (no copy) when it already is,
    /// as almost every login is; this runs for nearly every event.
    static func key(_ user: String) -> String {
        var user = user
        return user.withUTF8(DomainClassifier.isLowerASCII) ? user : user.lowercased()
    }

    /// Runs `body` on the value for `key` in place, inserting `initial` first when absent.
    static func update<Key: Hashable, Value>(_ dictionary: inout [Key: Value], _ key: Key, _ initial: @autoclosure () -> Value,
                              _ body: (inout Value) -> Void) {
        body(&dictionary[key, default: initial()])
    }

    static func update(_ dictionary: inout [String: IdentityActivity], _ key: String, _ body: (inout IdentityActivity) -> Void) {
        body(&dictionary[key, default: IdentityActivity()])
    }

    static func day(_ time: Instant) -> Int {
        let seconds = time.seconds
        return Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}
