public import RelayAuditCore
import Foundation

/// Windows events as XML text: `wevtutil qe Security /f:xml` (one `<Event>` per line),
/// PowerShell's `Get-WinEvent … | ForEach-Object { $_.ToXml() }`, evtx_dump.py's `<Events>`
/// document (an event over several lines). Each `<Event>…</Event>` is read when its end tag
/// arrives, into the same record the `.evtx` reader makes, and mapped the same way.
public struct WindowsXMLReader: FileFormatReader {
    public static let formats: [LogFormat] = [.windowsXML]
    /// An event longer than this without its end tag is dropped (a truncated or foreign file).
    static let maximumEventBytes = 1 << 20

    private var pending = ""
    private var pendingLines = 0
    public private(set) var lastRecordTime: Instant?

    public init() {}

    public static func sniff(_ line: ByteLine) -> FormatSniff {
        var text = line.trimmed
        if text.hasPrefix("<?xml") || text.isEmpty { return .keepLooking }
        if text.hasPrefix("<Events>") { text = text.dropFirst(8).trimmed }
        if text.isEmpty { return .keepLooking }
        return text.hasPrefix("<Event ") || text.hasPrefix("<Event>") ? .format(.windowsXML) : .notMine
    }

    public static func firstTime(_ line: ByteLine, format: LogFormat) -> Instant? {
        guard let at = line.find("SystemTime=") else { return nil }
        let value = line.dropFirst(at + 12).string.prefix { $0 != "\"" && $0 != "'" }
        return CivilTime.parseISO8601(String(value))
    }

    public mutating func startFile(_ format: LogFormat) {
        pending = ""
        pendingLines = 0
    }

    public mutating func parse(_ line: ByteLine, fileIndex: Int, offset: Int64, into sink: inout EventBuffer) -> LineVerdict {
        let text = line.string
        guard !pending.isEmpty || text.contains("<Event") else {
            // The document's own lines: `<?xml …?>`, `<Events>`, `</Events>`, blank lines.
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty || trimmed.hasPrefix("<?xml") || trimmed == "<Events>" || trimmed == "</Events>" ? .understood : .unrecognized
        }
        pending += text + "\n"
        pendingLines += 1
        var verdict = LineVerdict.understood
        while let end = pending.range(of: "</Event>") {
            let candidate = String(pending[..<end.upperBound])
            pending = String(pending[end.upperBound...])
            pendingLines = 0
            // The event's own start tag (not `<EventID>`, `<EventData>`, `<EventRecordID>`).
            let starts = [candidate.range(of: "<Event ", options: .backwards), candidate.range(of: "<Event>", options: .backwards)].compactMap { $0 }
            guard let start = starts.max(by: { $0.lowerBound < $1.lowerBound }).map({ candidate[$0.lowerBound...] }),
                  let element = EventXMLText.parse(String(start))?.first, element.name == "Event",
                  let record = WindowsEventRecord(element, recordID: 0, time: nil)
            else {
                verdict = .unrecognized
                continue
            }
            lastRecordTime = record.time
            if let event = SecurityEventMapper.event(record, format: .windowsXML, fileIndex: fileIndex, offset: offset) { sink.consume(event) }
        }
        if pending.utf8.count > Self.maximumEventBytes {
            pending = ""
            pendingLines = 0
            return .unrecognized
        }
        if pending.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { pending = "" }
        return verdict
    }

    public mutating func expire(now: Instant, windows: JoinWindows, into sink: inout EventBuffer) {}

    public mutating func finish(into sink: inout EventBuffer) {
        pending = ""
    }
}
