import Foundation
public import RelayAuditCore

/// Reads the Microsoft log formats, which are files with headers rather than syslog lines:
/// `#Software`/`#Fields` headers (Exchange, IIS), a CSV header row (Microsoft 365), then one
/// record per line. One instance reads every Microsoft file of a run, so an Exchange session
/// cut by a log rotation, and the tracking log's link to the protocol log, carry over.
public struct MicrosoftLogParser: FileFormatReader {
    public static let formats: [LogFormat] = [.exchangeProtocol, .exchangeTracking, .iisSMTP, .m365Trace]

    var exchangeProtocol = ExchangeProtocolParser()
    var exchangeTracking = ExchangeTrackingParser()
    var iis = IISSMTPParser()
    var m365 = M365TraceParser()
    var exchangeMailbox = ExchangeMailboxProtocolParser()
    /// The current file's format and column layout.
    private(set) var format: LogFormat?
    private var layout = FieldLayout()
    /// Whether `layout` came from the file's own `#Fields` header (not the documented default).
    private var layoutFromHeader = false
    /// The service a `#Log-type: IMAP4 Protocol Log` / `POP3 Protocol Log` header names.
    private var mailboxService: Service?
    /// The current file's header said `#Software: Microsoft Exchange Server`.
    private var exchangeHeader = false
    /// Its `#Version:`, stamped with the file's first record's time when that is read.
    private var pendingVersion: (version: String, fileIndex: Int, offset: Int64)?
    private var software = ServerSoftwareLog()
    public var serverSoftware: [ServerSoftware] { software.all }

    public init() {}

    /// `#Log-type`/`#Software`/`#Fields` header lines (Exchange, IIS) and a message trace's
    /// CSV header row name the format; other `#` lines are comments of the header block.
    public static func sniff(_ text: ByteLine) -> FormatSniff {
        if text.hasPrefix("#Log-type: Message Tracking") || text.hasPrefix("#Fields: date-time,client-ip") { return .format(.exchangeTracking) }
        if text.hasPrefix("#Log-type: SMTP Receive Protocol") || text.hasPrefix("#Log-type: SMTP Send Protocol")
            || text.hasPrefix("#Fields: date-time,connector-id,session-id")
            || text.hasPrefix("#Log-type: IMAP4 Protocol") || text.hasPrefix("#Log-type: POP3 Protocol")
            || text.hasPrefix("#Fields: dateTime,sessionId,seqNumber,sIp,cIp") {
            return .format(.exchangeProtocol)
        }
        if text.hasPrefix("#Software: Microsoft Internet Information Services") || text.hasPrefix("#Fields: date time c-ip") { return .format(.iisSMTP) }
        if text.hasPrefix("\"Received\",\"SenderAddress\"") || text.hasPrefix("Received,SenderAddress") { return .format(.m365Trace) }
        return text.hasPrefix("#") || text.isEmpty ? .keepLooking : .notMine
    }

    /// ISO 8601 at the start of a record (Exchange), W3C's `#Date:` header.
    public static func firstTime(_ line: ByteLine, format: LogFormat) -> Instant? {
        let text = line.prefix(min(line.count, 40)).string
        if let time = MicrosoftTime.iso8601(String(text.prefix { $0 != "," && $0 != " " })) { return time }
        if text.hasPrefix("#Date: ") { return MicrosoftTime.iso8601(String(text.dropFirst(7)).replacingOccurrences(of: " ", with: "T")) }
        return nil
    }

    /// Tracking logs name the sessions the protocol logs authenticated: they are read last.
    public static func readsAfterOthers(_ format: LogFormat) -> Bool { format == .exchangeTracking }

    public var lastRecordTime: Instant? {
        switch format {
        case .exchangeProtocol: [exchangeProtocol.lastTime, exchangeMailbox.lastTime].compactMap { $0 }.max()
        case .exchangeTracking: exchangeTracking.lastTime
        case .iisSMTP: iis.lastTime
        case .m365Trace: m365.lastTime
        default: nil
        }
    }

    public var warnings: [String] {
        exchangeProtocol.openRelayConnectors.sorted { $0.key < $1.key }.map { connector, ip in
            "Exchange receive connector '\(connector)' granted SMTPAcceptAnyRecipient to an unauthenticated client (\(ip)): "
                + "it relays for anyone who connects; remove the permission from Anonymous users unless the connector is limited to trusted internal addresses"
        }
    }

    /// A new file begins, of `format` (sniffed from its first line or given with --format).
    public mutating func startFile(_ format: LogFormat) {
        self.format = format
        layout = FieldLayout()
        layoutFromHeader = false
        mailboxService = nil
        exchangeHeader = false
        pendingVersion = nil
        if format == .exchangeProtocol {
            layout = FieldLayout(names: Self.protocolFields)  // headerless excerpts use the documented columns
        }
    }

