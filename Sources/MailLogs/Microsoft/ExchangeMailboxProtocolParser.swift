import Foundation
import RelayAuditCore

/// Exchange 2013–2019 IMAP4 and POP3 protocol logs (`Logging\Imap4`, `Logging\Pop3`, written
/// once `Set-ImapSettings -ProtocolLogEnabled $true` / `Set-PopSettings …` is run):
/// `dateTime,sessionId,seqNumber,sIp,cIp,user,duration,rqsize,rpsize,command,parameters,context[,puid]`.
///
/// One record per command. The logon commands are IMAP's `login` and `authenticate` and POP3's
/// `pass` and `auth`; `context` holds the reply as `R=…` (`R=ok`, `R="2 NO AUTHENTICATE
/// failed."`, `R="-ERR Logon failure: …"`), then `Msg=…` and `ErrMsg=…`. Unlike Exchange's SMTP
/// log, these name the account of a failed logon: the `user` column, else `Msg`'s `User: …`,
/// else the name `login` was given (`parameters` = `name *****`; the password is always masked).
/// A logon is a mailbox login: it proves the password, it relays nothing.
///
/// `sIp` is the server's own endpoint: a record whose client is the server itself (Exchange's
/// health probes, the front end proxying to the back end on 1993/1995) carries it as
/// `serverIP`, so the checker treats the address as the mail system's own.
struct ExchangeMailboxProtocolParser {
    private(set) var lastTime: Instant?
    /// POP3 names the user in `USER` and proves it in `PASS`: the name given per session.
    private var popUsers: [String: String] = [:]

    /// Whether a column layout is this log's (the `#Fields` header names `cIp` and `command`).
    static func reads(_ layout: FieldLayout) -> Bool { layout.has("cip") && layout.has("command") }

    static let fields = ["datetime", "sessionid", "seqnumber", "sip", "cip", "user", "duration", "rqsize", "rpsize", "command", "parameters", "context", "puid"]

    /// A headerless record of this log (pasted excerpts are): a time, then the session and
    /// sequence number, the two endpoints, and a command in the tenth column.
    static func looksLikeRecord(_ fields: [String]) -> Bool {
        fields.count >= 11 && Int(fields[2]) != nil && fields[3].contains(":") && fields[4].contains(":")
            && !fields[9].isEmpty && fields[9].allSatisfy { $0.isLetter }
    }

    /// Without a `#Log-type` header: POP3's logon commands are its own, the rest is IMAP4.
    static func service(command: String?) -> Service {
        switch command?.lowercased() {
        case "user", "pass", "apop", "auth", "stat", "retr", "uidl", "top", "dele": .pop
        default: .imap
        }
    }

    mutating func parse<S: EventSink>(_ fields: [String], _ layout: FieldLayout, service: Service, fileIndex: Int, offset: Int64,
                                      into sink: inout S) -> LineVerdict {
        guard let stamp = layout.value("datetime", in: fields), let time = MicrosoftTime.iso8601(stamp),
              let command = layout.value("command", in: fields)?.lowercased()
        else { return .unrecognized }
        lastTime = time
        let session = (layout.value("sessionid", in: fields) ?? "") + "|" + (layout.value("cip", in: fields) ?? "")
        let parameters = layout.value("parameters", in: fields) ?? ""
        switch command {
        case "user":
            // POP3 `USER name`: the name the following PASS proves (parameters hold it unmasked).
            if !parameters.isEmpty { popUsers[session] = parameters }
            return .understood
        case "closesession":
            popUsers[session] = nil
            return .understood
        case "login", "authenticate", "pass", "auth", "apop":
            break
        default:
            return .understood  // capability, select, fetch, …: no logon
        }
        let context = layout.value("context", in: fields) ?? ""
        guard let outcome = Self.outcome(context) else { return .understood }  // a continuation (`+`), no result yet
        var event = LogEvent(outcome ? .authSuccess : .authFailure, time: time, format: .exchangeProtocol, fileIndex: fileIndex, offset: offset)
        event.service = service
        event.appname = service == .pop ? "exchange/pop3" : "exchange/imap4"
        event.sourceIP = endpointAddress(layout.value("cip", in: fields) ?? "")
        event.serverIP = endpointAddress(layout.value("sip", in: fields) ?? "")
        event.localID = layout.value("sessionid", in: fields)
        if command == "authenticate" || command == "auth" {
            event.mechanism = parameters.split(separator: " ").first.map { $0.uppercased() }
        }
        event.user = Self.user(column: layout.value("user", in: fields), context: context, command: command, parameters: parameters)
            ?? (command == "pass" ? popUsers[session] : nil)
        if !outcome { event.reason = Self.reason(context) }
        sink.consume(event)
        return .understood
    }

    /// The reply in `R=…`: true for OK / +OK, false for NO, BAD, -ERR; nil when absent.
    static func outcome(_ context: String) -> Bool? {
        guard let start = context.range(of: "R=") else { return nil }
        var reply = context[start.upperBound...].drop { $0 == "\"" }
        if let end = reply.firstIndex(where: { $0 == ";" || $0 == "\"" }) { reply = reply[..<end] }
        let words = reply.split(separator: " ").map { $0.uppercased() }
        guard let first = words.first else { return nil }
        if first == "OK" || first == "+OK" { return true }
        if first == "-ERR" || first == "NO" || first == "BAD" { return false }
        // IMAP's tagged reply: `2 NO AUTHENTICATE failed.`, `a1 OK LOGIN completed.`
        if words.count > 1 {
            if words[1] == "OK" { return true }
            if words[1] == "NO" || words[1] == "BAD" { return false }
        }
        return nil
    }

    /// The account a logon was for: the `user` column, `Msg`'s `User: …`, or `login`'s first argument.
    static func user(column: String?, context: String, command: String, parameters: String) -> String? {
        if let column, !column.isEmpty { return column }
        if let range = context.range(of: "User: ") {
            let name = context[range.upperBound...].prefix { $0 != "\"" && $0 != ";" && $0 != "," }
            if !name.isEmpty { return String(name) }
        }
        if command == "login", let name = parameters.split(separator: " ").first, !name.allSatisfy({ $0 == "*" }) {
            return String(name)
        }
        return nil
    }

    /// A fixed word for why a logon failed (never the line's own text).
    static func reason(_ context: String) -> String {
        if context.contains("ProxyNotAuthenticated") { return "proxy not authenticated" }
        if context.contains("BasicAuthBlocked") { return "basic authentication blocked" }
        if context.contains("LogonDenied") || context.contains("Logon failure") { return "logon denied" }
        return "authentication failed"
    }
}
