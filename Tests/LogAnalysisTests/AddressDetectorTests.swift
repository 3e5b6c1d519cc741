import LogAnalysis
import MailLogs
import Policy
import RelayAuditCore
import Testing
import TestSupport

/// The address detectors, each with an example that triggers it and one that does not, and
/// the verdict the policy gives their signals.
struct AddressDetectorTests {
    let t = RuleHarness.policy.logs

    func context(failures: Int = 0, users: Int = 0, logins: [(String, Int, AccountVerdict)] = [], forged: [String: Int] = [:]) -> AddressContext {
        var activity = SourceActivity()
        activity.authFailure = failures
        for index in 0..<users { activity.tries.add(LoginHash.of("user\(index)"), attempts: 1, at: Instant(seconds: 0)) }
        var analysis = LogScript()
        for (name, _, _) in logins { analysis.login(name, from: "192.0.2.66") }
        let reports = Dictionary(analysis.analyze().accounts.map { ($0.user, $0) }, uniquingKeysWith: { a, _ in a })
        return AddressContext(ip: "192.0.2.66", activity: activity, thresholds: t, logins: logins.compactMap { name, before, verdict in
            guard var account = reports[name] else { return nil }
            account.verdict = verdict
            return AddressContext.Login(identity: name, success: (Instant(seconds: 0), before, 0), account: account)
        }, forgedByAccount: forged)
    }

    @Test func failureFloodAndRepeatedFailuresSplitAtTheAttackerThreshold() {
        #expect(FailureFloodDetector().evaluate(context(failures: t.attackerFailures)).count == 1)
        #expect(FailureFloodDetector().evaluate(context(failures: t.attackerFailures - 1)).isEmpty)
        #expect(RepeatedFailuresDetector().evaluate(context(failures: t.attackerFailures - 1)).count == 1)
        #expect(RepeatedFailuresDetector().evaluate(context(failures: t.attackerFailures)).isEmpty, "a flood is not also repeated failures")
        #expect(RepeatedFailuresDetector().evaluate(context(failures: t.suspiciousFailures - 1)).isEmpty)
    }

    @Test func usernameSpray() {
        #expect(UsernameSprayDetector().evaluate(context(users: t.attackerUsersTried)).first?.signal.id == .passwordSpray)
        #expect(UsernameSprayDetector().evaluate(context(users: t.attackerUsersTried - 1)).isEmpty)
    }

    @Test func loginsAfterGuessingAndIntoCompromisedAccounts() {
        let logins = [("alice", t.failuresBeforeSuccess, AccountVerdict.compromised), ("bob", 0, .compromised), ("carol", 0, .clean)]
        let address = context(logins: logins, forged: ["alice": 12])
        #expect(BruteForceLoginDetector().evaluate(address).map(\.identity) == ["alice"])
        #expect(RelayedForgedMailDetector().evaluate(address).map(\.identity) == ["alice"])
        #expect(UsedCompromisedAccountDetector().evaluate(address).map(\.identity) == ["bob"], "carol is clean; alice sent forged mail")
    }

    /// Refused relaying five times (the policy's `relay_denials`): probing for an open relay. A
    /// client refused once stays clean, and the policy's number is the detector's.
    @Test func relayProbing() throws {
        var probing = context()
        probing.activity.relayDenied = 5
        probing.settings = RuleHarness.policy.addressSignals
        #expect(RelayProbingDetector().evaluate(probing).first?.signal.threshold == 5)
        probing.activity.relayDenied = 4
        #expect(RelayProbingDetector().evaluate(probing).isEmpty)

        var script = LogScript()
        func denied(_ ip: String) {
            var event = LogEvent(.relayDenied, time: Instant(seconds: 1_795_000_000), format: .postfix)
            event.sourceIP = ip
            script.aggregator.consume(event)
        }
        for _ in 0..<6 { denied("192.0.2.99") }
        denied("192.0.2.98")
        let sources = script.analyze().sources
        #expect(sources.first { $0.ip == "192.0.2.99" }?.verdict == .suspicious)
        #expect(sources.first { $0.ip == "192.0.2.98" } == nil, "refused once, no AUTH: not listed")
        let lenient = try PolicyLoader.load(contents: "address_signals:\n  relay-probing: { relay_denials: 10 }\n", name: "p.yaml")
        #expect(script.analyze(lenient).sources.first { $0.ip == "192.0.2.99" } == nil)
    }

