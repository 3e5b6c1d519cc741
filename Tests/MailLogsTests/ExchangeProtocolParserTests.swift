import Foundation
import MailLogs
import RelayAuditCore
import Testing
import LogTestSupport

/// Exchange SMTP Receive protocol logs: the public samples, and the documented records no
/// public sample carries (`535 5.7.3`, `*,DOMAIN\user,authenticated` with its columns).
struct ExchangeProtocolParserTests {
    static let header = """
        #Software: Microsoft Exchange Server
        #Version: 14.0.0.0
        #Log-type: SMTP Receive Protocol Log
        #Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context
        """

    static func session(_ records: [String], id: String = "08D0000000000001", client: String = "198.18.0.7:50123") -> String {
        ([header] + records.enumerated().map { index, record in
            "2026-11-28T09:00:\(String(format: "%02d", index)).000Z,MAIL01\\Client MAIL01,\(id),\(index),10.1.0.5:587,\(client),\(record)"
        }).joined(separator: "\n")
    }

    /// A log that starts mid-session (rotated at 10 MB, or one file given alone): a 535 reply
    /// answers nothing but AUTH, so it is a failure though the AUTH command is not in the input.
    /// A session read from its start still needs its AUTH (a 535 there without one is not
    /// counted twice or invented).
    @Test func a535InASessionWhoseStartIsNotInTheInputIsAFailure() {
        let midway = Self.session([">,535 5.7.3 Authentication unsuccessful,", "<,AUTH LOGIN,", ">,535 5.7.3 Authentication unsuccessful,",
                                   "-,,Remote"])
        let failures = LogHarness.parse(midway, format: .exchangeProtocol).events.filter { $0.action == .authFailure }
        #expect(failures.count == 2)
        #expect(failures.map(\.sourceIP) == ["198.18.0.7", "198.18.0.7"])
        #expect(failures.map(\.mechanism) == [nil, "LOGIN"])

        let whole = Self.session(["+,,", "<,EHLO client,", ">,535 5.7.3 Authentication unsuccessful,", "-,,Remote"])
        #expect(LogHarness.parse(whole, format: .exchangeProtocol).events.filter { $0.action == .authFailure }.isEmpty)
    }

    @Test func thePublicSamplesAreReadLineByLine() throws {
        let text = try Fixtures.text("Tests/Fixtures/microsoft/public/exchange-smtp-receive.log")
        let result = LogHarness.parse(text, format: .exchangeProtocol)
        // The bot's AUTH LOGIN on a connector that offers only NTLM: a failure, no user.
        let failures = result.events.filter { $0.action == .authFailure }
        #expect(failures.map(\.sourceIP) == ["91.112.61.94"])
        #expect(failures.first?.reason == "mechanism not offered")
        #expect(failures.first?.mechanism == "LOGIN")
        #expect(failures.first?.user == nil)
        // The hub's proxied message, closed by `250 2.6.0 … Queued mail for delivery` in quotes with commas.
        let messages = result.events.filter { $0.action == .messageAccepted }
        #expect(messages.map(\.from) == ["control@keyman  .com"])
        #expect(messages.first?.to == ["@damericz.com"])
        #expect(messages.first?.localID == "08C8881116H56738")
        #expect(result.events.count == 2)
        // Block 3 was flattened by its web page (no date-time column): 16 records unrecognized, counted.
        #expect(result.verdicts.count { $0 == .unrecognized } == 16)
    }

    @Test func authenticatedIdentityAndMessage() {
        let result = LogHarness.parse(Self.session([
            "+,,", "<,EHLO bot,", "<,AUTH LOGIN,", ">,334 VXNlcm5hbWU6,", "*,CORP\\kiosk.user,authenticated",
            ">,235 2.7.0 Authentication successful,", "<,MAIL FROM:<billing@bank1.example> SIZE=4096,",
            "<,RCPT TO:<a@d1.example.org>,", ">,250 2.1.5 Recipient OK,", "<,RCPT TO:<b@d2.example.org>,", ">,250 2.1.5 Recipient OK,",
            "<,DATA,", ">,\"250 2.6.0 <1@x> [InternalId=42, Hostname=MAIL01] Queued mail for delivery\",", "-,,Local",
        ]), format: .exchangeProtocol)
        let success = result.events.first { $0.action == .authSuccess }
        #expect(success?.user == "CORP\\kiosk.user")
        #expect(success?.sourceIP == "198.18.0.7")
        #expect(success?.mechanism == "LOGIN")
        let message = result.events.first { $0.action == .messageAccepted }
        #expect(message?.user == "CORP\\kiosk.user")
        #expect(message?.from == "billing@bank1.example")
        #expect(message?.to == ["a@d1.example.org", "b@d2.example.org"])
        #expect(!result.events.contains { $0.action == .authFailure })
        #expect(result.verdicts.allSatisfy { $0 == .understood })
    }

