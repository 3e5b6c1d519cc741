import Foundation
import MailLogs
import Testing
import LogTestSupport

/// qmail + vpopmail `vchkpw` lines. The real ones are from OSSEC's vpopmail decoder
/// documentation and admins' block scripts (../shared/reference/mail-log-formats-and-heuristics.md).
struct VpopmailParserTests {
    @Test func realLinesGiveUserAddressAndOutcome() throws {
        // The lines of OSSEC's vpopmail decoder documentation and admins' block scripts.
        let result = LogHarness.parse(try Fixtures.text("Tests/Fixtures/samples/vpopmail/maillog").trimmingCharacters(in: .newlines))
        #expect(result.verdicts.allSatisfy { $0 == .understood })
        let events = result.events
        #expect(events.map(\.action) == [.authSuccess, .authFailure, .authFailure, .authFailure, .authFailure, .authFailure])
        #expect(events.map(\.user) == ["mail_account", "mail_account", "jim.norton@asti-usa.com", "jim.norton", "user1@xxxx.com", "myuserid@xxx.com"])
        #expect(events.map(\.sourceIP) == ["127.0.0.1", "127.0.0.1", "37.235.209.102", "37.235.209.102", "192.168.2.1", "208.210.222.68"])
        #expect(events.map(\.appname) == ["vchkpw-webmail", "vchkpw-webmail", "vchkpw-smtp", "vchkpw-smtp", "vchkpw-pop3", "vchkpw-smtp"])
        #expect(events[0].mechanism == "PLAIN")
        #expect(events[3].reason == "unknown user")
    }

    @Test(arguments: ["test", "jim.norton", "<65825.1118321790@mail.xxx.com>", "a') b@evil.example:198.51.100.1", "Winter2026!"])
    func theTriedPasswordIsNeverKept(_ password: String) throws {
        let line = "Nov 28 09:00:01 mx vpopmail[42]: vchkpw-smtp: password fail (pass: '\(password)') victim@corp.example:203.0.113.5"
        let failure = try #require(LogHarness.events(line, .authFailure).first)
        #expect(failure.user == "victim@corp.example")
        #expect(failure.sourceIP == "203.0.113.5")
        #expect(!"\(failure)".contains(password))
    }

    @Test func ipv6AndSystemUsersAndDeniedServices() {
        let events = LogHarness.parse("""
            Nov 28 09:00:01 mx vpopmail[1]: vchkpw-smtp: (CRAM-MD5) login success kiosk@corp.example:2001:db8::7
            Nov 28 09:00:02 mx vpopmail[2]: vchkpw-smtp: system password fail (pass: 'x') root:192.0.2.9
            Nov 28 09:00:03 mx vpopmail[3]: vchkpw-smtp: smtp access denied nosmtp@corp.example:192.0.2.10
            Nov 28 09:00:04 mx vpopmail[4]: vchkpw-smtp: putenv(SHELL) failed errno 12 a@b:192.0.2.11
            """).events
        #expect(events.map(\.user) == ["kiosk@corp.example", "root", "nosmtp@corp.example"])
        #expect(events.map(\.sourceIP) == ["2001:db8::7", "192.0.2.9", "192.0.2.10"])
        #expect(events[0].mechanism == "CRAM-MD5")
        #expect(events[2].reason == "access denied")
    }

    @Test(.enabled(if: CommandRunner.builtRelayAudit != nil, .init(rawValue: CommandRunner.needsBinary)))
    func theReportsNeverShowThePassword() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("vpopmail-\(UUID().uuidString).log")
        let lines = (0..<40).map { i in
            "Nov 28 09:\(String(format: "%02d", i)):01 mx vpopmail[\(100 + i)]: vchkpw-smtp: password fail (pass: 'Sekr1t-\(i)') user\(i % 8)@corp.example:203.0.113.66"
        } + ["Nov 28 10:00:00 mx vpopmail[999]: vchkpw-smtp: (PLAIN) login success user3@corp.example:203.0.113.66"]
        try (lines.joined(separator: "\n") + "\n").write(to: log, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: log) }
        for command in [["logs", "--output", "json"], ["logs", "--output", "text"], ["events"]] {
            let result = try CommandRunner.run(command + ["--year", "2026", log.path])
            #expect(result.status <= 1, "\(result.stderr)")
            #expect(result.stdout.contains("user3"), "\(command)")
            #expect(!(result.stdout + result.stderr).contains("Sekr1t"), "\(command)")
        }
    }
}
