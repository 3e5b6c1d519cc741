import Foundation
import Testing
import TestSupport

/// `relay-audit audit` on the sample incident: the Samba fixture's accounts (as the shipped LDIF
/// export, and live) joined with the mail log real Postfix and Dovecot wrote for it.
struct IncidentAuditTests {
    static let log = Fixtures.path("Tests/Fixtures/samples/incident/mail.log")

    static func assertIncident(_ result: CommandResult, exported: Bool = true) throws {
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
        // Reset in the directory while the mail server kept the old password: the attacker
        // went on, so the reset does not count. (The live Samba DC's accounts are dated from
        // today, not from the export: there the reset comes after the attack ended.)
        #expect(verdict("reversible.user")?["verdict"] as? String == "compromised")
        if exported {
            #expect(verdict("reversible.user")?["password_reset_after_abuse"] as? Bool == false)
        }
        // Abused earlier, password changed since: compromised but contained.
        #expect(verdict("notreqd.user")?["verdict"] as? String == "compromised")
        #expect(verdict("notreqd.user")?["password_reset_after_abuse"] as? Bool == true)
        // The intruder's new Domain Admin is named as persistence.
        let findings = try #require(report["findings"] as? [[String: Any]])
        let persistence = findings.filter { $0["rule"] as? String == "persistence-account" }.compactMap { $0["account"] as? String }
        #expect(persistence == ["it.support"])
        // Its promotion shows on the group it joined.
        let groups = findings.filter { $0["rule"] as? String == "privileged-group-changed" }.compactMap { $0["account"] as? String }
        #expect(groups == ["Domain Admins"])
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
        ]), exported: false)
    }

    @Test func thePlanLocksDownInOrderWithSambaADAndPostfixCommands() throws {
        let result = try CommandRunner.run([
            "audit", "--ldif", Fixtures.sampleLDIF, "--logs", Self.log, "--as-of", Fixtures.sampleExportedAt, "--timezone", "UTC", "--output", "json",
        ])
        let plan = try #require(try result.json()["plan"] as? [[String: Any]])
        let phases = plan.compactMap { $0["phase"] as? String }
        let order: [String] = ["contain", "eradicate", "harden", "recover"]
        #expect(phases.map { order.firstIndex(of: $0)! } == phases.map { order.firstIndex(of: $0)! }.sorted())
        #expect(Set(phases) == Set(order))
        func step(_ action: String) -> [String: Any]? { plan.first { $0["action"] as? String == action } }
        func accounts(_ action: String) -> Set<String> { Set(step(action)?["accounts"] as? [String] ?? []) }
        func targets(_ action: String) -> Set<String> {
            Set((step(action)?["commands"] as? [[String: Any]] ?? []).compactMap { $0["target"] as? String })
        }
        // Contain: the accounts still in the attacker's hands, not the one already reset.
        #expect(plan.first?["action"] as? String == "disable-account")
        #expect(accounts("disable-account") == ["Guest", "it.support", "kiosk.user", "reversible.user"])
        #expect(targets("disable-account") == ["active-directory", "samba"])
        let blocked = (step("block-address")?["commands"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(blocked.contains("iptables -I INPUT -s 127.66.0.1 -p tcp -m multiport --dports 25,465,587 -j DROP"))
        for action in ["hold-account-mail", "hold-sender", "purge-sender", "purge-ndr"] {
            #expect(targets(action) == ["postfix"], "\(action): the log is Postfix's, so no Exim, Sendmail or Exchange commands")
        }
        // Eradicate: every compromised password (the contained one too), then the privileged ones,
        // krbtgt (AD), Guest, the intruder's Domain Admin, the risky flags.
        #expect(accounts("reset-password") == ["Guest", "it.support", "kiosk.user", "notreqd.user", "reversible.user"])
        for action in ["reset-krbtgt", "disable-guest", "review-privileged-group", "remove-privileged-membership", "clear-password-not-required",
                       "clear-reversible-encryption", "clear-stored-cleartext", "require-preauth"] {
            #expect(step(action)?["phase"] as? String == "eradicate", "\(action)")
        }
        #expect(accounts("remove-privileged-membership") == ["it.support"])
        #expect(accounts("clear-stored-cleartext") == ["legacy.unix"])
        // Harden the MTA that was abused; recover last, delisting only after the spam has stopped.
        #expect(targets("sender-login-match") == ["postfix"])
        #expect(step("rate-limit-per-user")?["phase"] as? String == "harden")
        #expect(plan.suffix(3).compactMap { $0["action"] as? String } == ["check-blocklists", "release-held-mail", "rerun-audit"])
        // No OpenLDAP, 389-ds or FreeIPA commands for an Active Directory.
        let allTargets = Set(plan.flatMap { ($0["commands"] as? [[String: Any]] ?? []).compactMap { $0["target"] as? String } })
        #expect(allTargets == ["active-directory", "samba", "postfix", "firewall"])
    }

    @Test func theTextReportLeadsWithTheVerdicts() throws {
        let result = try CommandRunner.run([
            "audit", "--ldif", Fixtures.sampleLDIF, "--logs", Self.log, "--as-of", Fixtures.sampleExportedAt, "--timezone", "UTC", "--output", "text",
        ])
        #expect(result.stdout.hasPrefix("Incident began 2026-11-12T01:31:00Z"))
        #expect(result.stdout.contains("COMPROMISED  reversible.user  password NOT changed since the abuse: still usable by the attacker"))
        #expect(result.stdout.contains("COMPROMISED  kiosk.user  password NOT changed since the abuse: still usable by the attacker"))
        #expect(result.stdout.contains("COMPROMISED  notreqd.user  password changed since the abuse: contained"))
    }
}
