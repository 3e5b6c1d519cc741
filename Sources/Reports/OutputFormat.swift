/// The report formats of `--output`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text
    case json
    case markdown
    case html
    case csv

    /// The renderer for this format.
    public func renderer(color: Bool) -> any ReportRenderer {
        switch self {
        case .text: TextRenderer(color: color)
        case .json: JSONRenderer()
        case .markdown: MarkdownRenderer()
        case .html: HTMLRenderer()
        case .csv: CSVRenderer()
        }
    }

    /// The format a file name suggests (`report.html` → html), if any.
    public static func forFileName(_ name: String) -> OutputFormat? {
        let lower = name.lowercased()
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
        if lower.hasSuffix(".txt") { return .text }
        if lower.hasSuffix(".csv") { return .csv }
        return nil
    }
}

/// Turns a report into text in one format. Every renderer escapes every string that came from
/// a directory or a log for the place it lands.
public protocol ReportRenderer: Sendable {
    func render(_ report: AuditReport) -> String
    /// Hands the report to `output` in pieces. A renderer whose report can be large (JSON: one
    /// object per address seen) writes it piece by piece and never holds it whole; the others
    /// hand over `render(report)`.
    func write<E: Error>(_ report: AuditReport, to output: (String) throws(E) -> Void) throws(E)
}

extension ReportRenderer {
    public func write<E: Error>(_ report: AuditReport, to output: (String) throws(E) -> Void) throws(E) {
        try output(render(report))
    }
}
