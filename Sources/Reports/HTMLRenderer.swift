import Directory
import RelayAuditCore

/// `--output html`: one self-contained page (inline CSS, no scripts, no network fetches).
/// Every value from the directory is escaped with `HTMLEscaping`.
public struct HTMLRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        var body: [String] = []
        body.append("<h1>relay-audit report</h1>")
        body.append("<p class=\"meta\">As of \(CivilTime.iso8601(report.asOf)) · policy: \(h(report.policySource))</p>")
        if let section = report.directory {
            let s = section.snapshot
            body.append("<h2>Directory</h2>")
            body.append("<p>\(h(s.kind.displayName)) at <code>\(h(s.source))</code>: \(s.accounts.count) accounts, \(s.groupCount) groups.</p>")
            body.append("<h2>Findings (\(section.findings.count))</h2>")
            body.append("<table><thead><tr><th>Severity</th><th>Rule</th><th>Account</th><th>Detail</th></tr></thead><tbody>")
            for f in section.findings {
                body.append("<tr class=\"\(f.severity.rawValue)\"><td>\(f.severity.rawValue)</td><td>\(h(f.rule))</td><td>\(h(f.account ?? "(directory)"))</td><td>\(h(f.message))</td></tr>")
            }
            body.append("</tbody></table>")
            if !s.notes.isEmpty {
                body.append("<h2>Notes</h2><ul>" + s.notes.map { "<li>\(h($0))</li>" }.joined() + "</ul>")
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>relay-audit report</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
            tr.critical td:first-child{background:#b00020;color:#fff}tr.high td:first-child{background:#e65100;color:#fff}
            tr.medium td:first-child{background:#f9a825}tr.low td:first-child{background:#90caf9}
            code{background:#f3f3f3;padding:0 3px}.meta{color:#666}
            </style></head><body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    private func h(_ text: String) -> String { HTMLEscaping.escape(text) }
}
