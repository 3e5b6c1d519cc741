import RelayAuditCore

/// Aligned columns for the terminal report. Cells are sanitised for the terminal and cut to
/// a maximum width with an ellipsis so one hostile 100 KB name cannot wreck the layout.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Maximum width per column (characters); cells beyond it are cut with an ellipsis.
    var widths: [Int]

    init(headers: [String], widths: [Int]) {
        self.headers = headers
        self.widths = widths
    }

    mutating func add(_ row: [String]) {
        rows.append(row.enumerated().map { index, text in Self.cell(text, index < widths.count ? widths[index] : 80) })
    }

    static func cell(_ text: String, _ width: Int) -> String {
        let safe = TerminalText.sanitize(text)
        return safe.count > width ? String(safe.prefix(width - 1)) + "…" : safe
    }

    /// The table; the last column is not padded.
    func render(indent: String = "  ") -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        // `widths` now holds the rendered widths.
        func line(_ cells: [String]) -> String {
            var text = indent
            for (index, cell) in cells.enumerated() {
                let last = index == cells.count - 1
                text += last ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }
            return text
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}
