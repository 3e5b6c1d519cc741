public import RelayAuditCore
/// Exim's mainlog (`YYYY-MM-DD HH:MM:SS [pid] MSGID …`), or the same messages through syslog.
///
/// Everything about an arrival is on its `<=` line: `H=host (helo) [ip]:port`, `P=esmtpa` /
/// `esmtpsa` (authenticated), `A=driver:id`, `S=size`, optional `for rcpt…`. Each recipient's
/// fate follows on `=>` (delivered), `->` (another address, delivered), `==` (deferred) and
/// `**` (failed) lines; `Completed` ends the message. A bounce is a new message
/// `<= <> R=ORIGINAL-ID`: the NDR, tied back to the message that caused it.
///
/// AUTH failures: `DRIVER authenticator failed for host (helo) [ip]:port: 535 … (set_id=USER)`,
/// and the AUTH protocol errors fail2ban's exim filter counts (`SMTP protocol error in "AUTH
/// …" … AUTH command used when not advertised`, `dropped: too many syntax or protocol errors
/// (last command was "AUTH …")`). An attacker can put quotes and `H=` in the AUTH command
/// Exim echoes, so the client is the *last* `H=… [ip]` on the line.
public struct EximParser: LineFormatReader {
    public static let format = LogFormat.exim
    public static func claims(program: ByteLine) -> Bool { program.hasPrefix("exim") }
    public static let readsBareLines = true
    private var messages = PendingMessages()
    /// Completed messages' account and client, kept briefly so a later NDR (`R=id`) can be
    /// attributed. Exim writes a bounce (`<= <> R=id`) in the delivery run that failed, before
    /// the original's `Completed`; an hour (`completedWindow`) covers a late one. Keeping them as
    /// long as open joins (a day) held every message of a day: 300 MB on a 1 GB mainlog.
    private var completed: [LocalIDKey: (user: String?, ip: String?, from: String?, time: Instant)] = [:]
    /// The latest line time seen: completed messages older than the window before it are dropped.
    private var newestTime: Instant = .distantPast
    static let completedWindow: Int64 = 3600

    public init() {}

    private var software = ServerSoftwareLog()
    public var serverSoftware: [ServerSoftware] { software.all }

    public mutating func parse(_ message: ByteLine, _ context: LineContext, into sink: inout EventBuffer) -> LineVerdict {
        if let program = context.program {
            guard program.hasPrefix("exim") else { return .unrecognized }
        }
        newestTime = max(newestTime, context.time)
        var line = message
        // `[pid]` after the timestamp when log_selector has +pid.
        if line.hasPrefix("["), let close = line.firstIndex(of: UInt8(ascii: "]")), close < 12 {
            line = line.dropFirst(close + 1).trimmedLeft
        }
        if let id = Self.messageID(line) {
            let rest = line.dropFirst(id.count + 1)
            return parseMessageLine(id, rest, context, &sink)
        }
        if let failed = line.find(" authenticator failed for ") {
            parseAuthenticatorFailure(line, failedAt: failed, context, &sink)
            return .understood
        }
        if line.hasPrefix("SMTP protocol error in \""), line.find("AUTH command used when not advertised") != nil,
           Self.commandIsAUTH(line.dropFirst("SMTP protocol error in \"".utf8.count)) {
            emitAuthFailure(ip: Self.lastHostAddress(line), user: nil, reason: "AUTH not advertised", context, &sink)
            return .understood
        }
        if line.hasPrefix("SMTP call from "), let last = line.find("(last command was \""),
           Self.commandIsAUTH(line.dropFirst(last + "(last command was \"".utf8.count)) {
            let ip = line.firstIndex(of: UInt8(ascii: "[")).flatMap { AddressParsing.bracketed(line, open: $0) }
            emitAuthFailure(ip: ip, user: nil, reason: "protocol errors during AUTH", context, &sink)
            return .understood
        }
        // `exim 4.96 daemon started: pid=…, -q30m, listening for SMTP on …`: the version running.
        if line.hasPrefix("exim "), line.find(" daemon started") != nil, let version = ServerSoftware.cleanVersion(line.dropFirst(5).string) {
            software.record(ServerSoftware(product: "exim", version: version, time: context.time, fileIndex: context.fileIndex, offset: context.offset))
            return .understood
        }
        if line.find("relay not permitted") != nil {
            var event = context.event(.relayDenied, format)
            event.sourceIP = Self.lastHostAddress(line)
            event.from = line.value(after: " F=<", until: UInt8(ascii: ">"))?.string
            if let rcpt = line.find("rejected RCPT ") {
                let value = line.dropFirst(rcpt + "rejected RCPT ".utf8.count)
                let end = value.firstIndex(of: UInt8(ascii: ":")) ?? value.count
                event.to = [Self.stripAngles(value.prefix(end)).string]
            }
            sink.consume(event)
            return .understood
        }
        return Self.looksLikeExim(line) ? .understood : .unrecognized
    }

