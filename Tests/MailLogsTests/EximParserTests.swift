import MailLogs
import Testing
import TestSupport

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
}
