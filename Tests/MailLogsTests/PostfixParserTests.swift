@testable import MailLogs
import RelayAuditCore
import Testing
import LogTestSupport

struct PostfixParserTests {
    /// The seed story in Postfix: a cracked account relaying with a forged sender (real lines,
    /// forum archive 2014), then a bounce and its NDR (pastebin SuB30vi5 shapes).
    static let incident = """
        Oct 13 20:41:00 custhost1 postfix/submission/smtpd[5331]: connect from unknown[162.216.193.51]
        Oct 13 20:41:03 custhost1 postfix/submission/smtpd[5331]: 123A51E01CDD: client=unknown[162.216.193.51], sasl_method=LOGIN, sasl_username=bgabrys@franklinpa.gov
        Oct 13 20:41:04 custhost1 postfix/cleanup[6662]: 123A51E01CDD: message-id=<>
        Oct 13 20:41:04 custhost1 postfix/qmgr[986]: 123A51E01CDD: from=<kmcgrath@upperuwchlan-pa.gov>, size=2636, nrcpt=2 (queue active)
        Oct 13 20:41:06 custhost1 postfix/submission/smtpd[5331]: 4B6D11E01729: client=unknown[162.216.193.51], sasl_method=LOGIN, sasl_username=bgabrys@franklinpa.gov
        Oct 13 20:41:07 custhost1 postfix/qmgr[986]: 4B6D11E01729: from=<kmcgrath@upperuwchlan-pa.gov>, size=2636, nrcpt=1 (queue active)
        Oct 13 20:41:09 custhost1 postfix/submission/smtpd[5331]: disconnect from unknown[162.216.193.51] ehlo=1 auth=1 mail=2 rcpt=3 data=2 quit=1 commands=10
        Oct 13 21:27:07 custhost1 postfix/smtp[11679]: 123A51E01CDD: to=<gsuabednars@hotmail.com>, relay=mx1.hotmail.com[65.55.92.152]:25, delay=2764, delays=1.9/2763/0/0.01, dsn=2.0.0, status=sent (250 ok)
        Oct 13 21:27:08 custhost1 postfix/smtp[11679]: 123A51E01CDD: to=<nobody@example.net>, relay=mx.example.net[192.0.2.80]:25, delay=2765, delays=1.9/2763/0/1, dsn=5.1.1, status=bounced (host mx.example.net said: 550 5.1.1 unknown)
        Oct 13 21:27:08 custhost1 postfix/cleanup[6662]: 24F3614105E: message-id=<20141013212708.24F3614105E@custhost1>
        Oct 13 21:27:08 custhost1 postfix/bounce[29894]: 123A51E01CDD: sender non-delivery notification: 24F3614105E
        Oct 13 21:27:08 custhost1 postfix/qmgr[986]: 123A51E01CDD: removed
        Oct 13 21:27:09 custhost1 postfix/qmgr[986]: 24F3614105E: from=<>, size=4512, nrcpt=1 (queue active)
        Oct 13 21:27:10 custhost1 postfix/smtp[11680]: 24F3614105E: to=<kmcgrath@upperuwchlan-pa.gov>, relay=none, delay=1, delays=0/0/1/0, dsn=5.4.4, status=bounced (Host not found)
        Oct 13 21:27:10 custhost1 postfix/qmgr[986]: 24F3614105E: removed
        """

    @Test func oneAuthSuccessPerConnectionWhateverTheMessages() {
        let success = LogHarness.events(Self.incident, .authSuccess)
        #expect(success.count == 1)
        #expect(success.first?.user == "bgabrys@franklinpa.gov")
        #expect(success.first?.sourceIP == "162.216.193.51")
        #expect(success.first?.mechanism == "LOGIN")
        #expect(success.first?.appname == "postfix/submission/smtpd")
        #expect(success.first?.localID == "123A51E01CDD")
    }

