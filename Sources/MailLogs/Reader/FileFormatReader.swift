public import RelayAuditCore

/// A reader of files that have a format of their own, recognised by their first lines rather
/// than routed line by line: Exchange's protocol and message tracking logs and IIS's W3C logs
/// (`#Software`/`#Fields` headers), Microsoft 365 message trace exports (a CSV header row).
/// A reader may read a family of formats that share state: Exchange's tracking log names
/// the sessions its protocol log authenticated.
///
/// Add a file format: a type conforming to this, one line in `InputReaders.fileFormats`, a
/// case in `LogFormat`, and tests with real files (with their source).
public protocol FileFormatReader: SendableMetatype {
    /// The formats this reader reads (`--format` names each).
    static var formats: [LogFormat] { get }
    /// What one of a file's first lines (a UTF-8 byte order mark removed) says about the file.
    static func sniff(_ line: ByteLine) -> FormatSniff
    /// The moment a line of a file of `format` names, for putting files in time order.
    static func firstTime(_ line: ByteLine, format: LogFormat) -> Instant?
    /// Whether files of `format` are read after every other file: they refer to what the
    /// others established (a tracking log to the sessions a protocol log authenticated).
    static func readsAfterOthers(_ format: LogFormat) -> Bool
    /// How often, in log time, the shared clock calls `expire`.
    static var expiryInterval: Int64 { get }

    init()
    /// A file of `format` begins (sniffed from its first lines, or given with --format).
    mutating func startFile(_ format: LogFormat)
    /// Reads one line of the current file.
    mutating func parse(_ line: ByteLine, fileIndex: Int, offset: Int64, into sink: inout EventBuffer) -> LineVerdict
    /// The time of the last record read: it moves the shared expiry clock.
    var lastRecordTime: Instant? { get }
    /// Log time has reached `now`: ends what stopped arriving longer ago than its window.
    mutating func expire(now: Instant, windows: JoinWindows, into sink: inout EventBuffer)
    /// Ends everything still open (end of input).
    mutating func finish(into sink: inout EventBuffer)
    /// What the whole input showed that is not one event (an open relay connector).
    var warnings: [String] { get }
    /// The server versions the files' headers named.
    var serverSoftware: [ServerSoftware] { get }
}

extension FileFormatReader {
    public static func readsAfterOthers(_ format: LogFormat) -> Bool { false }
    public static var expiryInterval: Int64 { 60 }
    public var warnings: [String] { [] }
    public var serverSoftware: [ServerSoftware] { [] }
}

/// What a line at the start of a file says about its format.
public enum FormatSniff: Equatable, Sendable {
    /// The file is of this format.
    case format(LogFormat)
    /// A comment or a header line that does not decide: look at the next line.
    case keepLooking
    /// Not this reader's file.
    case notMine
}
