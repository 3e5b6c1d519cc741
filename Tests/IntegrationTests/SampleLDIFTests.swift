import Foundation
import Testing
import TestSupport

/// The LDIF shipped for the README's first command: exported from the Samba fixture with
/// Tests/Scripts/export-samba-ldif.sh, audited as of the moment it was exported.
struct SampleLDIFTests {
    @Test func theSampleReportsEveryFixtureAccountsFindings() throws {
        let result = try CommandRunner.run(["directory", "--ldif", Fixtures.sampleLDIF, "--as-of", Fixtures.sampleExportedAt, "--output", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try ReportJSON(result)
        let found = report.rulesByAccount
        for (account, expected) in SambaFixtureExpectations.findings {
            #expect(found[account] ?? [] == expected, "\(account)")
        }
        #expect(Set(found.keys) == Set(SambaFixtureExpectations.findings.keys))
        #expect(report.directoryFindings("weak-password-policy").count == SambaFixtureExpectations.weakPolicies)
        #expect(report.directory["accounts"] as? Int == SambaFixtureExpectations.accountCount)
    }

    @Test func theTextReportReadsTopDown() throws {
        let result = try CommandRunner.run(["directory", "--ldif", Fixtures.sampleLDIF, "--as-of", Fixtures.sampleExportedAt, "--output", "text"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("Directory: Active Directory at \(Fixtures.sampleLDIF)"))
        let guestLine = result.stdout.split(separator: "\n").first { $0.contains("guest-enabled") && $0.contains(" Guest ") }
        #expect(guestLine != nil)
        #expect(result.stdout.contains("ACCOUNTS WITH FINDINGS (18 of 1122)"))
    }

    @Test func failOnChangesTheExitStatus() throws {
        let info = try CommandRunner.run(["directory", "--ldif", Fixtures.sampleLDIF, "--as-of", Fixtures.sampleExportedAt, "--output", "json", "--fail-on", "info"])
        #expect(info.status == 1)
        let stdin = try CommandRunner.run(["directory", "--ldif", "-", "--as-of", Fixtures.sampleExportedAt, "--output", "json"],
                                          stdin: try Data(contentsOf: URL(fileURLWithPath: Fixtures.sampleLDIF)))
        #expect(stdin.status == 1)
        #expect(try ReportJSON(stdin).directory["source"] as? String == "-")
    }
}
