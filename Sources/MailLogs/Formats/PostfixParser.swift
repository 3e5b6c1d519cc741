public import RelayAuditCore
/// Postfix: smtpd (and submission/smtps/multi-instance `postfix-xxx/` variants), cleanup,
/// qmgr, the delivery agents and bounce.
///
/// Joins: the queue id ties `client=…, sasl_username=` (smtpd) to `from=, size=, nrcpt=`
/// (qmgr), each `to=, status=` (delivery agents), `sender non-delivery notification: NDRID`
/// (bounce) and `removed` (qmgr), at which the `message-accepted` event is written. A
/// connection (smtpd pid from `connect from` to `disconnect from`) yields one `auth-success`
/// however many messages it sends.
///
/// AUTH failures: `warning: host[ip]: SASL MECH authentication failed: TRAILER`. The trailer is
/// a reason or the last base64 server challenge, never a username; Postfix ≥ 3.9 (and
/// Debian's 3.7.11) append `, sasl_username=…`, which is read. "Connection lost to
/// authentication server" is the server's trouble, not an attempt, and yields no event;
/// "Invalid authentication mechanism" is a client's AUTH with a mechanism not offered (a
/// scanner's), counted as a failure with that reason.
///
/// `disconnect from … auth=S/T` counts T - S failed AUTH commands for the connection: those
/// its `SASL … authentication failed` lines did not already count are failures without a name
/// (the warning was filtered out of the log, or the log starts after it). An attempt is counted
/// once either way.
///
/// Each line is read in two steps: `prepare` decodes it into a `PostfixLine` without any
/// state (so the parallel reader runs it on all cores, chunk by chunk), and `apply` does the
/// joins in input order. Reading a line on one thread is exactly `apply(prepare(line))`.
public struct PostfixParser: LineFormatReader {
    public static let format = LogFormat.postfix
    public static func claims(program: ByteLine) -> Bool { program.hasPrefix("postfix") }
    private var messages = PendingMessages()
    /// smtpd pid → the connection's client, the user already reported for it, and the AUTH
    /// failures its warnings reported.
    private var connections: [Int: (ip: String?, user: String?, failures: Int)] = [:]
    private var names = ProgramNames()
    /// The version master's start lines named.
    private var software = ServerSoftwareLog()
    public var serverSoftware: [ServerSoftware] { software.all }

    public init() {}

    /// The daemons whose lines are read. Told apart on the program's bytes: making a String of
    /// the daemon name for every line, to switch on it, was a measurable part of the reader.
    enum Daemon {
        case smtpd, cleanup, qmgr, pickup, bounce
        /// A delivery agent; `local` for those that hand mail to a mailbox here.
        case delivery(local: Bool)

        init?(_ name: ByteLine) {
            switch name.count {
            case 4 where name.equals("smtp"): self = .delivery(local: false)
            case 4 where name.equals("lmtp"): self = .delivery(local: true)
            case 4 where name.equals("qmgr"): self = .qmgr
            case 4 where name.equals("pipe"): self = .delivery(local: false)
            case 5 where name.equals("smtpd"): self = .smtpd
            case 5 where name.equals("local"): self = .delivery(local: true)
            case 5 where name.equals("error"), 5 where name.equals("retry"): self = .delivery(local: false)
            case 6 where name.equals("pickup"): self = .pickup
            case 6 where name.equals("bounce"): self = .bounce
            case 7 where name.equals("cleanup"): self = .cleanup
            case 7 where name.equals("virtual"): self = .delivery(local: true)
            case 7 where name.equals("discard"): self = .delivery(local: false)
            case 10 where name.equals("postscreen"): self = .smtpd
            default: return nil
            }
        }
    }

    public mutating func parse(_ message: ByteLine, _ context: LineContext, into sink: inout EventBuffer) -> LineVerdict {
        guard let program = context.program, program.hasPrefix("postfix") else { return .unrecognized }
        let line = Self.prepare(message, program: program, names: &names)
        apply(line, context, into: &sink)
        return .understood
    }

