import RelayAuditCore
/// Dovecot: the login processes (`imap-login`, `pop3-login`, `submission-login`,
/// `managesieve-login`) and the auth processes (`auth`, `auth-worker`), whether syslog names
/// the program `dovecot` or the process itself.
///
/// Successes: `*-login: Login: user=<U>, method=M, rip=IP, …`. Failures: the login process's
/// summary `(auth failed, N attempts…): user=<U>, …, rip=IP` and plaintext or proxy refusals;
/// the auth process's `DRIVER(USER,IP[,<session>]): Password mismatch | unknown user | …`; and
/// PAM's `pam_unix(dovecot:auth): authentication failure; … ruser=U rhost=IP`. Dovecot can log
/// "SHA1 of given password": never kept. `no auth attempts` and `client didn't finish SASL
/// auth` are not guesses and yield nothing.
public struct DovecotParser: LineFormatReader {
    public static let format = LogFormat.dovecot
    public static func claims(program: ByteLine) -> Bool { isDovecotProcess(program) || isSeverity(program) }

    /// Dovecot 1.x's own log file (`log_path`) puts the severity where syslog puts the program:
    /// `Nov 28 09:00:01 Info: auth(default): passwd-file(bob,203.0.113.9): unknown user`.
    static func isSeverity(_ name: ByteLine) -> Bool {
        name.equals("Info") || name.equals("Warn") || name.equals("Warning") || name.equals("Error") || name.equals("Fatal") || name.equals("Panic")
            || name.equals("Debug")
    }
    public static let readsBareLines = true

    private var software = ServerSoftwareLog()
    public var serverSoftware: [ServerSoftware] { software.all }

    public init() {}

    public mutating func parse(_ message: ByteLine, _ context: LineContext, into sink: inout EventBuffer) -> LineVerdict {
        var text = message
        var appname = context.program
        if let program = context.program, program.equals("dovecot") || program.equals("dovecot-auth") {
            // `dovecot: imap-login: …` / `dovecot: dovecot: auth(default): …`
            while text.hasPrefix("dovecot: ") { text = text.dropFirst(9) }
            if let (name, _, end) = SyslogHeaderDecoder.programToken(text, from: 0), Self.isDovecotProcess(name) {
                appname = name
                text = text.dropFirst(end).trimmedLeft
            }
        } else if let program = context.program, Self.isSeverity(program) {
            // Dovecot 1.x's log file: the process follows the severity.
            guard let (name, _, end) = SyslogHeaderDecoder.programToken(text, from: 0), Self.isDovecotProcess(name) else { return .unrecognized }
            appname = name
            text = text.dropFirst(end).trimmedLeft
        } else if let program = context.program, !Self.isDovecotProcess(program) {
            return .unrecognized
        } else if context.program == nil {
            // A bare `pop3-login: Info: …` line (Dovecot's own log file).
            guard let (name, _, end) = SyslogHeaderDecoder.programToken(text, from: 0), Self.isDovecotProcess(name) else { return .unrecognized }
            appname = name
            text = text.dropFirst(end).trimmedLeft
        }
        if text.hasPrefix("Info: ") { text = text.dropFirst(6) }
        let app = appname?.string ?? "dovecot"
        var lineContext = context
        lineContext.program = appname

        if text.hasPrefix("master: ") { text = text.dropFirst(8) }
        if text.hasPrefix("Dovecot v"), text.find(" starting up") != nil, let version = ServerSoftware.cleanVersion(text.dropFirst(9).string) {
            // `master: Dovecot v2.3.19.1 (9b53102964) starting up for imap, pop3`: the version running.
            software.record(ServerSoftware(product: "dovecot", version: version, time: context.time, fileIndex: context.fileIndex, offset: context.offset))
        } else if app.hasSuffix("-login") {
            parseLogin(text, app, lineContext, &sink)
        } else {
            parseAuth(text, app, lineContext, &sink)
        }
        return .understood
    }

