import Foundation
import FileInput
public import RelayAuditCore

/// Reads mail logs as one stream of evidence: plain files, `.gz` (rotated sets), `-` for
/// stdin; several files in time order (by their first timestamp, so `mail.log.2.gz`,
/// `mail.log.1`, `mail.log` come out oldest first whatever order they were given in).
///
/// Files are read in large chunks and split with memchr; each line is decoded on its bytes,
/// routed to its daemon's parser, and only the values kept become Strings. A message's lines
/// are joined across file boundaries; joins left open longer than the expiry are written out
/// as they are, so memory follows messages in flight, not log size.
public enum MailLogReader {
    public static func read<S: EventSink>(_ paths: [String], options: LogReadOptions, into sink: inout S) throws(RelayAuditError) -> LogInputSummary {
        var counting = CountingSink(inner: sink)
        var summary = LogInputSummary()
        summary.files = try order(paths, options: options)
        counting.begin(files: summary.files)
        let now = Int64(options.now.timeIntervalSince1970)
        var stream = LogStream(format: options.format, clock: LogClock(fixedYear: options.year, reference: now, timeZone: options.timeZone),
                               joinExpirySeconds: options.joinExpirySeconds)
        for (fileIndex, path) in summary.files.enumerated() {
            let file = try InputFile(path: path)
            stream.startFile(clock: LogClock(fixedYear: options.year, reference: file.modificationTime ?? now, timeZone: options.timeZone))
            var firstLine = true
            try LineReader().forEachLine(in: file) { line throws(RelayAuditError) in
                summary.lines += 1
                let bytes = ByteLine(line.bytes)
                if firstLine {
                    firstLine = false
                    if let microsoft = MicrosoftFormatSniffer.format(ofFirstLine: bytes) {
                        throw .input([Diagnostic(.error, file: path, line: 1,
                            message: "this is a \(microsoft.rawValue) log; this build of relay-audit does not read that format yet")])
                    }
                }
                if line.truncated {
                    summary.overlongLines += 1
                    summary.unrecognizedLines += 1
                    return
                }
                if stream.feed(bytes, fileIndex: fileIndex, offset: line.offset, into: &counting) == .unrecognized {
                    summary.unrecognizedLines += 1
                }
            }
        }
        stream.finish(into: &counting)
        summary.events = counting.count
        summary.formats = counting.formats
        sink = counting.inner
        return summary
    }

    /// Files in time order by their first timestamp; stdin and undated files keep their place
    /// after the dated ones. Each file is named once.
    static func order(_ paths: [String], options: LogReadOptions) throws(RelayAuditError) -> [String] {
        var seen = Set<String>()
        var dated: [(Int64, Int, String)] = []
        var undated: [String] = []
        for (index, path) in paths.enumerated() where seen.insert(path).inserted {
            if path == "-" {
                undated.append(path)
                continue
            }
            if let first = try firstTimestamp(path, options: options) {
                dated.append((first, index, path))
            } else {
                undated.append(path)
            }
        }
        return dated.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2) + undated
    }

    /// The first timestamp among a file's first lines.
    static func firstTimestamp(_ path: String, options: LogReadOptions) throws(RelayAuditError) -> Int64? {
        let file = try InputFile(path: path)
        var clock = LogClock(fixedYear: options.year, reference: file.modificationTime ?? Int64(options.now.timeIntervalSince1970),
                             timeZone: options.timeZone)
        var found: Int64?
        var examined = 0
        do {
            try LineReader(chunkSize: 1 << 16, maximumLineLength: 1 << 16).forEachLine(in: file) { line throws(RelayAuditError) in
                examined += 1
                let bytes = ByteLine(line.bytes)
                if bytes.count > 1, bytes[0] == UInt8(ascii: "{"), let time = JournalRecord.decode(bytes)?.time {
                    found = time
                } else if let parts = SyslogHeaderDecoder.decode(bytes).timestamp {
                    found = clock.resolve(parts)
                }
                if found != nil || examined >= 100 { throw .usage("stop") }
            }
        } catch {
            if case .usage("stop") = error { return found }
            throw error
        }
        return found
    }
}

/// Counts events (and lines per format) on their way to the real sink.
struct CountingSink<Inner: EventSink>: EventSink {
    var inner: Inner
    var count = 0
    var formats: [String: Int] = [:]

    mutating func begin(files: [String]) { inner.begin(files: files) }

    mutating func consume(_ event: LogEvent) {
        count += 1
        formats[event.format.rawValue, default: 0] += 1
        inner.consume(event)
    }
}
