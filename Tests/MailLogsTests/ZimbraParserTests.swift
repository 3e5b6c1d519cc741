import Foundation
import LogTestSupport
@testable import MailLogs
import RelayAuditCore
import Testing

/// Zimbra's audit.log and mailbox.log: real public lines (Tests/Fixtures/samples/zimbra/SOURCES.md).
struct ZimbraParserTests {
    @Test func auditLogLoginsAreReadWithTheirProtocolAndClient() throws {
        let text = try Fixtures.text("Tests/Fixtures/samples/zimbra/audit.log")
        let result = LogHarness.parse(text)
        #expect(result.verdicts.dropLast().allSatisfy { $0 == .understood })
        let logins = result.events
        #expect(logins.count == 10)
        #expect(logins.allSatisfy { $0.format == .zimbra })
        #expect(logins.map(\.user) == ["dizihelp@dizi.dc", "terriw@dizi.dc", "terriw@dizi.dc", "jbarrera@example.com", "pepe@domain.com",
                                       "cjordesonm8_20@ucab.edu.ve", "login@example.net", "admin@example.local", "admin@example.local", "root@example.local"])
        // oip (behind the proxy, the first of a chain) before ip.
        #expect(logins.map(\.sourceIP) == ["192.168.1.3", "68.98.153.60", "68.98.153.60", "200.111.128.196", "10.1.2.123",
                                           "192.168.15.15", "1.2.3.4", "203.0.113.5", "203.0.113.5", "203.0.113.77"])
        #expect(logins.map(\.service) == [.web, .pop, .pop, .pop, .web, .web, .web, .smtp, .smtp, .web])
        #expect(logins.map(\.action) == Array(repeating: .authSuccess, count: 7) + Array(repeating: .authFailure, count: 3))
        #expect(logins.compactMap(\.reason) == ["password mismatch", "password mismatch", "password mismatch"])
        #expect(logins.first?.time == CivilTime.parseISO8601("2010-09-08T00:12:05Z"))
    }

    /// saslauthd's SMTP AUTH check (`oproto=smtp`) is SMTP AUTH evidence, whatever `protocol=soap` says.
    @Test func theOriginalProtocolDecidesTheService() {
        #expect(ZimbraParser.service(protocol: "soap", originalProtocol: "smtp") == .smtp)
        #expect(ZimbraParser.service(protocol: "imap", originalProtocol: nil) == .imap)
        #expect(ZimbraParser.service(protocol: "zsync", originalProtocol: nil) == .web)
        #expect(ZimbraParser.service(protocol: "lmtp", originalProtocol: nil) == nil)
    }

    /// mailbox.log alone: the SoapEngine failure is read once (its `account - Error occurred`
    /// twin is not counted again); success lines other than audit.log's are not logins to count.
    @Test func mailboxLogFailuresAreReadOnce() throws {
        let text = try Fixtures.text("Tests/Fixtures/samples/zimbra/mailbox.log")
        let result = LogHarness.parse(text)
        #expect(result.events.map(\.action) == [.authFailure, .authFailure])
        #expect(result.events.map(\.user) == ["testuser@example.com", "testuser@example.com"])
        #expect(result.events.map(\.sourceIP) == ["192.168.1.114", "192.168.1.114"])
        #expect(result.verdicts.dropLast().allSatisfy { $0 == .understood })
    }

    /// audit.log and mailbox.log of the same server given together: mailbox.log's copy of a
    /// failure audit.log recorded (same typed name, client, second) is not counted twice.
    @Test func aFailureInBothLogsCountsOnce() {
        let audit = "2026-11-28 09:00:00,101 WARN  [qtp7-42:https://mail.corp.example:7073/service/admin/soap/] "
            + "[name=kiosk@corp.example;oip=203.0.113.9;oproto=smtp;] security - cmd=Auth; account=kiosk@corp.example; protocol=soap; "
            + "error=authentication failed for [kiosk], invalid password;"
        let mailbox = "2026-11-28 09:00:00,100 INFO  [qtp7-42:https://mail.corp.example:7073/service/admin/soap/] "
            + "[oip=203.0.113.9;oproto=smtp;] SoapEngine - handler exception: authentication failed for [kiosk], invalid password"
        let other = "2026-11-28 09:00:05,100 INFO  [qtp7-43:https://mail.corp.example:7073/service/admin/soap/] "
            + "[oip=203.0.113.9;oproto=smtp;] SoapEngine - handler exception: authentication failed for [info], account not found"
        let events = LogHarness.parse([audit, mailbox, other].joined(separator: "\n")).events
        #expect(events.map(\.user) == ["kiosk@corp.example", "info"])
        #expect(events.map(\.service) == [.smtp, .smtp])
        #expect(events.map(\.reason) == ["password mismatch", "unknown user"])
    }

    /// Lines copied through a web page carry an en dash for the category's hyphen; other
    /// categories are understood and give nothing.
    @Test func anEnDashAndOtherCategories() {
        let dash = "2026-11-28 09:00:00,101 WARN  [ImapServer-7] [ip=198.51.100.4;] security \u{2013} cmd=Auth; account=a@b.example; protocol=imap; "
            + "error=authentication failed for [a], invalid password;"
        let other = "2026-11-28 09:00:01,101 INFO  [ImapServer-7] [ip=198.51.100.4;] imap - ID a@b.example"
        let result = LogHarness.parse([dash, other].joined(separator: "\n"))
        #expect(result.events.map(\.user) == ["a@b.example"] && result.events.first?.service == .imap)
        #expect(result.verdicts == [.understood, .understood])
    }

    /// A typed name is the attacker's: `]`, `;` and `=` in it cannot move the client or turn a failure into a success.
    @Test func aHostileTypedNameStaysAName() {
        let line = "2026-11-28 09:00:00,101 WARN  [ImapServer-7] [ip=198.51.100.4;] security - cmd=Auth; "
            + "account=x] [oip=6.6.6.6;] ok; protocol=imap; error=authentication failed for [x] [oip=6.6.6.6;] ok], invalid password;"
        let events = LogHarness.parse(line).events
        #expect(events.map(\.action) == [.authFailure])
        #expect(events.first?.sourceIP == "198.51.100.4")
    }
}
