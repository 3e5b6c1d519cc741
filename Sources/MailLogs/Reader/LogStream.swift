import RelayAuditCore

/// The pure heart of the log reader: decodes lines, routes them to their parsers and keeps the
/// joins, without touching files. `MailLogReader` feeds it from disk; tests feed it strings.
public struct LogStream {
    private var parsers: ParserSet
    /// The Microsoft formats (files with headers, not syslog lines).
    private var microsoft = MicrosoftLogParser()
    private var clock: LogClock
    private var lastTime: Instant
    private var lastExpiry = Instant.distantPast
    private let joinExpirySeconds: Int64
    private var names = ProgramNames()

    public init(format: LogFormat?, clock: LogClock, joinExpirySeconds: Int64 = 86_400) {
        parsers = ParserSet(only: format)
        self.clock = clock
        lastTime = clock.reference
        self.joinExpirySeconds = joinExpirySeconds
    }

    /// Switches to the next file's clock (its own reference time); joins carry over. `microsoft`
    /// names the file's Microsoft format when its header (or --format) says it is one.
    public mutating func startFile(clock: LogClock, microsoft format: LogFormat? = nil) {
        self.clock = clock
        microsoft.startFile(format)
    }

    /// Parses one line (without its line feed).
    public mutating func feed<S: EventSink>(_ bytes: ByteLine, fileIndex: Int, offset: Int64, into sink: inout S) -> LineVerdict {
        if microsoft.format != nil {
            switch microsoft.parse(bytes, fileIndex: fileIndex, offset: offset, into: &sink) {
            case .understood: return .understood
            case .unrecognized: return .unrecognized
            case let .error(message): return .failed(message)
            }
        }
        if bytes.count > 1, bytes[0] == UInt8(ascii: "{") {
            guard let record = JournalRecord.decode(bytes) else { return .unrecognized }
            let time = record.time ?? lastTime
            lastTime = time
            let verdict = record.message.withUnsafeBytes { message in
                record.identifier.withUnsafeBytes { identifier in
                    let program = identifier.isEmpty ? nil : ByteLine(identifier)
                    let context = LineContext(time: time, program: program, pid: record.pid, fileIndex: fileIndex, offset: offset)
                    return parsers.parse(ByteLine(message), context, &sink)
                }
            }
            expireIfDue(into: &sink)
            return verdict
        }
        // A syslog line: what `apply(prepare(line))` does, without the prepared line between
        // the two (copying it cost more than the rest of the split).
        let header = SyslogHeaderDecoder.decode(bytes)
        if let parts = header.timestamp { lastTime = clock.resolve(parts) }
        let context = LineContext(time: lastTime, program: header.program, pid: header.pid, fileIndex: fileIndex, offset: offset)
        let verdict: LineVerdict
        if let program = header.program, Self.isPostfix(program, only: parsers.only) {
            parsers.postfix.apply(PostfixParser.prepare(header.message, program: program, names: &names), context, into: &sink)
            verdict = .understood
        } else {
            verdict = parsers.parse(header.message, context, &sink)
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
        if let program = header.program, isPostfix(program, only: only) {
            kind = .postfix(PostfixParser.prepare(header.message, program: program, names: &names))
        }
        return PreparedLine(offset: offset, time: time, pid: header.pid, program: header.program, message: header.message, kind: kind)
    }

    /// Lines the Postfix parser reads (`ParserSet` routes `postfix…` programs to it first).
    static func isPostfix(_ program: ByteLine, only: LogFormat?) -> Bool {
        program.hasPrefix("postfix") && (only == nil || only == .postfix)
    }

    /// Finishes a prepared line: the stream's time, the parsers' joins, expiry.
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
                parsers.postfix.apply(postfix, context, into: &sink)
                verdict = .understood
            } else {
                verdict = parsers.parse(line.message, context, &sink)
            }
        }
        expireIfDue(into: &sink)
        return verdict
    }

    private mutating func expireIfDue<S: EventSink>(into sink: inout S) {
        if lastTime > lastExpiry.adding(seconds: 3600) {
            parsers.expire(before: lastTime.adding(seconds: -joinExpirySeconds), into: &sink)
            lastExpiry = lastTime
        }
    }

    /// Connectors that granted an unauthenticated client the right to relay anywhere.
    public var openRelayConnectors: [String: String] { microsoft.exchangeProtocol.openRelayConnectors }

    /// Writes out every message still being joined.
    public mutating func finish<S: EventSink>(into sink: inout S) {
        parsers.finish(into: &sink)
        microsoft.finish(into: &sink)
    }
}
