import Checker
import Foundation
import LogAnalysis
import MailLogs
import RelayAuditCore
import Reports
import Testing
import TestSupport

/// Evidence reaches the renderers as typed items; each renderer writes every kind, and the
/// sentence about a password not reset after the abuse is the same words in each medium.
struct EvidenceRenderingTests {
    static let hostile = "pwn\u{1B}[2J<script>*x*</script>"

    static func report(reset: Bool?) -> AuditReport {
        let audit = CheckerHarness.audit([], LogScript())
        let verdict = AuditVerdict(
            account: "kiosk", dn: "CN=kiosk,DC=corp,DC=example", verdict: .compromised, passwordResetAfterAbuse: reset,
            evidence: [
                .logSignal(LogSignal(id: .forgedSender, detail: "sent as " + hostile, value: 12, threshold: 3)),
                .directoryFinding(rule: .passwordNeverExpires, severity: .medium, message: "never expires"),
                .correlation(rule: .passwordNotResetAfterAbuse, severity: .critical, message: "still usable",
                             facts: .object([("password_reset_after_abuse", .bool(false))])),
            ],
            logUser: "kiosk")
        var checker = audit.checker
        checker.verdicts = [verdict]
        return AuditReport(asOf: AccountBuilder.asOf, policySource: "built-in default", toolVersion: "test",
                           directory: DirectorySection(snapshot: audit.snapshot, findings: audit.directoryFindings),
                           logs: LogsSection(input: LogInputSummary(), analysis: audit.analysis), checker: checker)
    }

    @Test func jsonWritesEachKindWithItsFields() throws {
        let text = JSONRenderer().render(Self.report(reset: false))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let evidence = try #require((json["verdicts"] as? [[String: Any]])?.first?["evidence"] as? [[String: Any]])
        #expect(evidence.map { $0["source"] as? String } == ["logs", "directory", "correlation"])
        #expect(evidence.map { $0["id"] as? String } == ["forged-sender", "password-never-expires", "password-not-reset-after-abuse"])
        #expect(evidence[0]["value"] as? Double == 12 && evidence[0]["threshold"] as? Double == 3)
        #expect(evidence[1]["severity"] as? String == "medium")
        #expect((evidence[2]["evidence"] as? [String: Any])?["password_reset_after_abuse"] as? Bool == false)
    }

    @Test func theResetSentenceIsOneSentenceInEveryMedium() {
        let open = Self.report(reset: false)
        #expect(TextRenderer(color: false).render(open).contains("password NOT changed since the abuse: still usable by the attacker"))
        #expect(MarkdownRenderer().render(open).contains("password **not** changed since the abuse: still usable by the attacker"))
        #expect(HTMLRenderer().render(open).contains("<b>password not changed since the abuse: still usable by the attacker</b>"))
        let contained = Self.report(reset: true)
        for rendered in [TextRenderer(color: false).render(contained), MarkdownRenderer().render(contained), HTMLRenderer().render(contained)] {
            #expect(rendered.contains("password changed since the abuse: contained"))
            #expect(!rendered.contains("still usable by the attacker: "))
        }
    }

    @Test func everyMediumEscapesTheEvidenceText() {
        let report = Self.report(reset: nil)
        #expect(!TextRenderer(color: false).render(report).contains("\u{1B}"))
        #expect(!HTMLRenderer().render(report).contains("<script>"))
        #expect(MarkdownRenderer().render(report).contains("\\<script\\>"))
    }
}