    /// Exim's other routine lines (connections, verification, ACL drops, queue runs).
    static func looksLikeExim(_ line: ByteLine) -> Bool {
        line.hasPrefix("H=") || line.hasPrefix("SMTP ") || line.hasPrefix("no MAIL in SMTP connection")
            || line.hasPrefix("Start queue run") || line.hasPrefix("End queue run") || line.hasPrefix("no host name found")
            || line.hasPrefix("no IP address found") || line.hasPrefix("exim ") || line.hasPrefix("TLS error")
            || line.find(" rejected RCPT ") != nil || line.find("sender verify fail") != nil
    }

    /// `1gsu1C-003dCu-Hb` (6-6-2) or, since Exim 4.97, `1rABCD-00000001ab-ABCD` (6-11-4).
    static func messageID(_ line: ByteLine) -> ByteLine? {
        guard let space = line.firstIndex(of: 0x20), space == 16 || space == 23 else { return nil }
        let id = line.prefix(space)
        guard id[6] == UInt8(ascii: "-"), id[space == 16 ? 13 : 18] == UInt8(ascii: "-") else { return nil }
        for i in 0..<space where i != 6 && i != (space == 16 ? 13 : 18) {
            let c = id[i]
            guard (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) else { return nil }
        }
        return id
    }

    /// True when a quoted command echoed by Exim starts with AUTH (any case).
    static func commandIsAUTH(_ text: ByteLine) -> Bool { text.hasPrefixIgnoringCase("AUTH") }

    /// The address in the last `H=… [ip]` (or `[ip]` alone) of the line.
    static func lastHostAddress(_ line: ByteLine) -> String? {
        let scope = line.findLast(" H=").map { line.dropFirst($0) } ?? line
        guard let open = scope.firstIndex(of: UInt8(ascii: "[")) else { return nil }
        // H=(helo) [ip]: the helo may itself be a bracketed literal: take the bracket after it.
        var candidate = open
        if let paren = scope.firstIndex(of: UInt8(ascii: "(")), paren < open,
           let closeParen = scope.firstIndex(of: UInt8(ascii: ")"), from: paren), closeParen > open,
           let after = scope.firstIndex(of: UInt8(ascii: "["), from: closeParen) {
            candidate = after
        }
        return AddressParsing.bracketed(scope, open: candidate)
    }

    static func stripAngles(_ value: ByteLine) -> ByteLine {
        var v = value.trimmed
        if v.hasPrefix("<") { v = v.dropFirst(1) }
        if v.hasSuffix(">") { v = v.prefix(v.count - 1) }
        return v
    }

    private func parseAuthenticatorFailure<S: EventSink>(_ line: ByteLine, failedAt: Int, _ context: LineContext, _ sink: inout S) {
        // DRIVER authenticator failed for host (helo) [ip]:port I=[..]:587: 535 Incorrect authentication data (set_id=USER)
        let afterFor = line.dropFirst(failedAt + " authenticator failed for ".utf8.count)
        let clientPart = afterFor.prefix(afterFor.find("]:").map { $0 + 1 } ?? afterFor.count)
        var ip: String?
        // The client is the last bracket before the reply (the helo may be "([192.168.2.33])").
        if let open = clientPart.lastIndex(of: UInt8(ascii: "[")) {
            ip = AddressParsing.bracketed(clientPart, open: open)
        }
        var user: String?
        if let setID = line.find("(set_id=") {
            let value = line.dropFirst(setID + "(set_id=".utf8.count)
            if let close = value.lastIndex(of: UInt8(ascii: ")")) { user = value.prefix(close).string }
        }
        var event = context.event(.authFailure, format)
        event.service = .smtp
        event.sourceIP = ip
        event.user = user
        event.mechanism = line.prefix(failedAt).string
        event.reason = "incorrect authentication data"
        sink.consume(event)
    }

