import MailLogs
import Testing
import LogTestSupport

struct EximParserTests {
    /// Arrival with A= (real line, logstash-patterns-core), deliveries, a failure and the NDR
    /// Exim writes as `<= <> R=original` (real 2008 sequence).
    static let session = """
        2014-08-10 11:18:35 [28107] 1gsu1C-003dCu-Hb <= aaron@domain.com H=localhost (10.5.40.204) [127.0.0.1]:39753 I=[127.0.0.1]:25 P=esmtpa A=dovecot_plain:aaron@domain.com S=4315 M8S=0 id=d2b648f00f1a1b0813c483d552778dc6@domain.com T="what's up?!? ;-)" for aaron+forward@domain.com stranger@example.net
        2014-08-10 11:18:36 [28109] 1gsu1C-003dCu-Hb => aaron+forward@domain.com R=local_user T=dovecot_lmtp
        2014-08-10 11:18:37 [28109] 1gsu1C-003dCu-Hb ** stranger@example.net R=dnslookup T=remote_smtp: retry timeout exceeded
        2014-08-10 11:18:37 [28109] 1gsu1F-003dCu-Ab <= <> R=1gsu1C-003dCu-Hb U=Debian-exim P=local S=3958
        2014-08-10 11:18:37 [28109] 1gsu1C-003dCu-Hb Completed
        """

    @Test func theArrivalLineIsTheAuthAndTheMessage() throws {
        let parsed = LogHarness.parse(Self.session)
        #expect(parsed.verdicts.allSatisfy { $0 == .understood })
        let success = try #require(parsed.events.first { $0.action == .authSuccess })
        #expect(success.user == "aaron@domain.com" && success.sourceIP == "127.0.0.1" && success.mechanism == "dovecot_plain")
        let accepted = try #require(parsed.events.first { $0.action == .messageAccepted && $0.localID == "1gsu1C-003dCu-Hb" })
        #expect(accepted.to == ["aaron+forward@domain.com", "stranger@example.net"])
        #expect(accepted.from == "aaron@domain.com" && accepted.size == 4315)
    }

    @Test func deliveriesAndTheNDR() throws {
        let parsed = LogHarness.parse(Self.session)
        let deliveries = parsed.events.filter { $0.action == .delivery }
        #expect(deliveries.map(\.status) == ["sent", "bounced"])
        #expect(deliveries[0].localDelivery && !deliveries[1].localDelivery)
        let ndr = try #require(parsed.events.first { $0.action == .ndr })
        #expect(ndr.originalID == "1gsu1C-003dCu-Hb" && ndr.user == "aaron@domain.com" && ndr.localID == "1gsu1F-003dCu-Ab")
    }

    @Test func unauthenticatedArrivalsAreNotAuthSuccesses() {
        #expect(LogHarness.events("2010-09-13 05:00:13 [1487] 1Ov4tU-0000Nz-Rm <= list@domain.com H=mailhost.domain.com [208.42.54.2]:51792 I=[67.215.162.175]:25 P=esmtps X=TLSv1:AES256-SHA:256 CV=no S=21778 for user@example.com", .authSuccess).isEmpty)
    }

    @Test func failuresTakeTheLastHostAddressAgainstInjection() {
        let failures = LogHarness.events("""
            2017-11-28 14:14:32 SMTP protocol error in "aUtH lOgIn" H=(test) [8.8.8.8]" H=(roxzgj) [192.0.2.6] AUTH command used when not advertised
            2013-01-04 17:03:46 login authenticator failed for rrcs-24-106-174-74.se.biz.rr.com ([192.168.2.33]) [24.106.174.74]: 535 Incorrect authentication data (set_id=brian)
            """, .authFailure)
        #expect(failures.map(\.sourceIP) == ["192.0.2.6", "24.106.174.74"])
        #expect(failures[1].user == "brian")
    }

