import Foundation
import Testing
import TestSupport

/// `relay-audit audit` on the sample incident: the Samba fixture's accounts (as the shipped LDIF
/// export, and live) joined with the mail log real Postfix and Dovecot wrote for it.
struct IncidentAuditTests {
    static let log = Fixtures.path("Tests/Fixtures/samples/incident/mail.log")

    static func assertIncident(_ result: CommandResult) throws {
        #expect(result.status == 1, "\(result.stderr)")
        let report = try result.json()
        let verdicts = try #require(report["verdicts"] as? [[String: Any]])
        func verdict(_ account: String) -> [String: Any]? { verdicts.first { $0["account"] as? String == account } }

        // The cracked account and the Guest account are compromised, with evidence, and their
        // passwords have not been changed since.
        for account in ["kiosk.user", "Guest"] {
            let v = try #require(verdict(account), "\(account) has a verdict")
            #expect(v["verdict"] as? String == "compromised", "\(account)")
            #expect(v["password_reset_after_abuse"] as? Bool == false, "\(account)")
            #expect(((v["evidence"] as? [Any])?.count ?? 0) >= 3, "\(account) evidence")
        }
        // Abused earlier, password changed since: compromised but contained.
        #expect(verdict("notreqd.user")?["verdict"] as? String == "compromised")
        #expect(verdict("notreqd.user")?["password_reset_after_abuse"] as? Bool == true)
        // The intruder's new Domain Admin is named as persistence.
        let findings = try #require(report["findings"] as? [[String: Any]])
        let persistence = findings.filter { $0["rule"] as? String == "persistence-account" }.compactMap { $0["account"] as? String }
        #expect(persistence == ["it.support"])
        #expect(findings.contains { $0["rule"] as? String == "auth-by-forbidden-account" && $0["account"] as? String == "Guest" })
        // The travelling user and the office users stay clean.
        for account in ["carol.brown", "alice.johnson", "bob.smith"] {
            #expect(verdict(account)?["verdict"] as? String == "clean", "\(account)")
        }
        // The stale service account is surfaced, not convicted.
        #expect(verdict("stale.user")?["verdict"] as? String == "suspicious")
        let logs = try #require(report["logs"] as? [String: Any])
        #expect((logs["input"] as? [String: Any])?["unrecognized_lines"] as? Int == 0)
        #expect(report["directory"] is [String: Any])
    }

    @Test func theShippedLDIFAndTheIncidentLog() throws {
        try Self.assertIncident(CommandRunner.run([
            "audit", "--ldif", Fixtures.sampleLDIF, "--logs", Self.log, "--as-of", Fixtures.sampleExportedAt,
            "--timezone", "UTC", "--output", "json",
        ]))
    }

    @Test(.enabled(if: LiveFixtures.available, "needs the Samba AD DC started by Tests/Scripts/with-fixtures.sh"))
    func theLiveSambaDirectoryAndTheIncidentLog() throws {
        try Self.assertIncident(CommandRunner.run([
            "audit", "--ldap", "ldaps://\(LiveFixtures.sambaIP)", "--bind-dn", LiveFixtures.sambaBindDN,
            "--password-file", LiveFixtures.sambaPasswordFile, "--ca-file", LiveFixtures.ca,
            "--logs", Self.log, "--timezone", "UTC", "--output", "json",
        ]))
    }

    @Test func theTextReportLeadsWithTheVerdicts() throws {
        let result = try CommandRunner.run([
            "audit", "--ldif", Fixtures.sampleLDIF, "--logs", Self.log, "--as-of", Fixtures.sampleExportedAt, "--timezone", "UTC", "--output", "text",
        ])
        #expect(result.stdout.hasPrefix("Incident began 2026-11-12T01:35:00Z"))
        #expect(result.stdout.contains("COMPROMISED  kiosk.user  password NOT changed since the abuse: still usable by the attacker"))
        #expect(result.stdout.contains("COMPROMISED  notreqd.user  password changed since the abuse: contained"))
    }
}
