import Foundation
import MailLogs
import RelayAuditCore
import Testing
import LogTestSupport

/// The reader on real files: compression, ordering, and input that must not crash it.
struct MailLogReaderTests {
    let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mlr-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func write(_ name: String, _ data: Data) -> String {
        let path = directory.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: data)
        return path
    }

    func gzip(_ path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-f", path]
        try process.run()
        process.waitUntilExit()
    }

    func read(_ paths: [String]) throws -> (LogInputSummary, [LogEvent]) {
        var sink = EventCollector()
        let summary = try MailLogReader.read(paths, options: LogReadOptions(year: 2026, timeZone: TimeZone(identifier: "UTC")!), into: &sink)
        return (summary, sink.events)
    }

    static let older = "Nov  1 10:00:00 mx postfix/smtpd[1]: warning: unknown[192.0.2.1]: SASL LOGIN authentication failed: authentication failure\n"
    static let newer = "Nov  2 10:00:00 mx postfix/smtpd[1]: warning: unknown[192.0.2.2]: SASL LOGIN authentication failed: authentication failure\n"

    /// Events are counted per format (kept in an array indexed by the format's position).
    @Test func eventsAreCountedPerFormat() throws {
        let mixed = Self.older + "Nov  1 10:00:01 mx dovecot: imap-login: Login: user=<a@b.example>, method=PLAIN, rip=192.0.2.9, lip=192.0.2.1, mpid=1, TLS\n"
        let (summary, events) = try read([write("mixed.log", Data(mixed.utf8))])
        #expect(summary.formats == ["postfix": 1, "dovecot": 1])
        #expect(events.count == 2)
        #expect(LogFormat.allCases.enumerated().allSatisfy { $0.offset == $0.element.index })
    }

    @Test func rotatedSetsAreReadOldestFirstWhateverTheOrderGiven() throws {
        let current = write("mail.log", Data(Self.newer.utf8))
        let rotated = write("mail.log.1", Data(Self.older.utf8))
        try gzip(rotated)
        let (summary, events) = try read([current, rotated + ".gz"])
        #expect(summary.files == [rotated + ".gz", current])
        #expect(events.map(\.sourceIP) == ["192.0.2.1", "192.0.2.2"])
        #expect(events.map(\.fileIndex) == [0, 1])
    }

    @Test func aTruncatedGzipIsAnErrorNamingTheFile() throws {
        let path = write("cut.log", Data(String(repeating: Self.older, count: 5000).utf8))
        try gzip(path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path + ".gz"))
        let cut = write("cut.log.gz", data.prefix(data.count / 2))
        do {
            _ = try read([cut])
            Issue.record("a truncated .gz was read as if complete")
        } catch {
            #expect("\(error)".hasPrefix("\(cut): error:"))
            #expect("\(error)".contains("truncated") || "\(error)".contains("gzip"))
        }
    }

    @Test func garbageIsCountedNeverFatal() throws {
        var garbage = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })
        garbage.append(0x0A)
        garbage.append(Data(Self.older.utf8))
        garbage.append(Data(repeating: 0x41, count: 10 << 20))  // a 10 MB line
        garbage.append(0x0A)
        garbage.append(Data([0xC3, 0x28, 0xFF, 0xFE, 0x0A]))  // invalid UTF-8
        garbage.append(Data(Self.newer.utf8))
        let (summary, events) = try read([write("garbage.log", garbage)])
        #expect(events.count == 2)
        #expect(summary.overlongLines == 1)
        #expect(summary.unrecognizedLines == summary.lines - 2)
    }

    @Test func emptyMissingAndDirectoryInputs() throws {
        let (summary, events) = try read([write("empty.log", Data())])
        #expect(summary.lines == 0 && events.isEmpty)
        #expect(throws: RelayAuditError.self) { try read([directory.appendingPathComponent("missing.log").path]) }
        #expect(throws: RelayAuditError.self) { try read([directory.path]) }
    }

    @Test func microsoftFormatsAreRecognisedByTheirHeaders() throws {
        let path = write("RECV2026.LOG", Data("""
            \u{FEFF}#Software: Microsoft Exchange Server
            #Version: 15.0.0.0
            #Log-type: SMTP Receive Protocol Log
            #Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context
            2026-11-28T09:00:00.000Z,MAIL01\\Client MAIL01,S1,0,10.1.0.5:587,198.18.0.7:5000,<,AUTH LOGIN,
            2026-11-28T09:00:01.000Z,MAIL01\\Client MAIL01,S1,1,10.1.0.5:587,198.18.0.7:5000,>,535 5.7.3 Authentication unsuccessful,

            """.utf8))
        let (summary, events) = try read([path])
        #expect(summary.unrecognizedLines == 0)
        #expect(events.map(\.action) == [.authFailure])
        #expect(events.first?.format == .exchangeProtocol)
    }
}

