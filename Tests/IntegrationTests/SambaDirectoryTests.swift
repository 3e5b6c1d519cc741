@testable import DirectoryReader
import Foundation
import Testing
import TestSupport

/// `relay-audit directory` against the live Samba AD DC that Tests/Scripts/with-fixtures.sh
/// starts, account by account, over ldaps and StartTLS, and against its LDIF export.
@Suite(.enabled(if: LiveFixtures.available, "needs the Samba AD DC started by Tests/Scripts/with-fixtures.sh"))
struct SambaDirectoryTests {
    func live(_ url: String, _ extra: [String] = []) throws -> CommandResult {
        try CommandRunner.run(["directory", "--ldap", url, "--bind-dn", LiveFixtures.sambaBindDN,
                               "--password-file", LiveFixtures.sambaPasswordFile, "--ca-file", LiveFixtures.ca,
                               "--output", "json"] + extra)
    }

    func assertFixtureFindings(_ report: ReportJSON) {
        let found = report.rulesByAccount
        for (account, expected) in SambaFixtureExpectations.findings {
            #expect(found[account] ?? [] == expected, "\(account)")
        }
        for account in SambaFixtureExpectations.clean {
            #expect(report.account(account) != nil, "\(account) was read")
            #expect(found[account] == nil, "\(account) should be clean")
        }
        let unexpected = Set(found.keys).subtracting(SambaFixtureExpectations.findings.keys)
        #expect(unexpected.isEmpty, "findings for accounts the fixture did not set up: \(unexpected)")
        #expect(report.directoryFindings("weak-password-policy").count == SambaFixtureExpectations.weakPolicies)
        #expect(report.directory["kind"] as? String == "active-directory")
        #expect(report.directory["accounts"] as? Int == SambaFixtureExpectations.accountCount)
        for (account, privileged) in SambaFixtureExpectations.privileged {
            #expect(report.account(account)?["privileged"] as? Bool == privileged, "\(account) privileged")
        }
        #expect(report.account("Guest")?["guest"] as? Bool == true)
        #expect(report.account("alice.johnson")?["mail"] as? [String] == ["alice.johnson@corp.example.test", "ajohnson@corp.example.test"])
        #expect(report.account("nested.admin")?["privileged_via"] as? [String] == ["IT Admins", "Domain Admins"])
    }

    @Test func ldapsReportsEveryFixtureAccountsFindings() throws {
        let result = try live("ldaps://\(LiveFixtures.sambaIP)")
        #expect(result.status == 1, "critical findings exist: \(result.stderr)")
        assertFixtureFindings(try ReportJSON(result))
    }

    @Test func startTLSGivesTheSameReport() throws {
        let asOf = CivilTimeNow.iso8601()
        let ldaps = try live("ldaps://\(LiveFixtures.sambaIP)", ["--as-of", asOf])
        let startTLS = try live("ldap://\(LiveFixtures.sambaIP)", ["--starttls", "--page-size", "100", "--as-of", asOf])
        #expect(startTLS.status == 1, "\(startTLS.stderr)")
        assertFixtureFindings(try ReportJSON(startTLS))
        #expect(ReportJSON.firstDifference(ldaps.stdout, startTLS.stdout, ignoringAccount: LiveFixtures.sambaBindName) == nil)
    }

    @Test func theLDIFExportGivesTheSameReportAsTheLiveDirectory() throws {
        let asOf = CivilTimeNow.iso8601()
        let export = LiveFixtures.fixtureRoot + "/samba-export.ldif"
        let exported = try CommandRunner.run(
            ["-c", "\(Fixtures.path("Tests/Scripts/export-samba-ldif.sh")) ldaps://\(LiveFixtures.sambaIP) '\(LiveFixtures.sambaBindDN)' '\(LiveFixtures.sambaPasswordFile)' '\(LiveFixtures.sambaBase)' > '\(export)'"],
            environment: ["LDAPTLS_CACERT": LiveFixtures.ca], executable: "/bin/bash")
        #expect(exported.status == 0, "\(exported.stderr)")
        let fromLDIF = try CommandRunner.run(["directory", "--ldif", export, "--output", "json", "--as-of", asOf])
        let fromLive = try live("ldaps://\(LiveFixtures.sambaIP)", ["--as-of", asOf])
        assertFixtureFindings(try ReportJSON(fromLDIF))
        #expect(ReportJSON.firstDifference(fromLDIF.stdout, fromLive.stdout, ignoringAccount: LiveFixtures.sambaBindName) == nil,
                "LDIF and live reports differ")
    }

    @Test func rangedRetrievalAssemblesALargeGroup() throws {
        // Samba returns whole attributes unless asked for a range; asking in steps of 100
        // drives the same loop Active Directory forces beyond 1,500 values.
        let connection = try LDAPConnection(url: "ldaps://\(LiveFixtures.sambaIP)", tls: .init(caFile: LiveFixtures.ca, verify: true), timeoutSeconds: 10)
        try connection.bind(dn: LiveFixtures.sambaBindDN, password: PasswordSource.file(LiveFixtures.sambaPasswordFile).read(bindDN: ""))
        let group = "CN=Mail Users,OU=Groups,OU=Corp,\(LiveFixtures.sambaBase)"
        let ranged = try connection.remainingValues(dn: group, attribute: "member", from: 0, step: 100)
        let whole = try #require(try connection.read(dn: group, attributes: ["member"])).values("member")
        #expect(whole.count == 1119)
        #expect(Set(ranged) == Set(whole))
        #expect(ranged.count == whole.count)
    }

    @Test func aWrongPasswordIsExit3WithTheReason() throws {
        let wrong = LiveFixtures.fixtureRoot + "/wrong-password"
        FileManager.default.createFile(atPath: wrong, contents: Data("nope".utf8), attributes: [.posixPermissions: 0o600])
        let result = try CommandRunner.run(["directory", "--ldap", "ldaps://\(LiveFixtures.sambaIP)", "--bind-dn", LiveFixtures.sambaBindDN,
                                            "--password-file", wrong, "--ca-file", LiveFixtures.ca])
        #expect(result.status == 3)
        #expect(result.stderr.contains("Invalid credentials (LDAP 49)"))
        #expect(!result.stderr.contains("nope"))
        #expect(result.stdout.isEmpty)
    }

    @Test func plaintextSimpleBindIsRefusedByTheServerAndExplained() throws {
        let result = try live("ldap://\(LiveFixtures.sambaIP)")
        #expect(result.status == 3)
        #expect(result.stderr.contains("use ldaps:// or --starttls"))
    }
}

enum CivilTimeNow {
    static func iso8601() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
