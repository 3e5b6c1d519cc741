import Directory
import Foundation
import RelayAuditCore

/// `--output text`: findings grouped by severity, then the accounts they concern.
///
/// Colour (severity labels only) when `color` is set, which the CLI does only for a terminal
/// without `NO_COLOR`. Every directory value passes through `TerminalText.sanitize`, so no
/// escape sequence from a directory or a log ever reaches the terminal raw.
public struct TextRenderer: ReportRenderer {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    public func render(_ report: AuditReport) -> String {
        var out: [String] = []
        if let checker = report.checker {
            out += auditSection(checker)
            out.append("")
            out += planSection(report.plan)
            out.append("")
        }
        if let section = report.directory {
            out += directory(section, report)
        }
        if let logs = report.logs {
            if !out.isEmpty { out.append("") }
            out += logsSection(logs, report)
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func directory(_ section: DirectorySection, _ report: AuditReport) -> [String] {
        let s = section.snapshot
        var out: [String] = []
        let base = s.baseDN.map { " (base \(safe($0)))" } ?? ""
        out.append(bold("Directory: \(s.kind.displayName) at \(safe(s.source))\(base)"))
        out.append("As of \(report.asOf.iso8601) · \(s.accounts.count) accounts · \(s.groupCount) groups · policy: \(safe(report.policySource))")
        if let policy = s.defaultPolicy {
            out.append("Password policy: " + describe(policy))
        }
        for policy in s.policies where !policy.isDefault {
            out.append("  also \(safe(DistinguishedName.firstValue(policy.dn))): " + describe(policy))
        }
        out.append("")

        let findings = section.findings
        let counts = Severity.allCases.reversed().compactMap { severity -> String? in
            let n = findings.count { $0.severity == severity }
            return n == 0 ? nil : "\(n) \(severity.rawValue)"
        }
        out.append(bold("FINDINGS (\(findings.count))") + (counts.isEmpty ? "" : ": " + counts.joined(separator: ", ")))
        if findings.isEmpty { out.append("  none") }
        for severity in Severity.allCases.reversed() {
            let group = findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out.append("")
            out.append(label(severity))
            var table = TextTable(headers: ["RULE", "ACCOUNT", "DETAIL"], widths: [32, 32, 400])
            for finding in group {
                table.add([finding.rule.rawValue, finding.account ?? "(directory)", finding.message])
            }
            out.append(table.render())
        }

        let rules = section.rulesByAccount
        let flagged = s.accounts.filter { rules[$0.dn] != nil }
        out.append("")
        out.append(bold("ACCOUNTS WITH FINDINGS (\(flagged.count) of \(s.accounts.count))"))
        var table = TextTable(headers: ["ACCOUNT", "STATE", "PRIVILEGED", "PASSWORD SET", "LAST LOGON", "RULES"],
                              widths: [32, 20, 10, 12, 24, 400])
        for account in flagged {
            table.add([
                account.name,
                account.state.rawValue + (account.lockedOut ? ", locked" : ""),
                account.privileged ? "yes" : "no",
                account.passwordLastSet.map(\.isoDay) ?? (account.mustChangePassword ? "must change" : "never"),
                lastLogon(account),
                (rules[account.dn] ?? []).joined(separator: ","),
            ])
        }
        if !flagged.isEmpty { out.append(table.render()) }
        let clean = s.accounts.count - flagged.count
        if clean > 0 { out.append("  \(clean) other account(s) have no findings (--output json lists every account)") }

        if !s.notes.isEmpty {
            out.append("")
            out.append(bold("NOTES"))
            for note in s.notes { out.append("  - " + safe(note)) }
        }
        return out
    }

    private func lastLogon(_ account: Account) -> String {
        guard account.lastLogonRecorded else { return "not recorded" }
        guard let last = account.lastLogon else { return "never" }
        return last.isoDay + (account.lastLogonSource?.lags == true ? " (lag ≤14d)" : "")
    }

    private func describe(_ p: PasswordPolicyFacts) -> String {
        var parts: [String] = []
        if let age = p.maxAgeDays { parts.append(age == 0 ? "passwords never expire" : "max age \(age) days") }
        if let length = p.minLength { parts.append("min length \(length)") }
        if let threshold = p.lockoutThreshold { parts.append(threshold == 0 ? "no lockout" : "lockout after \(threshold) failures") }
        if let complexity = p.complexity { parts.append(complexity ? "complexity on" : "complexity off") }
        if p.reversibleEncryption == true { parts.append("REVERSIBLE ENCRYPTION") }
        return parts.isEmpty ? "not readable" : parts.joined(separator: " · ")
    }

    func safe(_ text: String) -> String { TerminalText.sanitize(text) }

    func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    func label(_ severity: Severity) -> String {
        let name = severity.rawValue.uppercased()
        guard color else { return name }
        let code = switch severity {
        case .critical: "1;37;41"
        case .high: "1;31"
        case .medium: "1;33"
        case .low: "1;36"
        case .info: "2"
        }
        return "\u{1B}[\(code)m\(name)\u{1B}[0m"
    }
}
