@testable import LogAnalysis
import MailLogs
import Policy
import RelayAuditCore
import Testing
import TestSupport

struct LogAnalyzerTests {
    @Test(arguments: [("imap-login", true), ("pop3-login", true), ("courierpop3login", true), ("vchkpw-pop3", true),
                      ("vchkpw-imap", true), ("vchkpw-webmail", true), ("vchkpw-smtp", false), ("vchkpw-submission", false),
                      ("postfix/submission/smtpd", false)])
    func mailboxLoginsAreToldFromSMTPAuth(_ app: String, _ mailbox: Bool) {
        var event = LogEvent(.authSuccess, time: Instant(seconds: 0), format: .vpopmail)
        event.appname = app
        event.service = Service.forProgram(app)
        #expect(ActivityAggregator.isMailboxLogin(event) == mailbox)
    }

    /// A domain controller's Kerberos, NTLM or LDAP logon is never SMTP AUTH: it makes no mail
    /// account and no SMTP success. Its failures are password guesses all the same, on the
    /// address (a brute force against the DC is one), and a directory change is no mail activity.
    @Test func directoryLogonsAreGuessesButNeverSMTPAuth() {
        var s = LogScript()
        for service in [Service.kerberos, .ntlm, .ldap] {
            for _ in 0..<20 {
                var failure = LogEvent(.authFailure, time: Instant(seconds: 1_795_000_000), format: .sambaAudit)
                failure.user = "alice"
                failure.sourceIP = "192.0.2.66"
                failure.service = service
                s.aggregator.consume(failure)
            }
        }
        var logon = LogEvent(.authSuccess, time: Instant(seconds: 1_795_000_050), format: .sambaAudit)
        logon.user = "bob"
        logon.sourceIP = "192.0.2.66"
        logon.service = .kerberos
        s.aggregator.consume(logon)
        var created = LogEvent(.accountCreated, time: Instant(seconds: 1_795_000_100), format: .sambaAudit)
        created.user = "CORP\\intruder"
        created.sourceIP = "192.0.2.66"
        created.change = DirectoryChange(target: "it.support")
        s.aggregator.consume(created)
        let analysis = s.analyze()
        #expect(analysis.accounts.isEmpty, "a DC logon is no SMTP AUTH")
        let source = analysis.sources.first { $0.ip == "192.0.2.66" }
        #expect(source?.verdict == .attacker, "60 wrong passwords for alice at the DC are a brute force")
        #expect(source?.activity.authSuccess == 0 && source?.activity.authFailure == 60)
        #expect(source?.activity.successes["bob"]?.directory == true, "the DC logon is kept on the address, as a directory logon")
    }

    /// The DCs' trail shows Exchange (or a VPN, a RADIUS server) as the client of all its users'
    /// logons, their phones' old passwords included: that address is an authentication proxy,
    /// infrastructure, never an attacker. A sprayer that got into a few accounts is not one.
    @Test func aServerThatLogsOnAsManyAccountsIsAProxyNotAnAttacker() throws {
        var s = LogScript()
        func dc(_ action: LogEvent.Action, _ user: String, _ ip: String) {
            s.time = s.time.adding(seconds: 13)
            var e = LogEvent(action, time: s.time, format: .windowsEvents)
            e.user = user
            e.sourceIP = ip
            e.service = .ntlm
            s.aggregator.consume(e)
        }
        for round in 0..<6 {
            for user in 0..<30 { dc(.authSuccess, "user\(user)", "10.0.0.5") }
            for user in 0..<12 { dc(.authFailure, "user\(user + round)", "10.0.0.5") }
        }
        for name in 0..<40 { dc(.authFailure, "guess\(name)", "198.51.100.77") }
        dc(.authSuccess, "user1", "198.51.100.77")
        dc(.authSuccess, "user2", "198.51.100.77")
        let analysis = s.analyze()
        #expect(analysis.infrastructure.contains("10.0.0.5"))
        #expect(analysis.sources.first { $0.ip == "10.0.0.5" }?.verdict != .attacker)
        #expect(!analysis.infrastructure.contains("198.51.100.77"))
        #expect(analysis.sources.first { $0.ip == "198.51.100.77" }?.verdict == .attacker)
    }

