import LogAnalysis
import MailLogs
import RelayAuditCore
import Testing
import TestSupport

/// Owner or attacker, the server's own helpers, and devices with old passwords.
struct AttributionTests {
    @Test func loginsFromJudgedAddressesAreTheAttackers() {
        var script = LogScript()
        script.login("kiosk", from: "198.51.100.7")
        for name in ["admin", "test", "info", "sales", "guest", "office"] { script.fail(name, from: "192.0.2.66") }
        script.login("kiosk", from: "192.0.2.66")
        script.spamRun("kiosk")
        let analysis = script.analyze()
        #expect(analysis.attribution.label(account: "kiosk", address: "192.0.2.66") == .attacker)
        #expect(analysis.attribution.label(account: "kiosk", address: "203.0.1.9") == .attacker, "a bot that relayed forged mail")
        #expect(analysis.attribution.attackerAddresses(of: "kiosk").contains("192.0.2.66"))
        #expect(analysis.attribution.pairs["kiosk"]?["192.0.2.66"]?.reason.contains("password-spray") == true)
        #expect(analysis.attribution.label(account: "nobody", address: "192.0.2.66") == .unknown)
    }

    /// An address the account used before the incident is its owner's: its later logins (after
    /// the abuse, after a reset) are not abuse and do not make it suspicious. An address first
    /// seen after the abuse began stays undecided: used-compromised-account, suspicious.
    @Test func theOwnersUsualAddressIsTheOwners() {
        var s = LogScript()
        s.login("kiosk", from: "198.51.100.7")
        s.spamRun("kiosk")
        s.login("kiosk", from: "198.51.100.7")
        s.login("kiosk", from: "192.0.2.44")
        let analysis = s.analyze()
        #expect(analysis.accounts.first { $0.user == "kiosk" }?.verdict == .compromised)
        #expect(analysis.attribution.label(account: "kiosk", address: "198.51.100.7") == .owner)
        #expect(analysis.attribution.label(account: "kiosk", address: "203.0.4.9") == .attacker)
        #expect(analysis.attribution.label(account: "kiosk", address: "192.0.2.44") == .unknown)
        #expect(analysis.sources.first { $0.ip == "198.51.100.7" }?.verdict == .clean)
        #expect(analysis.sources.first { $0.ip == "192.0.2.44" }?.verdict == .suspicious)
        #expect(analysis.attribution.incidentStart != nil)
    }

    /// An address judged again as the owner's moves down with its new verdict: the sources
    /// stay attackers first, then suspicious, then clean.
    @Test func sourcesJudgedAgainKeepTheirOrder() {
        var s = LogScript()
        s.login("kiosk", from: "192.0.2.7")
        s.spamRun("kiosk")
        s.login("kiosk", from: "192.0.2.7")
        s.login("kiosk", from: "198.51.100.44")
        let analysis = s.analyze()
        #expect(analysis.sources.first { $0.ip == "192.0.2.7" }?.verdict == .clean)
        let verdicts = analysis.sources.map(\.verdict)
        #expect(verdicts == verdicts.sorted(by: >), "\(analysis.sources.map { "\($0.ip) \($0.verdict)" })")
    }

    /// One address, one name, eleven failures over four days, never a login: a device with an
    /// old password (a disabled account's phone), not a guesser. The same failures in eleven
    /// minutes are a guesser's.
    @Test func aDeviceRetryingOneNameForDaysIsAStaleClient() {
        var slow = LogScript()
        for _ in 0..<11 {
            slow.time = slow.time.adding(seconds: 8 * 3600)
            slow.fail("disabled.user", from: "198.51.100.77")
        }
        let phone = slow.analyze().sources.first { $0.ip == "198.51.100.77" }
        #expect(phone?.verdict == .clean)
        #expect(phone?.signals.map(\.id) == [.staleClient])
        #expect(phone?.signals.first?.detail.contains("disabled.user") == true)

        var fast = LogScript()
        for _ in 0..<11 {
            fast.time = fast.time.adding(seconds: 60)
            fast.fail("disabled.user", from: "198.51.100.77")
        }
        #expect(fast.analyze().sources.first { $0.ip == "198.51.100.77" }?.verdict == .attacker)

        var many = LogScript()
        for n in 0..<11 {
            many.time = many.time.adding(seconds: 8 * 3600)
            many.fail("user\(n % 3)", from: "198.51.100.77")
        }
        #expect(many.analyze().sources.first { $0.ip == "198.51.100.77" }?.verdict == .attacker, "three names is a guesser")
    }

    /// The server's loopback (saslauthd checking every client's password over IMAP) fails for
    /// every client: never an attacker. The same failures from outside are an attacker's.
    @Test func theServersOwnHelperIsNeverAnAttacker() {
        func run(_ ip: String, server: String? = nil) -> SourceReport? {
            var s = LogScript()
            for n in 0..<200 {
                s.time = s.time.adding(seconds: 5)
                var e = LogEvent(.authFailure, time: s.time, format: .dovecot)
                e.user = "user\(n % 20)"
                e.sourceIP = ip
                e.serverIP = server
                s.aggregator.consume(e)
            }
            return s.analyze().sources.first { $0.ip == ip }
        }
        let loopback = run("127.0.0.1")
        #expect(loopback?.verdict == .clean)
        #expect(loopback?.signals.first?.id == .serverInfrastructure)
        #expect(run("::1")?.verdict == .clean)
        #expect(run("203.0.113.5")?.verdict == .attacker)
        // A server address seen logging in to itself (Dovecot's rip equal to its lip).
        #expect(run("10.0.0.25", server: "10.0.0.25")?.verdict == .clean)
        #expect(run("10.0.0.26", server: "10.0.0.25")?.verdict == .attacker)
    }
}