    /// The fields of a login process line: `…: user=<U>, method=M, rip=IP, lip=IP, mpid=N, TLS,
    /// session=<S>` (Dovecot's default `login_log_format_elements`, in that order).
    ///
    /// The username is the client's text and may hold `>, method=X, rip=6.6.6.6`; everything
    /// after the real `rip=` is the server's. So the address is read at the last `, rip=`, the
    /// method at the last `, method=` before it, the session after it, and the user runs from
    /// the first `user=<` after the reason (which may itself read `user=`) to the last `>`
    /// before the method (or the address): an injected address never replaces the real one,
    /// and a name holding `>` is kept whole.
    static func loginFields(_ text: ByteLine) -> (user: ByteLine?, method: ByteLine?, ip: String?, session: ByteLine?, localIP: String?) {
        let rip = text.findLast(", rip=") ?? text.find("rip=").map { $0 - 2 }
        let beforeIP = rip.map { text.prefix(max(0, $0)) } ?? text
        let methodAt = beforeIP.findLast(", method=")
        let method = methodAt.map { beforeIP.dropFirst($0 + ", method=".utf8.count) }
        var ip: String?
        var localIP: String?
        if let rip {
            ip = AddressParsing.keyed(text, "rip=", from: max(0, rip))
            localIP = AddressParsing.keyed(text, "lip=", from: max(0, rip))
        }
        let session = rip.flatMap { text.bracketed(after: "session=<", from: max(0, $0)) }
        var user: ByteLine?
        let reasonEnd = text.find("): ").map { $0 + 1 } ?? 0
        if let start = text.find("user=<", from: reasonEnd) {
            let valueStart = start + "user=<".utf8.count
            let fieldsEnd = methodAt ?? rip ?? text.count
            if fieldsEnd > valueStart, let close = text.prefix(fieldsEnd).lastIndex(of: UInt8(ascii: ">")), close >= valueStart {
                user = text.slice(valueStart, close)
            }
        }
        return (user, method.map { $0.prefix($0.firstIndex(of: UInt8(ascii: ",")) ?? $0.count) }, ip, session, localIP)
    }

    static func isDovecotProcess(_ name: ByteLine) -> Bool {
        name.hasSuffix("-login") || name.equals("auth") || name.hasPrefix("auth-worker") || name.equals("dovecot")
            || name.equals("dovecot-auth") || name.hasPrefix("auth(") || name.equals("lmtp") || name.hasPrefix("imap") || name.hasPrefix("pop3")
    }

    private func parseLogin<S: EventSink>(_ text: ByteLine, _ app: String, _ context: LineContext, _ sink: inout S) {
        if text.hasPrefix("Login: ") {
            var event = context.event(.authSuccess, format)
            let fields = Self.loginFields(text)
            event.user = fields.user?.string
            event.sourceIP = fields.ip
            event.serverIP = fields.localIP
            event.mechanism = fields.method?.string
            event.localID = fields.session?.string
            sink.consume(event)
            return
        }
        var reason: String?
        var attempts = 1
        if let failed = text.find("(auth failed, ") {
            reason = "authentication failed"
            let count = text.dropFirst(failed + "(auth failed, ".utf8.count)
            attempts = count.prefix(count.firstIndex(of: 0x20) ?? count.count).integer ?? 1
        } else if text.find("(tried to use disabled plaintext auth)") != nil || text.find("(tried to use disallowed plaintext auth)") != nil {
            reason = "plaintext authentication refused"
        } else if text.find("(proxy dest auth failed)") != nil {
            reason = "proxy destination refused the credentials"
        }
        guard let reason else { return }
        var event = context.event(.authFailure, format)
        let fields = Self.loginFields(text)
        if let user = fields.user, !user.isEmpty { event.user = user.string }
        event.sourceIP = fields.ip
        event.serverIP = fields.localIP
        event.mechanism = fields.method?.string
        event.localID = fields.session?.string
        event.attempts = max(1, attempts)
        event.reason = reason
        sink.consume(event)
    }