    @Test func failuresHaveNoUser() {
        let refused = LogHarness.parse(Self.session(["+,,", "<,AUTH LOGIN,", ">,535 5.7.3 Authentication unsuccessful,", "-,,Local"]),
                                       format: .exchangeProtocol)
        #expect(refused.events.map(\.action) == [.authFailure])
        #expect(refused.events.first?.reason == "authentication failed")
        #expect(refused.events.first?.user == nil)
        // A client that hangs up in the middle of AUTH failed too (Exchange tarpits, bots give up).
        let dropped = LogHarness.parse(Self.session(["+,,", "<,AUTH LOGIN,", ">,334 VXNlcm5hbWU6,", "-,,Remote"]), format: .exchangeProtocol)
        #expect(dropped.events.map(\.reason) == ["disconnected during AUTH"])
    }

    @Test func anAuthPlainInitialResponseIsNeverKept() {
        let result = LogHarness.parse(Self.session(["+,,", "<,AUTH PLAIN AGtpb3NrLnVzZXIAc2VjcmV0,", ">,535 5.7.3 Authentication unsuccessful,"]),
                                      format: .exchangeProtocol)
        #expect(result.events.first?.mechanism == "PLAIN")
        #expect(!"\(result.events)".contains("AGtpb3Nr"))
    }

    @Test func relayRefusedIsRelayDenied() {
        let result = LogHarness.parse(Self.session([
            "+,,", "<,MAIL FROM:<x@y.example>,", "<,RCPT TO:<victim@elsewhere.example>,",
            ">,550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain,",
        ]), format: .exchangeProtocol)
        #expect(result.events.map(\.action) == [.relayDenied])
        #expect(result.events.first?.to == ["victim@elsewhere.example"])
    }

    @Test func anonymousRelayPermissionIsNoticedButNotAfterAuth() {
        let clock = LogClock(fixedYear: 2026, reference: Instant(seconds: 1_795_000_000), timeZone: TimeZone(identifier: "UTC")!)
        func connectors(_ text: String) -> [String] {
            var stream = LogStream(format: nil, clock: clock)
            stream.startFile(clock: clock, format: .exchangeProtocol)
            var sink = EventCollector()
            for line in text.split(separator: "\n") {
                _ = Array(line.utf8).withUnsafeBytes { stream.feed(ByteLine($0), fileIndex: 0, offset: 0, into: &sink) }
            }
            return stream.warnings
        }
        let open = connectors(Self.session(["+,,", "*,SMTPSubmit SMTPAcceptAnyRecipient SMTPAcceptAnySender,Set Session Permissions"],
                                           client: "203.0.113.9:4000"))
        #expect(open.count == 1)
        #expect(open.first?.hasPrefix("Exchange receive connector 'MAIL01\\Client MAIL01' granted SMTPAcceptAnyRecipient to an unauthenticated client (203.0.113.9)") == true)
        // The Veritas sample's order: AUTH, then the authenticated client's permissions, then the identity.
        let authenticated = connectors(Self.session(["+,,", "<,AUTH LOGIN,", "*,SMTPSubmit SMTPAcceptAnyRecipient,Set Session Permissions",
                                                     "*,CWLAB\\_svcacct,authenticated"]))
        #expect(authenticated.isEmpty)
    }

    @Test func sessionsAreTheirOwnAndHeadersMayRepeat() {
        let two = Self.session(["+,,", "<,AUTH LOGIN,"], id: "A1") + "\n" + Self.header + "\n"
            + Self.session(["+,,", "*,CORP\\alice,authenticated"], id: "B2", client: "10.1.0.21:4000").split(separator: "\n").dropFirst(4).joined(separator: "\n")
            + "\n" + "2026-11-28T09:01:00.000Z,MAIL01\\Client MAIL01,A1,9,10.1.0.5:587,198.18.0.7:50123,-,,Local"
        let result = LogHarness.parse("\u{FEFF}" + two, format: .exchangeProtocol)
        #expect(result.events.map(\.action) == [.authSuccess, .authFailure])
        #expect(result.events.first?.user == "CORP\\alice")
        #expect(result.events.last?.sourceIP == "198.18.0.7")
    }
}