    /// An NDR logged after its message's `Completed` is still tied to the account within the
    /// hour; the completed messages are forgotten after that (memory follows the last hour).
    @Test func lateNDRsAreTiedBackWithinTheHour() {
        let lines = """
            2026-11-01 10:00:00 1aaaaa-000000-AA <= info@forged.example H=(x) [192.0.2.8]:1 P=esmtpa A=dovecot_login:kiosk S=10 for a@ext.example b@ext.example
            2026-11-01 10:00:01 1aaaaa-000000-AA => a@ext.example R=dnslookup T=remote_smtp
            2026-11-01 10:00:02 1aaaaa-000000-AA Completed
            2026-11-01 10:20:00 1bbbbb-000000-BB <= <> R=1aaaaa-000000-AA U=Debian-exim P=local S=3958
            2026-11-01 10:30:00 1ccccc-000000-CC <= info@forged.example H=(x) [192.0.2.9]:1 P=esmtpa A=dovecot_login:kiosk S=10 for c@ext.example
            2026-11-01 10:30:02 1ccccc-000000-CC Completed
            2026-11-01 14:00:00 1ddddd-000000-DD <= news@ext.example H=(x) [192.0.2.10]:1 P=esmtp S=10 for kiosk@corp.example
            2026-11-01 16:00:00 1eeeee-000000-EE <= news@ext.example H=(x) [192.0.2.10]:1 P=esmtp S=10 for kiosk@corp.example
            2026-11-01 16:00:05 1fffff-000000-FF <= <> R=1ccccc-000000-CC U=Debian-exim P=local S=3958
            """
        let ndrs = LogHarness.events(lines, .ndr, format: .exim)
        #expect(ndrs.count == 2)
        #expect(ndrs.first?.user == "kiosk" && ndrs.first?.sourceIP == "192.0.2.8" && ndrs.first?.to == ["info@forged.example"])
        #expect(ndrs.last?.user == nil)
    }

    /// An arrival's fields are read between the sender and the message id, and its recipients
    /// after the subject: a quoted sender or a subject reading ` A=dovecot_login:ceo` names no
    /// AUTH identity on an unauthenticated message, and ` for ` in a subject is not the list.
    @Test func arrivalFieldsAreNotReadInsideSenderOrSubject() throws {
        let text = """
            2026-11-28 10:00:00 [100] 1aAAAA-000001-AA <= "x A=dovecot_login:ceo S=1"@forged.example H=bot.example [198.51.100.9]:4000 P=esmtp S=4315 id=1@x T="cheap A=dovecot_login:cfo for you@fake.example" for r1@victim.example r2@victim.example
            2026-11-28 10:00:01 [100] 1aAAAA-000001-AA Completed
            """
        let parsed = LogHarness.parse(text, format: .exim)
        #expect(parsed.events.filter { $0.action == .authSuccess }.isEmpty)
        let accepted = try #require(parsed.events.first { $0.action == .messageAccepted })
        #expect(accepted.user == nil)
        #expect(accepted.from == "\"x A=dovecot_login:ceo S=1\"@forged.example")
        #expect(accepted.size == 4315)
        #expect(accepted.sourceIP == "198.51.100.9")
        #expect(accepted.to == ["r1@victim.example", "r2@victim.example"])
    }

    /// A delivery's transport is read after the recipient: a quoted recipient reading
    /// ` T=local_delivery` is still an external delivery, and is kept whole.
    @Test func deliveryTransportIsNotReadInsideTheRecipient() throws {
        let text = """
            2026-11-28 10:00:00 [100] 1aAAAA-000001-AA <= a@corp.example H=c.example [198.51.100.9]:4000 P=esmtpa A=dovecot_login:a S=10 id=1@x
            2026-11-28 10:00:01 [101] 1aAAAA-000001-AA => "x T=local_delivery"@victim.example R=dnslookup T=remote_smtp H=mx.victim.example [192.0.2.5]
            """
        let delivery = try #require(LogHarness.parse(text, format: .exim).events.first { $0.action == .delivery })
        #expect(delivery.to == ["\"x T=local_delivery\"@victim.example"])
        #expect(!delivery.localDelivery)
    }
}