    private func emitAuthFailure<S: EventSink>(ip: String?, user: String?, reason: String, _ context: LineContext, _ sink: inout S) {
        var event = context.event(.authFailure, format)
        event.service = .smtp
        event.sourceIP = ip
        event.user = user
        event.reason = reason
        sink.consume(event)
    }

    // MARK: message lines

    private mutating func parseMessageLine<S: EventSink>(_ id: ByteLine, _ rest: ByteLine, _ context: LineContext, _ sink: inout S) -> LineVerdict {
        guard let key = LocalIDKey(id) else { return .unrecognized }
        if rest.hasPrefix("<= ") {
            parseArrival(id, key, rest.dropFirst(3), context, &sink)
        } else if rest.hasPrefix("=> ") || rest.hasPrefix("-> ") || rest.hasPrefix("== ") || rest.hasPrefix("** ") || rest.hasPrefix("*> ") {
            parseDelivery(id, key, rest, context, &sink)
        } else if rest.equals("Completed") || rest.hasPrefix("Completed ") {
            if let done = messages.remove(key) {
                completed[key] = (done.user, done.clientIP, done.from, context.time)
                if done.from != nil { sink.consume(done.acceptedEvent(format: format)) }
            }
        }
        return .understood
    }

    /// Where the address that starts a `<=` or `=>` line ends: at the first space, or at the
    /// first space after the closing quote of a quoted local part (`"a b"@example`).
    static func addressEnd(_ rest: ByteLine) -> Int {
        var from = 0
        if rest.count > 1, rest[0] == UInt8(ascii: "\""), let close = rest.firstIndex(of: UInt8(ascii: "\""), from: 1) { from = close }
        return rest.firstIndex(of: 0x20, from: from) ?? rest.count
    }

    /// The index after the `T="subject"` field that starts at `start`: the subject is free
    /// text, and ` for ` inside it is not the recipient list. Quotes inside it are escaped (`\"`).
    static func subjectEnd(_ fields: ByteLine, from start: Int) -> Int {
        var i = start + 4
        while i < fields.count {
            if fields[i] == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if fields[i] == UInt8(ascii: "\"") { return i + 1 }
            i += 1
        }
        return fields.count
    }

    private mutating func parseArrival<S: EventSink>(_ id: ByteLine, _ key: LocalIDKey, _ rest: ByteLine, _ context: LineContext, _ sink: inout S) {
        let senderEnd = Self.addressEnd(rest)
        let sender = rest.prefix(senderEnd).equals("<>") ? "" : rest.prefix(senderEnd).string
        // Fields are read after the sender and before the message id and subject, which the
        // client chose (`"x A=dovecot_login:ceo"@…` or such a subject on an unauthenticated
        // message must not name an AUTH identity); the recipient list after the subject.
        let fields = rest.dropFirst(senderEnd)
        let subject = fields.find(" T=\"")
        let header = fields.prefix([subject, fields.find(" id=")].compactMap { $0 }.min() ?? fields.count)
        let hostField = header.find(" H=").map { header.dropFirst($0 + 3) }
        var ip: String?
        if let host = hostField {
            let end = host.find(" I=") ?? host.find(" P=") ?? host.count
            let scope = host.prefix(end)
            if let open = scope.lastIndex(of: UInt8(ascii: "[")) { ip = AddressParsing.bracketed(scope, open: open) }
        }
        let protocolName = header.value(after: " P=", until: 0x20)
        let authenticated = header.value(after: " A=", until: 0x20)
        var user: String?
        if let a = authenticated, let colon = a.firstIndex(of: UInt8(ascii: ":")), colon + 1 < a.count {
            user = a.dropFirst(colon + 1).string
        }
        let size = header.value(after: " S=", until: 0x20)?.integer
        var recipients: [String] = []
        let afterSubject = subject.map { Self.subjectEnd(fields, from: $0) } ?? header.count
        if let forList = fields.find(" for ", from: afterSubject) {
            let list = fields.dropFirst(forList + 5)
            var start = 0
            while start < list.count {
                let end = list.firstIndex(of: 0x20, from: start) ?? list.count
                if end > start { recipients.append(list.slice(start, end).string) }
                start = end + 1
            }
        }
        messages.update(key, id: id, context) { pending in
            pending.from = sender
            pending.clientIP = ip
            pending.user = user
            pending.size = size
            pending.appname = context.program?.string ?? "exim"
            for recipient in recipients { pending.addRecipient(recipient) }
        }
        if let user, protocolName.map({ $0.hasSuffix("a") }) ?? true {
            var event = context.event(.authSuccess, format)
            event.sourceIP = ip
            event.user = user
            event.localID = id.string
            event.mechanism = authenticated.map { $0.prefix($0.firstIndex(of: UInt8(ascii: ":")) ?? $0.count).string }
            event.appname = event.appname ?? "exim"
            event.service = .smtp
            sink.consume(event)
        }
        if sender.isEmpty, let original = header.value(after: " R=", until: 0x20), let originalKey = LocalIDKey(original) {
            // The NDR Exim generated for `original`.
            let cause = messages[originalKey].map { ($0.user, $0.clientIP, $0.from) } ?? completed[originalKey].map { ($0.user, $0.ip, $0.from) }
            var event = context.event(.ndr, format)
            event.success = false
            event.localID = id.string
            event.originalID = original.string
            event.user = cause?.0
            event.sourceIP = cause?.1
            if let sender = cause?.2 { event.to = [sender] }
            event.reason = "non-delivery notification"
            event.appname = event.appname ?? "exim"
            sink.consume(event)
            messages.update(key, id: id, context) { $0.ndrFor = original.string }
        }
    }

