import Foundation
import MailLogs
import Testing
import LogTestSupport

/// IIS SMTP / Exchange 2000–2003 W3C extended logs.
struct IISSMTPParserTests {
    static let header = """
        #Software: Microsoft Internet Information Services 6.0
        #Fields: date time c-ip cs-username s-sitename s-computername s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status sc-win32-status sc-bytes cs-bytes time-taken cs-version cs-host cs(User-Agent) cs(Cookie) cs(Referer)
        """
    static func line(_ second: Int, _ ip: String, _ user: String, _ method: String, _ query: String, _ status: Int) -> String {
        "2026-11-28 09:00:\(String(format: "%02d", second)) \(ip) \(user) SMTPSVC1 MAIL01 10.1.0.5 0 \(method) - \(query) \(status) 0 40 20 0 SMTP - - - -"
    }

    @Test func thePublicSamplesAreReadLineByLine() throws {
        let text = try Fixtures.text("Tests/Fixtures/microsoft/public/iis-smtp-w3c.log")
        let result = LogHarness.parse(text, format: .iisSMTP)
        let messages = result.events.filter { $0.action == .messageAccepted }
        #expect(messages.map(\.sourceIP) == ["24.118.118.106", "192.168.1.247", "80.64.22.8"])
        #expect(messages.map(\.from) == ["EldonpyzWestoncusk@sbcglobal.net", "ossecm@HULK", "malaquias@fu-berlin.de"])
        #expect(messages.map(\.to) == [["pamb@meelift.com"], ["dbveto@meelift.com"], ["heyrmanmheyrman@meelift.com"]])
        // cs-username is the HELO name there, not an account: no message carries a user.
        #expect(messages.allSatisfy { $0.user == nil })
        #expect(result.events.count == 3)
        // The NCSA-format lines of the same sample are another format: counted, not guessed at.
        #expect(result.verdicts.count { $0 == .unrecognized } == 8)
    }

    @Test func authThenTheAccountInCsUsername() {
        let text = [Self.header,
                    Self.line(1, "198.18.0.7", "bot", "EHLO", "+bot", 250),
                    Self.line(2, "198.18.0.7", "bot", "AUTH", "+LOGIN", 235),
                    Self.line(3, "198.18.0.7", "CORP\\kiosk.user", "MAIL", "+FROM:+<billing@bank1.example>", 250),
                    Self.line(4, "198.18.0.7", "CORP\\kiosk.user", "RCPT", "+TO:+<a@d1.example.org>", 250),
                    Self.line(5, "198.18.0.7", "CORP\\kiosk.user", "RCPT", "+TO:+<b@d2.example.org>", 550),
                    Self.line(6, "198.18.0.7", "CORP\\kiosk.user", "DATA", "+<1@bot>", 250),
                    Self.line(7, "198.18.0.7", "CORP\\kiosk.user", "QUIT", "CORP\\kiosk.user", 240)].joined(separator: "\n")
        let result = LogHarness.parse(text, format: .iisSMTP)
        #expect(result.events.map(\.action) == [.authSuccess, .messageAccepted])
        #expect(result.events[0].user == "CORP\\kiosk.user")
        #expect(result.events[0].time == result.events[0].time)
        #expect(result.events[1].user == "CORP\\kiosk.user")
        #expect(result.events[1].to == ["a@d1.example.org"])  // the 550 recipient was refused
    }

    @Test func failedAuthAndAnUnnamedSuccess() {
        let text = [Self.header,
                    Self.line(1, "203.0.113.50", "ylmf-pc", "EHLO", "+ylmf-pc", 250),
                    Self.line(2, "203.0.113.50", "ylmf-pc", "AUTH", "+LOGIN", 535),
                    Self.line(3, "203.0.113.51", "box", "EHLO", "+box", 250),
                    Self.line(4, "203.0.113.51", "box", "AUTH", "+LOGIN", 235),
                    Self.line(5, "203.0.113.51", "box", "QUIT", "box", 240)].joined(separator: "\n")
        let result = LogHarness.parse(text, format: .iisSMTP)
        #expect(result.events.map(\.action) == [.authFailure, .authSuccess])
        #expect(result.events[0].sourceIP == "203.0.113.50")
        #expect(result.events[0].mechanism == "LOGIN")
        // IIS did not log the account: the AUTH still counts, without a name.
        #expect(result.events[1].user == nil)
    }
}
