import Advisor
import DirectoryReader
import Foundation
import MailLogs
import Pipeline
import Policy
import RelayAuditCore
import Reports
import Testing
import TestSupport

/// The sample incident audited in-process through the library pipeline: the same report the
/// command writes, byte for byte, so the CLI is only its options.
struct IncidentPipelineTests {
    static func run(toolVersion: String) throws -> AuditReport {
        let policy = try PolicyLoader.loadDefault()
        let pipeline = AuditPipeline(policy: policy, asOf: try #require(CivilTime.parseISO8601(Fixtures.sampleExportedAt)), toolVersion: toolVersion)
        let input = AuditPipeline.LogInput(files: [IncidentAuditTests.log],
                                           options: LogReadOptions(timeZone: TimeZone(identifier: "UTC")!))
        return try pipeline.audit(input, directory: { () throws(RelayAuditError) in
            try LDIFLoader.load(path: Fixtures.sampleLDIF, asOf: pipeline.asOf, privilegedGroupNames: policy.directory.privilegedGroups)
        }, templates: CommandTemplates.builtIn())
    }

    @Test func theIncidentAuditInProcessIsTheCommandsReport() throws {
        let command = try CommandRunner.run([
            "audit", "--ldif", Fixtures.sampleLDIF, "--logs", IncidentAuditTests.log, "--as-of", Fixtures.sampleExportedAt,
            "--timezone", "UTC", "--output", "json",
        ])
        let version = try #require((try command.json()["relay_audit"] as? [String: Any])?["version"] as? String)
        let report = try Self.run(toolVersion: version)
        let json = JSONRenderer().render(report)
        #expect(json.trimmingCharacters(in: .newlines) == command.stdout.trimmingCharacters(in: .newlines))
        // The verdicts the incident was scripted to produce, read from the values themselves.
        let verdicts = Dictionary(try #require(report.checker).verdicts.map { ($0.account, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(verdicts["kiosk.user"]?.verdict == .compromised && verdicts["kiosk.user"]?.passwordResetAfterAbuse == false)
        #expect(verdicts["notreqd.user"]?.passwordResetAfterAbuse == true)
        #expect(verdicts["carol.brown"]?.verdict == .clean)
        #expect(report.plan.first?.action == .disableAccount)
        #expect(report.count(atLeast: .critical) > 0)
    }
}
