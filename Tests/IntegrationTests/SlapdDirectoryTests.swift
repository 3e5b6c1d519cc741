import Foundation
import Testing
import TestSupport

/// `relay-audit directory` against the live slapd (ppolicy, mixed hashes, shadow fields) that
/// Tests/Scripts/with-fixtures.sh starts, and the failures an admin will meet: a wrong
/// password, an untrusted certificate, a dead server, a size limit.
@Suite(.enabled(if: LiveFixtures.available, "needs the slapd started by Tests/Scripts/with-fixtures.sh"))
struct SlapdDirectoryTests {
    func run(_ url: String, bindDN: String = LiveFixtures.slapdBindDN, ca: String = LiveFixtures.ca,
             _ extra: [String] = []) throws -> CommandResult {
        try CommandRunner.run(["directory", "--ldap", url, "--bind-dn", bindDN, "--password-file", LiveFixtures.slapdPasswordFile,
                               "--ca-file", ca, "--output", "json"] + extra)
    }

    func assertFixtureFindings(_ report: ReportJSON) {
        #expect(report.findingMismatches(expected: SlapdFixtureExpectations.findings, clean: SlapdFixtureExpectations.clean) == [])
        #expect(report.directoryFindings("weak-password-policy").count == SlapdFixtureExpectations.weakPolicies)
        #expect(report.directory["kind"] as? String == "openldap")
        #expect(report.directory["accounts"] as? Int == SlapdFixtureExpectations.accountCount)
        #expect(report.directory["last_logon_recorded"] as? Bool == true, "slapo-lastbind's authTimestamp")
        #expect(report.account("alice")?["last_logon_source"] as? String == "authTimestamp")
        for (account, scheme) in SlapdFixtureExpectations.schemes {
            let storage = report.account(account)?["password_storage"] as? [[String: Any]]
            #expect(storage?.first?["scheme"] as? String == scheme, "\(account) scheme")
        }
        #expect(report.account("disabled.user")?["enabled"] as? Bool == false)
        #expect(report.account("admin.user")?["privileged"] as? Bool == true)
        #expect(report.account("wheel.user")?["privileged"] as? Bool == true)
    }

    @Test func startTLSReportsEveryFixtureAccountsFindings() throws {
        let result = try run("ldap://\(LiveFixtures.slapdIP)", ["--starttls", "--page-size", "100"])
        #expect(result.status == 1, "\(result.stderr)")
        assertFixtureFindings(try ReportJSON(result))
    }

    @Test func ldapsWithACAFileReportsTheSame() throws {
        let result = try run("ldaps://\(LiveFixtures.slapdIP)")
        assertFixtureFindings(try ReportJSON(result))
    }

