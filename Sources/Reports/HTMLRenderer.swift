import Advisor
import Checker
import Directory
import Foundation
import LogAnalysis
import MailLogs
import RelayAuditCore

/// `--output html`: one self-contained page (inline CSS and SVG, no scripts, no fetches; a
/// Content-Security-Policy forbids both): summary, the compromised accounts with their
/// evidence, a timeline of AUTH and sending per account, the plan with its commands, findings
/// by severity. Every value from a directory or a log goes through `HTMLEscaping`.
public struct HTMLRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        var body: [String] = ["<h1>relay-audit report</h1>"]
        body.append("<p class=\"meta\">As of \(report.asOf.iso8601) · policy: \(h(report.policySource)) · relay-audit \(h(report.toolVersion))</p>")
        body.append(summary(report))
        if let checker = report.checker {
            body.append(verdicts(checker))
            if let logs = report.logs {
                let flagged = logs.analysis.accounts.filter { $0.verdict != .clean }
                if !flagged.isEmpty || !logs.analysis.campaigns.isEmpty {
                    body.append("<h2 id=\"timeline\">Timeline</h2><p class=\"note\">Red: successful SMTP AUTH per hour. Blue: messages sent per hour. Orange bands: password-spray campaigns.</p>")
                    body.append("<div class=\"timeline\">\(TimelineSVG.render(Array(flagged.prefix(20)), campaigns: logs.analysis.campaigns))</div>")
                }
                if !logs.analysis.campaigns.isEmpty || logs.analysis.failedUsernames.distinct > 0 { body.append(campaigns(logs.analysis)) }
            }
            body.append(plan(report.plan))
        } else if let logs = report.logs {
            let flagged = logs.analysis.accounts.filter { $0.verdict != .clean }
            body.append(logAccounts(flagged))
            if !flagged.isEmpty || !logs.analysis.campaigns.isEmpty {
                body.append("<div class=\"timeline\">\(TimelineSVG.render(Array(flagged.prefix(20)), campaigns: logs.analysis.campaigns))</div>")
            }
            if !logs.analysis.campaigns.isEmpty || logs.analysis.failedUsernames.distinct > 0 { body.append(campaigns(logs.analysis)) }
        }
        body.append(findings(report.findings))
        if let logs = report.logs { body.append(sources(logs.analysis)) }
        if let notes = report.directory?.snapshot.notes, !notes.isEmpty {
            body.append("<h2>Notes</h2><ul>" + notes.map { "<li>\(h($0))</li>" }.joined() + "</ul>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>relay-audit report</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
            h1{margin-bottom:0}.meta,.note{color:#666}
            table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f5f5f5}.sev{font-weight:bold;text-transform:uppercase;font-size:80%}
            .critical{background:#b00020;color:#fff}.high{background:#e65100;color:#fff}.medium{background:#f9a825}.low{background:#90caf9}.info{background:#eee}
            .cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}
            .card b{font-size:180%;display:block}.card.alarm{border:2px solid #b00020}.card.alarm b{color:#b00020}
            .verdict{border-left:6px solid #b00020;padding:.2em 1em;margin:1em 0;background:#fff8f8}.verdict.suspicious{border-color:#f9a825;background:#fffdf3}
            pre{background:#f6f8fa;padding:.6em;overflow-x:auto;user-select:all;white-space:pre-wrap;word-break:break-all}
            .phase{margin-top:1.5em;text-transform:uppercase;letter-spacing:.05em;color:#555}
            code{background:#f3f3f3;padding:0 3px}
            </style></head><body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    private func h(_ text: String) -> String { HTMLEscaping.escape(text) }

    private func summary(_ report: AuditReport) -> String {
        // (value, label, alarm): a non-zero count of something that needs action now is red.
        var cards: [(Int, String, Bool)] = []
        if let checker = report.checker {
            cards.append((checker.verdicts.count { $0.verdict == .compromised }, "compromised accounts", true))
            cards.append((checker.verdicts.count { $0.verdict == .compromised && $0.passwordResetAfterAbuse != true }, VerdictSentences.stillUsable, true))
        } else if let logs = report.logs {
            cards.append((logs.analysis.accounts.count { $0.verdict == .compromised }, "compromised accounts", true))
        }
        if let logs = report.logs {
            cards.append((logs.analysis.sources.count { $0.verdict == .attacker }, "attacking addresses", true))
            if !logs.analysis.campaigns.isEmpty {
                cards.append((logs.analysis.campaigns.count, "password-spray campaigns", true))
            }
            cards.append((logs.input.lines, "log lines read", false))
        }
        if let directory = report.directory {
            cards.append((directory.snapshot.accounts.count, "directory accounts", false))
        }
        cards.append((report.findingCount(.critical), "critical findings", true))
        var html = "<h2 id=\"summary\">Summary</h2><div class=\"cards\">"
        for (value, label, alarm) in cards {
            html += "<div class=\"card\(alarm && value > 0 ? " alarm" : "")\"><b>\(value)</b>\(h(label))</div>"
        }
        html += "</div>"
        for warning in report.logs?.input.warnings ?? [] {
            html += "<p class=\"verdict\"><b>Critical:</b> \(h(warning))</p>"
        }
        if let start = report.checker?.timeline.start {
            html += "<p>The incident began \(start.iso8601).</p>"
        }
        return html
    }

    private func verdicts(_ checker: CheckerResult) -> String {
        let flagged = checker.verdicts.filter { $0.verdict != .clean }
        var html = "<h2 id=\"accounts\">Accounts used by the attacker</h2>"
        if flagged.isEmpty { return html + "<p>No account looks abused.</p>" }
        for verdict in flagged {
            let reset = VerdictSentences.passwordReset(verdict.passwordResetAfterAbuse) { $0 }
                .map { verdict.passwordResetAfterAbuse == false ? " — <b>\(h($0))</b>" : " — \(h($0))" } ?? ""
            html += "<div class=\"verdict \(verdict.verdict.rawValue)\"><h3>\(h(verdict.verdict.rawValue.uppercased())): \(h(verdict.account))\(reset)</h3>"
            if let dn = verdict.dn { html += "<p class=\"note\">\(h(dn))</p>" }
            html += "<ul>"
            for item in verdict.evidence {
                html += "<li><b>\(h(item.source))</b> <code>\(h(item.id))</code> \(h(item.detail))</li>"
            }
            html += "</ul></div>"
        }
        return html
    }

    private func plan(_ steps: [PlanStep]) -> String {
        guard !steps.isEmpty else { return "" }
        var html = "<h2 id=\"plan\">Lockdown plan</h2><p class=\"note\">In order. Commands quote every value from the logs and the directory as one literal; click a block to select it.</p>"
        for phase in PlanPhase.allCases {
            let inPhase = steps.filter { $0.phase == phase }
            guard !inPhase.isEmpty else { continue }
            html += "<h3 class=\"phase\">\(h(phase.rawValue))</h3>"
            for step in inPhase {
                html += "<h4>\(step.order). \(h(step.title))</h4><p>\(h(step.why))</p>"
                for group in step.commandGroups {
                    // Escaped line by line: the script's own line breaks stay line breaks.
                    let lines = group.script().split(separator: "\n", omittingEmptySubsequences: false)
                    html += "<p class=\"note\">\(h(group.target.rawValue))</p><pre>\(lines.map { h(String($0)) }.joined(separator: "\n"))</pre>"
                }
            }
        }
        return html
    }

    private func logAccounts(_ accounts: [AccountReport]) -> String {
        var html = "<h2 id=\"accounts\">Accounts</h2>"
        if accounts.isEmpty { return html + "<p>No account looks abused.</p>" }
        html += "<table><thead><tr><th>Verdict</th><th>Account</th><th>Score</th><th>Evidence</th></tr></thead><tbody>"
        for account in accounts {
            html += "<tr><td>\(h(account.verdict.rawValue))</td><td>\(h(account.user))</td><td>\(TimelineSVG.fmt(account.score))</td><td>"
                + account.signals.map { h($0.detail) }.joined(separator: "<br>") + "</td></tr>"
        }
        return html + "</tbody></table>"
    }

    private func findings(_ findings: [Finding]) -> String {
        var html = "<h2 id=\"findings\">Findings (\(findings.count))</h2>"
        guard !findings.isEmpty else { return html + "<p>None.</p>" }
        html += "<table><thead><tr><th>Severity</th><th>Rule</th><th>Account</th><th>Detail</th></tr></thead><tbody>"
        for f in findings {
            html += "<tr><td class=\"sev \(f.severity.rawValue)\">\(f.severity.rawValue)</td><td>\(h(f.rule.rawValue))</td><td>\(h(f.account ?? "(directory)"))</td><td>\(h(f.message))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    private func campaigns(_ analysis: LogAnalysis) -> String {
        var html = ""
        if !analysis.campaigns.isEmpty { html += "<h2 id=\"campaigns\">Password-spray campaigns (\(analysis.campaigns.count))</h2>" }
        for campaign in analysis.campaigns {
            let summary = CampaignSummary(campaign: campaign)
            html += "<h3>\(h(summary.title))</h3><ul>"
            for line in [summary.size, summary.hits, summary.networks, summary.usernames] { html += "<li>\(h(line))</li>" }
            for line in summary.entered { html += "<li><b>Got into</b> \(h(line))</li>" }
            if let line = summary.newNetworkLogins { html += "<li>\(h(line))</li>" }
            html += "</ul>"
        }
        if let line = CampaignSummary.failedUsernames(analysis.failedUsernames) { html += "<p class=\"note\">\(h(line))</p>" }
        return html
    }

    private func sources(_ analysis: LogAnalysis) -> String {
        let flagged = analysis.sources.filter { $0.verdict != .clean }
        guard !flagged.isEmpty else { return "" }
        var html = "<h2 id=\"sources\">Attacking addresses (\(flagged.count))</h2><table><thead><tr><th>Address</th><th>Verdict</th><th>Failed</th><th>Users tried</th><th>Accounts</th><th>Evidence</th></tr></thead><tbody>"
        for s in flagged {
            html += "<tr><td>\(h(s.ip))</td><td>\(h(s.verdict.rawValue))</td><td>\(s.activity.authFailure)</td><td>\(s.activity.usersTried)</td><td>\(h(s.accounts.joined(separator: ", ")))</td><td>\(h(s.signals.map(\.detail).joined(separator: "; ")))</td></tr>"
        }
        return html + "</tbody></table>"
    }
}