/// Each reader names the service a login was made to, from what its line says.
struct ServiceTests {
    @Test(arguments: [
        ("Nov 28 10:00:01 mx postfix/submission/smtpd[100]: 4AbCdEfGh1: client=unknown[198.51.100.7], sasl_method=LOGIN, sasl_username=kiosk", Service.submission),
        ("Nov 28 10:00:01 mx postfix/smtpd[100]: 4AbCdEfGh1: client=unknown[198.51.100.7], sasl_method=LOGIN, sasl_username=kiosk", .smtp),
        ("Nov 28 10:00:01 mx postfix/smtps/smtpd[100]: 4AbCdEfGh1: client=unknown[198.51.100.7], sasl_method=LOGIN, sasl_username=kiosk", .submission),
        ("Nov 28 10:00:00 mx dovecot: imap-login: Login: user=<ceo>, method=PLAIN, rip=198.51.100.7, lip=192.0.2.1, mpid=7, TLS", .imap),
        ("Nov 28 10:00:00 mx dovecot: pop3-login: Login: user=<ceo>, method=PLAIN, rip=198.51.100.7, lip=192.0.2.1, mpid=7, TLS", .pop),
        ("Nov 28 10:00:00 mx courierpop3login: LOGIN, user=ceo, ip=[::ffff:198.51.100.7], port=[1234], protocol=POP3", .pop),
        ("Nov 28 10:00:00 mx vpopmail[9]: vchkpw-smtp: (PLAIN) login success ceo@corp.example:198.51.100.7", .smtp),
        ("Nov 28 10:00:00 mx vpopmail[9]: vchkpw-webmail: (PLAIN) login success ceo@corp.example:198.51.100.7", .web),
    ])
    func loginsNameTheirService(_ line: String, _ service: Service) {
        let events = LogHarness.parse(line).events.filter { $0.kind == .authentication }
        #expect(events.map(\.service) == [service])
    }

    @Test func aProcessThatServesEveryProtocolNamesNone() {
        let events = LogHarness.parse("Nov 28 10:00:00 mx dovecot: auth: passwd-file(ceo,198.51.100.7): Password mismatch").events
        #expect(events.count == 1 && events.allSatisfy { $0.service == nil })
    }
}

/// The registry every reader is found through.
struct InputReadersTests {
    @Test func everyFormatHasExactlyOneReader() {
        for format in LogFormat.allCases {
            let lineReaders = InputReaders.lineFormats.filter { $0.format == format }.count
            let fileReaders = InputReaders.fileFormats.filter { $0.formats.contains(format) }.count
            let binaryReaders = InputReaders.binaryFormats.filter { $0 == format }.count
            #expect(lineReaders + fileReaders + binaryReaders == 1, "\(format.rawValue): \(lineReaders) line, \(fileReaders) file and \(binaryReaders) binary readers")
        }
    }

    @Test(arguments: [
        ("postfix/submission/smtpd", LogFormat.postfix), ("postfix-out/qmgr", .postfix), ("exim", .exim), ("exim4", .exim),
        ("sm-mta", .sendmail), ("sendmail", .sendmail), ("dovecot", .dovecot), ("imap-login", .dovecot), ("auth-worker", .dovecot),
        ("courierpop3login", .courier), ("courieresmtpd", .courier), ("vpopmail", .vpopmail),
    ])
    func eachDaemonIsClaimedByItsReaderAlone(_ program: String, _ format: LogFormat) {
        let claimants = Array(program.utf8).withUnsafeBytes { bytes in
            InputReaders.lineFormats.filter { $0.claims(program: ByteLine(bytes)) }.map { $0.format }
        }
        #expect(claimants == [format])
    }

    @Test func fileFormatsAreRecognisedByTheirHeaders() {
        func sniff(_ lines: [String]) -> LogFormat? {
            var sniffer = FileFormatSniffer()
            for line in lines { Array(line.utf8).withUnsafeBytes { sniffer.examine(ByteLine($0)) } }
            return sniffer.format
        }
        #expect(sniff(["\u{FEFF}#Software: Microsoft Exchange Server", "#Log-type: SMTP Receive Protocol Log"]) == .exchangeProtocol)
        #expect(sniff(["#Software: Microsoft Internet Information Services 6.0"]) == .iisSMTP)
        #expect(sniff(["Received,SenderAddress,RecipientAddress"]) == .m365Trace)
        #expect(sniff(["Nov 28 10:00:00 mx postfix/smtpd[1]: connect from x[192.0.2.1]", "#Log-type: SMTP Receive Protocol Log"]) == nil)
    }
}

/// The log corpora the suites read: the repository's are always there; the two from outside
/// the clone are checked when present and skipped, with what is missing, when not.
struct LogFixturesTests {
    @Test func theRepositorysLogsAreThere() {
        #expect(LogFixtures.repository.allSatisfy { FileManager.default.fileExists(atPath: $0) })
    }

    @Test(.enabled(if: LogFixtures.fail2banAvailable, .init(rawValue: LogFixtures.fail2banMissing)))
    func fail2bansSamplesAreAmongTheLogsRead() {
        #expect(LogFixtures.all.filter { $0.hasPrefix(LogFixtures.fail2banDirectory) }.count == 8)
    }

    @Test(.enabled(if: LogFixtures.sharedAvailable, .init(rawValue: LogFixtures.sharedMissing)))
    func theSharedPublicSamplesAreAmongTheLogsRead() {
        #expect(LogFixtures.all.filter { $0.contains("shared/samples/public-formats") }.count == 5)
    }
}