    private mutating func parseDelivery<S: EventSink>(_ id: ByteLine, _ key: LocalIDKey, _ rest: ByteLine, _ context: LineContext, _ sink: inout S) {
        let marker = rest.prefix(2)
        let body = rest.dropFirst(3)
        let end = Self.addressEnd(body)
        var recipient = body.prefix(end)
        if recipient.hasSuffix(":") { recipient = recipient.prefix(recipient.count - 1) }
        // The fields (T=) are read after the addresses, which the sender chose.
        var fieldsStart = end
        // `=> local <alias@x> R=…`: the address in angle brackets is the original recipient.
        if end + 1 < body.count, body[end + 1] == UInt8(ascii: "<"), let close = body.firstIndex(of: UInt8(ascii: ">"), from: end + 1) {
            recipient = body.slice(end + 2, close)
            fieldsStart = close
        }
        let to = recipient.string
        let pending = messages.update(key, id: id, context) { pending in
            pending.addRecipient(to)
            return (pending.user, pending.clientIP, pending.from)
        }
        var event = context.event(.delivery, format)
        event.localID = id.string
        event.to = [to]
        event.user = pending.0
        event.sourceIP = pending.1
        event.from = pending.2
        event.appname = event.appname ?? "exim"
        switch (marker[0], marker[1]) {
        case (UInt8(ascii: "="), UInt8(ascii: ">")), (UInt8(ascii: "-"), UInt8(ascii: ">")):
            event.status = "sent"
        case (UInt8(ascii: "="), UInt8(ascii: "=")):
            event.status = "deferred"
            event.success = false
        default:
            event.status = "bounced"
            event.success = false
        }
        let transport = body.value(after: " T=", until: 0x20, from: fieldsStart)
        event.localDelivery = transport.map { $0.find("local") != nil || $0.find("dovecot") != nil || $0.find("lmtp") != nil
            || $0.find("virtual") != nil || $0.find("spool") != nil || $0.find("maildir") != nil } ?? false
        sink.consume(event)
    }

    public mutating func expire(now: Instant, windows: JoinWindows, into sink: inout EventBuffer) {
        let time = now.adding(seconds: -windows.message)
        for message in messages.removeStale(before: time) where message.from != nil {
            sink.consume(message.acceptedEvent(format: format))
        }
        let horizon = max(time, newestTime == .distantPast ? .distantPast : newestTime.adding(seconds: -Self.completedWindow))
        completed = completed.filter { $0.value.time >= horizon }
    }

    public mutating func finish(into sink: inout EventBuffer) {
        for message in messages.removeAll() where message.from != nil {
            sink.consume(message.acceptedEvent(format: format))
        }
        completed.removeAll()
    }
}
