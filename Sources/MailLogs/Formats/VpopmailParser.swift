import RelayAuditCore
/// qmail with vpopmail: `vchkpw` checks every SMTP AUTH (`vchkpw-smtp`, and `-submission`,
/// `-pop3`, `-imap`, `-webmail` for the other services) and logs through syslog as `vpopmail`:
///
///     vpopmail[3676]: vchkpw-smtp: (PLAIN) login success user@example.com:192.0.2.7
///     vpopmail[8164]: vchkpw-smtp: password fail user@example.com:192.0.2.7
///     vpopmail[8164]: vchkpw-smtp: password fail (pass: 'guess') user@example.com:192.0.2.7
///     vpopmail[8162]: vchkpw-smtp: vpopmail user not found user@:192.0.2.7
///
/// With vpopmail's `--enable-logging=v` or `=p` the failure line carries the password the client
/// tried (vchkpw.c), which is often the real one mistyped, or the real one of another account.
/// It is never kept: the parser reads the user and address from the end of the line (the domain
/// holds no `:`), and everything between `(pass: '` and the last `') ` is skipped unread.
public struct VpopmailParser: LineFormatReader {
    public static let format = LogFormat.vpopmail
    public static func claims(program: ByteLine) -> Bool { program.equals("vpopmail") }

    public init() {}

    public mutating func parse(_ message: ByteLine, _ context: LineContext, into sink: inout EventBuffer) -> LineVerdict {
        guard message.hasPrefix("vchkpw-"), let colon = message.find(": ") else { return .unrecognized }
        let service = message.prefix(colon).string
        var text = message.dropFirst(colon + 2)
        let action: LogEvent.Action
        var mechanism: String?
        var reason: String?
        if text.hasPrefix("("), let close = text.find(") login success ") {
            action = .authSuccess
            mechanism = text.slice(1, close).string
            text = text.dropFirst(close + 16)
        } else if text.hasPrefix("system password login success ") {
            action = .authSuccess
            text = text.dropFirst(30)
        } else if let rest = Self.after(text, ["password fail ", "system password fail "]) {
            action = .authFailure
            reason = "password mismatch"
            text = rest
            if text.hasPrefix("(pass: '") {
                // The tried password: skipped, never read into a String.
                guard let end = text.findLast("') ") else { return .unrecognized }
                text = text.dropFirst(end + 3)
            }
        } else if let rest = Self.after(text, ["vpopmail user not found ", "system user not found ", "null password given "]) {
            action = .authFailure
            reason = text.hasPrefix("null") ? "empty password" : "unknown user"
            text = rest
        } else if let rest = Self.after(text, ["smtp access denied ", "pop access denied ", "imap access denied ", "webmail access denied "]) {
            // The password was right; the account may not use this service.
            action = .authFailure
            reason = "access denied"
            text = rest
        } else {
            return .understood  // internal errors (putenv, dir auto create): no identity to judge
        }
        guard let (user, ip) = Self.userAndAddress(text) else { return .unrecognized }
        var event = context.event(action, format)
        event.appname = service
        event.service = Service.forProgram(service)
        event.user = user
        event.sourceIP = ip
        event.mechanism = mechanism
        event.reason = reason
        sink.consume(event)
        return .understood
    }

    static func after(_ text: ByteLine, _ prefixes: [StaticString]) -> ByteLine? {
        for prefix in prefixes where text.hasPrefix(prefix) { return text.dropFirst(prefix.utf8CodeUnitCount) }
        return nil
    }

    /// `user@domain:address` or `user:address`: the address follows the first `:` after the
    /// last `@` (a domain holds none; an IPv6 address may hold many).
    static func userAndAddress(_ text: ByteLine) -> (String?, String)? {
        let domainStart = text.lastIndex(of: UInt8(ascii: "@")) ?? 0
        guard let colon = text.firstIndex(of: UInt8(ascii: ":"), from: domainStart),
              let ip = AddressParsing.address(text.dropFirst(colon + 1)) else { return nil }
        var user = text.prefix(colon)
        // `user@:1.2.3.4`: vpopmail found no domain part.
        if user.count > 0, user[user.count - 1] == UInt8(ascii: "@") { user = user.prefix(user.count - 1) }
        return (user.count == 0 ? nil : user.string, ip)
    }

}
