import Directory
import RelayAuditCore

/// `--output markdown`: a report to paste into a ticket or an incident channel. Every value
/// from the directory is escaped with `MarkdownEscaping`.
public struct MarkdownRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        var out: [String] = ["# relay-audit report", ""]
        out.append("As of \(CivilTime.iso8601(report.asOf)), policy: \(md(report.policySource)).")
        if let section = report.directory {
            let s = section.snapshot
            out += ["", "## Directory", ""]
            out.append("\(s.kind.displayName) at `\(code(s.source))`: \(s.accounts.count) accounts, \(s.groupCount) groups.")
            out += ["", "## Findings", ""]
            if section.findings.isEmpty { out.append("None.") }
            for severity in Severity.allCases.reversed() {
                let group = section.findings.filter { $0.severity == severity }
                guard !group.isEmpty else { continue }
                out += ["", "### \(severity.rawValue.uppercased()) (\(group.count))", ""]
                out.append("| Rule | Account | Detail |")
                out.append("|---|---|---|")
                for f in group {
                    out.append("| \(md(f.rule)) | \(md(f.account ?? "(directory)")) | \(md(f.message)) |")
                }
            }
            if !s.notes.isEmpty {
                out += ["", "## Notes", ""]
                out += s.notes.map { "- " + md($0) }
            }
        }
        return out.joined(separator: "\n") + "\n"
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
}
