public import RelayAuditCore
/// Sendmail (`sm-mta`, `sendmail`, `sm-acceptingconnections`, `sm-msp-queue`).
///
/// The successful AUTH line carries no queue id: `AUTH=server, relay=host [ip], authid=USER,
/// mech=M, bits=N` is logged by the smtpd child before the message exists, so it is tied to the
/// message by the process id, whose next `QID: from=…, proto=ESMTPA` line names the queue id.
/// Deliveries are `QID: to=…, stat=…`; a bounce is `QID: DSNQID: DSN: reason`.
/// Failures: `AUTH failure (MECH): … user=U, relay=…[ip]` (8.16.1 with AUTH_FAIL_LOG_USER;
/// an attacker can type `, relay=[…]` into the username, so the *last* relay= counts) and
/// `[ip]: possible SMTP attack: command=AUTH, count=N`.
public struct SendmailParser: LineFormatReader {
    public static let format = LogFormat.sendmail
    public static func claims(program: ByteLine) -> Bool { program.hasPrefix("sm-") || program.equals("sendmail") }
    private var messages = PendingMessages()
    /// pid → (user, ip, time) of an AUTH=server line awaiting its message.
    private var sessions: [Int: (user: String, ip: String?, time: Instant)] = [:]

    public init() {}

    static let programs: Set<String> = ["sm-mta", "sendmail", "sm-acceptingconnections", "sm-msp-queue", "smtpd-sendmail"]

    /// `starting daemon (8.17.1.9): SMTP+queueing@00:30:00`: the version running.
    private var software = ServerSoftwareLog()
    public var serverSoftware: [ServerSoftware] { software.all }

    public mutating func parse(_ message: ByteLine, _ context: LineContext, into sink: inout EventBuffer) -> LineVerdict {
        guard let program = context.program, Self.programs.contains(program.string) else { return .unrecognized }
        if message.hasPrefix("AUTH=server, ") {
            parseAuthSuccess(message, context, &sink)
            return .understood
        }
        guard let (id, rest) = Self.queueID(message) else {
            if message.hasPrefix("starting daemon ("), let version = ServerSoftware.cleanVersion(message.dropFirst(17).string) {
                software.record(ServerSoftware(product: "sendmail", version: version, time: context.time, fileIndex: context.fileIndex, offset: context.offset))
                return .understood
            }
            if message.find("Relaying denied") != nil { parseRelayDenied(message, context, &sink) }
            return .understood
        }
        if rest.hasPrefix("AUTH failure (") {
            parseAuthFailure(rest, context, &sink)
        } else if let attack = rest.find(": possible SMTP attack: command=AUTH, count=") {
            var event = context.event(.authFailure, format)
            event.sourceIP = Self.lastRelayAddress(rest.prefix(attack + 1))
            event.attempts = rest.dropFirst(attack + ": possible SMTP attack: command=AUTH, count=".utf8.count).integer ?? 1
            event.reason = "repeated AUTH attempts"
            sink.consume(event)
        } else if rest.hasPrefix("from=") {
            parseFrom(id, rest, context)
        } else if rest.hasPrefix("to=") {
            parseTo(id, rest, context, &sink)
        } else if let dsn = rest.find(": DSN: ") {
            parseDSN(id, rest.prefix(dsn), context, &sink)
        } else if rest.find("Relaying denied") != nil {
            parseRelayDenied(rest, context, &sink)
        }
        return .understood
    }

    /// `QID: rest`: Sendmail queue ids are 14–15 letters and digits.
    static func queueID(_ message: ByteLine) -> (ByteLine, ByteLine)? {
        guard let colon = message.firstIndex(of: UInt8(ascii: ":")), colon >= 8, colon <= 20,
              colon + 1 < message.count, message[colon + 1] == 0x20 else { return nil }
        for i in 0..<colon {
            let c = message[i]
            guard (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) else { return nil }
        }
        return (message.prefix(colon), message.dropFirst(colon + 2))
    }

    /// The address in the last `relay=…[ip]` (or the last `[ip]`).
    static func lastRelayAddress(_ text: ByteLine) -> String? {
        let scope = text.findLast("relay=").map { text.dropFirst($0) } ?? text
        guard let open = scope.firstIndex(of: UInt8(ascii: "[")) else { return nil }
        return AddressParsing.bracketed(scope, open: open)
    }

    private mutating func parseAuthSuccess<S: EventSink>(_ message: ByteLine, _ context: LineContext, _ sink: inout S) {
        // `AUTH=server, relay=host [ip], authid=U, mech=M, bits=N`: U is the client's text and
        // runs whole up to the last `, mech=` (what follows is the server's).
        guard let authid = message.find(", authid=") else { return }
        let start = authid + ", authid=".utf8.count
        let mech = message.findLast(", mech=").flatMap { $0 >= start ? $0 : nil }
        let user = mech.map { message.slice(start, $0) } ?? message.value(after: ", authid=", until: UInt8(ascii: ","))
        guard let user, !user.isEmpty else { return }
        let ip = Self.lastRelayAddress(message.prefix(authid))
        var event = context.event(.authSuccess, format)
        event.sourceIP = ip
        event.user = user.string
        event.mechanism = mech.flatMap { message.value(after: ", mech=", until: UInt8(ascii: ","), from: $0) }?.string
        sink.consume(event)
        if let pid = context.pid { sessions[pid] = (user.string, ip, context.time) }
    }

