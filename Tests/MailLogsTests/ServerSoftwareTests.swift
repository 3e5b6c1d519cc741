import Foundation
import LogTestSupport
import MailLogs
import RelayAuditCore
import Testing

/// The servers' start lines name the version that runs (for the plan's update step); they
/// are facts about the server, not events.
struct ServerSoftwareTests {
    static func software(_ text: String, format: LogFormat? = nil) -> [ServerSoftware] {
        let clock = LogClock(fixedYear: 2026, reference: Instant(seconds: 1_795_000_000), timeZone: TimeZone(identifier: "UTC")!)
        var stream = LogStream(format: format, clock: clock)
        if let format, !InputReaders.isLineFormat(format) { stream.startFile(clock: clock, format: format) }
        var sink = EventCollector()
        for line in Array(text.utf8).split(separator: 0x0A) {
            _ = Array(line).withUnsafeBytes { stream.feed(ByteLine($0), fileIndex: 0, offset: 0, into: &sink) }
        }
        stream.finish(into: &sink)
        #expect(sink.events.isEmpty, "a start line is not an event")
        return stream.serverSoftware
    }

    /// Real start lines: Postfix 3.7 and Dovecot 2.3 from the sample incident (written by the
    /// daemons), Sendmail 8.17 from the Sendmail incident, Exim 4.60 from a public mainlog
    /// (code corpus id 56841561258).
    @Test func eachServersStartLineNamesItsVersion() {
        #expect(Self.software("Nov 10 07:00:02 mx1 postfix/master[771]: daemon started -- version 3.7.11, configuration /etc/postfix")
            .map { "\($0.product) \($0.version)" } == ["postfix 3.7.11"])
        #expect(Self.software("Nov 10 07:00:00 mx1 dovecot: master: Dovecot v2.3.19.1 (9b53102964) starting up for lmtp (core dumps disabled)")
            .map { "\($0.product) \($0.version)" } == ["dovecot 2.3.19.1"])
        #expect(Self.software("Nov 20 07:00:00 mx2 sendmail[25016]: starting daemon (8.17.1.9): SMTP+queueing@00:00:10")
            .map { "\($0.product) \($0.version)" } == ["sendmail 8.17.1.9"])
        #expect(Self.software("2007-07-09 11:44:16 exim 4.60 daemon started: pid=3965, -q30m, listening for SMTP on [127.0.0.1]:25")
            .map { "\($0.product) \($0.version)" } == ["exim 4.60"])
        let exchange = """
            #Software: Microsoft Exchange Server
            #Version: 15.01.2507.006
            #Log-type: SMTP Receive Protocol Log
            #Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context
            2026-11-28T09:00:00.000Z,MAIL01\\Client MAIL01,08D0000000000001,0,10.1.0.5:587,198.18.0.7:50123,+,,
            """
        let seen = Self.software(exchange, format: .exchangeProtocol)
        #expect(seen.map { "\($0.product) \($0.version)" } == ["exchange 15.01.2507.006"])
        #expect(seen.first?.time == CivilTime.parseISO8601("2026-11-28T09:00:00Z"))
    }

    /// A restart after an upgrade: the newest start is what runs. A version field that is not
    /// a version (a forged or garbled line) is not kept.
    @Test func theNewestStartWinsAndOnlyVersionsAreKept() {
        let restarts = """
            Nov 10 07:00:02 mx1 postfix/master[771]: daemon started -- version 3.7.10, configuration /etc/postfix
            Nov 12 07:00:02 mx1 postfix/master[881]: daemon started -- version 3.7.11, configuration /etc/postfix
            """
        #expect(Self.software(restarts).map(\.version) == ["3.7.11"])
        #expect(Self.software("Nov 10 07:00:02 mx1 postfix/master[771]: daemon started -- version \u{1B}[31mred, configuration /etc/postfix").isEmpty)
        #expect(Self.software("Nov 10 07:00:02 mx1 postfix/smtpd[771]: daemon started -- version 3.7.11, configuration /etc/postfix").isEmpty)
    }
}
