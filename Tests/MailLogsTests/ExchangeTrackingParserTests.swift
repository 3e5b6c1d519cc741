import Foundation
import MailLogs
import RelayAuditCore
import Testing
import LogTestSupport

/// Exchange message tracking logs, alone and joined to the protocol log's sessions.
struct ExchangeTrackingParserTests {
    static let header = """
        #Software: Microsoft Exchange Server
        #Log-type: Message Tracking Log
        #Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,original-server-ip,custom-data
        """
    static let receive = "2026-11-28T09:00:05.000Z,198.18.0.7,bot,10.1.0.5,MAIL01,08D0000000000001;2026-11-28T09:00:04.000Z;0,MAIL01\\Client MAIL01,SMTP,RECEIVE,42,<1@x>,a@d1.example.org;b@d2.example.org,,4096,2,,,Invoice,billing@bank1.example,billing@bank1.example,,Originating,,198.18.0.7,10.1.0.5,"
    static let fail = "2026-11-28T09:00:06.000Z,10.1.0.5,MAIL01,,,,,SMTP,FAIL,42,<1@x>,b@d2.example.org,550 5.1.1 User unknown,4096,1,,,Invoice,billing@bank1.example,billing@bank1.example,,Originating,,198.18.0.7,10.1.0.5,"
    static let send = "2026-11-28T09:00:06.000Z,10.1.0.5,MAIL01,203.0.113.200,mx,,MAIL01\\Internet,SMTP,SEND,42,<1@x>,a@d1.example.org,250 2.0.0 OK,4096,1,,,Invoice,billing@bank1.example,billing@bank1.example,,Originating,,198.18.0.7,10.1.0.5,"
    static let dsn = "2026-11-28T09:00:07.000Z,,,10.1.0.5,MAIL01,,,DSN,DSN,43,<dsn43@corp.example.test>,billing@bank1.example,,2048,1,,<1@x>,Undeliverable: Invoice,postmaster@corp.example.test,<>,,Originating,,,,"

    @Test func thePublicSamplesAreReadLineByLine() throws {
        let text = try Fixtures.text("Tests/Fixtures/microsoft/public/exchange-message-tracking.log")
        let result = LogHarness.parse(text, format: .exchangeTracking)
        // Two STOREDRIVER NOTIFYMAPI records (quota warnings): understood, no evidence.
        #expect(result.events.isEmpty)
        // Filebeat's JSON rendering of a record and the Exchange 2003 tab header: not this format.
        #expect(result.verdicts.count { $0 == .unrecognized } == 2)
    }

    @Test func aTrackingLogAloneGivesMessagesDeliveriesAndNDRs() {
        let result = LogHarness.parse([Self.header, Self.receive, Self.send, Self.fail, Self.dsn].joined(separator: "\n"), format: .exchangeTracking)
        #expect(result.events.map(\.action) == [.messageAccepted, .delivery, .delivery, .ndr])
        let message = result.events[0]
        #expect(message.user == nil)  // no AUTH identity in a tracking log
        #expect(message.sourceIP == "198.18.0.7")
        #expect(message.to == ["a@d1.example.org", "b@d2.example.org"])
        #expect(result.events[2].status == "bounced")
        #expect(result.events[3].originalID == "<1@x>")
    }

    @Test func withTheProtocolLogTheSessionNamesTheSender() {
        let protocolLog = ExchangeProtocolParserTests.session(["+,,", "<,AUTH LOGIN,", "*,CORP\\kiosk.user,authenticated"])
        // One stream, as the reader keeps across files: the protocol log first, then tracking.
        let clock = LogClock(fixedYear: 2026, reference: Instant(seconds: 1_795_000_000), timeZone: TimeZone(identifier: "UTC")!)
        var stream = LogStream(format: nil, clock: clock)
        var sink = EventCollector()
        func feed(_ text: String, _ format: LogFormat) {
            stream.startFile(clock: clock, format: format)
            for line in text.split(separator: "\n") {
                let bytes = Array(line.utf8)
                _ = bytes.withUnsafeBytes { stream.feed(ByteLine($0), fileIndex: 0, offset: 0, into: &sink) }
            }
        }
        feed(protocolLog, .exchangeProtocol)
        feed([Self.header, Self.receive, Self.send, Self.fail, Self.dsn].joined(separator: "\n"), .exchangeTracking)
        stream.finish(into: &sink)
        // The message was counted from the protocol log; the tracking log adds what happened to it.
        #expect(sink.events.filter { $0.action == .messageAccepted }.isEmpty)
        #expect(sink.events.filter { $0.action == .delivery }.allSatisfy { $0.user == "CORP\\kiosk.user" })
        #expect(sink.events.first { $0.action == .ndr }?.user == "CORP\\kiosk.user")
    }
}
