import RelayAuditCore

/// The nginx mail proxy (in front of Zimbra, mailcow, Mailu and self-built setups): its error
/// log, or the same lines through syslog (program `nginx`). nginx asks an HTTP auth service
/// for every login and logs the outcome at `info` level:
///
///     2026/11/28 09:15:02 [info] 2712#2712: *1041 client login failed: "Invalid login or password"
///         while in http auth state, client: 203.0.113.9, server: 0.0.0.0:587, login: "kiosk"
///     2026/11/28 09:16:40 [info] 2712#2712: *1077 client logged in, client: 198.51.100.7,
///         server: 0.0.0.0:993, login: "alice@corp.example", upstream: 10.0.0.12:143
///
/// (ngx_mail_auth_http_module.c writes the first, ngx_mail_proxy_module.c the second; the
/// fields after the message are ngx_mail_log_error's: ` while ACTION`, `, client: `,
/// `, server: ` (the listening address), `, login: "…"` and `, upstream: `.) The service
/// comes from the listening port: 25 SMTP, 465 and 587 submission, 143 and 993 IMAP, 110 and
/// 995 POP3. The login is the client's text and is written raw between quotes: it runs to the
/// last `", upstream: ` (or the last quote), so a login reading `", client: 6.6.6.6` names no
/// client. The reason the auth service gave is not kept (only the fixed "authentication failed").
public struct NginxMailParser: LineFormatReader {
    public static let format = LogFormat.nginxMail
    public static func claims(program: ByteLine) -> Bool { program.equals("nginx") }
    /// nginx's own error log has no syslog header.
    public static let readsBareLines = true

    public init() {}

    public mutating func parse(_ message: ByteLine, _ context: LineContext, into sink: inout EventBuffer) -> LineVerdict {
        var text = message
        // `[info] 2712#2712: *1041 ` before the message (and, through syslog, nginx's own date).
        if let level = text.firstIndex(of: UInt8(ascii: "[")), level <= 20, text.slice(0, level).allSatisfyDateBytes {
            text = text.dropFirst(level)
        }
        guard text.hasPrefix("["), let close = text.firstIndex(of: UInt8(ascii: "]")), close < 10,
              let colon = text.find(": ", from: close), colon < close + 32 else { return .unrecognized }
        text = text.dropFirst(colon + 2)
        if text.hasPrefix("*"), let space = text.firstIndex(of: 0x20) { text = text.dropFirst(space + 1) }

        let action: LogEvent.Action
        if text.hasPrefix("client logged in, client: ") {
            action = .authSuccess
        } else if text.hasPrefix("client login failed: ") {
            action = .authFailure
        } else {
            return .understood  // other nginx lines (connections, upstream errors): no login to judge
        }
        guard let client = text.find(", client: "), let server = text.find(", server: ", from: client) else { return .unrecognized }
        var event = context.event(action, format)
        event.appname = "nginx"
        event.sourceIP = AddressParsing.address(text.slice(client + 10, server))
        let serverEnd = text.find(", login: \"", from: server) ?? text.firstIndex(of: 0x2C, from: server + 10) ?? text.count
        event.service = Self.service(port: text.slice(server + 10, serverEnd))
        if let login = text.find(", login: \"", from: server) {
            let start = login + 10
            let end = text.findLast("\", upstream: ").flatMap { $0 >= start ? $0 : nil }
                ?? (text.count > start && text[text.count - 1] == UInt8(ascii: "\"") ? text.count - 1 : text.count)
            event.user = text.slice(start, end).string
        }
        if action == .authFailure { event.reason = "authentication failed" }
        sink.consume(event)
        return .understood
    }

    /// The service of a listening address (`0.0.0.0:587`, `[::]:993`), by its port.
    static func service(port address: ByteLine) -> Service? {
        guard let colon = address.findLast(":") else { return nil }
        switch address.dropFirst(colon + 1).integer {
        case 25: return .smtp
        case 465, 587: return .submission
        case 143, 993: return .imap
        case 110, 995: return .pop
        default: return nil
        }
    }
}

extension ByteLine {
    /// Only the bytes of nginx's `2026/11/28 09:15:02 ` date (digits, `/`, `:`, spaces).
    fileprivate var allSatisfyDateBytes: Bool {
        for i in 0..<count {
            let c = self[i]
            guard (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "/") || c == UInt8(ascii: ":") || c == 0x20 else { return false }
        }
        return true
    }
}
