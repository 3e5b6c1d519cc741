import Checker
import LogAnalysis
import RelayAuditCore

/// One row per thing to act on, for a spreadsheet or a ticket system: every finding (directory
/// and correlation), every abused or suspicious log account and every attacking address.
///
/// Columns: kind, severity, rule, account, id, detail. Every field goes through `CSVEscaping`
/// (RFC 4180 quoting; a leading `=`, `+`, `-`, `@` is defused), because a username such as
/// `=HYPERLINK(…)` would otherwise run as a formula when the sheet is opened. The plan is not
/// here: its commands belong in the Markdown, HTML or JSON report.
public struct CSVRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        var rows = [["kind", "severity", "rule", "account", "id", "detail"]]
        let sections = [("correlation", report.checker?.findings ?? []), ("directory", report.directory?.findings ?? [])]
        for (kind, findings) in sections {
            for finding in findings.sorted(by: Finding.reportOrder) {
                rows.append([kind, finding.severity.rawValue, finding.rule.rawValue, finding.account ?? "", finding.dn ?? "", finding.message])
            }
        }
        if let logs = report.logs {
            for account in logs.analysis.accounts where account.verdict != .clean {
                rows.append(["log-account", account.verdict == .compromised ? "critical" : "medium", account.verdict.rawValue,
                             account.user, "", account.signals.map(\.detail).joined(separator: "; ")])
            }
            for source in logs.analysis.sources where source.verdict != .clean {
                rows.append(["log-source", source.verdict == .attacker ? "critical" : "medium", source.verdict.rawValue,
                             source.accounts.joined(separator: " "), source.ip, source.signals.map(\.detail).joined(separator: "; ")])
            }
        }
        return rows.map { $0.map(CSVEscaping.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
