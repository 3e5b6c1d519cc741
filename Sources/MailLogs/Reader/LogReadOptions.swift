public import RelayAuditCore
public import Foundation

/// How to read a set of log files.
public struct LogReadOptions: Sendable {
    /// `nil` for `--format auto`: route every line by its daemon.
    public var format: LogFormat?
    /// `--year` for syslog timestamps without one.
    public var year: Int?
    /// `--timezone` for timestamps without a zone.
    public var timeZone: TimeZone
    /// A message whose lines stop arriving for this long (log time) is written out as it is.
    public var joinExpirySeconds: Int64
    /// The moment used as "now" for year inference on stdin.
    public var now: Instant
    /// Read each large or compressed file ahead on a second thread (`--jobs` above 1).
    public var readAhead = false
    /// Threads that decode lines ahead of the joins (`--jobs` above 1): blocks of whole lines
    /// are prepared on them in parallel and applied in input order on the reading thread.
    /// 0 decodes each line on the reading thread.
    public var prepareWorkers = 0
    /// Bytes read at a time; each block of whole lines is one job for the workers. Tests make
    /// it small so that messages and connections span many blocks.
    public var chunkSize = 1 << 20

    public init(format: LogFormat? = nil, year: Int? = nil, timeZone: TimeZone = .current, joinExpirySeconds: Int64 = 86_400, now: Instant = .now) {
        self.format = format
        self.year = year
        self.timeZone = timeZone
        self.joinExpirySeconds = joinExpirySeconds
        self.now = now
    }
}

/// What was read: the interface's `input` object.
public struct LogInputSummary: Sendable, Equatable {
    public var files: [String] = []
    public var lines = 0
    public var events = 0
    public var unrecognizedLines = 0
    /// Lines cut because they exceeded the maximum line length.
    public var overlongLines = 0
    /// Events per format.
    public var formats: [String: Int] = [:]
    /// What the logs say about the server itself, e.g. an Exchange connector that let an
    /// unauthenticated client relay (`SMTPAcceptAnyRecipient`).
    public var warnings: [String] = []
    /// The server versions the logs named when the servers started (the newest of each).
    public var serverSoftware: [ServerSoftware] = []

    public init() {}
}
