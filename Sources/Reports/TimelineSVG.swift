import LogAnalysis
import RelayAuditCore

/// An inline SVG timeline per account: successful SMTP AUTH (red ticks above the line) and
/// messages sent (blue bars below it) per hour across the span of the logs. No scripts, no
/// external resources; every label is HTML-escaped.
enum TimelineSVG {
    static let width = 900.0
    static let rowHeight = 46.0
    static let labelWidth = 150.0

    static func render(_ accounts: [AccountReport]) -> String {
        guard !accounts.isEmpty else { return "" }
        let hours = accounts.flatMap { Array($0.activity.messagesByHour.keys) + Array($0.activity.authByHour.keys) }
        guard let first = hours.min(), let last = hours.max() else { return "" }
        let span = Double(max(1, last - first + 1))
        let plot = width - labelWidth - 10
        let height = rowHeight * Double(accounts.count) + 24
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"AUTH and sending per account over time\">"
        out += "<style>text{font:11px sans-serif;fill:#333}</style>"
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
        let axisY = Double(accounts.count) * rowHeight + 16
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
