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
/// authentication server" and "Invalid authentication mechanism" are not password guesses
/// and yield no event, as in fail2ban's `mode=auth`.
public struct PostfixParser: LineParser {
    public let format = LogFormat.postfix
    private var messages = PendingMessages()
    /// smtpd pid → the connection's client and the user already reported for it.
    private var connections: [Int: (ip: String?, user: String?)] = [:]

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

    public mutating func parse<S: EventSink>(_ message: ByteLine, _ context: LineContext, into sink: inout S) -> LineVerdict {
        guard let program = context.program, program.hasPrefix("postfix") else { return .unrecognized }
        switch Daemon(Self.daemonName(program)) {
        case .smtpd: parseSMTPD(message, context, &sink)
        case let .delivery(local): parseDelivery(message, local: local, context, &sink)
        case let daemon?: parseQueueLine(message, daemon, context, &sink)
        case nil: break
        }
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

    // MARK: smtpd

    private mutating func parseSMTPD<S: EventSink>(_ message: ByteLine, _ context: LineContext, _ sink: inout S) {
        if message.hasPrefix("connect from ") {
            let ip = message.firstIndex(of: UInt8(ascii: "[")).flatMap { AddressParsing.bracketed(message, open: $0) }
            if let pid = context.pid { connections[pid] = (ip, nil) }
            return
        }
        if message.hasPrefix("disconnect from ") {
            if let pid = context.pid { connections[pid] = nil }
            return
        }
        // `QID: client=…` first: the most frequent smtpd line, and one whose fields (a SASL
        // username the client chose) must never be searched for the phrases below.
        let queued = Self.queueID(message)
        if let (id, rest) = queued, rest.hasPrefix("client=") {
            if let key = LocalIDKey(id) { parseClient(id, key, rest, context, &sink) }
            return
        }
        if message.hasPrefix("warning: "), let failed = message.find(" authentication failed") {
            parseAuthFailure(message, failedAt: failed, context, &sink)
            return
        }
        // `NOQUEUE: reject: RCPT from …: 554 5.7.1 <rcpt>: Relay access denied; …` (or a queue id
        // for the NOQUEUE): only reject lines are searched for the phrase.
        if let (_, rest) = queued, rest.hasPrefix("reject: "), rest.find("Relay access denied") != nil {
            parseRelayDenied(message, context, &sink)
        }
    }

    private mutating func parseClient<S: EventSink>(_ id: ByteLine, _ key: LocalIDKey, _ rest: ByteLine, _ context: LineContext, _ sink: inout S) {
        let ip = rest.firstIndex(of: UInt8(ascii: "[")).flatMap { AddressParsing.bracketed(rest, open: $0) }
        let user = rest.value(after: "sasl_username=", until: UInt8(ascii: ",")).flatMap { $0.isEmpty ? nil : $0.string }
        messages.update(key, id: id, context) { pending in
            pending.clientIP = ip
            pending.user = user
            pending.appname = context.program?.string
        }
        if let name = user {
            let known = context.pid.flatMap { connections[$0] }
            if known?.user != name {
                var event = context.event(.authSuccess, format)
                event.sourceIP = ip
                event.user = name
                event.localID = id.string
                event.mechanism = rest.value(after: "sasl_method=", until: UInt8(ascii: ","))?.string
                sink.consume(event)
                if let pid = context.pid { connections[pid] = (ip ?? known?.ip, name) }
            }
        }
    }

    private func parseAuthFailure<S: EventSink>(_ message: ByteLine, failedAt: Int, _ context: LineContext, _ sink: inout S) {
        // warning: host[ip](:port): SASL MECH authentication failed: TRAILER[, sasl_username=U]
        guard let sasl = message.find(": SASL ") else { return }
        let client = message.slice(9, sasl)
        guard let open = client.lastIndex(of: UInt8(ascii: "[")) else { return }
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
        if trailer.hasPrefix("Connection lost to authentication server") || trailer.hasPrefix("Invalid authentication mechanism") {
            return
        }
        var event = context.event(.authFailure, format)
        event.sourceIP = AddressParsing.bracketed(client, open: open)
        event.user = user
        event.mechanism = message.slice(sasl + 7, failedAt).string.uppercased()
        event.reason = Self.failureReason(trailer)
        sink.consume(event)
    }

    /// A fixed vocabulary for the failure trailer: it may be a base64 server challenge, which
    /// is shown as what it asked for, never copied.
    static func failureReason(_ trailer: ByteLine) -> String {
        if trailer.isEmpty || trailer.equals("(reason unavailable)") { return "no reason given" }
        if trailer.hasPrefix("authentication failure") { return "authentication failure" }
        if trailer.equals("UGFzc3dvcmQ6") || trailer.hasPrefix("Password:") { return "failed at the password prompt" }
        if trailer.equals("VXNlcm5hbWU6") || trailer.hasPrefix("Username:") { return "failed at the username prompt" }
        if trailer.hasPrefix("PD") { return "failed CRAM-MD5 challenge" }
        return "other"
    }

    private func parseRelayDenied<S: EventSink>(_ message: ByteLine, _ context: LineContext, _ sink: inout S) {
        var event = context.event(.relayDenied, format)
        if let from = message.find(" from ") {
            let rest = message.dropFirst(from + 6)
            if let colon = rest.find("]:") ?? rest.find("]"), let open = rest.prefix(colon + 1).lastIndex(of: UInt8(ascii: "[")) {
                event.sourceIP = AddressParsing.bracketed(rest, open: open)
            }
        }
        event.from = message.bracketed(after: "from=<")?.string
        if let to = message.bracketed(after: " to=<") { event.to = [to.string] }
        if let (id, _) = Self.queueID(message), !id.equals("NOQUEUE") { event.localID = id.string }
        sink.consume(event)
    }

    // MARK: cleanup, qmgr, pickup, bounce

    private mutating func parseQueueLine<S: EventSink>(_ message: ByteLine, _ daemon: Daemon, _ context: LineContext, _ sink: inout S) {
        guard let (id, rest) = Self.queueID(message), let key = LocalIDKey(id) else { return }
        if case .qmgr = daemon, rest.equals("removed") {
            if let done = messages.remove(key) {
                if done.from != nil { sink.consume(done.acceptedEvent(format: format)) }
            }
            return
        }
        if case .bounce = daemon {
            parseBounce(id, key, rest, context, &sink)
            return
        }
        if rest.hasPrefix("from=<") {
            // qmgr logs from= again when a message is requeued; the first one counts. An expired
            // message's line (`from=<s>, status=expired, returned to sender`) is told by what
            // follows the sender, not by a search that the sender's own text could satisfy.
            let sender = rest.bracketed(after: "from=<")
            let fields = rest.dropFirst("from=<".utf8.count + (sender?.count ?? 0) + 1)
            guard !fields.hasPrefix(", status=expired") else { return }
            messages.update(key, id: id, context) { pending in
                guard pending.from == nil else { return }
                pending.from = sender?.string ?? ""
                pending.size = fields.value(after: "size=", until: UInt8(ascii: ","))?.integer
                if pending.appname == nil { pending.appname = context.program?.string }
            }
        } else if case .pickup = daemon, let from = rest.bracketed(after: "from=<") {
            messages.update(key, id: id, context) { pending in
                pending.from = from.string
                pending.appname = context.program?.string
            }
        }
    }

    private mutating func parseBounce<S: EventSink>(_ id: ByteLine, _ key: LocalIDKey, _ rest: ByteLine, _ context: LineContext, _ sink: inout S) {
        // QID: sender non-delivery notification: NDRID (also delivery status / delay / postmaster)
        guard rest.find(" notification: ") != nil, let colon = rest.lastIndex(of: UInt8(ascii: ":")) else { return }
        let ndrID = rest.dropFirst(colon + 1).trimmed
        let original = messages[key]
        var event = context.event(.ndr, format)
        event.success = false
        event.localID = ndrID.string
        event.originalID = id.string
        event.user = original?.user
        event.sourceIP = original?.clientIP
        if let sender = original?.from { event.to = [sender] }
        event.reason = rest.hasPrefix("sender delay") ? "delay notification" : "non-delivery notification"
        sink.consume(event)
        if let ndrKey = LocalIDKey(ndrID) {
            messages.update(ndrKey, id: ndrID, context) { $0.ndrFor = id.string }
        }
    }

    // MARK: delivery agents

    private mutating func parseDelivery<S: EventSink>(_ message: ByteLine, local: Bool, _ context: LineContext, _ sink: inout S) {
        guard let (id, rest) = Self.queueID(message), rest.hasPrefix("to=<"), let key = LocalIDKey(id),
              let recipient = rest.bracketed(after: "to=<") else { return }
        let to = recipient.string
        let pending = messages.update(key, id: id, context) { pending in
            pending.addRecipient(to)
            return (user: pending.user, ip: pending.clientIP, from: pending.from)
        }

        var event = context.event(.delivery, format)
        event.localID = id.string
        event.to = [to]
        event.user = pending.user
        event.sourceIP = pending.ip
        event.from = pending.from
        let status = rest.value(after: "status=", until: 0x20).map(Self.status) ?? "unknown"
        event.status = status
        event.success = status == "sent" || status == "delivered"
        let relay = rest.value(after: "relay=", until: UInt8(ascii: ","))
        event.localDelivery = local || relay.map { $0.find("dovecot") != nil || $0.equals("local") } == true
        if status == "bounced" || status == "expired", let dsn = rest.value(after: "dsn=", until: UInt8(ascii: ",")) {
            event.reason = "dsn \(dsn.string)"
        }
        sink.consume(event)
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

    // MARK: joins

    public mutating func expire<S: EventSink>(before time: Int64, into sink: inout S) {
        for message in messages.removeStale(before: time) where message.from != nil {
            sink.consume(message.acceptedEvent(format: format))
        }
        if connections.count > 100_000 { connections.removeAll(keepingCapacity: true) }
    }

    public mutating func finish<S: EventSink>(into sink: inout S) {
        for message in messages.removeAll() where message.from != nil {
            sink.consume(message.acceptedEvent(format: format))
        }
        connections.removeAll()
    }
}
