import Foundation
import RelayAuditCore

/// Zimbra's mailboxd logs, `/opt/zimbra/log/audit.log` and `mailbox.log` (log4j layout: date,
/// level, `[thread]`, `[key=value;…]` context, category, message). Every login Zimbra checks
/// itself is in audit.log, the `security` category:
///
///     2015-03-26 21:51:36,505 INFO  [Pop3Server-13] [ip=172.16.0.3;oip=200.111.128.196;] security - cmd=Auth; account=jbarrera@example.com; protocol=pop3;
///     2026-09-01 00:15:45,087 WARN  [qtp1:https:…:7073/service/admin/soap/] [name=admin@example.local;oip=203.0.113.5;oport=51288;oproto=smtp;]
///         security - cmd=Auth; account=admin@example.local; protocol=soap; error=authentication failed for [admin], invalid password;
///
/// SMTP AUTH reaches it through saslauthd's `auth_zimbra`, a SOAP request on the admin port
/// that passes the client's address and protocol: `oproto=smtp` in the context makes the line an
/// SMTP AUTH, whatever `protocol=` says. The client is `oip` (the original address behind the
/// nginx proxy or saslauthd; the first of a list), else `ip`. mailbox.log repeats a failed
/// SOAP login as `SoapEngine - handler exception: authentication failed for [name], reason`
/// (older releases: `account - authentication failed for [name] (reason)`); those are read
/// too, for an admin who has only mailbox.log, and one already read from audit.log (same
/// name, address and second) is not counted twice.
public struct ZimbraParser: LineFormatReader {
    public static let format = LogFormat.zimbra
    public static func claims(program: ByteLine) -> Bool { program.equals("zimbra") || program.equals("mailboxd") }
    /// audit.log and mailbox.log have no syslog header.
    public static let readsBareLines = true

    /// Failures already counted, by (typed name, address, second): audit.log's and mailbox.log's
    /// lines for one request. Bounded: past the cap a repeat may be counted twice.
    private var counted: Set<FailureKey> = []
    static let countedCap = 200_000

    struct FailureKey: Hashable {
        var name: String
        var ip: String
        var second: Int64
        var fromAudit: Bool
    }

    public init() {}

    public mutating func parse(_ message: ByteLine, _ context: LineContext, into sink: inout EventBuffer) -> LineVerdict {
        guard let line = Self.split(message) else { return .unrecognized }
        // Most of mailbox.log is other categories: they are told apart on the line's bytes, and
        // only the three that carry logins are made Strings.
        if line.category.equals("security") { return security(Line(line), context, &sink) }
        if line.category.equals("SoapEngine") || line.category.equals("account") { return mailboxFailure(Line(line), context, &sink) }
        return .understood  // mailboxd's other categories: no login to judge
    }

    /// One log4j line's parts, still as bytes of the line.
    struct RawLine {
        var context: ByteLine
        var category: ByteLine
        var text: ByteLine
    }

    /// The parts a login line is judged on.
    struct Line {
        var fields: [String: String]
        var category: String
        var text: String

        init(_ raw: RawLine) {
            fields = ZimbraParser.contextFields(raw.context.string)
            category = raw.category.string
            text = raw.text.string
        }
    }

    /// `LEVEL  [thread] [k=v;…] category - text`, the part after the date.
    static func split(_ message: ByteLine) -> RawLine? {
        let levels: [StaticString] = ["INFO ", "WARN ", "ERROR ", "DEBUG ", "FATAL ", "TRACE "]
        guard levels.contains(where: { message.hasPrefix($0) }), let open = message.firstIndex(of: UInt8(ascii: "[")),
              open <= 8, let close = message.find("] [", from: open)
        else { return nil }
        let contextStart = close + 3
        guard let contextEnd = message.find("] ", from: contextStart) ?? (message.count > 0 && message[message.count - 1] == UInt8(ascii: "]") ? message.count - 1 : nil)
        else { return nil }
        let rest = message.dropFirst(min(message.count, contextEnd + 2))
        // `category - text` (some copies through web pages carry an en dash, UTF-8 E2 80 93).
        if let dash = rest.find(" - ") {
            return RawLine(context: message.slice(contextStart, contextEnd), category: rest.prefix(dash), text: rest.dropFirst(dash + 3))
        }
        if let dash = rest.find(" \u{2013} ") {
            return RawLine(context: message.slice(contextStart, contextEnd), category: rest.prefix(dash), text: rest.dropFirst(dash + 5))
        }
        return nil
    }