/// Exchange sessions end by the shared expiry clock: a session cut by a log rotation (no `-`
/// record) is over once it has been silent for the session window, and its pending AUTH is a
/// failure at its own time, before what followed, not at the end of input.
struct ExchangeSessionExpiryTests {
    static func record(_ time: String, _ id: String, _ client: String, _ event: String) -> String {
        "2026-11-28T\(time).000Z,MAIL01\\Client MAIL01,\(id),0,10.1.0.5:587,\(client),\(event)"
    }

    /// Two rotated files read through one stream, as the reader does.
    static func read(_ files: [[String]]) -> [LogEvent] {
        let clock = LogClock(fixedYear: 2026, reference: Instant(seconds: 1_795_000_000), timeZone: TimeZone(identifier: "UTC")!)
        var stream = LogStream(format: nil, clock: clock)
        var sink = EventCollector()
        for (index, records) in files.enumerated() {
            stream.startFile(clock: clock, format: .exchangeProtocol)
            for line in [ExchangeProtocolParserTests.header] + records {
                _ = Array(line.utf8).withUnsafeBytes { stream.feed(ByteLine($0), fileIndex: index, offset: 0, into: &sink) }
            }
        }
        stream.finish(into: &sink)
        return sink.events
    }

    @Test func aSessionCutByRotationFailsBeforeTheSuccessThatFollows() {
        let bot = "203.0.113.9:4000"
        let first = [Self.record("09:59:58", "A1", bot, "+,,"), Self.record("09:59:59", "A1", bot, "<,AUTH LOGIN,")]
        var second: [String] = []
        // Other clients keep the log moving for half an hour, then the bot gets in.
        for minute in 0..<30 {
            let id = "B\(minute)"
            second += [Self.record(String(format: "10:%02d:00", minute), id, "10.1.0.21:5000", "+,,"),
                       Self.record(String(format: "10:%02d:01", minute), id, "10.1.0.21:5000", "-,,")]
        }
        second += [Self.record("10:30:00", "C1", bot, "+,,"), Self.record("10:30:01", "C1", bot, "<,AUTH LOGIN,"),
                   Self.record("10:30:02", "C1", bot, "*,CORP\\kiosk.user,authenticated")]
        let events = Self.read([first, second])
        let failure = events.firstIndex { $0.action == .authFailure }
        let success = events.firstIndex { $0.action == .authSuccess }
        #expect(failure != nil && success != nil)
        if let failure, let success { #expect(failure < success, "the cut session's failure comes before the later success") }
        #expect(events.first { $0.action == .authFailure }?.time == MicrosoftTimeProbe.instant("2026-11-28T09:59:59Z"))
    }

    /// A day of sessions that all end without a `-` record: each failure is written while the
    /// records of its next quarter hour are read, not at the end: the open sessions stay few.
    @Test func cutSessionsAreEndedThroughoutTheInput() {
        let clock = LogClock(fixedYear: 2026, reference: Instant(seconds: 1_795_000_000), timeZone: TimeZone(identifier: "UTC")!)
        var stream = LogStream(format: nil, clock: clock)
        stream.startFile(clock: clock, format: .exchangeProtocol)
        var sink = EventCollector()
        func feed(_ line: String) { _ = Array(line.utf8).withUnsafeBytes { stream.feed(ByteLine($0), fileIndex: 0, offset: 0, into: &sink) } }
        feed(ExchangeProtocolParserTests.header)
        var worstDelay: Int64 = 0
        let start = CivilTime.parseISO8601("2026-11-28T00:00:00Z")!
        for index in 0..<600 {
            let seconds = index * 120  // a session every two minutes for 20 hours
            let time = String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
            let before = sink.events.count
            feed(Self.record(time, "S\(index)", "198.51.100.\(index % 200):4000", "<,AUTH LOGIN,"))
            let now = start.adding(seconds: Int64(seconds))
            for event in sink.events[before...] { worstDelay = max(worstDelay, now.seconds - event.time.seconds) }
        }
        let duringInput = sink.events.count
        stream.finish(into: &sink)
        #expect(sink.events.count == 600 && sink.events.allSatisfy { $0.action == .authFailure })
        #expect(duringInput >= 590, "all but the last quarter hour's sessions end while the input is read")
        #expect(worstDelay <= 15 * 60 + 60 + 120, "a failure is written within the session window, the clock's minute and one record")
    }
}

/// Parses the tests' ISO times.
enum MicrosoftTimeProbe {
    static func instant(_ text: String) -> Instant? { CivilTime.parseISO8601(text) }
}
