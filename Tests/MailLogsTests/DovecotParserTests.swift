import MailLogs
import Testing
import LogTestSupport

struct DovecotParserTests {
    @Test func loginsAreSuccessesWithTheirProcess() throws {
        let success = try #require(LogHarness.events(
            "Feb 11 16:49:22 myhost dovecot: submission-login: Login: user=<usernm>, method=PLAIN, rip=11.222.33.44, lip=11.0.222.33, mpid=91587, session=<0LRqZiPyAwAlvORG>",
            .authSuccess).first)
        #expect(success.user == "usernm" && success.sourceIP == "11.222.33.44" && success.appname == "submission-login")
        #expect(success.localID == "0LRqZiPyAwAlvORG")
    }

    @Test func failuresInEveryShape() {
        let failures = LogHarness.events("""
            Jun 13 16:30:54 platypus dovecot: imap-login: Disconnected (auth failed, 2 attempts): user=<username.bob>, method=PLAIN, rip=49.176.98.87, lip=113.212.99.194, TLS
            Jun 11 13:57:17 main dovecot: auth: sql(admin@example.ru,192.168.144.226,<6rXunFtu493AqJDi>): Password mismatch
            Jun 11 13:57:17 main dovecot: auth: ldap(user@server.org,192.168.178.25,<LZmGp6mZaMrAqLIZ>): unknown user (SHA1 of given password: f638ff)
            @400000004c91b044077a9e94 dovecot-auth: pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=rhost=1.2.3.4 rhost=192.0.43.10
            Jun 13 20:48:11 platypus dovecot: pop3-login: Disconnected (no auth attempts): rip=121.44.24.254, lip=113.212.99.194, TLS: Disconnected
            """, .authFailure)
        #expect(failures.map(\.sourceIP) == ["49.176.98.87", "192.168.144.226", "192.168.178.25", "192.0.43.10"])
        #expect(failures.map(\.user) == ["username.bob", "admin@example.ru", "user@server.org", "rhost=1.2.3.4"])
        #expect(failures[0].attempts == 2)
        #expect(!failures.contains { $0.reason?.contains("f638ff") == true })
    }

    @Test func usersHoldingParenthesesAndCommasKeepThemWhole() {
        // With auth_username_chars cleared, the name typed at AUTH reaches the passdb call as is.
        let failures = LogHarness.events("""
            Nov 28 09:00:02 mx1 dovecot: auth: passwd-file(*)(|(objectClass=*,203.0.113.66): Password mismatch
            Nov 28 09:00:03 mx1 dovecot: auth-worker(4242): pam(a,b (c),203.0.113.67,<sess>): pam_authenticate() failed: Authentication failure (password mismatch?)
            """, .authFailure)
        #expect(failures.map(\.user) == ["*)(|(objectClass=*", "a,b (c)"])
        #expect(failures.map(\.sourceIP) == ["203.0.113.66", "203.0.113.67"])
    }

    /// The username is the client's text: one reading `>, method=X, rip=6.6.6.6` names neither
    /// the address nor the mechanism, and is kept whole, on a login and on a failure.
    @Test func anAddressInjectedInTheUsernameIsNotTheClient() throws {
        let text = """
            Nov 28 10:00:00 mx dovecot: imap-login: Login: user=<ceo>, method=CRAM-MD5, rip=6.6.6.6, x>, method=PLAIN, rip=198.51.100.7, lip=192.0.2.1, mpid=7, TLS, session=<AbCd>
            Nov 28 10:00:01 mx dovecot: imap-login: Disconnected (auth failed, 3 attempts in 4 secs): user=<bob>, rip=6.6.6.6, session=<x>, method=LOGIN, rip=203.0.113.9, lip=192.0.2.1, TLS, session=<EfGh>
            """
        let events = LogHarness.parse(text).events
        let login = try #require(events.first { $0.action == .authSuccess })
        #expect(login.sourceIP == "198.51.100.7")
        #expect(login.user == "ceo>, method=CRAM-MD5, rip=6.6.6.6, x")
        #expect(login.mechanism == "PLAIN")
        #expect(login.localID == "AbCd")
        let failure = try #require(events.first { $0.action == .authFailure })
        #expect(failure.sourceIP == "203.0.113.9")
        #expect(failure.user == "bob>, rip=6.6.6.6, session=<x")
        #expect(failure.mechanism == "LOGIN")
        #expect(failure.localID == "EfGh")
        #expect(failure.attempts == 3)
    }

    /// Dovecot 1.x's own log file (`log_path`): the severity stands where syslog puts the
    /// program, and the process follows it. Real lines from Wazuh's Dovecot rule tests
    /// (`dovecot.ini`, decoder `dovecot-info`), read with and without `--format dovecot`.
    @Test(arguments: [nil, LogFormat.dovecot])
    func dovecot1LogFileLines(_ format: LogFormat?) {
        let parsed = LogHarness.parse("""
            Mar 13 15:25:07 Info: auth(default): passwd-file(user@example.com,::ffff:1.2.3.4): unknown user
            Mar 13 15:25:07 Info: auth(default): pam(user@example.com,::ffff:1.2.3.4): pam_authenticate() failed: User not known to the underlying authentication module
            Jun 23 15:04:05 Info: imap-login: Login: user=<username>, method=PLAIN, rip=1.2.3.4, lip=1.2.3.5 Authentication Failure:
            Jan 07 14:46:28 Warn: auth(default): userdb(username,::ffff:127.0.0.1): user not found from userdb
            """, format: format, year: 2026)
        let failures = parsed.events.filter { $0.action == .authFailure }
        #expect(failures.map(\.user) == ["user@example.com", "user@example.com"])
        #expect(failures.map(\.sourceIP) == ["1.2.3.4", "1.2.3.4"])
        #expect(failures.first?.reason == "unknown user")
        let login = parsed.events.first { $0.action == .authSuccess }
        #expect(login?.user == "username" && login?.sourceIP == "1.2.3.4" && login?.serverIP == "1.2.3.5")
        #expect(parsed.events.count == 3, "a userdb lookup is not a login attempt")
    }

    /// A program called like a severity claims a line only when a Dovecot process follows.
    @Test func aSeverityWithoutADovecotProcessIsNotDovecots() {
        let parsed = LogHarness.parse("Mar 13 15:25:07 Info: cron(root): session opened for user=<root>, rip=1.2.3.4", year: 2026)
        #expect(parsed.events.isEmpty)
    }
}
