import Foundation
import LogTestSupport
import MailLogs
import RelayAuditCore
import Testing

/// The nginx mail proxy's logins. The lines are nginx's own: `client login failed: "%V"`
/// (src/mail/ngx_mail_auth_http_module.c), `client logged in` (src/mail/ngx_mail_proxy_module.c)
/// and the context ngx_mail_log_error appends (src/mail/ngx_mail_handler.c: ` while %s`,
/// `, client: %V`, `, server: %V`, `, login: "%V"`, `, upstream: %V`), in nginx's error-log
/// layout (`YYYY/MM/DD HH:MM:SS [level] pid#tid: *connection`).
struct NginxMailParserTests {
    static let log = "Tests/Fixtures/samples/nginx/mail-error.log"

    /// Real lines of Mailu's front (nginx) as Kubernetes stored them, CRI prefix included
    /// (`<time> stderr F `): copied from a public Loki-forwarder's tests (code corpus id
    /// 49127797276), whose messages came from a running Mailu.
    @Test func mailusFrontThroughAContainerRuntime() throws {
        let result = LogHarness.parse(try Fixtures.text("Tests/Fixtures/samples/nginx/mailu-front-cri.log").trimmingCharacters(in: .newlines), year: nil)
        #expect(result.verdicts.allSatisfy { $0 == .understood })
        #expect(result.events.map(\.action) == [.authFailure, .authFailure])
        #expect(result.events.map(\.user) == ["info@test.se", "www"])
        #expect(result.events.map(\.sourceIP) == ["85.202.169.35", "156.96.56.80"])
        #expect(result.events.map(\.service) == [.smtp, .smtp])
        #expect(result.events.first?.time == CivilTime.parseISO8601("2022-05-21T23:01:44Z"))
    }

    /// nginx's documented success line (docs.nginx.com, "Configuring NGINX as a Mail Proxy
    /// Server", troubleshooting): newer releases append both legs of the proxied connection.
    @Test func aLoginWithBothConnectionLegsAfterTheUpstream() {
        let line = "2026/11/28 09:16:40 [info] 2712#2712: *1077 client logged in, client: 198.51.100.7, server: 0.0.0.0:110, login: \"alice\", "
            + "upstream: 10.0.0.12:110, [198.51.100.7:50123-10.0.0.5:110] <=> [10.0.0.5:40110-10.0.0.12:110]"
        let events = LogHarness.parse(line, year: nil).events
        #expect(events.map(\.user) == ["alice"] && events.map(\.service) == [.pop] && events.map(\.sourceIP) == ["198.51.100.7"])
    }

    @Test func failuresAndLoginsWithTheirServiceFromThePort() throws {
        let result = LogHarness.parse(try Fixtures.text(Self.log).trimmingCharacters(in: .newlines), year: nil)
        let auth = result.events.filter { $0.kind == .authentication }
        #expect(auth.map(\.action) == [.authFailure, .authFailure, .authFailure, .authSuccess, .authSuccess, .authSuccess, .authFailure])
        #expect(auth.map(\.user) == ["kiosk", "admin", "info", "alice@corp.example", "kiosk", "bob", "x\", client: 6.6.6.6"])
        #expect(auth.map(\.sourceIP) == ["203.0.113.9", "203.0.113.9", "203.0.113.10", "198.51.100.7", "203.0.113.9", "198.51.100.22", "2001:db8::66"])
        #expect(auth.map(\.service) == [.submission, .submission, .imap, .imap, .submission, .pop, .smtp])
        #expect(auth.first?.time == CivilTime.parseISO8601("2026-11-28T09:15:02Z"))
        #expect(auth.filter { $0.action == .authFailure }.allSatisfy { $0.reason == "authentication failed" })
        // Connections and upstream errors are nginx's, with no login to judge: understood, no event.
        let notUnderstood = result.verdicts.enumerated().filter { $0.element != .understood }.map(\.offset)
        #expect(notUnderstood == [])
        #expect(result.events.count == auth.count)
    }

    /// The login is the client's text, written raw: one reading `", client: 6.6.6.6` names no
    /// client, and the reason the auth service gave is not kept.
    @Test func aLoginCannotNameTheClient() throws {
        let line = #"2026/11/28 09:19:00 [info] 1#1: *9 client login failed: "nope" while in http auth state, client: 203.0.113.66, server: 0.0.0.0:587, login: "x", client: 6.6.6.6, server: 0.0.0.0:993""#
        let failure = try #require(LogHarness.parse(line).events.first)
        #expect(failure.sourceIP == "203.0.113.66" && failure.service == .submission)
        #expect(failure.user == #"x", client: 6.6.6.6, server: 0.0.0.0:993"#)
        #expect(!"\(failure)".contains("nope"))
    }

    /// Through syslog (`error_log syslog:server=unix:/dev/log`): program `nginx`.
    @Test func theSameLinesThroughSyslog() throws {
        let line = #"Nov 28 09:15:02 proxy nginx: [info] 2712#2712: *1041 client login failed: "Invalid login or password" while in http auth state, client: 203.0.113.9, server: 0.0.0.0:25, login: "kiosk""#
        let failure = try #require(LogHarness.parse(line).events.first)
        #expect(failure.user == "kiosk" && failure.sourceIP == "203.0.113.9" && failure.service == .smtp && failure.appname == "nginx")
    }

    @Test func onlyItsFormatWhenForced() {
        let line = #"2026/11/28 09:16:40 [info] 2712#2712: *1077 client logged in, client: 198.51.100.7, server: 0.0.0.0:993, login: "alice", upstream: 10.0.0.12:143"#
        #expect(LogHarness.parse(line, format: .nginxMail).events.count == 1)
        #expect(LogHarness.parse(line, format: .postfix).events.isEmpty)
    }
}