    private func parseAuthFailure<S: EventSink>(_ rest: ByteLine, _ context: LineContext, _ sink: inout S) {
        var event = context.event(.authFailure, format)
        event.mechanism = rest.value(after: "AUTH failure (", until: UInt8(ascii: ")"))?.string.uppercased()
        event.sourceIP = Self.lastRelayAddress(rest)
        // user= … up to the last ", relay=": the username is typed by the client and may
        // itself contain ", relay=[…]".
        if let userStart = rest.find(", user=") {
            let value = rest.dropFirst(userStart + ", user=".utf8.count)
            let end = value.findLast(", relay=") ?? value.count
            event.user = value.prefix(end).string
        }
        event.reason = rest.find("user not found") != nil ? "unknown user" : "authentication failure"
        sink.consume(event)
    }

    private mutating func parseFrom(_ id: ByteLine, _ rest: ByteLine, _ context: LineContext) {
        guard let key = LocalIDKey(id) else { return }
        let sender = rest.value(after: "from=", until: UInt8(ascii: ","))
        var from = sender?.string ?? ""
        if from.hasPrefix("<"), from.hasSuffix(">") { from = String(from.dropFirst().dropLast()) }
        // The other fields are read after the sender, which the client chose.
        let fields = sender.map { "from=".utf8.count + $0.count } ?? 0
        let proto = rest.value(after: "proto=", until: UInt8(ascii: ","), from: fields)
        let authenticated = proto.map { $0.hasSuffix("A") || $0.hasSuffix("a") } ?? false
        let session = authenticated ? context.pid.flatMap { sessions[$0] } : nil
        let relayIP = Self.lastRelayAddress(rest)
        messages.update(key, id: id, context) { pending in
            guard pending.from == nil else { return }
            pending.from = from
            pending.size = rest.value(after: "size=", until: UInt8(ascii: ","), from: fields)?.integer
            pending.user = session?.user
            pending.clientIP = session?.ip ?? relayIP
            pending.appname = context.program?.string
        }
    }

    private mutating func parseTo<S: EventSink>(_ id: ByteLine, _ rest: ByteLine, _ context: LineContext, _ sink: inout S) {
        guard let key = LocalIDKey(id) else { return }
        let list = rest.value(after: "to=", until: UInt8(ascii: ","))
        // to= may list several recipients separated by commas inside one value: take the field.
        let fieldEnd = rest.find(", ctladdr=") ?? rest.find(", delay=") ?? rest.count
        let field = rest.slice(3, fieldEnd)
        var recipients: [String] = []
        var start = 0
        while start < field.count {
            let end = field.firstIndex(of: UInt8(ascii: ","), from: start) ?? field.count
            var value = field.slice(start, end).trimmed
            if value.hasPrefix("<") { value = value.dropFirst(1) }
            if value.hasSuffix(">") { value = value.prefix(value.count - 1) }
            if !value.isEmpty { recipients.append(value.string) }
            start = end + 1
        }
        if recipients.isEmpty, let list { recipients = [list.string] }
        // The delivery's fields are read after the recipients, which the sender chose.
        let statText = rest.value(after: "stat=", until: 0x20, from: fieldEnd)?.string ?? "unknown"
        let dsn = rest.value(after: "dsn=", until: UInt8(ascii: ","), from: fieldEnd)
        let status: String
        if statText.hasPrefix("Sent") {
            status = "sent"
        } else if statText.hasPrefix("Deferred") || dsn.map({ $0.hasPrefix("4") }) == true {
            status = "deferred"
        } else {
            status = "bounced"
        }
        let mailer = rest.value(after: "mailer=", until: UInt8(ascii: ","), from: fieldEnd)
        let pending = messages.update(key, id: id, context) { pending in
            for recipient in recipients { pending.addRecipient(recipient) }
            return (pending.user, pending.clientIP, pending.from)
        }
        for recipient in recipients {
            var event = context.event(.delivery, format)
            event.localID = id.string
            event.to = [recipient]
            event.user = pending.0
            event.sourceIP = pending.1
            event.from = pending.2
            event.status = status
            event.success = status == "sent"
            event.localDelivery = mailer.map { $0.equals("local") || $0.equals("cyrus") || $0.equals("lmtp") || $0.equals("procmail") } ?? false
            if status == "bounced", let dsn { event.reason = "dsn \(dsn.string)" }
            sink.consume(event)
        }
    }

    private mutating func parseDSN<S: EventSink>(_ id: ByteLine, _ head: ByteLine, _ context: LineContext, _ sink: inout S) {
        // QID: DSNQID: DSN: reason — head is "DSNQID"
        guard let key = LocalIDKey(id) else { return }
        let original = messages[key]
        var event = context.event(.ndr, format)
        event.success = false
        event.localID = head.trimmed.string
        event.originalID = id.string
        event.user = original?.user
        event.sourceIP = original?.clientIP
        if let sender = original?.from { event.to = [sender] }
        event.reason = "non-delivery notification"
        sink.consume(event)
        if let ndrKey = LocalIDKey(head.trimmed) {
            messages.update(ndrKey, id: head.trimmed, context) { $0.ndrFor = id.string }
        }
    }

    private func parseRelayDenied<S: EventSink>(_ text: ByteLine, _ context: LineContext, _ sink: inout S) {
        var event = context.event(.relayDenied, format)
        event.sourceIP = Self.lastRelayAddress(text)
        if let arg = text.value(after: "arg1=", until: UInt8(ascii: ",")) { event.to = [EximParser.stripAngles(arg).string] }
        sink.consume(event)
    }

    public mutating func expire(now: Instant, windows: JoinWindows, into sink: inout EventBuffer) {
        let time = now.adding(seconds: -windows.message)
        for message in messages.removeStale(before: time) where message.from != nil {
            sink.consume(message.acceptedEvent(format: format))
        }
        sessions = sessions.filter { $0.value.time >= time }
    }

    public mutating func finish(into sink: inout EventBuffer) {
        for message in messages.removeAll() where message.from != nil {
            sink.consume(message.acceptedEvent(format: format))
        }
        sessions.removeAll()
    }
}