    @Test func everyAddressDetectorHasAPolicyVerdict() {
        for detector in AddressDetectors.all {
            let setting = RuleHarness.policy.addressSignals[detector.id.rawValue]
            #expect(setting != nil, "\(detector.id) is missing from Policies/default.yaml address_signals")
            #expect(["attacker", "suspicious", "clean"].contains(setting?.verdict ?? ""))
        }
    }

    /// The policy says what a signal makes an address: an address first seen logging in to a
    /// compromised account after its abuse began (not known as the owner's) is suspicious by
    /// default, an attacker when the policy says so, and clean when the signal is switched off.
    @Test func thePolicyGivesEachSignalItsVerdict() throws {
        var script = LogScript()
        script.spamRun("kiosk")
        script.login("kiosk", from: "198.51.100.7")
        func verdict(_ yaml: String) throws -> SourceVerdict? {
            let policy = try PolicyLoader.load(contents: yaml, name: "p.yaml")
            return script.analyze(policy).sources.first { $0.ip == "198.51.100.7" }?.verdict
        }
        #expect(try verdict("version: 1\n") == .suspicious)
        #expect(try verdict("address_signals:\n  used-compromised-account: { verdict: attacker }\n") == .attacker)
        #expect(try verdict("address_signals:\n  used-compromised-account: { enabled: false }\n") == .clean)
        #expect(throws: RelayAuditError.self) { try verdict("address_signals:\n  used-compromised-account: { verdict: hostile }\n") }
    }

    /// Signals about the address come first, then login by login, each login's in registry order.
    @Test func signalsAreListedLoginByLogin() {
        var script = LogScript()
        for index in 0..<12 { script.fail("user\(index)", from: "192.0.2.66") }
        script.login("alice", from: "192.0.2.66")
        script.login("bob", from: "192.0.2.66")
        let source = script.analyze().sources.first { $0.ip == "192.0.2.66" }
        // Both logins followed the spray: both accounts are compromised.
        #expect(source?.signals.map(\.id.rawValue) == ["failure-flood", "password-spray", "brute-force-success", "used-compromised-account",
                                                        "brute-force-success", "used-compromised-account"])
        #expect(source?.signals.suffix(4).map(\.detail) == ["failed 12 times, then authenticated as alice", "authenticated as compromised alice",
                                                             "failed 12 times, then authenticated as bob", "authenticated as compromised bob"])
    }
}

/// `stale-client`: the owner's device with an old password, told from a guesser that got in.
struct StaleClientTests {
    @Test func aPhoneRetryingAnOldPasswordForDaysFromTheUsualAddressIsAStaleClientNotAnAttacker() throws {
        var s = LogScript()
        s.login("alice", from: "198.51.100.7")
        s.send("alice", from: "198.51.100.7", sender: "alice@corp.example", to: ["bob@corp.example"])
        for day in 0..<5 {
            for _ in 0..<60 { s.fail("alice", from: "198.51.100.7") }
            s.login("alice", from: "198.51.100.7", after: Int64(day) * 3_600)
        }
        let analysis = s.analyze()
        let home = try #require(analysis.sources.first { $0.ip == "198.51.100.7" })
        #expect(home.verdict == .clean)
        #expect(home.signals.map(\.id) == [.staleClient])
        #expect(home.signals.first?.detail.contains("alice") == true)
        let alice = try #require(analysis.accounts.first { $0.user == "alice" })
        #expect(alice.verdict == .clean)
        #expect(alice.activity.authFailure == 300)
    }

    @Test func failuresThatStopAtTheFirstLoginAreAGuesserThatGotIn() throws {
        var s = LogScript()
        for _ in 0..<40 { s.fail("alice", from: "203.0.113.9") }
        s.login("alice", from: "203.0.113.9")
        let source = try #require(s.analyze().sources.first { $0.ip == "203.0.113.9" })
        #expect(source.verdict == .attacker)
        #expect(source.signals.contains { $0.id == .bruteForceSuccess })
        #expect(!source.signals.contains { $0.id == .staleClient })
    }

    @Test func anAddressThatAlsoTriedOtherNamesIsNoStaleClient() throws {
        var s = LogScript()
        s.login("alice", from: "203.0.113.9")
        for _ in 0..<30 { s.fail("alice", from: "203.0.113.9") }
        s.fail("bob", from: "203.0.113.9")
        let source = try #require(s.analyze().sources.first { $0.ip == "203.0.113.9" })
        #expect(source.verdict == .attacker)
        #expect(!source.signals.contains { $0.id == .staleClient })
    }
}