    /// Exchange's SMTP protocol log fails an AUTH without the name; the Exchange server's 4625
    /// (logon type 8) names it without the address: the same second joins them, once.
    @Test func exchangesNamelessFailuresAreNamedByItsOwnSecurityLog() throws {
        var s = LogScript()
        func nameless(_ ip: String, _ second: Int64) {
            var e = LogEvent(.authFailure, time: Instant(seconds: 1_795_000_000 + second), format: .exchangeProtocol)
            e.sourceIP = ip
            e.service = .smtp
            s.aggregator.consume(e)
        }
        func named(_ user: String, _ second: Int64) {
            var e = LogEvent(.authFailure, time: Instant(seconds: 1_795_000_000 + second), format: .windowsEvents)
            e.user = user
            e.service = .smtp
            e.windows = WindowsEventContext(eventCode: 4625, recordID: 1, host: "EXCH1", logonType: 8, process: "MSExchangeFrontEndTransport.exe")
            s.aggregator.consume(e)
        }
        // The protocol log first (its file is read before the Security log's).
        nameless("198.51.100.9", 0)
        nameless("198.51.100.9", 60)
        nameless("198.51.100.9", 120)
        nameless("203.0.113.1", 300)
        nameless("203.0.113.2", 300)
        named("CORP\\alice", 1)
        named("CORP\\bob", 60)
        named("CORP\\carol", 300)  // two addresses failed that second: either could be it
        named("CORP\\dave", 900)   // no nameless failure near it
        let analysis = s.analyze()
        let source = try #require(analysis.sources.first { $0.ip == "198.51.100.9" })
        #expect(source.activity.tries.count == 2, "alice and bob named; the third failure stays nameless")
        #expect(source.activity.unnamedFailures == 1 && source.activity.authFailure == 3, "nothing counted twice")
        for ip in ["203.0.113.1", "203.0.113.2"] {
            #expect(analysis.sources.first { $0.ip == ip }?.activity.tries.count == 0, "\(ip): ambiguous, not joined")
        }
        var plain = LogScript()
        var e = LogEvent(.authFailure, time: Instant(seconds: 1_795_000_000), format: .exchangeProtocol)
        e.sourceIP = "198.51.100.9"
        plain.aggregator.consume(e)
        #expect(plain.analyze().sources.first?.activity.tries.count == 0, "without the Security log, nameless")
    }

    @Test func aTravellingUserWhoSendsNormallyStaysClean() throws {
        var s = LogScript()
        for (day, ip) in ["198.51.100.7", "203.0.113.50", "192.0.2.200", "100.64.3.9"].enumerated() {
            s.login("carol", from: ip, after: Int64(day) * 86_400 / 4)
            s.send("carol", from: ip, sender: "carol@corp.example", to: ["dave@corp.example", "partner@client.example"])
        }
        s.send("dave", from: "198.51.100.8", sender: "dave@corp.example", to: ["carol@corp.example"])
        s.login("dave", from: "198.51.100.8")
        let carol = try #require(s.analyze().accounts.first { $0.user == "carol" })
        #expect(carol.verdict == .clean)
        #expect(carol.signals.isEmpty)
        #expect(carol.activity.allIPs.count == 4)
    }

    @Test func aSpammedAccountIsCompromisedAndItsBotsAreAttackers() throws {
        var s = LogScript()
        s.login("alice", from: "198.51.100.7")
        s.send("alice", from: "198.51.100.7", sender: "alice@corp.example", to: ["bob@corp.example"])
        for bot in 0..<30 {
            let ip = "203.0.\(bot).9"
            s.login("alice@corp.example", from: ip, after: 20)
            s.send("alice@corp.example", from: ip, sender: "billing@bank\(bot).example",
                   to: (0..<20).map { "r\($0)@d\(bot)x\($0).example" }, bounced: 5)
        }
        let analysis = s.analyze()
        let alice = try #require(analysis.accounts.first)
        #expect(alice.user == "alice")
        #expect(alice.verdict == .compromised)
        #expect(Set(alice.signals.map(\.id.rawValue)).isSuperset(of: ["many-client-ips", "recipient-burst", "external-domains", "forged-sender", "ndr-backscatter"]))
        #expect(alice.activity.identities == ["alice", "alice@corp.example"])
        #expect(analysis.ownDomains == ["corp.example"])
        let office = try #require(analysis.sources.first { $0.ip == "198.51.100.7" })
        #expect(office.verdict == .clean, "the owner's own address, used before the abuse, sent no forged mail")
        #expect(analysis.attribution.label(account: "alice", address: "198.51.100.7") == .owner)
        #expect(analysis.attribution.label(account: "alice", address: "203.0.3.9") == .attacker)
        #expect(analysis.sources.filter { $0.verdict == .attacker }.count == 30)
    }

    @Test func aSprayThatGuessedAPasswordConvictsAccountAndSource() throws {
        var s = LogScript()
        for name in ["admin", "test", "info", "sales", "guest", "office"] { s.fail(name, from: "192.0.2.66") }
        s.login("guest", from: "192.0.2.66")
        let analysis = s.analyze()
        let guest = try #require(analysis.accounts.first { $0.user == "guest" })
        #expect(Set(guest.signals.map(\.id.rawValue)) == ["spray-success", "guest-like-name", "brute-force-success"])
        #expect(guest.verdict == .compromised)
        let source = try #require(analysis.sources.first { $0.ip == "192.0.2.66" })
        #expect(source.verdict == .attacker)
        #expect(source.accounts == ["guest"])
    }