    static let protocolFields = ["date-time", "connector-id", "session-id", "sequence-number", "local-endpoint", "remote-endpoint", "event", "data", "context"]

    public mutating func parse(_ line: ByteLine, fileIndex: Int, offset: Int64, into sink: inout EventBuffer) -> LineVerdict {
        guard let format else { return .unrecognized }
        var text = line
        if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { text = text.dropFirst(3) }
        if text.isEmpty { return .understood }
        if text[0] == UInt8(ascii: "#") {
            if let names = text.headerFieldNames {
                layout = FieldLayout(names: names)
                layoutFromHeader = true
            }
            if text.hasPrefix("#Software: Microsoft Exchange Server") { exchangeHeader = true }
            if exchangeHeader, text.hasPrefix("#Version: "), let version = ServerSoftware.cleanVersion(text.dropFirst(10).string) {
                // Exchange's build (15.01.2507.006): the protocol and tracking logs' header.
                pendingVersion = (version, fileIndex, offset)
            }
            if text.hasPrefix("#Log-type: IMAP4") { mailboxService = .imap }
            if text.hasPrefix("#Log-type: POP3") { mailboxService = .pop }
            // #Software, #Version, #Date, #Log-type: the header block; other `#` lines are comments.
            return .understood
        }
        defer {
            if let pending = pendingVersion, let time = lastRecordTime {
                software.record(ServerSoftware(product: "exchange", version: pending.version, time: time, fileIndex: pending.fileIndex, offset: pending.offset))
                pendingVersion = nil
            }
        }
        switch format {
        case .exchangeProtocol:
            let fields = DelimitedRecord.csv(text)
            // IMAP4/POP3 protocol logs: by their header, or (a pasted excerpt) by the record's shape.
            if layoutFromHeader ? ExchangeMailboxProtocolParser.reads(layout) : ExchangeMailboxProtocolParser.looksLikeRecord(fields) {
                let mailboxLayout = layoutFromHeader ? layout : FieldLayout(names: ExchangeMailboxProtocolParser.fields)
                let service = mailboxService ?? ExchangeMailboxProtocolParser.service(command: mailboxLayout.value("command", in: fields))
                return mapped(exchangeMailbox.parse(fields, mailboxLayout, service: service, fileIndex: fileIndex, offset: offset, into: &sink))
            }
            return mapped(exchangeProtocol.parse(fields, layout, fileIndex: fileIndex, offset: offset, into: &sink))
        case .exchangeTracking:
            guard !layout.isEmpty else { return .unrecognized }
            return mapped(exchangeTracking.parse(DelimitedRecord.csv(text), layout, authenticatedSessions: exchangeProtocol.authenticatedSessions,
                                                  fileIndex: fileIndex, offset: offset, into: &sink))
        case .iisSMTP:
            guard !layout.isEmpty else { return .unrecognized }
            return mapped(iis.parse(DelimitedRecord.spaceSeparated(text), layout, fileIndex: fileIndex, offset: offset, into: &sink))
        case .m365Trace:
            let fields = DelimitedRecord.csv(text)
            if layout.isEmpty || fields.first?.lowercased() == "received" {
                layout = FieldLayout(names: fields.map { $0.lowercased() })
                return layout.has("received") && layout.has("senderaddress") ? .understood : .unrecognized
            }
            switch m365.parse(fields, layout, fileIndex: fileIndex, offset: offset, into: &sink) {
            case .understood: return .understood
            case .unrecognized: return .unrecognized
            case let .ambiguousDate(date):
                return .failed("the date '\(date)' reads as day/month or month/day, and no earlier row said which; export with ISO dates "
                    + "(Get-MessageTrace | Select-Object @{n='Received';e={$_.Received.ToString('o')}},SenderAddress,RecipientAddress,Status,FromIP,MessageId | Export-Csv) "
                    + "or from a machine with an en-US or de-DE locale")
            }
        default:
            return .unrecognized
        }
    }

    /// A record is either understood or not; only a date order that cannot be known stops the file.
    private func mapped(_ verdict: LineVerdict) -> LineVerdict { verdict == .understood ? .understood : .unrecognized }

    /// SMTP sessions idle longer than the session window are over; tracking records older
    /// than the message window no longer need their sender.
    public mutating func expire(now: Instant, windows: JoinWindows, into sink: inout EventBuffer) {
        exchangeProtocol.expire(before: now.adding(seconds: -windows.session), into: &sink)
        iis.expire(before: now.adding(seconds: -windows.session), into: &sink)
        exchangeTracking.expire(before: now.adding(seconds: -windows.message))
    }

    public mutating func finish(into sink: inout EventBuffer) {
        exchangeProtocol.expire(before: .distantFuture, into: &sink)
        iis.expire(before: .distantFuture, into: &sink)
        m365.finish(into: &sink)
    }
}
