import Foundation
import Testing
import TestSupport

/// FreeIPA cannot run on Debian, so its layout is tested from an export
/// (Tests/Scripts/freeipa/make-freeipa-export.py): users with Kerberos bookkeeping, IPA groups,
/// the realm's global Kerberos password policy and a group policy.
struct FreeIPAExportTests {
    static let export = Fixtures.path("Tests/Fixtures/freeipa/ipa-export.ldif")

    func run(_ extra: [String] = []) throws -> ReportJSON {
        let result = try CommandRunner.run(["directory", "--ldif", Self.export, "--as-of", "2026-11-29T00:00:00Z", "--output", "json"] + extra)
        #expect(result.status == 0, "\(result.stderr)")  // nothing critical in this export
        return try ReportJSON(result)
    }

    @Test func everyAccountHasItsFindings() throws {
        let report = try run()
        #expect(report.directory["kind"] as? String == "freeipa")
        #expect(report.directory["accounts"] as? Int == 7)
        #expect(report.directory["last_logon_recorded"] as? Bool == true, "krbLastSuccessfulAuth")
        let expected: [String: Set<String>] = [
            "admin": ["privileged-password-old"],
            "bob": ["password-too-old"],
            "stale": ["stale-account"],
            "newbie": ["recently-created"],
        ]
        #expect(report.rulesByAccount == expected)
        #expect(report.account("admin")?["privileged"] as? Bool == true, "cn=admins")
        #expect(report.account("gone")?["enabled"] as? Bool == false, "nsAccountLock: TRUE")
        #expect(report.account("alice")?["last_logon_source"] as? String == "krbLastSuccessfulAuth")
        #expect(report.account("locked")?["enabled"] as? Bool == true)
    }

    @Test func theKerberosPasswordPoliciesAreJudged() throws {
        let report = try run()
        let policy = report.directory["policy"] as? [String: Any] ?? [:]
        #expect((policy["dn"] as? String)?.hasPrefix("cn=global_policy,") == true, "the realm's global policy is the default")
        #expect(policy["max_password_age_days"] as? Int == 90)
        #expect(policy["min_password_length"] as? Int == 8)
        #expect(policy["lockout_threshold"] as? Int == 0)
        let weak = report.directoryFindings("weak-password-policy").compactMap { $0["message"] as? String }
        #expect(weak.count == 2)
        #expect(weak.contains { $0.contains("cn=global_policy") && $0.contains("no account lockout") })
        #expect(weak.contains { $0.contains("cn=services") && $0.contains("passwords never expire") })
    }
}
