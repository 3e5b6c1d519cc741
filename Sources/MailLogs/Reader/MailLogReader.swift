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
    public static func read<S: EventSink>(_ paths: [String], options: LogReadOptions, into sink: inout S,
                                          progress: (any LogReadProgress)? = nil) throws(RelayAuditError) -> LogInputSummary {
        defer { progress?.finish() }
        var counting = CountingSink(inner: sink)
        var summary = LogInputSummary()
        var fileFormats: [String: LogFormat] = [:]
        summary.files = try order(paths, options: options, fileFormats: &fileFormats)
        counting.begin(files: summary.files)
        let now = options.now
        var stream = LogStream(format: options.format, clock: LogClock(fixedYear: options.year, reference: now, timeZone: options.timeZone),
                               joinExpirySeconds: options.joinExpirySeconds)
        var bytesBefore: Int64 = 0
        // A total (and so an ETA) only when every input is a plain file of known size.
        var bytesTotal: Int64? = progress == nil ? nil : 0
        for path in summary.files where progress != nil {
            let size = path == "-" || path.hasSuffix(".gz") ? nil
                : (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int).map(Int64.init)
            bytesTotal = bytesTotal.flatMap { total in size.map { total + $0 } }
        }
        // relay-audit's own events from several hosts are read side by side and merged by time,
        // as one host's log would have interleaved them: the first such file stands for all.
        let forcedFormat = options.format.flatMap { InputReaders.isLineFormat($0) ? nil : $0 }
        let eventFiles = summary.files.indices.filter { (forcedFormat ?? fileFormats[summary.files[$0]]) == .ecs && summary.files[$0] != "-" }
        for (fileIndex, path) in summary.files.enumerated() {
            if eventFiles.count > 1, eventFiles.contains(fileIndex) {
                if fileIndex == eventFiles[0] { try ECSMerge.read(eventFiles, of: summary.files, into: &counting, summary: &summary) }
                continue
            }
            let file = try InputFile(path: path)
            if fileFormats[path] == .windowsEvents {
                // A Windows event log: binary, read chunk by chunk, not as lines.
                var reader = EVTXFileReader()
                try reader.read({ (buffer: inout [UInt8]) throws(RelayAuditError) -> Int in try Self.read(file, into: &buffer) }, { (record: WindowsEventRecord, offset: Int64) throws(RelayAuditError) in
                    summary.lines += 1
                    if let event = SecurityEventMapper.event(record, fileIndex: fileIndex, offset: offset) { counting.consume(event) }
                })
                summary.warnings += reader.warnings.map { "\(path): \($0)" }
                continue
            }
            let clock = LogClock(fixedYear: options.year, reference: file.modificationTime ?? now, timeZone: options.timeZone)
            // --format naming a file format reads every file as one; else each file's own.
            let forced = options.format.flatMap { InputReaders.isLineFormat($0) ? nil : $0 }
            stream.startFile(clock: clock, format: forced ?? fileFormats[path])
            var lineNumber = 0
            var fileBytes: Int64 = 0
            /// Counts a line, reports progress, and turns a failed verdict into an error naming
            /// file and line.
            func account(_ offset: Int64, truncated: Bool, _ verdict: () -> LineVerdict) throws(RelayAuditError) {
                summary.lines += 1
                lineNumber += 1
                if summary.lines & 0xFFFF == 0, let progress {
                    fileBytes = offset
                    progress.update(bytesDone: bytesBefore + offset, bytesTotal: bytesTotal, lines: summary.lines)
                }
                if truncated {
                    summary.overlongLines += 1
                    summary.unrecognizedLines += 1
                    return
                }
                switch verdict() {
                case .understood: break
                case .unrecognized: summary.unrecognizedLines += 1
                case let .failed(message): throw .input([Diagnostic(.error, file: path, line: lineNumber, message: message)])
                }
            }
            let reader = LineReader(chunkSize: options.chunkSize, readAhead: options.readAhead)
            if options.prepareWorkers > 0, forced ?? fileFormats[path] == nil {
                // Syslog lines: decoded on the workers, block by block, applied here in order.
                try PreparedBlocks.read(file, with: reader, workers: options.prepareWorkers, clock: clock, only: options.format) {
                    line throws(RelayAuditError) in
                    try account(line.offset, truncated: line.isOverlong) { stream.apply(line, fileIndex: fileIndex, into: &counting) }
                }
            } else {
                try reader.forEachLine(in: file) { line throws(RelayAuditError) in
                    try account(line.offset, truncated: line.truncated) {
                        stream.feed(ByteLine(line.bytes), fileIndex: fileIndex, offset: line.offset, into: &counting)
                    }
                }
            }
            // A plain file's size; a .gz file's decompressed bytes up to its last progress report
            // (nothing is added per line for a progress line alone).
            bytesBefore += file.isCompressed ? fileBytes : file.size ?? fileBytes
        }
        stream.finish(into: &counting)
        summary.warnings += stream.warnings
        summary.serverSoftware = stream.serverSoftware.map { software in
            var named = software
            named.file = summary.files.indices.contains(software.fileIndex) ? summary.files[software.fileIndex] : nil
            return named
        }
        summary.events = counting.count
        summary.formats = counting.formats
        sink = counting.inner
        return summary
    }

    /// Files in time order by their first timestamp; stdin and undated files keep their place
    /// after the dated ones. Each file is named once.
    ///
    /// File formats are recognised here by their first lines (`fileFormats` gets each one's);
    /// a format that refers to what others established (Exchange message tracking logs name
    /// the protocol logs' authenticated sessions) comes after every other file.
    static func order(_ paths: [String], options: LogReadOptions, fileFormats: inout [String: LogFormat]) throws(RelayAuditError) -> [String] {
        var seen = Set<String>()
        var dated: [(Int, Instant, Int, String)] = []
        var undated: [(Int, Int, String)] = []
        for (index, path) in paths.enumerated() where seen.insert(path).inserted {
            if path == "-" {
                undated.append((0, index, path))
                continue
            }
            let (first, format) = try firstTimestamp(path, options: options)
            if let format { fileFormats[path] = format }
            let rank = (format ?? options.format).map(Self.readsAfterOthers) == true ? 1 : 0
            if let first {
                dated.append((rank, first, index, path))
            } else {
                undated.append((rank, index, path))
            }
        }
        return dated.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3) + undated.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    static func readsAfterOthers(_ format: LogFormat) -> Bool {
        InputReaders.fileReader(for: format).map { InputReaders.fileFormats[$0].readsAfterOthers(format) } ?? false
    }

    /// The first timestamp among a file's first lines, and the file format they name, if any.
    static func firstTimestamp(_ path: String, options: LogReadOptions) throws(RelayAuditError) -> (Instant?, LogFormat?) {
        if try isEVTX(path) { return (nil, .windowsEvents) }
        let file = try InputFile(path: path)
        var clock = LogClock(fixedYear: options.year, reference: file.modificationTime ?? options.now, timeZone: options.timeZone)
        var found: Instant?
        var sniffer = FileFormatSniffer()
        var examined = 0
        do {
            try LineReader(chunkSize: 1 << 16, maximumLineLength: 1 << 16).forEachLine(in: file) { line throws(RelayAuditError) in
                examined += 1
                let bytes = ByteLine(line.bytes)
                sniffer.examine(bytes)
                if let format = sniffer.format, let reader = InputReaders.fileReader(for: format) {
                    if let time = InputReaders.fileFormats[reader].firstTime(bytes, format: format) { found = time }
                } else if bytes.count > 1, bytes[0] == UInt8(ascii: "{"), let time = JournalRecord.decode(bytes)?.time {
                    found = time
                } else if let parts = SyslogHeaderDecoder.decode(bytes).timestamp {
                    found = clock.resolve(parts)
                }
                if (found != nil && sniffer.decided) || examined >= 100 { throw .usage("stop") }
            }
        } catch {
            if case .usage("stop") = error { return (found, sniffer.format) }
            throw error
        }
        return (found, sniffer.format)
    }
}