    @Test func saslExternalOverLdapiNeedsNoPassword() throws {
        let result = try CommandRunner.run(["directory", "--ldap", LiveFixtures.slapdLDAPI, "--output", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        assertFixtureFindings(try ReportJSON(result))
    }

    @Test func theWordListCheckFindsExactlyTheListedPasswordsAndNeverSaysWhich() throws {
        let list = Fixtures.path("Tests/Fixtures/wordlists/weak.txt")
        let result = try run("ldaps://\(LiveFixtures.slapdIP)", ["--weak-passwords", list])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try ReportJSON(result)
        let listed = Set(report.rulesByAccount.filter { $0.value.contains("password-in-word-list") }.keys)
        #expect(listed == SlapdFixtureExpectations.listedPasswords)
        // Every other finding is unchanged by the check.
        let without = try ReportJSON(try run("ldaps://\(LiveFixtures.slapdIP)"))
        #expect(report.rulesByAccount.mapValues { $0.subtracting(["password-in-word-list"]) }.filter { !$0.value.isEmpty } == without.rulesByAccount)
        let words = ["Summer2026!", "Welcome1", "letmein", "Password1", "qwerty123"]  // the fixture accounts' own
        for format in ["text", "json", "markdown", "html", "csv"] {
            let output = try run("ldaps://\(LiveFixtures.slapdIP)", ["--weak-passwords", list, "--output", format]).stdout
            for word in words { #expect(!output.contains(word), "\(format) names a listed password") }
        }
        // No list, no check; an unreadable list stops before connecting.
        #expect(!without.rulesByAccount.values.contains { $0.contains("password-in-word-list") })
        let missing = try run("ldaps://\(LiveFixtures.slapdIP)", ["--weak-passwords", "/nonexistent/list.txt"])
        #expect(missing.status == 3 && missing.stderr.contains("/nonexistent/list.txt: error: cannot read the word list"))
    }

    @Test func theOverlaySettingsAreReadFromCnConfigWhenTheBindMay() throws {
        // The fixture lets cn=auditor read cn=config: olcPPolicyHashCleartext is off there.
        let report = try ReportJSON(try run("ldaps://\(LiveFixtures.slapdIP)"))
        let weak = report.directoryFindings("weak-password-policy")
        #expect(weak.count == SlapdFixtureExpectations.weakPolicies)
        for finding in weak {
            #expect((finding["evidence"] as? [String: Any])?["hashes_cleartext_on_modify"] as? Bool == false)
            #expect((finding["message"] as? String)?.contains("olcPPolicyHashCleartext is off") == true)
        }
        // cn=limited may not read cn=config: nothing is claimed about the overlay then.
        let limited = try run("ldaps://\(LiveFixtures.slapdIP)", bindDN: LiveFixtures.slapdLimitedDN, ["--base", "ou=policies,dc=example,dc=org"])
        let policies = try ReportJSON(limited).directoryFindings("weak-password-policy")
        #expect(!policies.isEmpty)
        #expect(policies.allSatisfy { ($0["evidence"] as? [String: Any])?["hashes_cleartext_on_modify"] is NSNull })
    }

    @Test func hashesNeverReachTheReport() throws {
        let result = try run("ldaps://\(LiveFixtures.slapdIP)")
        for marker in ["{SSHA}", "{SHA}", "$6$", "$1$", "Fixture-Passw0rd"] {
            #expect(!result.stdout.contains(marker), "\(marker) leaked")
        }
    }

    @Test func aWrongPasswordIsExit3() throws {
        let wrong = LiveFixtures.fixtureRoot + "/slapd-wrong"
        _ = FileManager.default.createFile(atPath: wrong, contents: Data("wrong".utf8), attributes: [.posixPermissions: 0o600])
        let result = try CommandRunner.run(["directory", "--ldap", "ldaps://\(LiveFixtures.slapdIP)", "--bind-dn", LiveFixtures.slapdBindDN,
                                            "--password-file", wrong, "--ca-file", LiveFixtures.ca])
        #expect(result.status == 3)
        #expect(result.stderr.contains("relay-audit: error: bind as cn=auditor"))
        #expect(result.stderr.contains("Invalid credentials (LDAP 49)"))
        #expect(result.stdout.isEmpty)
    }

    @Test func anUntrustedCertificateIsExit3OverLdapsAndStartTLS() throws {
        let ldaps = try run("ldaps://\(LiveFixtures.slapdIP)", ca: LiveFixtures.otherCA)
        #expect(ldaps.status == 3)
        #expect(ldaps.stderr.contains("the TLS handshake failed"))
        let startTLS = try run("ldap://\(LiveFixtures.slapdIP)", ca: LiveFixtures.otherCA, ["--starttls"])
        #expect(startTLS.status == 3)
        #expect(startTLS.stderr.contains("StartTLS with ldap://\(LiveFixtures.slapdIP)"))
        #expect(startTLS.stdout.isEmpty, "no fall-back to plaintext")
    }

    @Test func skippingVerificationIsPossibleOnlyByNameAndWarns() throws {
        let result = try run("ldaps://\(LiveFixtures.slapdIP)", ca: LiveFixtures.otherCA, ["--insecure-skip-verify"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("warning: --insecure-skip-verify"))
    }

    @Test func aDeadServerIsExit3() throws {
        let result = try run("ldaps://127.0.0.21:636")
        #expect(result.status == 3)
        #expect(result.stderr.contains("nothing answers at ldaps://127.0.0.21:636"))
    }

    /// `directory` through the cut proxy on `port`, which passes the bind and the first pages of
    /// a 2-entry paged search (4 KB), then resets or, with `stall`, goes silent.
    func throughProxy(port: Int, stall: Bool = false, _ extra: [String] = []) throws -> CommandResult {
        try CutProxy.run(port: port, to: LiveFixtures.slapdIP, 389, after: 4096, stall: stall) {
            try CommandRunner.run(["directory", "--ldap", "ldap://\(CutProxy.listenIP):\(port)", "--bind-dn", LiveFixtures.slapdBindDN,
                                   "--password-file", LiveFixtures.slapdPasswordFile, "--page-size", "2", "--output", "json"] + extra)
        }
    }

    @Test func aServerLostMidSearchIsExit3NotAPartialReport() throws {
        let result = try throughProxy(port: 3890)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "no report may look complete")
        #expect(result.stderr.contains("ldap://127.0.0.23:3890"))
    }

    @Test func aServerThatHangsMidSearchIsExit3AtTheTimeout() throws {
        let result = try throughProxy(port: 3891, stall: true, ["--timeout", "2"])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "no report may look complete")
        #expect(result.stderr.contains("--timeout"), "\(result.stderr)")
    }

    @Test func aSearchOverTheSizeLimitIsExit3NotAPartialReport() throws {
        let result = try run("ldaps://\(LiveFixtures.slapdIP)", bindDN: LiveFixtures.slapdLimitedDN)
        #expect(result.status == 3)
        #expect(result.stderr.contains("Size limit exceeded"))
        #expect(result.stdout.isEmpty)
    }
}