    private func parseAuth<S: EventSink>(_ text: ByteLine, _ app: String, _ context: LineContext, _ sink: inout S) {
        if text.hasPrefix("pam_unix(") , text.find("authentication failure;") != nil {
            // Tokens: `ruser=U rhost=IP`: the first token *starting* with rhost= is the real one
            // (an injected `ruser=rhost=1.2.3.4` starts with ruser=).
            var event = context.event(.authFailure, format)
            var start = 0
            while start < text.count {
                let end = text.firstIndex(of: 0x20, from: start) ?? text.count
                let token = text.slice(start, end)
                if token.hasPrefix("rhost="), event.sourceIP == nil { event.sourceIP = AddressParsing.address(token.dropFirst(6)) }
                if token.hasPrefix("ruser="), event.user == nil, token.count > 6 { event.user = token.dropFirst(6).string }
                start = end + 1
            }
            event.reason = "authentication failure"
            if event.sourceIP != nil { sink.consume(event) }
            return
        }
        // `auth-worker<13247>: sql(user,ip,<session>): Password mismatch` — find DRIVER(…):
        guard let (user, ip, session, after) = Self.passdbCall(text) else { return }
        let outcome = after.trimmedLeft
        let reason: String
        if outcome.hasPrefix("Password mismatch") || outcome.find("password mismatch") != nil || outcome.find("Password mismatch") != nil {
            reason = "password mismatch"
        } else if outcome.hasPrefix("unknown user") || outcome.find("User not known") != nil {
            reason = "unknown user"
        } else if outcome.hasPrefix("invalid credentials") {
            reason = "invalid credentials"
        } else if outcome.hasPrefix("pam_authenticate() failed") {
            reason = "authentication failure"
        } else {
            return
        }
        var event = context.event(.authFailure, format)
        event.user = user
        event.sourceIP = ip
        event.localID = session
        event.reason = reason
        sink.consume(event)
    }

    /// The `driver(user,ip[,<session>]):` call on the line (passdb lookups: `sql(…)`,
    /// `pam(…)`, `ldap(…)`, `passwd-file(…)`): user, client address, session, and what follows.
    ///
    /// The user is whatever was typed at AUTH (Dovecot's `auth_username_chars` limits it by
    /// default, but an admin may clear the list), so it may hold `(`, `)` and `,`: the call opens
    /// at the last `(` before `): ` that follows a driver name at the start or after `: `. A name
    /// that itself holds `: word(` is cut there: the address is still the real one, the name not.
    static func passdbCall(_ text: ByteLine) -> (String?, String?, String?, ByteLine)? {
        var from = 0
        while let close = text.find("): ", from: from) {
            from = close + 1
            guard let open = lastDriverOpen(text.prefix(close)),
                  let call = parseCall(text.slice(open + 1, close)) else { continue }
            return (call.user, call.ip, call.session, text.dropFirst(close + 2))
        }
        return nil
    }

    /// The last `(` in `head` that follows a driver name (letters, digits, `-`, `_`) standing at
    /// the start or after `: `.
    static func lastDriverOpen(_ head: ByteLine) -> Int? {
        var position = head.count
        while position > 0 {
            position -= 1
            guard head[position] == UInt8(ascii: "(") else { continue }
            var start = position
            while start > 0, isDriverByte(head[start - 1]) { start -= 1 }
            guard start < position else { continue }
            if start == 0 || (start >= 2 && head[start - 1] == 0x20 && head[start - 2] == UInt8(ascii: ":")) { return position }
        }
        return nil
    }

    static func isDriverByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// `user,ip` or `user,ip,<session>` (the user may be empty or hold commas).
    static func parseCall(_ call: ByteLine) -> (user: String?, ip: String, session: String?)? {
        var inner = call
        guard let comma = inner.lastIndex(of: UInt8(ascii: ",")) else { return nil }
        var last = inner.dropFirst(comma + 1)
        var session: String?
        if last.isEmpty || last.hasPrefix("<") {
            if last.count > 2 { session = last.slice(1, last.count - 1).string }
            inner = inner.prefix(comma)
            guard let previous = inner.lastIndex(of: UInt8(ascii: ",")) else { return nil }
            last = inner.dropFirst(previous + 1)
            inner = inner.prefix(previous)
        } else {
            inner = inner.prefix(comma)
        }
        guard let ip = AddressParsing.address(last) else { return nil }
        return (inner.isEmpty ? nil : inner.string, ip, session)
    }

}