    @Test func theOrganizationsDomainsComeFromThePolicyWhenGiven() throws {
        var s = LogScript()
        s.login("eve@corp.example", from: "192.0.2.1")
        for i in 0..<4 { s.send("eve@corp.example", from: "192.0.2.1", sender: "eve@partner.example", to: ["x\(i)@elsewhere.example"]) }
        let inferred = try #require(s.analyze().accounts.first)
        #expect(inferred.facts.forgedSenderMessages == 4)
        let policy = try PolicyLoader.load(contents: "organization:\n  domains: [corp.example, partner.example]\n", name: "p")
        let declared = try #require(s.analyze(policy).accounts.first)
        #expect(declared.facts.forgedSenderMessages == 0)
        #expect(declared.user == "eve")
    }

    @Test func spellingsMergeOnlyWhenUnambiguous() {
        let domains = DomainClassifier(ownDomains: ["a.example", "b.example"])
        let names = LogAnalyzer.canonicalNames(["corp\\alice", "alice", "bob@a.example", "carol@a.example", "carol@b.example", "x@other.example"], domains: domains)
        #expect(names["corp\\alice"] == "alice")
        #expect(names["bob@a.example"] == "bob")
        #expect(names["carol@a.example", default: "carol@a.example"] == "carol@a.example")
        #expect(names["carol@b.example", default: "carol@b.example"] == "carol@b.example")
        #expect(names["x@other.example"] == nil)
    }
}

/// Failed logins are counted per username and address, not made accounts: a spray of invented
/// names must not become a list of accounts, and a typo is not a guess.
struct FailedLoginAccountingTests {
    @Test func aNameThatOnlyFailedIsNoAccountButItsFailuresCountOnOneThatLoggedIn() throws {
        var s = LogScript()
        for name in ["root", "admin", "test"] { s.fail(name, from: "192.0.2.66") }
        s.fail("alice", from: "192.0.2.66")
        s.fail("alice@corp.example", from: "192.0.2.67")
        s.login("alice", from: "198.51.100.7")
        s.send("alice", from: "198.51.100.7", sender: "alice@corp.example", to: ["bob@corp.example"])
        let analysis = s.analyze()
        #expect(analysis.accounts.map(\.user) == ["alice"])
        let alice = try #require(analysis.accounts.first)
        #expect(alice.activity.authFailure == 2, "both spellings of alice")
        #expect(alice.activity.firstSeen < alice.activity.lastSeen)
        #expect(s.aggregator.failedUsernames.distinct == 5)
    }

    @Test func aTypoCorrectedAtOnceAtASharedAddressIsNoGuess() throws {
        var s = LogScript()
        // A carrier NAT: many users, each mistyping once and logging in a few seconds later.
        for index in 0..<12 {
            s.fail("user\(index)", from: "100.64.0.1")
            s.login("user\(index)", from: "100.64.0.1", after: 5)
        }
        let analysis = s.analyze()
        #expect(analysis.accounts.allSatisfy { $0.verdict == .clean })
        let nat = try #require(analysis.sources.first { $0.ip == "100.64.0.1" })
        #expect(nat.verdict == .clean)
    }

    @Test func failuresThatNameNoOneStillCountBeforeALogin() throws {
        // IIS and Exchange log a failed AUTH without the name; the guesses still come first.
        var s = LogScript()
        for _ in 0..<15 { s.fail(nil, from: "203.0.113.50") }
        s.login("kiosk", from: "203.0.113.50")
        let kiosk = try #require(s.analyze().accounts.first)
        #expect(kiosk.signals.contains { $0.id == .bruteForceSuccess })
    }
}

extension FailedLoginAccountingTests {
    /// The lines waiting for the other daemon's line of the same attempt are the last minutes'
    /// only: a botnet's million addresses must not all wait there.
    @Test func theTableOfFailuresAwaitingTheirPairHoldsTheLastMinutesOnly() {
        var s = LogScript()
        for index in 0..<20_000 {
            s.time = Instant(seconds: 1_795_000_000 + Int64(index))
            var e = LogEvent(.authFailure, time: s.time, format: .postfix)
            e.user = "admin"
            e.sourceIP = "10.\(index / 65_536).\(index / 256 % 256).\(index % 256)"
            s.aggregator.consume(e)
        }
        #expect(s.aggregator.pendingAddresses <= 4_096 + Int(ActivityAggregator.sessionWindow) + 1)
        #expect(s.aggregator.sources.count == 20_000)
    }
}
