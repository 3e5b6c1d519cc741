import Foundation
import MailLogs
import RelayAuditCore
import Testing
import LogTestSupport

/// Microsoft 365 message trace exports.
struct M365TraceParserTests {
    static let header = "Received,SenderAddress,RecipientAddress,Subject,Status,ToIP,FromIP,Size,MessageId,MessageTraceId"

    @Test func thePublicSamplesAreReadLineByLine() throws {
        let text = try Fixtures.text("Tests/Fixtures/microsoft/public/m365-exports.txt")
        let result = LogHarness.parse(text, format: .m365Trace)
        #expect(result.events.isEmpty)  // column sets only, no rows
        // The reporting web service's JSON record and the SMTP AUTH clients report's header.
        #expect(result.verdicts.count { $0 == .unrecognized } == 2)
    }

    @Test func rowsOfOneMessageAreOneMessage() {
        let text = [Self.header,
                    "11/28/2026 9:15:00 AM,kiosk.user@corp.example.test,a@d1.example.org,\"Invoice, overdue\",Delivered,,198.18.0.7,4096,<1@x>,t1",
                    "11/28/2026 9:15:00 AM,kiosk.user@corp.example.test,b@d2.example.org,\"Invoice, overdue\",Failed,,198.18.0.7,4096,<1@x>,t2"]
            .joined(separator: "\r\n")
        let result = LogHarness.parse("\u{FEFF}" + text, format: .m365Trace)
        let message = result.events.first { $0.action == .messageAccepted }
        #expect(message?.to == ["a@d1.example.org", "b@d2.example.org"])
        #expect(message?.user == "kiosk.user@corp.example.test")
        #expect(message?.sourceIP == "198.18.0.7")
        #expect(message?.time == Instant(seconds: 1_795_857_300))  // 2026-11-28T09:15:00Z
        #expect(result.events.filter { $0.action == .delivery }.map(\.status) == ["sent", "bounced"])
        #expect(result.events.first { $0.action == .authSuccess }?.mechanism == "implied by the message trace")
    }

    @Test(arguments: [
        ("2026-11-28T21:15:00.1234567", Int64(1_795_900_500)),
        ("11/28/2026 9:15:00 PM", 1_795_900_500),
        ("28.11.2026 21:15:00", 1_795_900_500),
        ("28/11/2026 21:15:00", 1_795_900_500),
    ])
    func localeDates(_ date: String, _ expected: Int64) {
        let result = LogHarness.parse([Self.header, "\(date),a@corp.example.test,b@x.example,s,Delivered,,192.0.2.1,1,<m>,t"].joined(separator: "\n"),
                                      format: .m365Trace)
        #expect(result.events.first { $0.action == .messageAccepted }?.time == Instant(seconds: expected))
    }

    /// libFuzzer's find: a year of 14 digits overflowed the day arithmetic and trapped.
    @Test(arguments: ["11/28/20200000000006 8:30:30 AM", "28/11/9223372036854775807 10:00:00", "28/11/2026 10:00:99999999999999"])
    func absurdDatesAreUnrecognizedNotACrash(_ date: String) {
        let result = LogHarness.parse([Self.header, "\(date),a@corp.example.test,b@x.example,s,Delivered,,192.0.2.1,1,<m>,t"].joined(separator: "\n"),
                                      format: .m365Trace)
        #expect(result.events.isEmpty)
        #expect(result.verdicts.last == .unrecognized)
    }

    @Test func anAmbiguousDateBeforeAnyClueStopsTheFile() {
        let result = LogHarness.parse([Self.header, "03/04/2026 10:00:00,a@corp.example.test,b@x.example,s,Delivered,,192.0.2.1,1,<m>,t"]
            .joined(separator: "\n"), format: .m365Trace)
        guard case let .failed(message) = result.verdicts.last else {
            Issue.record("expected a failure, got \(result.verdicts)")
            return
        }
        #expect(message.contains("'03/04/2026 10:00:00' reads as day/month or month/day"))
        // Once a row has shown the order, the same date is read that way.
        let learned = LogHarness.parse([Self.header,
                                        "28/03/2026 10:00:00,a@corp.example.test,b@x.example,s,Delivered,,192.0.2.1,1,<m1>,t",
                                        "03/04/2026 10:00:00,a@corp.example.test,b@x.example,s,Delivered,,192.0.2.1,1,<m2>,t"].joined(separator: "\n"),
                                       format: .m365Trace)
        #expect(learned.verdicts.allSatisfy { $0 == .understood })
        #expect(learned.events.filter { $0.action == .messageAccepted }.map(\.time).max() == Instant(seconds: 1_775_210_400))  // 2026-04-03T10:00:00Z
    }
}
