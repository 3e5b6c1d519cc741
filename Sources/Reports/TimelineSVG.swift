import LogAnalysis
import RelayAuditCore

/// An inline SVG timeline per account: successful SMTP AUTH (red ticks above the line) and
/// messages sent (blue bars below it) per hour across the span of the logs, with the
/// password-spray campaigns as bands behind them. No scripts, no
/// external resources; every label is HTML-escaped.
enum TimelineSVG {
    static let width = 900.0
    static let rowHeight = 46.0
    static let labelWidth = 150.0

    /// Campaigns are drawn as bands across every row (one row of their own when no account
    /// is flagged), so a login during or after a spray stands out.
    static func render(_ accounts: [AccountReport], campaigns: [Campaign] = []) -> String {
        guard !accounts.isEmpty || !campaigns.isEmpty else { return "" }
        var hours = accounts.flatMap { Array($0.activity.messagesByHour.keys) + Array($0.activity.authByHour.keys) }
        for campaign in campaigns { hours += [Int(campaign.first.seconds / 3600), Int(campaign.last.seconds / 3600)] }
        guard let first = hours.min(), let last = hours.max() else { return "" }
        let span = Double(max(1, last - first + 1))
        let plot = width - labelWidth - 10
        let rows = max(1, accounts.count)
        let height = rowHeight * Double(rows) + 24
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"AUTH and sending per account over time\">"
        out += "<style>text{font:11px sans-serif;fill:#333}</style>"
        for campaign in campaigns {
            let x = labelWidth + Double(Int(campaign.first.seconds / 3600) - first) / span * plot
            let w = max(2, Double(campaign.last.seconds - campaign.first.seconds) / 3600 / span * plot)
            out += "<rect x=\"\(fmt(x))\" y=\"0\" width=\"\(fmt(w))\" height=\"\(fmt(rowHeight * Double(rows)))\" fill=\"#ef6c00\" fill-opacity=\"0.18\">"
                + "<title>campaign \(campaign.number): \(campaign.failures) failed logins from \(campaign.addressCount) addresses</title></rect>"
            out += "<text x=\"\(fmt(x + 2))\" y=\"11\" fill=\"#ef6c00\">campaign \(campaign.number)</text>"
        }
        for (row, account) in accounts.enumerated() {
            let y = Double(row) * rowHeight + rowHeight / 2
            out += "<text x=\"4\" y=\"\(fmt(y + 4))\">\(HTMLEscaping.escape(String(account.user.prefix(22))))</text>"
            out += "<line x1=\"\(fmt(labelWidth))\" y1=\"\(fmt(y))\" x2=\"\(fmt(width - 10))\" y2=\"\(fmt(y))\" stroke=\"#bbb\"/>"
            let maxMessages = Double(account.activity.messagesByHour.values.max() ?? 1)
            for (hour, count) in account.activity.messagesByHour.sorted(by: { $0.key < $1.key }) {
                let x = labelWidth + Double(hour - first) / span * plot
                let h = max(1.5, Double(count) / maxMessages * (rowHeight / 2 - 4))
                out += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(max(1.5, plot / span)))\" height=\"\(fmt(h))\" fill=\"#1565c0\"><title>\(count) message(s)</title></rect>"
            }
            for (hour, count) in account.activity.authByHour.sorted(by: { $0.key < $1.key }) {
                let x = labelWidth + Double(hour - first) / span * plot
                let h = min(rowHeight / 2 - 4, 4 + Double(count))
                out += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y - h))\" width=\"\(fmt(max(1.5, plot / span)))\" height=\"\(fmt(h))\" fill=\"#c62828\"><title>\(count) AUTH</title></rect>"
            }
        }
        let axisY = Double(rows) * rowHeight + 16
        out += "<text x=\"\(fmt(labelWidth))\" y=\"\(fmt(axisY))\">\(Instant(seconds: Int64(first) * 3600).iso8601)</text>"
        out += "<text x=\"\(fmt(width - 10))\" y=\"\(fmt(axisY))\" text-anchor=\"end\">\(Instant(seconds: Int64(last + 1) * 3600).iso8601)</text>"
        return out + "</svg>"
    }

    /// One decimal, without a locale.
    static func fmt(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
