import Foundation
import LogTestSupport
import Testing
import TestSupport

/// A Zimbra directory: Zimbra's status, password and logon bookkeeping, its administrators'
/// flags, aliases as logins, and the class of service as password policy. Read from the export
/// (always) and from the live slapd that carries Zimbra's published schema (with fixtures).
struct ZimbraDirectoryTests {
    static let export = Fixtures.path("Tests/Fixtures/zimbra/zimbra-export.ldif")
    static let asOf = "2026-11-19T09:46:40Z"

    static func assertFixture(_ report: ReportJSON) {
        #expect(report.directory["kind"] as? String == "zimbra")
        #expect(report.directory["accounts"] as? Int == ZimbraFixtureExpectations.accountCount)
        let rules = report.rulesByAccount.mapValues { $0.subtracting(["weak-password-hash"]) }.filter { !$0.value.isEmpty }
        #expect(rules == ZimbraFixtureExpectations.findings)
        for name in ZimbraFixtureExpectations.clean { #expect(rules[name] == nil, "\(name)") }
        for account in report.accounts {
            let name = account["name"] as? String ?? ""
            #expect((account["enabled"] as? Bool == false) == ZimbraFixtureExpectations.disabled.contains(name), "\(name) enabled")
            #expect((account["privileged"] as? Bool == true) == ZimbraFixtureExpectations.privileged.contains(name), "\(name) privileged")
            #expect((account["system_account"] as? Bool == true) == ZimbraFixtureExpectations.systemAccounts.contains(name), "\(name) system")
        }
        for (name, policy) in ZimbraFixtureExpectations.policies { #expect(report.account(name)?["password_policy"] as? String == policy, "\(name)") }
        #expect(report.account("kiosk")?["mail"] as? [String] == ["kiosk@zimbra.test", "frontdesk@zimbra.test"])
        #expect(report.account("lockout.user")?["locked_out"] as? Bool == true)
        #expect(report.account("mustchange.user")?["must_change_password"] as? Bool == true)
        #expect(report.account("alice")?["last_logon_source"] as? String == "zimbraLastLogonTimestamp")
        // The default COS as Zimbra installs it: no expiry, 6 characters, no lockout.
        let weak = report.directoryFindings("weak-password-policy")
        #expect(weak.count == 1)
        #expect((weak.first?["message"] as? String)?.contains("cn=default,cn=cos,cn=zimbra") == true)
        let policy = report.directory["policy"] as? [String: Any]
        #expect(policy?["dn"] as? String == "cn=default,cn=cos,cn=zimbra")
        let staff = (policy?["other_policies"] as? [[String: Any]])?.first
        #expect(staff?["origin"] as? String == "zimbra-cos" && staff?["lockout_threshold"] as? Int == 5 && staff?["min_password_length"] as? Int == 12)
    }

    @Test func anExportIsReadAsZimbra() throws {
        let result = try CommandRunner.run(["directory", "--ldif", Self.export, "--as-of", Self.asOf, "--output", "json"])
        #expect(result.status == 0, "nothing critical: \(result.stderr)")
        Self.assertFixture(try ReportJSON(result))
    }

    @Test(.enabled(if: LiveFixtures.available, "needs the slapd started by Tests/Scripts/with-fixtures.sh"))
    func theLiveDirectoryOnZimbrasSchemaIsReadWithItsClassesOfService() throws {
        let result = try CommandRunner.run(["directory", "--ldap", "ldaps://\(LiveFixtures.slapdIP)", "--base", "dc=zimbra,dc=test",
                                            "--bind-dn", LiveFixtures.slapdBindDN, "--password-file", LiveFixtures.slapdPasswordFile,
                                            "--ca-file", LiveFixtures.ca, "--output", "json"])
        #expect(result.status == 0, "nothing critical: \(result.stderr)")
        let report = try ReportJSON(result)
        Self.assertFixture(report)
        #expect((report.directory["notes"] as? [String] ?? []).isEmpty, "the classes of service under cn=zimbra were read")
    }

    /// A spray through saslauthd (Zimbra's audit.log, `oproto=smtp`) that got into kiosk, whose
    /// Postfix (zimbra.log) then relayed spam: the plan locks the account with zmprov by its
    /// mail address and works the queue with Zimbra's own Postfix, never the system Postfix.
    @Test func theAuditPlansWithZmprovAndZimbrasPostfix() throws {
        var audit: [String] = []
        var mail: [String] = []
        let names = ["admin", "info", "sales", "test", "kiosk", "office", "support", "billing"]
        for (index, name) in names.enumerated() {
            for round in 0..<3 {
                let ip = "203.0.113.\(10 + index * 3 + round)"
                audit.append("2026-11-18 01:\(String(format: "%02d", index * 3 + round)):05,100 WARN  [qtp1-\(index):https://mail.zimbra.test:7073/service/admin/soap/] "
                    + "[name=\(name)@zimbra.test;oip=\(ip);oport=5\(index)00;oproto=smtp;] security - cmd=Auth; account=\(name)@zimbra.test; "
                    + "protocol=soap; error=authentication failed for [\(name)], invalid password;")
            }
        }
        for bot in 0..<12 {
            let ip = "198.51.100.\(20 + bot)"
            let minute = String(format: "%02d", 10 + bot)
            audit.append("2026-11-18 02:\(minute):00,200 INFO  [qtp2-\(bot):https://mail.zimbra.test:7073/service/admin/soap/] "
                + "[name=kiosk@zimbra.test;oip=\(ip);oport=6\(bot)00;oproto=smtp;] security - cmd=Auth; account=kiosk@zimbra.test; protocol=soap;")
            mail += PostfixRelayLines.message(bot, stamps: ["01", "01", "02", "03"].map { "Nov 18 02:\(minute):\($0)" }, host: "mail",
                                              queueID: String(format: "4A%08X", bot), client: ip, login: "kiosk@zimbra.test")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zimbra-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let auditLog = directory.appendingPathComponent("audit.log"), zimbraLog = directory.appendingPathComponent("zimbra.log")
        try (audit.joined(separator: "\n") + "\n").write(to: auditLog, atomically: true, encoding: .utf8)
        try (mail.joined(separator: "\n") + "\n").write(to: zimbraLog, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["audit", "--ldif", Self.export, "--logs", auditLog.path, zimbraLog.path, "--as-of", Self.asOf,
                                            "--year", "2026", "--timezone", "UTC", "--output", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let json = try result.json()
        let verdicts = try #require(json["verdicts"] as? [[String: Any]])
        #expect(verdicts.first { $0["account"] as? String == "kiosk" }?["verdict"] as? String == "compromised")
        let plan = try #require(json["plan"] as? [[String: Any]])
        func commands(_ action: String) -> [(target: String, text: String)] {
            plan.filter { $0["action"] as? String == action }.flatMap { ($0["commands"] as? [[String: Any]]) ?? [] }
                .map { ($0["target"] as? String ?? "", $0["text"] as? String ?? "") }
        }
        let disable = commands("disable-account")
        #expect(disable.allSatisfy { $0.target == "zimbra" } && disable.contains { $0.text.hasSuffix("zmprov ma kiosk@zimbra.test zimbraAccountStatus locked") })
        #expect(!disable.contains { $0.text.contains("galsync") || $0.text.contains("spam.training") }, "Zimbra's own mailboxes are not 'unused' accounts")
        #expect(commands("reset-password").contains { $0.text.hasPrefix("sudo -u zimbra /opt/zimbra/bin/zmprov sp kiosk@zimbra.test ") })
        #expect(commands("hold-account-mail").contains { $0.target == "zimbra" && $0.text.contains("/opt/zimbra/common/sbin/postqueue") })
        let targets = Set(plan.flatMap { ($0["commands"] as? [[String: Any]]) ?? [] }.compactMap { $0["target"] as? String })
        #expect(!targets.contains("postfix") && !targets.contains("openldap"), "\(targets)")
    }
}
