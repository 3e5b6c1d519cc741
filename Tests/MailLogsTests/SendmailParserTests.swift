import MailLogs
import Testing
import LogTestSupport

struct SendmailParserTests {
    /// Sendmail logs AUTH=server without a queue id; the same pid's `from=` line names it.
    /// The AUTH line is real (sonic.net); the message lines follow sendmail's documented format.
    static let session = """
        Dec  6 14:06:32 a.mail.sonic.net sm-mta[9738]: AUTH=server, relay=173-228-127-4.dsl.dynamic.sonic.net [173.228.127.4] (may be forged), authid=augie, mech=PLAIN, bits=0
        Dec  6 14:06:33 a.mail.sonic.net sm-mta[9738]: xB6M6XQx009738: from=<promo@elsewhere.example>, size=2048, class=0, nrcpts=2, msgid=<x@y>, bodytype=8BITMIME, proto=ESMTPA, daemon=MTA, relay=173-228-127-4.dsl.dynamic.sonic.net [173.228.127.4] (may be forged)
        Dec  6 14:06:35 a.mail.sonic.net sm-mta[9740]: xB6M6XQx009738: to=<a@example.net>,<b@example.org>, delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=120, relay=mx.example.net. [192.0.2.5], dsn=2.0.0, stat=Sent (ok)
        Dec  6 14:06:36 a.mail.sonic.net sm-mta[9740]: xB6M6XQx009738: xB6M6XQy009740: DSN: User unknown
        """

    @Test func theAuthIsJoinedToTheMessageByPid() throws {
        let parsed = LogHarness.parse(Self.session)
        #expect(parsed.verdicts.allSatisfy { $0 == .understood })
        let success = try #require(parsed.events.first { $0.action == .authSuccess })
        #expect(success.user == "augie" && success.sourceIP == "173.228.127.4")
        let accepted = try #require(parsed.events.first { $0.action == .messageAccepted })
        #expect(accepted.user == "augie" && accepted.from == "promo@elsewhere.example" && accepted.to == ["a@example.net", "b@example.org"])
        #expect(parsed.events.filter { $0.action == .delivery }.count == 2)
        let ndr = try #require(parsed.events.first { $0.action == .ndr })
        #expect(ndr.user == "augie" && ndr.originalID == "xB6M6XQx009738")
    }

    @Test func anInjectedRelayInTheUsernameDoesNotMoveTheAddress() throws {
        let failure = try #require(LogHarness.events(
            "Feb 25 04:02:28 relay1 sendmail[16665]: 06I02CNi016765: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=criminal, relay=[192.0.2.100], relay=[192.0.2.4] (may be forged)",
            .authFailure).first)
        #expect(failure.sourceIP == "192.0.2.4")
        #expect(failure.user == "criminal, relay=[192.0.2.100]")
    }

    @Test func anAttackCountIsAttempts() throws {
        let failure = try #require(LogHarness.events("Feb 16 23:33:20 smtp1 sm-mta[5133]: s1GNXHYB005133: [190.5.230.178]: possible SMTP attack: command=AUTH, count=5", .authFailure).first)
        #expect(failure.attempts == 5)
    }

    /// Fields are read after the addresses the client chose: a sender reading `proto=ESMTPA`
    /// does not make an unauthenticated message the AUTH session's, and a recipient reading
    /// `stat=Sent` does not turn a bounce into a delivery.
    @Test func fieldsAreNotReadInsideTheAddresses() throws {
        let text = """
            Dec  6 14:06:32 mx sm-mta[9738]: AUTH=server, relay=client.example [198.51.100.4], authid=augie, mech=PLAIN, bits=0
            Dec  6 14:06:33 mx sm-mta[9738]: xB6M6XQx009738: from=<"size=1,proto=ESMTPA"@forged.example>, size=2048, class=0, nrcpts=1, msgid=<x@y>, proto=SMTP, daemon=MTA, relay=client.example [198.51.100.4]
            Dec  6 14:06:35 mx sm-mta[9740]: xB6M6XQx009738: to=<"stat=Sent,mailer=local"@victim.example>, delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=120, relay=mx.victim.example. [192.0.2.5], dsn=5.1.1, stat=User unknown
            """
        let parsed = LogHarness.parse(text)
        let accepted = try #require(parsed.events.first { $0.action == .messageAccepted })
        #expect(accepted.user == nil)
        #expect(accepted.size == 2048)
        let delivery = try #require(parsed.events.first { $0.action == .delivery })
        #expect(delivery.status == "bounced" && !delivery.success && !delivery.localDelivery)
    }

    /// The AUTH identity runs whole up to the last `, mech=`: one holding `, mech=X` names
    /// neither another account nor the mechanism.
    @Test func theAuthIdentityIsReadWhole() throws {
        let success = try #require(LogHarness.events(
            "Dec  6 14:06:32 mx sm-mta[9738]: AUTH=server, relay=client.example [198.51.100.4], authid=augie, mech=FAKE, mech=LOGIN, bits=0",
            .authSuccess).first)
        #expect(success.user == "augie, mech=FAKE")
        #expect(success.mechanism == "LOGIN")
        #expect(success.sourceIP == "198.51.100.4")
    }
}