    /// The last path component of the program: `postfix-in/submission/smtpd` → `smtpd`.
    static func daemonName(_ program: ByteLine) -> ByteLine {
        let start = (program.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        return program.dropFirst(start)
    }

    /// `QID: rest` → (queue id, rest); nil for lines that do not start with a queue id.
    static func queueID(_ message: ByteLine) -> (ByteLine, ByteLine)? {
        // Only the first 21 bytes can hold the colon: no scan of a long line without one.
        guard let colon = message.prefix(21).firstIndex(of: UInt8(ascii: ":")), colon >= 5, colon <= 20,
              colon + 1 < message.count, message[colon + 1] == 0x20 else { return nil }
        for i in 0..<colon {
            let c = message[i]
            let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            if !ok { return nil }
        }
        return (message.prefix(colon), message.dropFirst(colon + 2))
    }

    // MARK: prepare (no state)

    /// Decodes one line of a `postfix…` program: every value the joins need, as Strings.
    static func prepare(_ message: ByteLine, program: ByteLine, names: inout ProgramNames) -> PostfixLine {
        let kind: PostfixLine.Kind
        switch Daemon(daemonName(program)) {
        case .smtpd: kind = prepareSMTPD(message)
        case let .delivery(local): kind = prepareDelivery(message, local: local)
        case let daemon?: kind = prepareQueueLine(message, daemon)
        case nil: kind = prepareMaster(message, program: program)
        }
        switch kind {
        case .ignored, .connect, .removed, .started: return PostfixLine(kind: kind, appname: "")
        case let .disconnect(_, failed) where failed == 0: return PostfixLine(kind: kind, appname: "")
        default:
            let (name, service) = names.entry(program)
            return PostfixLine(kind: kind, appname: name, service: service)
        }
    }

    /// master's start line names the version running (for the plan's update step).
    private static func prepareMaster(_ message: ByteLine, program: ByteLine) -> PostfixLine.Kind {
        guard message.hasPrefix("daemon started -- version "), daemonName(program).equals("master"),
              let version = ServerSoftware.cleanVersion(message.dropFirst(26).string) else { return .ignored }
        return .started(version: version)
    }

    private static func prepareSMTPD(_ message: ByteLine) -> PostfixLine.Kind {
        if message.hasPrefix("connect from ") {
            return .connect(ip: message.firstIndex(of: UInt8(ascii: "[")).flatMap { AddressParsing.bracketed(message, open: $0) })
        }
        if message.hasPrefix("disconnect from ") { return prepareDisconnect(message) }
        // `QID: client=…` first: the most frequent smtpd line, and one whose fields (a SASL
        // username the client chose) must never be searched for the phrases below.
        let queued = queueID(message)
        if let (id, rest) = queued, rest.hasPrefix("client=") {
            guard let key = LocalIDKey(id) else { return .ignored }
            let ip = rest.firstIndex(of: UInt8(ascii: "[")).flatMap { AddressParsing.bracketed(rest, open: $0) }
            let user = rest.value(after: "sasl_username=", until: UInt8(ascii: ",")).flatMap { $0.isEmpty ? nil : $0.string }
            let mechanism = user == nil ? nil : rest.value(after: "sasl_method=", until: UInt8(ascii: ","))?.string
            return .client(PostfixLine.Queued(id: id.string, key: key), ip: ip, user: user, mechanism: mechanism)
        }
        if message.hasPrefix("warning: "), let failed = message.find(" authentication failed") {
            return prepareAuthFailure(message, failedAt: failed)
        }
        // `NOQUEUE: reject: RCPT from …: 554 5.7.1 <rcpt>: Relay access denied; …` (or a queue id
        // for the NOQUEUE): only reject lines are searched for the phrase.
        if let (_, rest) = queued, rest.hasPrefix("reject: "), rest.find("Relay access denied") != nil {
            return prepareRelayDenied(message)
        }
        return .ignored
    }

    private static func prepareAuthFailure(_ message: ByteLine, failedAt: Int) -> PostfixLine.Kind {
        // warning: host[ip](:port): SASL MECH authentication failed: TRAILER[, sasl_username=U]
        guard let sasl = message.find(": SASL ") else { return .ignored }
        let client = message.slice(9, sasl)
        guard let open = client.lastIndex(of: UInt8(ascii: "[")) else { return .ignored }
        let trailerStart = failedAt + " authentication failed".utf8.count
        var trailer = message.dropFirst(trailerStart)
        if trailer.hasPrefix(":") { trailer = trailer.dropFirst(1) }
        trailer = trailer.trimmed
        var user: String?
        if let marker = trailer.find(", sasl_username=") {
            let value = trailer.dropFirst(marker + ", sasl_username=".utf8.count)
            if !value.isEmpty, !value.equals("(unavailable)") { user = value.string }
            trailer = trailer.prefix(marker)
        }
        if trailer.hasPrefix("Connection lost to authentication server") { return .ignored }
        return .authFailure(ip: AddressParsing.bracketed(client, open: open), user: user,
                            mechanism: message.slice(sasl + 7, failedAt).string.uppercased(), reason: failureReason(trailer))
    }

    /// A fixed vocabulary for the failure trailer: it may be a base64 server challenge, which
    /// is shown as what it asked for, never copied.
    static func failureReason(_ trailer: ByteLine) -> String {
        if trailer.isEmpty || trailer.equals("(reason unavailable)") { return "no reason given" }
        if trailer.hasPrefix("authentication failure") { return "authentication failure" }
        if trailer.equals("UGFzc3dvcmQ6") || trailer.hasPrefix("Password:") { return "failed at the password prompt" }
        if trailer.equals("VXNlcm5hbWU6") || trailer.hasPrefix("Username:") { return "failed at the username prompt" }
        if trailer.hasPrefix("PD") { return "failed CRAM-MD5 challenge" }
        if trailer.hasPrefix("Invalid authentication mechanism") { return "mechanism not offered" }
        return "other"
    }

    /// `disconnect from host[ip](:port) ehlo=1 auth=0/2 quit=1 commands=2/4`: the counters are
    /// `name=ok/total` (or `name=n` when all succeeded), after the client; the client's own
    /// name cannot hold a space, so the counters are read after the first space past it.
    private static func prepareDisconnect(_ message: ByteLine) -> PostfixLine.Kind {
        let ip = message.firstIndex(of: UInt8(ascii: "[")).flatMap { AddressParsing.bracketed(message, open: $0) }
        let afterClient = message.dropFirst("disconnect from ".utf8.count)
        guard let space = afterClient.firstIndex(of: 0x20) else { return .disconnect(ip: ip, authFailed: 0) }
        let counters = afterClient.dropFirst(space)
        guard let auth = counters.find(" auth=") else { return .disconnect(ip: ip, authFailed: 0) }
        let value = counters.dropFirst(auth + " auth=".utf8.count)
        let field = value.prefix(value.firstIndex(of: 0x20) ?? value.count)
        guard let slash = field.firstIndex(of: UInt8(ascii: "/")), let ok = field.prefix(slash).integer,
              let total = field.dropFirst(slash + 1).integer, total > ok else { return .disconnect(ip: ip, authFailed: 0) }
        return .disconnect(ip: ip, authFailed: min(total - ok, 10_000))
    }

    private static func prepareRelayDenied(_ message: ByteLine) -> PostfixLine.Kind {
        var ip: String?
        if let from = message.find(" from ") {
            let rest = message.dropFirst(from + 6)
            if let colon = rest.find("]:") ?? rest.find("]"), let open = rest.prefix(colon + 1).lastIndex(of: UInt8(ascii: "[")) {
                ip = AddressParsing.bracketed(rest, open: open)
            }
        }
        var localID: String?
        if let (id, _) = queueID(message), !id.equals("NOQUEUE") { localID = id.string }
        return .relayDenied(ip: ip, from: message.bracketed(after: "from=<")?.string,
                            to: message.bracketed(after: " to=<")?.string, localID: localID)
    }

    private static func prepareQueueLine(_ message: ByteLine, _ daemon: Daemon) -> PostfixLine.Kind {
        guard let (id, rest) = queueID(message), let key = LocalIDKey(id) else { return .ignored }
        if case .qmgr = daemon, rest.equals("removed") { return .removed(key) }
        if case .bounce = daemon {
            // QID: sender non-delivery notification: NDRID (also delivery status / delay / postmaster)
            guard rest.find(" notification: ") != nil, let colon = rest.lastIndex(of: UInt8(ascii: ":")) else { return .ignored }
            let ndrID = rest.dropFirst(colon + 1).trimmed
            return .bounce(PostfixLine.Queued(id: id.string, key: key), ndrID: ndrID.string, ndrKey: LocalIDKey(ndrID),
                           reason: rest.hasPrefix("sender delay") ? "delay notification" : "non-delivery notification")
        }
        if rest.hasPrefix("from=<") {
            // qmgr logs from= again when a message is requeued; the first one counts. An expired
            // message's line (`from=<s>, status=expired, returned to sender`) is told by what
            // follows the sender, not by a search that the sender's own text could satisfy.
            let sender = rest.bracketed(after: "from=<")
            let fields = rest.dropFirst("from=<".utf8.count + (sender?.count ?? 0) + 1)
            guard !fields.hasPrefix(", status=expired") else { return .ignored }
            return .sender(PostfixLine.Queued(id: id.string, key: key), from: sender?.string ?? "",
                           size: fields.value(after: "size=", until: UInt8(ascii: ","))?.integer)
        }
        if case .pickup = daemon, let from = rest.bracketed(after: "from=<") {
            return .pickup(PostfixLine.Queued(id: id.string, key: key), from: from.string)
        }
        return .ignored
    }

    private static func prepareDelivery(_ message: ByteLine, local: Bool) -> PostfixLine.Kind {
        guard let (id, rest) = queueID(message), rest.hasPrefix("to=<"), let key = LocalIDKey(id),
              let recipient = rest.bracketed(after: "to=<") else { return .ignored }
        // `to=<r>, orig_to=<o>, relay=…, delay=…, delays=…, dsn=…, status=… (…)`: each field is
        // looked for after the previous one, never inside the addresses, which the sender chose
        // (a recipient reading `status=sent` must not turn a bounce into a delivery).
        var fields = rest.dropFirst("to=<".utf8.count + recipient.count + 1)
        if fields.hasPrefix(", orig_to=<"), let close = fields.firstIndex(of: UInt8(ascii: ">")) { fields = fields.dropFirst(close + 1) }
        var cursor = 0
        let relay = fields.value(after: ", relay=", until: UInt8(ascii: ","))
        if let relay, let base = relay.base, let start = fields.base { cursor = start.distance(to: base) + relay.count }
        let dsn = fields.value(after: ", dsn=", until: UInt8(ascii: ","), from: cursor)
        if let dsn, let base = dsn.base, let start = fields.base { cursor = start.distance(to: base) + dsn.count }
        let status = fields.value(after: ", status=", until: 0x20, from: cursor).map(Self.status) ?? "unknown"
        var reason: String?
        if status == "bounced" || status == "expired", let dsn { reason = "dsn \(dsn.string)" }
        return .delivery(PostfixLine.Queued(id: id.string, key: key), PostfixLine.Delivery(
            recipient: recipient.string, status: status,
            local: local || relay.map { $0.find("dovecot") != nil || $0.equals("local") } == true, reason: reason))
    }

    /// The delivery status in lower case: Postfix's own words as constants (no String made
    /// per delivery), anything else lower-cased as written.
    static func status(_ value: ByteLine) -> String {
        if value.equals("sent") { return "sent" }
        if value.equals("bounced") { return "bounced" }
        if value.equals("deferred") { return "deferred" }
        if value.equals("expired") { return "expired" }
        if value.equals("deliverable") { return "deliverable" }
        if value.equals("undeliverable") { return "undeliverable" }
        return value.lowercasedString
    }

    // MARK: apply (the joins, in input order)

    /// Applies one prepared line: connection state, queue-id joins and the events they complete.
    mutating func apply<S: EventSink>(_ line: consuming PostfixLine, _ context: LineContext, into sink: inout S) {
        let appname = line.appname
        let service = line.service
        func event(_ action: LogEvent.Action) -> LogEvent {
            var event = LogEvent(action, time: context.time, format: .postfix, fileIndex: context.fileIndex, offset: context.offset)
            event.appname = appname
            if action.kind == .authentication { event.service = service ?? .smtp }
            return event
        }
        switch line.kind {
        case .ignored:
            break
        case let .started(version):
            software.record(ServerSoftware(product: "postfix", version: version, time: context.time, fileIndex: context.fileIndex, offset: context.offset))
        case let .connect(ip):
            if let pid = context.pid { connections[pid] = (ip, nil, 0) }
        case let .disconnect(ip, failed):
            let known = context.pid.flatMap { connections.removeValue(forKey: $0) }
            let missing = failed - (known?.failures ?? 0)
            if missing > 0 {
                var failure = event(.authFailure)
                failure.sourceIP = ip ?? known?.ip
                failure.attempts = missing
                failure.reason = "no reason given"
                sink.consume(failure)
            }
        case let .client(queued, ip, user, mechanism):
            messages.update(queued.key, id: queued.id, context) { pending in
                pending.clientIP = ip
                pending.user = user
                pending.appname = appname
            }
            if let name = user {
                let known = context.pid.flatMap { connections[$0] }
                if known?.user != name {
                    var success = event(.authSuccess)
                    success.sourceIP = ip
                    success.user = name
                    success.localID = queued.id
                    success.mechanism = mechanism
                    sink.consume(success)
                    if let pid = context.pid { connections[pid] = (ip ?? known?.ip, name, known?.failures ?? 0) }
                }
            }
        case let .authFailure(ip, user, mechanism, reason):
            // Counted here, so the connection's `auth=S/T` at disconnect does not count it again
            // (also when the log began after its `connect from`).
            if let pid = context.pid {
                let known = connections[pid]
                connections[pid] = (known?.ip ?? ip, known?.user, (known?.failures ?? 0) + 1)
            }
            var failure = event(.authFailure)
            failure.sourceIP = ip
            failure.user = user
            failure.mechanism = mechanism
            failure.reason = reason
            sink.consume(failure)
        case let .relayDenied(ip, from, to, localID):
            var denied = event(.relayDenied)
            denied.sourceIP = ip
            denied.from = from
            if let to { denied.to = [to] }
            denied.localID = localID
            sink.consume(denied)
        case let .removed(key):
            if let done = messages.remove(key), done.from != nil { sink.consume(done.acceptedEvent(format: format)) }
        case let .bounce(queued, ndrID, ndrKey, reason):
            let original = messages[queued.key]
            var ndr = event(.ndr)
            ndr.success = false
            ndr.localID = ndrID
            ndr.originalID = queued.id
            ndr.user = original?.user
            ndr.sourceIP = original?.clientIP
            if let sender = original?.from { ndr.to = [sender] }
            ndr.reason = reason
            sink.consume(ndr)
            if let ndrKey {
                messages.update(ndrKey, id: ndrID, context) { $0.ndrFor = queued.id }
            }
        case let .sender(queued, from, size):
            messages.update(queued.key, id: queued.id, context) { pending in
                guard pending.from == nil else { return }
                pending.from = from
                pending.size = size
                if pending.appname == nil { pending.appname = appname }
            }
        case let .pickup(queued, from):
            messages.update(queued.key, id: queued.id, context) { pending in
                pending.from = from
                pending.appname = appname
            }
        case let .delivery(queued, delivery):
            let pending = messages.update(queued.key, id: queued.id, context) { pending in
                pending.addRecipient(delivery.recipient)
                return (user: pending.user, ip: pending.clientIP, from: pending.from)
            }
            var sent = event(.delivery)
            sent.localID = queued.id
            sent.to = [delivery.recipient]
            sent.user = pending.user
            sent.sourceIP = pending.ip
            sent.from = pending.from
            sent.status = delivery.status
            sent.success = delivery.status == "sent" || delivery.status == "delivered"
            sent.localDelivery = delivery.local
            sent.reason = delivery.reason
            sink.consume(sent)
        }
    }

    // MARK: joins

    public mutating func expire(now: Instant, windows: JoinWindows, into sink: inout EventBuffer) {
        let time = now.adding(seconds: -windows.message)
        for message in messages.removeStale(before: time) where message.from != nil {
            sink.consume(message.acceptedEvent(format: format))
        }
        if connections.count > 100_000 { connections.removeAll(keepingCapacity: true) }
    }

    public mutating func finish(into sink: inout EventBuffer) {
        for message in messages.removeAll() where message.from != nil {
            sink.consume(message.acceptedEvent(format: format))
        }
        connections.removeAll()
    }
}