    @Test func theMessageIsJoinedByQueueIDAndWrittenWhenRemoved() throws {
        let accepted = LogHarness.events(Self.incident, .messageAccepted)
        let spam = try #require(accepted.first { $0.localID == "123A51E01CDD" })
        #expect(spam.user == "bgabrys@franklinpa.gov")
        #expect(spam.from == "kmcgrath@upperuwchlan-pa.gov")
        #expect(spam.to == ["gsuabednars@hotmail.com", "nobody@example.net"])
        #expect(spam.sourceIP == "162.216.193.51")
        #expect(spam.size == 2636)
        // The second message of the connection was never removed in this excerpt: written at the end.
        #expect(accepted.contains { $0.localID == "4B6D11E01729" && $0.user == "bgabrys@franklinpa.gov" })
        let ndr = try #require(accepted.first { $0.localID == "24F3614105E" })
        #expect(ndr.from == "" && ndr.user == nil && ndr.originalID == "123A51E01CDD")
    }

    @Test func deliveriesCarryTheAccountAndTheOutcome() {
        let deliveries = LogHarness.events(Self.incident, .delivery)
        #expect(deliveries.count == 3)
        #expect(deliveries[0].success && deliveries[0].status == "sent" && deliveries[0].user == "bgabrys@franklinpa.gov")
        #expect(!deliveries[1].success && deliveries[1].status == "bounced" && deliveries[1].reason == "dsn 5.1.1")
        #expect(deliveries[2].to == ["kmcgrath@upperuwchlan-pa.gov"] && deliveries[2].user == nil)
    }

    @Test func theNDRIsTiedToTheAccountWhoseMailCausedIt() throws {
        let ndr = try #require(LogHarness.events(Self.incident, .ndr).first)
        #expect(ndr.localID == "24F3614105E")
        #expect(ndr.originalID == "123A51E01CDD")
        #expect(ndr.user == "bgabrys@franklinpa.gov")
        #expect(ndr.to == ["kmcgrath@upperuwchlan-pa.gov"])
    }

    @Test func failureTrailersAreReasonsNeverUsernames() {
        let failures = LogHarness.events("""
            Sep  6 00:44:56 trianon postfix/submission/smtpd[11538]: warning: unknown[82.221.106.233]: SASL LOGIN authentication failed: UGFzc3dvcmQ6
            Aug  4 16:47:52 mail3 postfix/smtpd[31152]: warning: unknown[192.0.2.237]:55729: SASL LOGIN authentication failed: authentication failure
            Nov  4 09:11:01 mail postfix/smtpd[1]: warning: unknown[2001:db8::7]: SASL PLAIN authentication failed: UGFzc3dvcmQ6, sasl_username=alice@example.org
            Nov  4 09:11:02 mail postfix/smtpd[1]: warning: unknown[192.0.2.9]: SASL PLAIN authentication failed: (reason unavailable), sasl_username=(unavailable)
            Feb  3 08:29:28 mail postfix/smtpd[21022]: warning: unknown[1.1.1.1]: SASL LOGIN authentication failed: Connection lost to authentication server
            """, .authFailure)
        #expect(failures.map(\.sourceIP) == ["82.221.106.233", "192.0.2.237", "2001:db8::7", "192.0.2.9"])
        #expect(failures.map(\.user) == [nil, nil, "alice@example.org", nil])
        #expect(failures[0].reason == "failed at the password prompt")
        #expect(!failures.contains { $0.reason?.contains("UGFz") == true })
    }

