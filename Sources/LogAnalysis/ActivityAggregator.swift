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
    public private(set) var sources = SourceTable()
    /// Every username that failed to log in, counted.
    public private(set) var failedUsernames = FailedUsernames()
    /// Domains of logins written as addresses, and of recipients delivered locally: the
    /// organization's domains when the policy names none.
    public private(set) var loginDomains: Set<String> = []
    public private(set) var localDeliveryDomains: Set<String> = []
    /// Addresses the logs show the server logging in to itself from (a login whose client
    /// address is the server's own: `rip` equal to `lip`): its authentication helpers.
    public private(set) var serverAddresses: Set<String> = []
    /// The domains `IdentityActivity.recipientDomainsByDay` and `senderDomainsByIP` count by id.
    public private(set) var domains = DomainTable()
    /// Failures of the last minutes per address, not yet paired with the other daemon's line
    /// for the same attempt; pruned as time moves on.
    private var pending: [String: [RecentFailure]] = [:]
    /// Addresses with failures waiting to be paired (for tests).
    var pendingAddresses: Int { pending.count }
    private var latestFailure = Instant.distantPast
    private var failuresSincePrune = 0
    private var keptAtLastPrune = 0
    /// Concurrent login sessions of one address whose lines can be paired.
    static let pendingPerAddress = 8
    /// Seconds within which two daemons' failure lines are one attempt.
    static let duplicateWindow: Int64 = 5
    /// Seconds within which two lines of one login session are one session (Dovecot logs the
    /// summary when the client disconnects, minutes later at most).
    static let sessionWindow: Int64 = 600

    static let maximumSendersTracked = 10_000

    /// The directory's own audit trail read with the logs (accounts created, enabled, changed,
    /// group members added …), in input order, for the checker. Bounded: a trail is thousands
    /// of records, not millions; past the bound the rest are counted, not kept.
    public private(set) var directoryChanges: [LogEvent] = []
    public private(set) var directoryChangesDropped = 0
    static let maximumDirectoryChanges = 200_000

    /// Exchange's SMTP protocol log never names the account of a failed AUTH; the Exchange
    /// server's own Security log does (4625, logon type 8, the transport's process) but gives no
    /// address. Both kept (time and address; time and name), bounded, and joined by
    /// `joinNamelessFailures` when every file has been read: the files come one after the other,
    /// not interleaved.
    private var namelessSMTPFailures: [(time: Int64, ip: String)] = []
    private var addresslessSMTPFailures: [(time: Int64, hash: UInt64, spelling: String)] = []
    static let maximumJoinable = 200_000
    /// Seconds apart within which a nameless and an addressless failure are one attempt.
    static let joinWindow: Int64 = 2

    public init() {}

    public mutating func consume(_ event: LogEvent) {
        if let server = event.serverIP, server == event.sourceIP, !serverAddresses.contains(server) { serverAddresses.insert(server) }
        // A domain controller's Kerberos, NTLM or LDAP logon is not mail: it never counts as
        // SMTP AUTH for the account. Its failures are password guesses all the same, kept on
        // the address (a spray against the DCs is a spray, and its botnet is often the one
        // that sprays the mail server); its successes only mark the address as having got in.
        if event.service?.isDirectory == true {
            switch event.action {
            case .authFailure: authFailure(event)
            case .authSuccess: directoryLogin(event)
            default: break
            }
            return
        }
        switch event.action {
        case .authSuccess: authSuccess(event)
        case .authFailure: authFailure(event)
        case .messageAccepted: messageAccepted(event)
        case .delivery: delivery(event)
        case .ndr:
            if let user = event.user { identities[Self.key(user), default: IdentityActivity()].ndr += 1 }
        case .relayDenied:
            if let ip = event.sourceIP {
                sources.update(ip) { source in
                    source.relayDenied += 1
                    source.seen(event.time)
                }
            }
        case .accountCreated, .accountEnabled, .accountDisabled, .accountDeleted, .accountChanged, .accountRenamed, .accountLocked,
             .accountUnlocked, .passwordChanged, .passwordReset, .memberAdded, .memberRemoved:
            // Directory changes are the checker's, not mail activity: kept as they are.
            if directoryChanges.count < Self.maximumDirectoryChanges { directoryChanges.append(event) } else { directoryChangesDropped += 1 }
        }
    }

    /// Hands over the identities and forgets them (the analysis merges them into accounts).
    public mutating func takeIdentities() -> [String: IdentityActivity] {
        defer { identities = [:] }
        return identities
    }

    /// Hands over the addresses and forgets them.
    public mutating func takeSources() -> SourceTable {
        defer { sources = SourceTable() }
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
        let mailbox = Self.isMailboxLogin(event)
        var isNew = false
        // Mutated in place (Dictionary's `_modify`): copying the activity out and back would
        // copy every dictionary inside it on each event.
        Self.update(&identities, key) { activity in
            isNew = activity.identities.isEmpty
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
        // A name that logged in is counted exactly in the failed-names table from now on.
        if isNew { failedUsernames.track(spelling: user, hash: LoginHash.of(key)) }
        // Mailbox logins are kept on the address too: they prove the password as well as SMTP
        // AUTH does (a typo corrected over IMAP is a typo, a spray that got in over IMAP got in).
        if let ip = event.sourceIP {
            sources.update(ip) { source in
                if mailbox { source.mailboxLogins += 1 } else { source.authSuccess += 1 }
                source.seen(event.time)
                if source.successes[key] == nil {
                    source.successes[key] = FirstLogin(time: event.time, unnamedBefore: source.unnamedFailures, mailbox: mailbox)
                }
                if !source.tries.isEmpty { source.tries.loggedIn(LoginHash.of(key), at: event.time) }
            }
        }
    }

    /// A domain controller's successful logon: on the address only (typos it corrects, the
    /// campaign it may end), never on the identity's SMTP record.
    private mutating func directoryLogin(_ event: LogEvent) {
        guard let user = event.user, !user.isEmpty, let ip = event.sourceIP else { return }
        let key = Self.key(user)
        sources.update(ip) { source in
            source.seen(event.time)
            if source.successes[key] == nil {
                source.successes[key] = FirstLogin(time: event.time, unnamedBefore: source.unnamedFailures, directory: true)
            }
            if !source.tries.isEmpty { source.tries.loggedIn(LoginHash.of(key), at: event.time) }
        }
    }

    private mutating func authFailure(_ event: LogEvent) {
        let user = event.user.flatMap { $0.isEmpty ? nil : $0 }
        let hash = user.map { LoginHash.of(Self.key($0)) }
        let smtp = event.service == nil || event.service == .smtp || event.service == .submission
        guard let ip = event.sourceIP else {
            if let user, let hash {
                failedUsernames.add(spelling: user, hash: hash, attempts: max(1, event.attempts), newAddress: false, at: event.time)
                if smtp, event.windows != nil, addresslessSMTPFailures.count < Self.maximumJoinable {
                    addresslessSMTPFailures.append((event.time.seconds, hash, user))
                }
            }
            return
        }
        if user == nil, smtp, event.format == .exchangeProtocol || event.format == .iisSMTP,
           namelessSMTPFailures.count < Self.maximumJoinable {
            namelessSMTPFailures.append((event.time.seconds, ip))
        }
        // Only Dovecot logs one login session on two lines; other readers' session ids (an
        // Exchange session's several AUTH attempts) must not fold attempts together.
        let session = event.format == .dovecot ? event.localID.map(LoginHash.of) ?? 0 : 0
        var attempts = max(1, event.attempts)
        // The attempts this line adds to its username's count: the same as to the address's,
        // except when an earlier line counted the attempt without naming anyone.
        var nameAttempts = attempts
        var namedEarlier = 0
        var recent = pending[ip] ?? []
        if session != 0, let index = recent.firstIndex(where: { $0.session == session && abs(event.time.seconds - $0.time.seconds) <= Self.sessionWindow }) {
            // One login session logged twice (Dovecot's auth process per attempt, its login
            // process's summary at disconnect): count what the first did not.
            let counted = Int(recent[index].sessionAttempts)
            attempts = max(0, attempts - counted)
            nameAttempts = recent[index].userHash == 0 && hash != nil ? max(1, attempts) : attempts
            if recent[index].userHash == 0, hash != nil { namedEarlier = counted }
            recent[index].sessionAttempts = UInt16(clamping: counted + attempts)
            recent[index].time = event.time
        } else if let index = Self.sameAttempt(in: recent, event, hash) {
            // The other daemon's line for the same attempt (Postfix's `SASL … authentication
            // failed` and Dovecot's `passwd-file(…): Password mismatch`): keep what it names,
            // count it once.
            attempts = 0
            nameAttempts = recent[index].userHash == 0 ? 1 : 0
            if recent[index].userHash == 0, hash != nil { namedEarlier = 1 }
            recent.remove(at: index)
        } else {
            recent.append(RecentFailure(time: event.time, format: event.format, userHash: hash ?? 0, session: session,
                                        sessionAttempts: UInt16(clamping: attempts)))
            if recent.count > Self.pendingPerAddress { recent.removeFirst() }
        }
        pending[ip] = recent.isEmpty ? nil : recent
        latestFailure = max(latestFailure, event.time)
        failuresSincePrune += 1
        // Amortized: a prune costs the table's size, and comes once as many failures have
        // arrived since the last one as the table then kept.
        if failuresSincePrune >= max(4096, keptAtLastPrune) { prunePending() }

        var newAddress = false
        sources.update(ip) { source in
            source.authFailure += attempts
            if namedEarlier > 0 { source.unnamedFailures -= min(namedEarlier, source.unnamedFailures) }
            if let hash {
                newAddress = source.tries[hash] == nil
                source.tries.add(hash, attempts: nameAttempts, at: event.time)
            } else {
                source.unnamedFailures += attempts
            }
            if let service = event.service { source.failedServices |= 1 << UInt16(Service.allCases.firstIndex(of: service) ?? 0) }
            // A reason only when the line gives one (Postfix's "(reason unavailable)" does not:
            // its Dovecot line says why).
            if let reason = event.reason, reason != "no reason given" { source.failureReasons |= 1 << UInt8(FailureReason.of(reason).rawValue) }
            source.seen(event.time)
        }
        if let user, let hash { failedUsernames.add(spelling: user, hash: hash, attempts: nameAttempts, newAddress: newAddress, at: event.time) }
    }

    /// Names the failures Exchange's SMTP log left nameless with the Exchange server's 4625s
    /// (logon type 8) of the same second or two: the address then has tried that name, as if
    /// one line had said both. Only an unambiguous pair is joined: a 4625 within `joinWindow`
    /// of failures from one address alone (two addresses failing at that moment could be
    /// either). Counts do not change (each side counted the attempt once); the address gains
    /// the name, the name the address.
    public mutating func joinNamelessFailures() {
        guard !namelessSMTPFailures.isEmpty, !addresslessSMTPFailures.isEmpty else { return }
        namelessSMTPFailures.sort { ($0.time, $0.ip) < ($1.time, $1.ip) }
        addresslessSMTPFailures.sort { $0.time < $1.time }
        var used = [Bool](repeating: false, count: namelessSMTPFailures.count)
        var low = 0
        for named in addresslessSMTPFailures {
            while low < namelessSMTPFailures.count, namelessSMTPFailures[low].time < named.time - Self.joinWindow { low += 1 }
            var candidate: Int?
            var addresses = Set<String>()
            var index = low
            while index < namelessSMTPFailures.count, namelessSMTPFailures[index].time <= named.time + Self.joinWindow {
                addresses.insert(namelessSMTPFailures[index].ip)
                if !used[index], candidate == nil { candidate = index }
                index += 1
            }
            guard let candidate, addresses.count == 1 else { continue }
            used[candidate] = true
            let time = Instant(seconds: named.time)
            var newAddress = false
            sources.modify(namelessSMTPFailures[candidate].ip) { source in
                newAddress = source.tries[named.hash] == nil
                source.tries.add(named.hash, attempts: 1, at: time)
                source.unnamedFailures -= min(1, source.unnamedFailures)
            }
            failedUsernames.add(spelling: named.spelling, hash: named.hash, attempts: 0, newAddress: newAddress, at: time)
        }
        namelessSMTPFailures = []
        addresslessSMTPFailures = []
    }

    /// The other daemon's pending line for the same attempt: another reader's, within
    /// `duplicateWindow`, naming the same user (preferred) or leaving one side unnamed.
    static func sameAttempt(in recent: [RecentFailure], _ event: LogEvent, _ hash: UInt64?) -> Int? {
        var fallback: Int?
        for (index, earlier) in recent.enumerated() where earlier.format != event.format
            && abs(event.time.seconds - earlier.time.seconds) <= duplicateWindow {
            if let hash, earlier.userHash == hash { return index }
            if fallback == nil, earlier.userHash == 0 || hash == nil { fallback = index }
        }
        return fallback
    }

    /// Forgets pending failures too old to pair with a later line, so the table holds the
    /// addresses failing now, not every address that ever failed.
    private mutating func prunePending() {
        failuresSincePrune = 0
        let horizon = latestFailure.seconds - Self.sessionWindow
        pending = pending.filter { $0.value.contains { $0.time.seconds >= horizon } }
        keptAtLastPrune = pending.count
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
