import Foundation
import Testing
import TestSupport

/// `relay-audit directory` against the live 389 Directory Server that
/// Tests/Scripts/with-fixtures.sh starts: global (cn=config) and local password policies,
/// nsAccountLock, pwdUpdateTime, passwordExpirationTime, accountUnlockTime, the Account Policy
/// plugin's lastLoginTime, groupOfUniqueNames privilege.
@Suite(.enabled(if: LiveFixtures.available, "needs the 389-ds started by Tests/Scripts/with-fixtures.sh"))
struct DS389DirectoryTests {
    func run(_ extra: [String] = [], url: String = "ldaps://\(LiveFixtures.ds389IP)") throws -> CommandResult {
        try CommandRunner.run(["directory", "--ldap", url, "--bind-dn", LiveFixtures.ds389BindDN, "--password-file", LiveFixtures.ds389PasswordFile,
                               "--ca-file", LiveFixtures.ca, "--output", "json"] + extra)
    }

    @Test func startTLSGivesTheSameReportAsLDAPS() throws {
        let ldaps = try run()
        let startTLS = try run(["--starttls"], url: "ldap://\(LiveFixtures.ds389IP)")
        #expect(startTLS.status == ldaps.status, "\(startTLS.stderr)")
        #expect(ReportJSON.firstDifference(ldaps.stdout, startTLS.stdout) == nil)
        let untrusted = try run(["--ca-file", LiveFixtures.otherCA])
        #expect(untrusted.status == 3, "a certificate from another CA is refused")
    }

    /// A bind whose size limit equals the page size: 389 counts one entry past a full page
    /// against the limit, so the paged search stops although no page exceeds it. It is read
    /// again once with half the page size, to the same report, and the report says so.
    @Test func aSizeLimitEqualToThePageSizeIsReadWithSmallerPages() throws {
        let full = try run()
        let limited = try CommandRunner.run(["directory", "--ldap", "ldaps://\(LiveFixtures.ds389IP)", "--bind-dn", LiveFixtures.ds389LimitedDN,
                                             "--password-file", LiveFixtures.ds389PasswordFile, "--ca-file", LiveFixtures.ca,
                                             "--output", "json", "--page-size", "4"])
        #expect(limited.status == full.status, "\(limited.stderr)")
        let report = try ReportJSON(limited)
        #expect(report.directory["accounts"] as? Int == DS389FixtureExpectations.accountCount)
        let warnings = (report.directory["notes"] as? [String]) ?? []
        #expect(warnings.contains { $0.contains("pages of 4") && $0.contains("pages of 2, which worked") }, "\(warnings)")
        #expect(report.findingMismatches(expected: DS389FixtureExpectations.findings, clean: DS389FixtureExpectations.clean) == [])
        // A page smaller than the limit needs no retry.
        let small = try CommandRunner.run(["directory", "--ldap", "ldaps://\(LiveFixtures.ds389IP)", "--bind-dn", LiveFixtures.ds389LimitedDN,
                                           "--password-file", LiveFixtures.ds389PasswordFile, "--ca-file", LiveFixtures.ca,
                                           "--output", "json", "--page-size", "3"])
        #expect(small.status == full.status)
        #expect(((try ReportJSON(small).directory["notes"] as? [String]) ?? []).allSatisfy { !$0.contains("size limit") })
    }

    @Test func everyFixtureAccountHasItsFindings() throws {
        let result = try run()
        #expect(result.status == 1, "\(result.stderr)")
        let report = try ReportJSON(result)
        #expect(report.directory["kind"] as? String == "389ds")
        #expect(report.directory["accounts"] as? Int == DS389FixtureExpectations.accountCount)
        #expect(report.directory["last_logon_recorded"] as? Bool == true)
        #expect(report.findingMismatches(expected: DS389FixtureExpectations.findings, clean: DS389FixtureExpectations.clean) == [])
        for (account, scheme) in DS389FixtureExpectations.schemes {
            let storage = report.account(account)?["password_storage"] as? [[String: Any]]
            #expect(storage?.first?["scheme"] as? String == scheme, "\(account) scheme")
        }
        #expect(report.account("disabled.user")?["enabled"] as? Bool == false, "nsAccountLock")
        #expect(report.account("admin.user")?["privileged"] as? Bool == true, "cn=Directory Administrators")
        #expect(report.account("alice")?["privileged"] as? Bool == false)
        let schema = try JSONSchemaTests.validate(result.stdout, definition: "directoryReport")
        #expect(schema.status == 0, "\(schema.stdout)\(schema.stderr)")
    }