extension MailLogReader {
    /// Whether a file begins with the `.evtx` signature (a plain or gzip-compressed file).
    static func isEVTX(_ path: String) throws(RelayAuditError) -> Bool {
        guard path != "-" else { return false }
        let file = try InputFile(path: path)
        var head = [UInt8](repeating: 0, count: 8)
        return try read(file, into: &head) == 8 && EVTXFileReader.isEVTX(head)
    }

    /// Fills as much of `buffer` as one read gives.
    static func read(_ file: InputFile, into buffer: inout [UInt8]) throws(RelayAuditError) -> Int {
        let result: Result<Int, RelayAuditError> = buffer.withUnsafeMutableBytes { raw in
            do throws(RelayAuditError) { return .success(try file.read(into: raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

/// Counts events (and events per format) on their way to the real sink.
struct CountingSink<Inner: EventSink>: EventSink {
    var inner: Inner
    var count = 0
    /// Indexed by the format's position in `LogFormat.allCases`: a String-keyed dictionary
    /// here cost a hash of the format's name for every event.
    private var perFormat = [Int](repeating: 0, count: LogFormat.allCases.count)

    init(inner: Inner) { self.inner = inner }

    mutating func begin(files: [String]) { inner.begin(files: files) }

    mutating func consume(_ event: consuming LogEvent) {
        count += 1
        perFormat[event.format.index] += 1
        inner.consume(event)
    }

    /// Events per format name, formats without events left out.
    var formats: [String: Int] {
        var result: [String: Int] = [:]
        for (format, n) in zip(LogFormat.allCases, perFormat) where n > 0 { result[format.rawValue] = n }
        return result
    }
}
