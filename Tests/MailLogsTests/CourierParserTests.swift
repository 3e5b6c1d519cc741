import MailLogs
import Testing
import LogTestSupport

struct CourierParserTests {
    @Test func authPlainPayloadsAreNeverKept() throws {
        let text = "Aug 14 12:51:04 mail.server courieresmtpd[26762]: error,relay=::ffff:1.2.3.4,msg=\"535 Authentication failed.\",cmd: AUTH PLAIN AAAAABBBBCCCCWxlZA== admin"
        let failure = try #require(LogHarness.events(text, .authFailure).first)
        #expect(failure.sourceIP == "1.2.3.4")
        #expect(failure.user == nil)
        #expect(!"\(failure)".contains("AAAAABBBB"))
    }

    @Test func recipientRejectionsAreNotAuthFailures() {
        #expect(LogHarness.events("Jul  4 18:39:39 mail courieresmtpd: error,relay=::ffff:1.2.3.4,from=<picaro@astroboymail.com>,to=<user@update.net>: 550 User <benny> unknown", .authFailure).isEmpty)
    }

    @Test func pop3LoginsAreSuccesses() throws {
        let success = try #require(LogHarness.events("Jun 1 00:12:06 server1 courierpop3login: LOGIN, user=web10_mauricio, ip=[::ffff:192.168.0.100]", .authSuccess).first)
        #expect(success.user == "web10_mauricio" && success.sourceIP == "192.168.0.100")
    }

    /// The username is the client's text: one reading `, ip=[6.6.6.6]` does not name the
    /// client, and is kept whole.
    @Test func anAddressInjectedInTheUsernameIsNotTheClient() throws {
        let failure = try #require(LogHarness.events(
            "Jun 1 00:12:07 server1 courierimaplogin: LOGIN FAILED, user=bob, ip=[6.6.6.6], ip=[::ffff:203.0.113.9], port=[41234], protocol=IMAP",
            .authFailure).first)
        #expect(failure.sourceIP == "203.0.113.9")
        #expect(failure.user == "bob, ip=[6.6.6.6]")
    }
}
