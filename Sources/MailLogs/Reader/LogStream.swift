import RelayAuditCore

/// The pure heart of the log reader: decodes lines, routes them to their readers and keeps the
/// joins, without touching files. `MailLogReader` feeds it from disk; tests feed it strings.
///
/// Every registered reader lives here for the whole run, so joins carry over from file to
/// file, and one clock (log time) ends them all: `InputReaders` lists the readers, a file's
/// format (sniffed from its first lines, or --format) picks a file-format reader, and any
/// other file is lines routed to the line-format reader that claims their daemon.
public struct LogStream {
    private var lines: LineReaders
    /// The file-format readers, in `InputReaders.fileFormats` order.
    private var files: [any FileFormatReader]
    /// The reader of the current file, when it is of a file format.
    private var currentFile: Int?
    private var clock: LogClock
    private var lastTime: Instant
    private var expiry: ExpiryClock
    private var names = ProgramNames()
    /// What the registered readers write; drained into the caller's sink after each call.
    private var buffer = EventBuffer()

    public init(format: LogFormat?, clock: LogClock, joinExpirySeconds: Int64 = 86_400) {
        lines = LineReaders(only: format)
        files = InputReaders.fileFormats.map { $0.init() }
        self.clock = clock
        lastTime = clock.reference
        expiry = ExpiryClock(windows: JoinWindows(message: joinExpirySeconds))
    }

    /// Switches to the next file's clock (its own reference time); joins carry over. `format`
    /// names the file's format when it is a file format (sniffed from its first lines, or
    /// given with --format); nil reads it as lines routed by daemon.
    public mutating func startFile(clock: LogClock, format: LogFormat? = nil) {
        self.clock = clock
        currentFile = format.flatMap(InputReaders.fileReader(for:))
        if let currentFile, let format { files[currentFile].startFile(format) }
    }

    /// Parses one line (without its line feed).
    public mutating func feed<S: EventSink>(_ bytes: ByteLine, fileIndex: Int, offset: Int64, into sink: inout S) -> LineVerdict {
        if let currentFile {
            let verdict = files[currentFile].parse(bytes, fileIndex: fileIndex, offset: offset, into: &buffer)
            buffer.drain(into: &sink)
            if let time = files[currentFile].lastRecordTime { lastTime = time }
            expireIfDue(into: &sink)
            return verdict
        }
        if bytes.count > 1, bytes[0] == UInt8(ascii: "{") {
            guard let record = JournalRecord.decode(bytes) else { return .unrecognized }
            let time = record.time ?? lastTime
            lastTime = time
            let verdict = record.message.withUnsafeBytes { message in
                record.identifier.withUnsafeBytes { identifier in
                    let program = identifier.isEmpty ? nil : ByteLine(identifier)
                    let context = LineContext(time: time, program: program, pid: record.pid, fileIndex: fileIndex, offset: offset)
                    return lines.parse(ByteLine(message), context, &buffer)
                }
            }
            buffer.drain(into: &sink)
            expireIfDue(into: &sink)
            return verdict
        }
        // A syslog line: what `apply(prepare(line))` does, without the prepared line between
        // the two (copying it cost more than the rest of the split).
        let header = SyslogHeaderDecoder.decode(bytes)
        if let parts = header.timestamp { lastTime = clock.resolve(parts) }
        let context = LineContext(time: lastTime, program: header.program, pid: header.pid, fileIndex: fileIndex, offset: offset)
        let verdict: LineVerdict
        if let program = header.program, LineReaders.isPostfix(program, only: lines.only) {
            lines.postfix.apply(PostfixParser.prepare(header.message, program: program, names: &names), context, into: &sink)
            verdict = .understood
        } else {
            verdict = lines.parse(header.message, context, &buffer)
            buffer.drain(into: &sink)
        }
        expireIfDue(into: &sink)
        return verdict
    }

    /// Decodes one line as far as it can be without the stream's state: the syslog header, the
    /// time, and for Postfix every value of the line (`PostfixParser.prepare`). Safe to run on
    /// any thread with a copy of the file's clock; `apply` finishes the line in input order.
    static func prepare(_ bytes: ByteLine, offset: Int64, clock: inout LogClock, names: inout ProgramNames, only: LogFormat?) -> PreparedLine {
        if bytes.count > 1, bytes[0] == UInt8(ascii: "{") {
            return PreparedLine(offset: offset, time: nil, pid: nil, program: nil, message: bytes, kind: .whole)
        }
        let header = SyslogHeaderDecoder.decode(bytes)
        let time = header.timestamp.map { clock.resolve($0) }
        var kind = PreparedLine.Kind.syslog
        if let program = header.program, LineReaders.isPostfix(program, only: only) {
            kind = .postfix(PostfixParser.prepare(header.message, program: program, names: &names))
        }
        return PreparedLine(offset: offset, time: time, pid: header.pid, program: header.program, message: header.message, kind: kind)
    }

    /// Finishes a prepared line: the stream's time, the readers' joins, expiry.
    mutating func apply<S: EventSink>(_ line: consuming PreparedLine, fileIndex: Int, into sink: inout S) -> LineVerdict {
        let verdict: LineVerdict
        switch line.kind {
        case .overlong:
            return .unrecognized
        case .whole:
            return feed(line.message, fileIndex: fileIndex, offset: line.offset, into: &sink)
        case .syslog, .postfix:
            if let time = line.time { lastTime = time }
            let context = LineContext(time: lastTime, program: line.program, pid: line.pid, fileIndex: fileIndex, offset: line.offset)
            if case let .postfix(postfix) = line.kind {
                lines.postfix.apply(postfix, context, into: &sink)
                verdict = .understood
            } else {
                verdict = lines.parse(line.message, context, &buffer)
                buffer.drain(into: &sink)
            }
        }
        expireIfDue(into: &sink)
        return verdict
    }

    /// Calls every reader whose expiry interval has passed in log time.
    private mutating func expireIfDue<S: EventSink>(into sink: inout S) {
        guard lastTime > expiry.nextDue else { return }
        let now = lastTime
        for index in expiry.readersDue(at: now) {
            if index < expiry.lineReaderCount {
                lines.expire(reader: index, now: now, windows: expiry.windows, into: &buffer)
            } else {
                files[index - expiry.lineReaderCount].expire(now: now, windows: expiry.windows, into: &buffer)
            }
            buffer.drain(into: &sink)
        }
    }

    /// What the whole input showed that is not one event, from every reader.
    public var warnings: [String] { files.flatMap(\.warnings) }

    /// The server versions the input named, the newest start of each product.
    public var serverSoftware: [ServerSoftware] {
        var log = ServerSoftwareLog()
        log.merge(lines.serverSoftware + files.flatMap(\.serverSoftware))
        return log.all
    }

    /// Writes out every join still open.
    public mutating func finish<S: EventSink>(into sink: inout S) {
        lines.finish(into: &buffer)
        buffer.drain(into: &sink)
        for index in files.indices {
            files[index].finish(into: &buffer)
            buffer.drain(into: &sink)
        }
    }
}