    @Test func theWordListCheckFindsExactlyTheListedPasswords() throws {
        let result = try run(["--weak-passwords", Fixtures.path("Tests/Fixtures/wordlists/weak.txt")])
        let report = try ReportJSON(result)
        let listed = Set(report.rulesByAccount.filter { $0.value.contains("password-in-word-list") }.keys)
        #expect(listed == DS389FixtureExpectations.listedPasswords)
        let notes = report.directory["notes"] as? [String] ?? []
        #expect(notes.contains { $0.hasPrefix("weak-password check: 2 account(s) tested") && $0.contains("2 use one") && $0.contains("8 hold only hashes") })
    }

    @Test func loginsMapToAccountsByUidMailAndMailAlternateAddress() throws {
        // Thirty bots relay through each login: by alias (alice's mailAlternateAddress), by mail
        // address, by uid; a login no entry holds stays a log name.
        var lines: [String] = []
        var queue = 0x100000
        for (index, login) in ["a.smith@example.net", "old.user@example.net", "svc.relay", "nobody.here"].enumerated() {
            for bot in 0..<30 {
                queue += 1
                let id = String(queue, radix: 16, uppercase: true), ip = "198.51.\(index).\(bot + 1)"
                let time = String(format: "Nov 28 %02d:%02d:%02d", 8 + index, bot, 5)
                lines.append("\(time) mx postfix/submission/smtpd[\(900 + bot)]: \(id): client=unknown[\(ip)], sasl_method=PLAIN, sasl_username=\(login)")
                lines.append("\(time) mx postfix/qmgr[50]: \(id): from=<billing\(bot)@bank\(bot).example>, size=900, nrcpt=8 (queue active)")
                for r in 0..<8 {
                    lines.append("\(time) mx postfix/smtp[60]: \(id): to=<v\(r)@d\(bot)x\(r).example>, relay=mx.example[192.0.2.9]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 Ok)")
                }
                lines.append("\(time) mx postfix/qmgr[50]: \(id): removed")
            }
        }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("ds389-\(UUID().uuidString).log")
        try (lines.joined(separator: "\n") + "\n").write(to: log, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: log) }
        let result = try CommandRunner.run(["audit", "--ldap", "ldaps://\(LiveFixtures.ds389IP)", "--bind-dn", LiveFixtures.ds389BindDN,
                                            "--password-file", LiveFixtures.ds389PasswordFile, "--ca-file", LiveFixtures.ca, "--logs", log.path, "--year", "2026",
                                            "--timezone", "UTC", "--output", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let verdicts = try #require(try result.json()["verdicts"] as? [[String: Any]])
        let compromised = Dictionary(verdicts.filter { $0["verdict"] as? String == "compromised" }
            .map { ($0["account"] as? String ?? "", $0["id"] as? String) }, uniquingKeysWith: { a, _ in a })
        #expect(compromised["alice"] == "uid=alice,ou=people,dc=example,dc=net")
        #expect(compromised["old.user"] == "uid=old.user,ou=people,dc=example,dc=net")
        #expect(compromised["svc.relay"] == "uid=svc.relay,ou=people,dc=example,dc=net")
        #expect(compromised["nobody.here"] == .some(nil), "in the logs only")
    }

    @Test func globalAndLocalPasswordPoliciesAreJudged() throws {
        let report = try ReportJSON(try run())
        let weak = report.directoryFindings("weak-password-policy")
        #expect(Set(weak.compactMap { ($0["evidence"] as? [String: Any])?["policy"] as? String }) == DS389FixtureExpectations.weakPolicies)
        let global = try #require(weak.first { ($0["evidence"] as? [String: Any])?["policy"] as? String == "cn=config" })
        let message = global["message"] as? String ?? ""
        for problem in ["no minimum length", "passwords never expire", "no account lockout", "new passwords are stored as SSHA"] {
            #expect(message.contains(problem), "\(problem) in \(message)")
        }
        let policy = report.directory["policy"] as? [String: Any] ?? [:]
        #expect(policy["dn"] as? String == "cn=config")
        let others = policy["other_policies"] as? [[String: Any]] ?? []
        let strict = try #require(others.first { ($0["dn"] as? String)?.hasPrefix("cn=strict") == true })
        #expect(strict["max_password_age_days"] as? Int == 90)
        #expect(strict["min_password_length"] as? Int == 12)
        #expect(strict["lockout_threshold"] as? Int == 5)
    }
}
