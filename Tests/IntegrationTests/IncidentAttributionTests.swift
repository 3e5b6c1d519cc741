import Foundation
import Testing
import TestSupport

/// Owner or attacker, on the mail log real Postfix and Dovecot wrote for the sample incident
/// (Tests/Scripts/incident): who made each login decides the reset verdict, the incident's
/// start, the block list and what the report says of each account.
struct IncidentAttributionTests {
    static func audit(ldif: String = Fixtures.sampleLDIF) throws -> [String: Any] {
        let result = try CommandRunner.run([
            "audit", "--ldif", ldif, "--logs", IncidentAuditTests.log, "--as-of", Fixtures.sampleExportedAt,
            "--timezone", "UTC", "--output", "json",
        ])
        #expect(result.status == 1, "\(result.stderr)")
        return try result.json()
    }

    static func verdict(_ report: [String: Any], _ account: String) -> [String: Any]? {
        (report["verdicts"] as? [[String: Any]])?.first { $0["account"] as? String == account }
    }

    static func logAccount(_ report: [String: Any], _ user: String) -> [String: Any]? {
        ((report["logs"] as? [String: Any])?["accounts"] as? [[String: Any]])?.first { $0["user"] as? String == user }
    }

    static func source(_ report: [String: Any], _ ip: String) -> [String: Any]? {
        ((report["logs"] as? [String: Any])?["sources"] as? [[String: Any]])?.first { $0["ip"] as? String == ip }
    }

    static func planText(_ report: [String: Any]) -> [String] {
        (report["plan"] as? [[String: Any]] ?? []).flatMap { ($0["commands"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String } }
    }

    /// notreqd.user was reset after its last abusive AUTH; its owner went on logging in from
    /// the office address used since the first day, and the attacker only failed: contained.
    /// The owner's address is the owner's, not a suspect.
    @Test func aResetFollowedByTheOwnersLoginsIsContained() throws {
        let report = try Self.audit()
        let notreqd = try #require(Self.verdict(report, "notreqd.user"))
        #expect(notreqd["verdict"] as? String == "compromised")
        #expect(notreqd["password_reset_after_abuse"] as? Bool == true)
        let logins = try #require(Self.logAccount(report, "notreqd.user")?["logins_by"] as? [[String: Any]])
        let office = try #require(logins.first { $0["address"] as? String == "127.10.0.8" })
        #expect(office["by"] as? String == "owner", "\(office)")
        #expect(Self.source(report, "127.10.0.8")?["verdict"] as? String == "clean")
        // The owner logged in after the reset: still contained, and not in the contain step.
        let plan = report["plan"] as? [[String: Any]] ?? []
        let disabled = plan.first { $0["action"] as? String == "disable-account" }?["accounts"] as? [String] ?? []
        #expect(!disabled.contains("notreqd.user"))
        #expect(!Self.planText(report).contains { $0.contains("127.10.0.8") })
    }

    /// reversible.user was reset in the directory, but the mail server kept the old password
    /// and the attacker went on from new addresses: the reset counts only if it stopped them.
    @Test func aResetTheAttackerOutlivedDoesNotCount() throws {
        let report = try Self.audit()
        let reversible = try #require(Self.verdict(report, "reversible.user"))
        #expect(reversible["verdict"] as? String == "compromised")
        #expect(reversible["password_reset_after_abuse"] as? Bool == false)
        // Said as it happened: a reset during the abuse, which the attacker outlived.
        let findings = report["findings"] as? [[String: Any]] ?? []
        func message(_ rule: String) -> String? {
            findings.first { $0["rule"] as? String == rule && $0["account"] as? String == "reversible.user" }?["message"] as? String
        }
        #expect(message("password-not-reset-after-abuse")?.contains("during the abuse, but the attacker authenticated after it") == true)
        #expect(message("compromised-account")?.contains("reset during the abuse, and the attacker authenticated after the reset") == true)
        let logins = try #require(Self.logAccount(report, "reversible.user")?["logins_by"] as? [[String: Any]])
        let attackers = logins.filter { $0["by"] as? String == "attacker" }.compactMap { $0["address"] as? String }
        #expect(attackers.contains { $0.hasPrefix("127.5.") }, "the addresses used after the reset are the attacker's")
        #expect(logins.first { $0["address"] as? String == "127.10.0.9" }?["by"] as? String == "owner")
        let plan = report["plan"] as? [[String: Any]] ?? []
        let disabled = plan.first { $0["action"] as? String == "disable-account" }?["accounts"] as? [String] ?? []
        #expect(disabled.contains("reversible.user"))
    }

    /// disabled.user's old phone retried the old password 11 times over four days from one
    /// address, before the abuse began: a stale client, not an attacker, not blocked, not the
    /// incident's start.
    @Test func aDisabledAccountsPhoneIsAStaleClient() throws {
        let report = try Self.audit()
        let phone = try #require(Self.source(report, "127.10.0.77"))
        #expect(phone["verdict"] as? String == "clean")
        let signals = (phone["signals"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(signals == ["stale-client"], "\(signals)")
        #expect(!Self.planText(report).contains { $0.contains("127.10.0.77") })
        let start = try #require((report["incident"] as? [String: Any])?["start"] as? String)
        #expect(start >= "2026-11-12", "the phone's failures from 11-10 do not start the incident: \(start)")
    }

    /// An account created during the incident that never logs in is said to be what is known
    /// of it: created then, to confirm and disable, not "used by an attacker".
    @Test func aPersistenceAccountNotInTheLogsIsWordedAsCreated() throws {
        let ldif = try String(contentsOfFile: Fixtures.sampleLDIF, encoding: .utf8)
        // One more Domain Admin, made the day before the export, that the logs never show.
        let extra = """

            dn: CN=helpdesk.temp,OU=Staff,OU=Corp,DC=corp,DC=example,DC=test
            objectClass: top
            objectClass: person
            objectClass: organizationalPerson
            objectClass: user
            cn: helpdesk.temp
            sAMAccountName: helpdesk.temp
            userPrincipalName: helpdesk.temp@corp.example.test
            userAccountControl: 512
            whenCreated: 20261128093000.0Z
            pwdLastSet: 134403317998948800
            primaryGroupID: 513
            memberOf: CN=Domain Admins,CN=Users,DC=corp,DC=example,DC=test

            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("incident-plus-\(UUID().uuidString).ldif")
        try (ldif.trimmingCharacters(in: .newlines) + "\n" + extra).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let report = try Self.audit(ldif: file.path)
        let findings = report["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["rule"] as? String == "persistence-account" && $0["account"] as? String == "helpdesk.temp" })
        let compromised = try #require(findings.first { $0["rule"] as? String == "compromised-account" && $0["account"] as? String == "helpdesk.temp" })
        let message = try #require(compromised["message"] as? String)
        #expect(message.hasPrefix("created during the incident"), "\(message)")
        #expect(!message.contains("used by an attacker"))
        // it.support, which the intruder did log in as, keeps the stronger wording.
        let support = findings.first { $0["rule"] as? String == "compromised-account" && $0["account"] as? String == "it.support" }
        #expect((support?["message"] as? String)?.hasPrefix("used by an attacker") == true)
    }
}
