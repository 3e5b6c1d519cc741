import Foundation
import MailLogs
import RelayAuditCore
import Testing
import LogTestSupport

/// The parallel reader decodes blocks of lines on worker threads and applies them (joins,
/// connection state, expiry) in input order: it must give exactly the events and counts of the
/// one-thread reader, wherever the block edges fall. Small blocks put the edges inside
/// messages and connections; a block of 97 bytes holds at most one line.
struct ParallelReaderTests {
    static func read(_ paths: [String], workers: Int, chunk: Int = 1 << 20, format: LogFormat? = nil) throws -> (LogInputSummary, [LogEvent]) {
        var options = LogReadOptions(format: format, year: 2026, timeZone: TimeZone(identifier: "UTC")!,
                                     now: Instant(seconds: 1_795_000_000))
        options.prepareWorkers = workers
        options.chunkSize = chunk
        var sink = EventCollector()
        let summary = try MailLogReader.read(paths, options: options, into: &sink)
        return (summary, sink.events)
    }

    /// The first event that differs, told briefly (whole event lists make unreadable failures).
    static func difference(_ parallel: [LogEvent], _ sequential: [LogEvent]) -> String? {
        if let index = (0..<min(parallel.count, sequential.count)).first(where: { parallel[$0] != sequential[$0] }) {
            return "event \(index): \(parallel[index]) instead of \(sequential[index])"
        }
        return parallel.count == sequential.count ? nil : "\(parallel.count) events instead of \(sequential.count)"
    }

    static let layouts: [(workers: Int, chunk: Int)] = [(1, 1 << 20), (3, 4096), (2, 97)]

    @Test(arguments: LogFixtures.all)
    func everyFixtureReadsTheSameInParallel(_ path: String) throws {
        let (summary, events) = try Self.read([path], workers: 0)
        #expect(summary.lines > 0)
        for layout in Self.layouts {
            let (parallel, parallelEvents) = try Self.read([path], workers: layout.workers, chunk: layout.chunk)
            #expect(parallel == summary, "\(layout)")
            #expect(Self.difference(parallelEvents, events) == nil, "\(layout)")
        }
    }

    /// All fixtures at once: files in time order, file indexes, joins and expiry across files.
    @Test func allFixturesTogetherReadTheSameInParallel() throws {
        let (summary, events) = try Self.read(LogFixtures.all, workers: 0)
        #expect(events.count > 1000)
        let (parallel, parallelEvents) = try Self.read(LogFixtures.all, workers: 3, chunk: 1500)
        #expect(parallel == summary)
        #expect(Self.difference(parallelEvents, events) == nil)
    }

    /// One file mixing daemons, journal records, lines without a timestamp, an overlong line
    /// and a message whose lines lie in different blocks.
    @Test func aMixedFileWithAnOverlongLineReadsTheSame() throws {
        var text = """
            Nov 28 10:00:00 mx postfix/submission/smtpd[100]: connect from unknown[198.51.100.7]
            Nov 28 10:00:01 mx postfix/submission/smtpd[100]: 4AbCdEfGh1: client=unknown[198.51.100.7], sasl_method=LOGIN, sasl_username=kiosk.user
            Nov 28 10:00:01 mx dovecot: auth: passwd-file(kiosk.user,198.51.100.7): unknown user
            {"__REALTIME_TIMESTAMP":"1795860002000000","SYSLOG_IDENTIFIER":"postfix/qmgr","_PID":"7","MESSAGE":"4AbCdEfGh1: from=<ceo@corp.example>, size=900, nrcpt=2 (queue active)"}
            this line has no timestamp and no daemon

            """
        text += String(repeating: "x", count: (1 << 20) + 4000) + "\n"
        for n in 0..<40 {
            text += "Nov 28 10:00:\(String(format: "%02d", 2 + n % 50)) mx postfix/smtp[200]: 4AbCdEfGh1: to=<r\(n)@victim\(n % 7).example>, "
                + "relay=mx.victim.example[203.0.113.5]:25, delay=1, dsn=\(n % 5 == 0 ? "5.1.1" : "2.0.0"), status=\(n % 5 == 0 ? "bounced" : "sent") (ok)\n"
        }
        text += "Nov 28 10:01:00 mx postfix/qmgr[7]: 4AbCdEfGh1: removed\nNov 28 10:01:01 mx postfix/submission/smtpd[100]: disconnect from unknown[198.51.100.7]"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(UUID().uuidString).log").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }

        let (summary, events) = try Self.read([path], workers: 0)
        #expect(summary.overlongLines == 1)
        let accepted = events.filter { $0.action == .messageAccepted }
        #expect(accepted.count == 1 && accepted.first?.user == "kiosk.user" && accepted.first?.to.count == 40)
        for layout in Self.layouts + [(workers: 4, chunk: 300)] {
            let (parallel, parallelEvents) = try Self.read([path], workers: layout.workers, chunk: layout.chunk)
            #expect(parallel == summary, "\(layout)")
            #expect(Self.difference(parallelEvents, events) == nil, "\(layout)")
        }
    }

    /// `--format` restricts routing the same way on both paths (other daemons' lines unrecognized).
    @Test func aForcedFormatReadsTheSame() throws {
        let path = Fixtures.path("Tests/Fixtures/samples/incident/mail.log")
        for format in [LogFormat.postfix, .dovecot] {
            let (summary, events) = try Self.read([path], workers: 0, format: format)
            let (parallel, parallelEvents) = try Self.read([path], workers: 2, chunk: 2048, format: format)
            #expect(parallel == summary)
            #expect(Self.difference(parallelEvents, events) == nil)
        }
    }

    /// A read error in the middle of a file (a cut .gz) stops the parallel reader with the
    /// one-thread reader's error, after the workers have let go of their blocks.
    @Test func aTruncatedGzipFailsTheSameWay() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-gz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let line = "Nov  1 10:00:00 mx postfix/smtpd[1]: warning: unknown[192.0.2.1]: SASL LOGIN authentication failed: authentication failure\n"
        let path = directory.appendingPathComponent("cut.log").path
        try Data(String(repeating: line, count: 20_000).utf8).write(to: URL(fileURLWithPath: path))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-f", path]
        try gzip.run()
        gzip.waitUntilExit()
        let whole = try Data(contentsOf: URL(fileURLWithPath: path + ".gz"))
        let cut = directory.appendingPathComponent("cut.log.gz").path
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: cut))
        func failure(_ workers: Int) -> String {
            do {
                _ = try Self.read([cut], workers: workers, chunk: 4096)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let sequential = failure(0)
        #expect(sequential.hasPrefix("\(cut): error:"))
        #expect(failure(2) == sequential)
    }

    /// Random bytes (no line structure, invalid UTF-8, NULs) give the same counts.
    @Test func randomBytesReadTheSame() throws {
        var generator = SplitMix64(seed: 42)
        var bytes = (0..<300_000).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        for i in stride(from: 0, to: bytes.count, by: 173) { bytes[i] = 0x0A }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-random-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (summary, events) = try Self.read([path], workers: 0)
        let (parallel, parallelEvents) = try Self.read([path], workers: 3, chunk: 1000)
        #expect(parallel == summary)
        #expect(Self.difference(parallelEvents, events) == nil)
    }
}
