import Foundation
import MailLogs
import RelayAuditCore

/// Feeds log text to the reader's pure core, line by line, as the file reader would.
public enum LogHarness {
    public struct Result {
        public var events: [LogEvent]
        /// The verdict for each input line, in order.
        public var verdicts: [LineVerdict]
    }

    /// Parses `text` (lines separated by \n) with a fixed year and UTC.
    /// A Microsoft `format` is read as a file of that format (headers, records), as the reader
    /// does once it has recognised one.
    public static func parse(_ text: String, format: LogFormat? = nil, year: Int? = 2026, reference: Instant = Instant(seconds: 1_795_000_000)) -> Result {
        let clock = LogClock(fixedYear: year, reference: reference, timeZone: TimeZone(identifier: "UTC")!)
        var stream = LogStream(format: format, clock: clock)
        if let format, !InputReaders.isLineFormat(format) { stream.startFile(clock: clock, format: format) }
        var sink = EventCollector()
        var verdicts: [LineVerdict] = []
        var offset: Int64 = 0
        for line in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) {
            let bytes = Array(line)
            verdicts.append(bytes.withUnsafeBytes { stream.feed(ByteLine($0), fileIndex: 0, offset: offset, into: &sink) })
            offset += Int64(bytes.count + 1)
        }
        stream.finish(into: &sink)
        return Result(events: sink.events, verdicts: verdicts)
    }

    /// Events of one action.
    public static func events(_ text: String, _ action: LogEvent.Action, format: LogFormat? = nil) -> [LogEvent] {
        parse(text, format: format).events.filter { $0.action == action }
    }
}
