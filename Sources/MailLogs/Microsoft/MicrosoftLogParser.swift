import RelayAuditCore
/// Reads the Microsoft log formats, which are files with headers rather than syslog lines:
/// `#Software`/`#Fields` headers (Exchange, IIS), a CSV header row (Microsoft 365), then one
/// record per line. One instance reads every Microsoft file of a run, so an Exchange session
/// cut by a log rotation, and the tracking log's link to the protocol log, carry over.
struct MicrosoftLogParser {
    var exchangeProtocol = ExchangeProtocolParser()
    var exchangeTracking = ExchangeTrackingParser()
    var iis = IISSMTPParser()
    var m365 = M365TraceParser()
    /// The current file's format and column layout.
    private(set) var format: LogFormat?
    private var layout = FieldLayout()

    enum Outcome: Equatable { case understood, unrecognized, error(String) }

    /// A new file begins, of `format` (sniffed from its first line or given with --format).
    mutating func startFile(_ format: LogFormat?) {
        self.format = format
        layout = FieldLayout()
        if format == .exchangeProtocol {
            layout = FieldLayout(names: Self.protocolFields)  // headerless excerpts use the documented columns
        }
    }

    static let protocolFields = ["date-time", "connector-id", "session-id", "sequence-number", "local-endpoint", "remote-endpoint", "event", "data", "context"]

    mutating func parse<S: EventSink>(_ line: ByteLine, fileIndex: Int, offset: Int64, into sink: inout S) -> Outcome {
        guard let format else { return .unrecognized }
        var text = line
        if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { text = text.dropFirst(3) }
        if text.isEmpty { return .understood }
        if text[0] == UInt8(ascii: "#") {
            if let names = text.headerFieldNames { layout = FieldLayout(names: names) }
            // #Software, #Version, #Date, #Log-type: the header block; other `#` lines are comments.
            return .understood
        }
        switch format {
        case .exchangeProtocol:
            return verdict(exchangeProtocol.parse(DelimitedRecord.csv(text), layout, fileIndex: fileIndex, offset: offset, into: &sink))
        case .exchangeTracking:
            guard !layout.isEmpty else { return .unrecognized }
            return verdict(exchangeTracking.parse(DelimitedRecord.csv(text), layout, authenticatedSessions: exchangeProtocol.authenticatedSessions,
                                                  fileIndex: fileIndex, offset: offset, into: &sink))
        case .iisSMTP:
            guard !layout.isEmpty else { return .unrecognized }
            return verdict(iis.parse(DelimitedRecord.spaceSeparated(text), layout, fileIndex: fileIndex, offset: offset, into: &sink))
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
                return .error("the date '\(date)' reads as day/month or month/day, and no earlier row said which; export with ISO dates "
                    + "(Get-MessageTrace | Select-Object @{n='Received';e={$_.Received.ToString('o')}},SenderAddress,RecipientAddress,Status,FromIP,MessageId | Export-Csv) "
                    + "or from a machine with an en-US or de-DE locale")
            }
        default:
            return .unrecognized
        }
    }

    private func verdict(_ v: LineVerdict) -> Outcome { v == .understood ? .understood : .unrecognized }

    mutating func expire<S: EventSink>(before time: Instant, into sink: inout S) {
        exchangeProtocol.expire(before: time, into: &sink)
        exchangeTracking.expire(before: time)
        iis.expire(before: time, into: &sink)
    }

    mutating func finish<S: EventSink>(into sink: inout S) {
        exchangeProtocol.expire(before: .distantFuture, into: &sink)
        iis.expire(before: .distantFuture, into: &sink)
        m365.finish(into: &sink)
    }
}
