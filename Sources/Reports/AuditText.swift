import Checker
import Foundation
import LogAnalysis
import RelayAuditCore

/// The terminal report of `relay-audit audit`: the verdicts that join both sources first, then
/// the correlations, then the directory and the logs in detail.
extension TextRenderer {
    func auditSection(_ checker: CheckerResult) -> [String] {
        var out: [String] = []
        if let start = checker.timeline.start {
            var line = "Incident began \(LogsJSONText.time(start))"
            if let auth = checker.timeline.firstAbusiveAuth { line += " · first abusive AUTH \(LogsJSONText.time(auth))" }
            if let attack = checker.timeline.firstAttack { line += " · first attack \(LogsJSONText.time(attack))" }
            out.append(bold(line))
        } else {
            out.append(bold("No abusive AUTH found in the logs"))
        }
        let flagged = checker.verdicts.filter { $0.verdict != .clean }
        let compromised = flagged.count { $0.verdict == .compromised }
        out.append("")
        out.append(bold("VERDICTS: \(compromised) compromised, \(flagged.count - compromised) suspicious, \(checker.verdicts.count - flagged.count) clean"))
        for verdict in flagged {
            let tag = verdict.verdict == .compromised ? label(.critical).replacingOccurrences(of: "CRITICAL", with: "COMPROMISED")
                : label(.medium).replacingOccurrences(of: "MEDIUM", with: "SUSPICIOUS")
            var headline = "\(tag)  \(safe(verdict.account))"
            if let reset = VerdictSentences.passwordReset(verdict.passwordResetAfterAbuse, stress: { $0.uppercased() }) { headline += "  " + reset }
            out.append("")
            out.append(headline)
            for item in verdict.evidence {
                out.append("  \(item.source.padding(toLength: 11, withPad: " ", startingAt: 0)) \(item.id.padding(toLength: 30, withPad: " ", startingAt: 0)) \(safe(item.detail))")
            }
        }
        if flagged.isEmpty { out.append("  no account looks abused") }
        let correlations = checker.findings
        if !correlations.isEmpty {
            out.append("")
            out.append(bold("CORRELATIONS (\(correlations.count))"))
            var table = TextTable(headers: ["SEVERITY", "RULE", "ACCOUNT", "DETAIL"], widths: [8, 30, 32, 400])
            for finding in correlations {
                table.add([finding.severity.rawValue, finding.rule.rawValue, finding.account ?? "", finding.message])
            }
            out.append(table.render())
        }
        return out
    }
}
