/// The pure heart of the log reader: decodes lines, routes them to their parsers and keeps the
/// joins, without touching files. `MailLogReader` feeds it from disk; tests feed it strings.
public struct LogStream {
    private var parsers: ParserSet
    /// The Microsoft formats (files with headers, not syslog lines).
    private var microsoft = MicrosoftLogParser()
    private var clock: LogClock
    private var lastTime: Int64
    private var lastExpiry: Int64 = .min
    private let joinExpirySeconds: Int64

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
        var verdict = LineVerdict.unrecognized
        if bytes.count > 1, bytes[0] == UInt8(ascii: "{") {
            guard let record = JournalRecord.decode(bytes) else { return .unrecognized }
            let time = record.time ?? lastTime
            lastTime = time
            verdict = record.message.withUnsafeBytes { message in
                record.identifier.withUnsafeBytes { identifier in
                    let program = identifier.isEmpty ? nil : ByteLine(identifier)
                    let header = SyslogHeader(timestamp: .absolute(time), host: nil, program: program, pid: record.pid, message: ByteLine(message))
                    let context = LineContext(time: time, program: program, pid: record.pid, fileIndex: fileIndex, offset: offset)
                    return parsers.parse(header, context, &sink)
                }
            }
        } else {
            let header = SyslogHeaderDecoder.decode(bytes)
            if let parts = header.timestamp { lastTime = clock.resolve(parts) }
            let context = LineContext(time: lastTime, program: header.program, pid: header.pid, fileIndex: fileIndex, offset: offset)
            verdict = parsers.parse(header, context, &sink)
        }
        if lastTime > lastExpiry + 3600 {
            parsers.expire(before: lastTime - joinExpirySeconds, into: &sink)
            lastExpiry = lastTime
        }
        return verdict
    }

    /// Connectors that granted an unauthenticated client the right to relay anywhere.
    public var openRelayConnectors: [String: String] { microsoft.exchangeProtocol.openRelayConnectors }

    /// Writes out every message still being joined.
    public mutating func finish<S: EventSink>(into sink: inout S) {
        parsers.finish(into: &sink)
        microsoft.finish(into: &sink)
    }
}