    /// `name=a@b;oip=1.2.3.4;ua=zclient/8.8;` → keys and values.
    static func contextFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: ";") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let key = pair[..<equals].trimmingSpaces
            if fields[key] == nil { fields[key] = pair[pair.index(after: equals)...].trimmingSpaces }
        }
        return fields
    }

    /// The client: `oip` (its first address when a proxy chain is listed), else `ip`.
    static func client(_ fields: [String: String]) -> String? {
        for key in ["oip", "ip"] {
            guard let value = fields[key], let first = value.split(separator: ",").first else { continue }
            var text = first.trimmingSpaces
            if let address = text.withUTF8({ AddressParsing.address(ByteLine(UnsafeRawBufferPointer($0))) }) { return address }
        }
        return nil
    }

    /// `cmd=Auth; account=…; protocol=…; [error=…;]` (and `cmd=AdminAuth`, the admin console).
    private mutating func security(_ line: Line, _ context: LineContext, _ sink: inout EventBuffer) -> LineVerdict {
        let fields = Self.contextFields(line.text)
        guard let command = fields["cmd"] else { return .understood }
        guard command == "Auth" || command == "AdminAuth" else { return .understood }  // other audited commands
        let error = fields["error"]
        var event = context.event(error == nil ? .authSuccess : .authFailure, format)
        event.appname = "zimbra/" + (fields["protocol"] ?? "audit")
        event.sourceIP = Self.client(line.fields)
        event.user = fields["account"] ?? error.flatMap(Self.bracketedName) ?? line.fields["name"]
        event.service = command == "AdminAuth" ? .web : Self.service(protocol: fields["protocol"], originalProtocol: line.fields["oproto"])
        if let error {
            event.reason = Self.reason(error)
            let typed = Self.bracketedName(error) ?? event.user ?? ""
            remember(FailureKey(name: typed.lowercased(), ip: event.sourceIP ?? "", second: context.time.seconds, fromAudit: true))
        }
        sink.consume(event)
        return .understood
    }

    /// mailbox.log's copy of a failed SOAP login.
    private mutating func mailboxFailure(_ line: Line, _ context: LineContext, _ sink: inout EventBuffer) -> LineVerdict {
        let text = line.text
        let isFailure = (line.category == "SoapEngine" && text.hasPrefix("handler exception: authentication failed for ["))
            || (line.category == "account" && text.hasPrefix("authentication failed for ["))
        guard isFailure, let name = Self.bracketedName(text) else { return .understood }
        let ip = Self.client(line.fields)
        let second = context.time.seconds
        // The same request's audit.log line, read already (same second or the one before).
        if counted.contains(FailureKey(name: name.lowercased(), ip: ip ?? "", second: second, fromAudit: true))
            || counted.contains(FailureKey(name: name.lowercased(), ip: ip ?? "", second: second - 1, fromAudit: true)) {
            return .understood
        }
        remember(FailureKey(name: name.lowercased(), ip: ip ?? "", second: second, fromAudit: false))
        var event = context.event(.authFailure, format)
        event.appname = "zimbra/mailbox"
        event.sourceIP = ip
        event.user = name
        event.service = Self.service(protocol: "soap", originalProtocol: line.fields["oproto"])
        event.reason = Self.reason(text)
        sink.consume(event)
        return .understood
    }

    /// Records a counted failure; an audit.log line whose mailbox.log copy came first removes nothing
    /// already counted, so it is counted and the copy's key stays.
    private mutating func remember(_ key: FailureKey) {
        guard counted.count < Self.countedCap else { return }
        counted.insert(key)
    }

    /// The name in `authentication failed for [name]`: the text between the first `[` and the
    /// last `]` (a typed name may hold brackets).
    static func bracketedName(_ text: String) -> String? {
        guard let open = text.range(of: "failed for ["), let close = text.range(of: "]", options: .backwards),
              close.lowerBound >= open.upperBound else { return nil }
        let name = text[open.upperBound..<close.lowerBound]
        // `[name (customAuth… failed)]`: an extension's note after the name.
        return String(name.split(separator: " ").first ?? Substring(name))
    }

    /// The service: the original protocol saslauthd or the proxy passed (`oproto=smtp`), else
    /// the protocol Zimbra served (`imap`, `pop3`; SOAP, ActiveSync and HTTP are the web client's).
    static func service(protocol name: String?, originalProtocol: String?) -> Service? {
        switch (originalProtocol ?? name)?.lowercased() {
        case "smtp": .smtp
        case "submission": .submission
        case "imap", "imaps": .imap
        case "pop3", "pop3s", "pop": .pop
        case "soap", "zsync", "http_basic", "http", "https", "dav", "caldav", "carddav", "zimbraweb": .web
        default: nil
        }
    }

    /// A fixed word for why (never the line's own text).
    static func reason(_ text: String) -> String {
        let lower = text.lowercased()
        if lower.contains("account not found") || lower.contains("no such account") { return "unknown user" }
        if lower.contains("invalid password") { return "password mismatch" }
        if lower.contains("lockout") || lower.contains("locked") { return "account locked" }
        if lower.contains("not active") || lower.contains("maintenance") || lower.contains("closed") { return "account disabled" }
        return "authentication failed"
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