    @Test func relayDeniedCarriesTheAttempt() throws {
        let denied = try #require(LogHarness.events(
            "Jul 12 07:47:48 saturn postfix/smtpd[8738]: NOQUEUE: reject: RCPT from 1-2-3-4-example.com[1.2.3.4]: 554 5.7.1 <smtp@example.com>: Relay access denied; from=<john@example.com> to=<smtp@example.org> proto=SMTP helo=<198.51.100.17>",
            .relayDenied).first)
        #expect(denied.sourceIP == "1.2.3.4" && denied.from == "john@example.com" && denied.to == ["smtp@example.org"])
    }

    @Test func multiInstanceLongQueueIDsAndOtherTimestampShapes() {
        let text = """
            2026-03-11T23:27:54.123456+01:00 mx postfix-smo/submission/smtpd[22427]: 44JCRG5tYPzCqt2: client=unknown[192.0.2.109], sasl_method=PLAIN, sasl_username=bob
            2026-03-11T23:27:55+0100 mx postfix-smo/qmgr[1]: 44JCRG5tYPzCqt2: from=<bob@corp.example>, size=10, nrcpt=1 (queue active)
            {"__REALTIME_TIMESTAMP":"1773268076000000","SYSLOG_IDENTIFIER":"postfix-smo/qmgr","_PID":"1","MESSAGE":"44JCRG5tYPzCqt2: removed"}
            """
        let parsed = LogHarness.parse(text)
        #expect(parsed.verdicts == [.understood, .understood, .understood])
        let accepted = parsed.events.filter { $0.action == .messageAccepted }
        #expect(accepted.first?.user == "bob")
        #expect(accepted.first?.time.seconds == 1_773_268_074)  // 2026-03-11T22:27:54Z
    }

    /// A spam run names dozens of recipients, and a deferred one is logged again on each retry:
    /// every recipient once, in the order first logged, and each daemon's lines still read.
    @Test func manyRecipientsAreKeptOnceInOrder() throws {
        var lines = [
            "Nov  1 10:00:00 mx postfix/submission/smtpd[7]: 1A2B3C4D5E: client=unknown[198.51.100.9], sasl_method=PLAIN, sasl_username=kiosk",
            "Nov  1 10:00:01 mx postfix/qmgr[9]: 1A2B3C4D5E: from=<info@forged.example>, size=900, nrcpt=20 (queue active)",
        ]
        let recipients = (0..<20).map { "r\($0)@ext\($0 % 3).example.net" }
        for (pass, status) in ["deferred", "sent"].enumerated() {
            for recipient in recipients {
                lines.append("Nov  1 10:0\(pass + 1):00 mx postfix/smtp[11]: 1A2B3C4D5E: to=<\(recipient)>, relay=none, delay=1, dsn=4.4.1, status=\(status) (x)")
            }
        }
        lines.append("Nov  1 10:00:03 mx postfix/local[12]: 1A2B3C4D5E: to=<r0@ext0.example.net>, relay=local, delay=1, dsn=2.0.0, status=sent (delivered)")
        lines.append("Nov  1 10:03:00 mx postfix/qmgr[9]: 1A2B3C4D5E: removed")
        let parsed = LogHarness.parse(lines.joined(separator: "\n"))
        let accepted = try #require(parsed.events.first { $0.action == .messageAccepted })
        #expect(accepted.to == recipients)
        let deliveries = parsed.events.filter { $0.action == .delivery }
        #expect(deliveries.count == 41)
        #expect(deliveries.filter(\.localDelivery).count == 1)
        #expect(deliveries.allSatisfy { $0.user == "kiosk" && $0.sourceIP == "198.51.100.9" && $0.from == "info@forged.example" })
    }

    /// Each daemon is told by the last part of its program name, whatever the instance.
    @Test func daemonsAreToldByTheirName() {
        func daemon(_ program: String) -> String? {
            Array(program.utf8).withUnsafeBytes { PostfixParser.Daemon(PostfixParser.daemonName(ByteLine($0))).map { "\($0)" } }
        }
        #expect(daemon("postfix/smtpd") == "smtpd")
        #expect(daemon("postfix-out/submission/smtpd") == "smtpd")
        #expect(daemon("postfix/lmtp") == "delivery(local: true)")
        #expect(daemon("postfix/virtual") == "delivery(local: true)")
        #expect(daemon("postfix/smtp") == "delivery(local: false)")
        #expect(daemon("postfix/postscreen") == "smtpd")
        #expect(daemon("postfix/qmgr") == "qmgr")
        #expect(daemon("postfix/anvil") == nil)
        #expect(daemon("postfix/smtpdx") == nil)
        #expect(daemon("postfix/lmtpd") == nil)
    }

    /// The SASL username is the client's text: one that reads "Relay access denied" is still
    /// an authentication, not a relay refusal. Delivery statuses come out lower-cased.
    @Test func clientLinesAreNotSearchedForOtherPhrases() {
        let text = """
            Nov  1 10:00:00 mx postfix/submission/smtpd[7]: 1A2B3C4D5E: client=unknown[198.51.100.9], sasl_method=PLAIN, sasl_username=Relay access denied
            Nov  1 10:00:01 mx postfix/qmgr[9]: 1A2B3C4D5E: from=<a@b.example>, size=900, nrcpt=1 (queue active)
            Nov  1 10:00:02 mx postfix/smtp[11]: 1A2B3C4D5E: to=<c@d.example>, relay=none, delay=1, dsn=5.0.0, status=BOUNCED (x)
            Nov  1 10:00:03 mx postfix/smtp[11]: 1A2B3C4D5E: to=<e@d.example>, relay=none, delay=1, dsn=4.0.0, status=deferred (x)
            """
        let parsed = LogHarness.parse(text)
        #expect(parsed.events.filter { $0.action == .relayDenied }.isEmpty)
        #expect(parsed.events.first { $0.action == .authSuccess }?.user == "Relay access denied")
        #expect(parsed.events.filter { $0.action == .delivery }.map(\.status) == ["bounced", "deferred"])
    }

    /// An expired message's `from=` line is recognised by what follows the sender, so a sender
    /// whose own text reads `status=expired` is still the message's sender.
    @Test func expiryIsReadAfterTheSenderNotInIt() throws {
        let text = """
            Nov  1 10:00:00 mx postfix/submission/smtpd[7]: 1A2B3C4D5E: client=unknown[198.51.100.9], sasl_method=PLAIN, sasl_username=kiosk
            Nov  1 10:00:01 mx postfix/qmgr[9]: 1A2B3C4D5E: from=<status=expired@forged.example>, size=900, nrcpt=1 (queue active)
            Nov  1 10:00:02 mx postfix/qmgr[9]: 1A2B3C4D5E: removed
            Nov  1 10:00:00 mx postfix/submission/smtpd[7]: 2B3C4D5E6F: client=unknown[198.51.100.9], sasl_method=PLAIN, sasl_username=kiosk
            Nov  1 10:00:01 mx postfix/qmgr[9]: 2B3C4D5E6F: from=<a@b.example>, status=expired, returned to sender
            Nov  1 10:00:01 mx postfix/qmgr[9]: 2B3C4D5E6F: from=<a@b.example>, size=901, nrcpt=1 (queue active)
            Nov  1 10:00:02 mx postfix/qmgr[9]: 2B3C4D5E6F: removed
            """
        let accepted = LogHarness.events(text, .messageAccepted)
        #expect(accepted.map(\.from) == ["status=expired@forged.example", "a@b.example"])
        #expect(accepted.map(\.size) == [900, 901])
    }

    /// A delivery's fields are read after the addresses, which the spammer chose: recipients
    /// (and an orig_to) reading `status=sent`, `relay=local` or `dsn=2.0.0` do not turn a bounce
    /// into a local delivery.
    @Test func deliveryFieldsAreNotReadInsideTheAddresses() {
        let text = """
            Nov  1 10:00:00 mx postfix/smtp[11]: 1A2B3C4D5E: to=<"status=sent,relay=local,dsn=2.0.0"@victim.example>, relay=mx.victim.example[203.0.113.9]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (unknown user)
            Nov  1 10:00:01 mx postfix/smtp[11]: 1A2B3C4D5E: to=<x@victim.example>, orig_to=<, relay=local, dsn=2.0.0, status=sent>, relay=none, delay=1, dsn=4.4.1, status=deferred (no route)
            """
        let deliveries = LogHarness.events(text, .delivery)
        #expect(deliveries.map(\.status) == ["bounced", "deferred"])
        #expect(deliveries.map(\.reason) == ["dsn 5.1.1", nil])
        #expect(deliveries.map(\.localDelivery) == [false, false])
        #expect(deliveries.map(\.success) == [false, false])
    }

    /// `disconnect from … auth=S/T` counts the connection's failed AUTH commands its warnings
    /// did not (fail2ban's postfix sample, lines 154 and 156: a filtered log has only these).
    @Test func aDisconnectCountsTheFailuresNoWarningCounted() {
        let alone = LogHarness.parse("""
            Feb 10 13:26:34 srv postfix/smtpd[123]: disconnect from unknown[192.0.2.1] helo=1 auth=0/1 quit=1 commands=2/3
            Feb 10 13:26:35 srv postfix/submission/smtpd[124]: disconnect from unknown[192.0.2.2] ehlo=1 auth=0/3 rset=1 quit=1 commands=3/6
            Feb 10 13:26:36 srv postfix/smtpd[125]: disconnect from unknown[192.0.2.3] ehlo=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=6
            Feb 10 13:26:37 srv postfix/smtpd[126]: disconnect from unknown[192.0.2.4] ehlo=1 auth=1/1 quit=1 commands=3
            """, year: 2026).events.filter { $0.action == .authFailure }
        #expect(alone.map(\.sourceIP) == ["192.0.2.1", "192.0.2.2"])
        #expect(alone.map(\.attempts) == [1, 3])
        #expect(alone.map(\.user) == [nil, nil])
        #expect(alone.last?.service == .submission)
    }

    /// An attempt its warning counted is not counted again at disconnect: with the connect line
    /// and without it (a log that starts mid-connection).
    @Test func aWarnedFailureIsCountedOnce() {
        let whole = """
            Feb 10 13:26:30 srv postfix/smtpd[123]: connect from unknown[192.0.2.1]
            Feb 10 13:26:32 srv postfix/smtpd[123]: warning: unknown[192.0.2.1]: SASL LOGIN authentication failed: UGFzc3dvcmQ6
            Feb 10 13:26:33 srv postfix/smtpd[123]: warning: unknown[192.0.2.1]: SASL PLAIN authentication failed: authentication failure
            Feb 10 13:26:34 srv postfix/smtpd[123]: disconnect from unknown[192.0.2.1] ehlo=1 auth=0/3 quit=1 commands=2/5
            """
        let events = LogHarness.parse(whole, year: 2026).events.filter { $0.action == .authFailure }
        #expect(events.map(\.attempts).reduce(0, +) == 3, "two warned, one more counted at disconnect")
        #expect(events.map(\.reason) == ["failed at the password prompt", "authentication failure", "no reason given"])
        let midway = whole.split(separator: "\n").dropFirst().joined(separator: "\n")
        #expect(LogHarness.parse(midway, year: 2026).events.filter { $0.action == .authFailure }.map(\.attempts).reduce(0, +) == 3)
    }

    /// A client's AUTH with a mechanism the server does not offer is an attempt (fail2ban's
    /// postfix sample, line 145, aggressive mode); a lost auth server is not.
    @Test func anInvalidMechanismIsAFailedAttempt() {
        let events = LogHarness.parse("""
            Jan 14 16:18:16 xxx postfix/smtpd[14933]: warning: host[192.0.2.5]: SASL CRAM-MD5 authentication failed: Invalid authentication mechanism
            Jan 14 16:18:17 xxx postfix/smtpd[14933]: warning: host[192.0.2.5]: SASL LOGIN authentication failed: Connection lost to authentication server
            """, year: 2026).events.filter { $0.action == .authFailure }
        #expect(events.count == 1)
        #expect(events.first?.reason == "mechanism not offered")
        #expect(events.first?.mechanism == "CRAM-MD5")
    }
}
