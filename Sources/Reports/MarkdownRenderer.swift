import Advisor
import Checker
import Directory
import Foundation
import LogAnalysis
import MailLogs
import RelayAuditCore

/// `--output markdown`: a report to paste into a ticket or an incident channel; the plan is a
/// checklist (`- [ ]` per step) with its commands in fenced blocks. Every value from the
/// directory or the logs is escaped with `MarkdownEscaping`; commands sit in fences longer than
/// any backtick run inside them.
public struct MarkdownRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        var out: [String] = ["# relay-audit report", ""]
        out.append("As of \(report.asOf.iso8601), policy: \(md(report.policySource)).")
        if let checker = report.checker {
            out += ["", "## Accounts used by the attacker", ""]
            let flagged = checker.verdicts.filter { $0.verdict != .clean }
            if flagged.isEmpty { out.append("None.") }
            for verdict in flagged {
                var line = "- **\(verdict.verdict.rawValue)**: \(md(verdict.account))"
                if let reset = VerdictSentences.passwordReset(verdict.passwordResetAfterAbuse, stress: { "**\($0)**" }) { line += " — " + reset }
                out.append(line)
                for item in verdict.evidence {
                    out.append("  - \(md(item.id)): \(md(item.detail))")
                }
            }
            if !report.plan.isEmpty {
                out += ["", "## Lockdown plan", ""]
                for phase in PlanPhase.allCases {
                    let steps = report.plan.filter { $0.phase == phase }
                    guard !steps.isEmpty else { continue }
                    out += ["", "### \(phase.rawValue.capitalizedASCII)", ""]
                    for step in steps {
                        out.append("- [ ] **\(step.order). \(md(step.title))** — \(md(step.why))")
                        for group in step.commandGroups {
                            let language = Self.fenceLanguage(group.commands.first?.language ?? .text)
                            out.append("")
                            out.append("  \(md(group.target.rawValue)):")
                            out.append("")
                            let block = MarkdownEscaping.fencedBlock(group.script(), language: language)
                            out += block.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
                        }
                        out.append("")
                    }
                }
            }
        }
        let findings = report.findings
        out += ["", "## Findings", ""]
        if findings.isEmpty { out.append("None.") }
        for severity in Severity.allCases.reversed() {
            let group = findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out += ["", "### \(severity.rawValue.capitalizedASCII) (\(group.count))", ""]
            out.append("| Rule | Account | Detail |")
            out.append("|---|---|---|")
            for f in group { out.append("| \(md(f.rule.rawValue)) | \(md(f.account ?? "(directory)")) | \(md(f.message)) |") }
        }
        if let logs = report.logs {
            let flagged = logs.analysis.accounts.filter { $0.verdict != .clean }
            out += ["", "## Mail logs", ""]
            out.append("\(logs.input.files.count) file(s), \(logs.input.lines) lines, \(logs.input.events) events, \(logs.input.unrecognizedLines) lines not understood.")
            for warning in logs.input.warnings { out += ["", "**Critical:** " + md(warning)] }
            if !flagged.isEmpty {
                out += ["", "| Verdict | Account | Score | Evidence |", "|---|---|---|---|"]
                for a in flagged {
                    out.append("| \(a.verdict.rawValue) | \(md(a.user)) | \(TimelineSVG.fmt(a.score)) | \(a.signals.map { md($0.detail) }.joined(separator: "<br>")) |")
                }
            }
            for campaign in logs.analysis.campaigns {
                let summary = CampaignSummary(campaign: campaign)
                out += ["", "### " + md(summary.title), ""]
                for line in [summary.size, summary.hits, summary.networks, summary.usernames] { out.append("- " + md(line)) }
                for line in summary.entered { out.append("- **Got into** " + md(line)) }
                if let line = summary.newNetworkLogins { out.append("- " + md(line)) }
            }
            if let line = CampaignSummary.failedUsernames(logs.analysis.failedUsernames) { out += ["", md(line)] }
            let sources = logs.analysis.sources.filter { $0.verdict != .clean }
            if !sources.isEmpty {
                out += ["", "| Address | Verdict | Failed | Accounts |", "|---|---|---|---|"]
                for s in sources { out.append("| \(md(s.ip)) | \(s.verdict.rawValue) | \(s.activity.authFailure) | \(md(s.accounts.joined(separator: ", "))) |") }
            }
        }
        if let directory = report.directory {
            let s = directory.snapshot
            out += ["", "## Directory", ""]
            out.append("\(s.kind.displayName) at `\(code(s.source))`: \(s.accounts.count) accounts, \(s.groupCount) groups.")
            if !s.notes.isEmpty {
                out += [""] + s.notes.map { "- " + md($0) }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func fenceLanguage(_ language: CommandTemplates.Language) -> String {
        switch language {
        case .shell: "sh"
        case .powershell: "powershell"
        case .ldif: "ldif"
        case .text: ""
        }
    }

    private func md(_ text: String) -> String { MarkdownEscaping.escape(text) }

    /// Text inside a one-backtick code span: backticks cannot be escaped there, so they are
    /// replaced, and control characters are made visible.
    private func code(_ text: String) -> String {
        TerminalText.sanitize(text).replacingOccurrences(of: "`", with: "'")
    }
}

extension String {
    /// Minimal replace without Foundation.
    func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }

    /// First letter upper-cased (ASCII), without Foundation.
    var capitalizedASCII: String { prefix(1).uppercased() + dropFirst() }
}
