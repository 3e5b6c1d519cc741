public import RelayAuditCore

/// `--format ecs`: relay-audit's own ECS NDJSON, as `relay-audit events` writes it on each host
/// of a fleet or a SIEM exports it, read back so one analysis sees a campaign spread over
/// several hosts. Recognised by its first line (`{"@timestamp":…,"event":…}`). Several such
/// files are merged by time (`MailLogReader`), as one host's log would have interleaved them.
struct ECSEventReader: FileFormatReader {
    static let formats: [LogFormat] = [.ecs]

    static func sniff(_ line: ByteLine) -> FormatSniff {
        ECSEventDecoder.looksLikeEvent(line) ? .format(.ecs) : .notMine
    }

    static func firstTime(_ line: ByteLine, format: LogFormat) -> Instant? { ECSEventDecoder.time(line) }

    private(set) var lastRecordTime: Instant?

    init() {}

    mutating func startFile(_ format: LogFormat) {}

    mutating func parse(_ line: ByteLine, fileIndex: Int, offset: Int64, into sink: inout EventBuffer) -> LineVerdict {
        guard let event = ECSEventDecoder.decode(line, fileIndex: fileIndex, offset: offset) else { return .unrecognized }
        lastRecordTime = event.time
        sink.consume(event)
        return .understood
    }

    mutating func expire(now: Instant, windows: JoinWindows, into sink: inout EventBuffer) {}

    mutating func finish(into sink: inout EventBuffer) {}
}
