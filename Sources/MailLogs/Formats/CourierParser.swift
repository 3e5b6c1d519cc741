import RelayAuditCore
/// Courier: `courieresmtpd` AUTH failures and `courierpop3login` / `courierimaplogin` logins.
///
/// An esmtpd error line echoes the client's last command, which for `AUTH PLAIN` is the base64
/// of `authzid\0user\0password`: the `cmd:` part is never decoded, kept or printed. A 535 reply
/// marks the AUTH failure; `550 User unknown` lines are recipient rejections, not guesses.
public struct CourierParser: LineFormatReader {
    public static let format = LogFormat.courier
    public static func claims(program: ByteLine) -> Bool { program.hasPrefix("courier") }

    public init() {}

    public mutating func parse(_ message: ByteLine, _ context: LineContext, into sink: inout EventBuffer) -> LineVerdict {
        guard let program = context.program, program.hasPrefix("courier") else { return .unrecognized }
        if program.hasPrefix("courieresmtpd") {
            if message.hasPrefix("error,relay="), message.find("msg=\"535 ") != nil {
                var event = context.event(.authFailure, format)
                event.sourceIP = AddressParsing.keyed(message, "relay=")
                event.reason = "authentication failed"
                sink.consume(event)
            }
            return .understood
        }
        let success = message.hasPrefix("LOGIN, user=")
        let failure = message.hasPrefix("LOGIN FAILED, user=")
        guard success || failure else { return .understood }
        var event = context.event(success ? .authSuccess : .authFailure, format)
        // `LOGIN FAILED, user=U, ip=[A], port=[P], protocol=IMAP`: the username is the client's
        // and may read `, ip=[6.6.6.6]`; what follows the last `, ip=[` is the server's. The
        // username runs whole up to it.
        let userStart = (success ? "LOGIN, user=" : "LOGIN FAILED, user=").utf8.count
        if let ip = message.findLast(", ip=["), ip >= userStart {
            event.user = message.slice(userStart, ip).string
            event.sourceIP = AddressParsing.bracketed(message, open: ip + 5)
        } else {
            event.user = message.value(after: "user=", until: UInt8(ascii: ","))?.string
        }
        if failure { event.reason = "authentication failed" }
        sink.consume(event)
        return .understood
    }

}
