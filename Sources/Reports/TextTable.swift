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
        return length(safe) > width ? String(safe.prefix(width - 1)) + "…" : safe
    }

    /// Characters in `text`: its byte count when it is ASCII (nearly every cell), without the
    /// grapheme segmentation `count` runs, which dominated rendering a 100,000-row table.
    static func length(_ text: String) -> Int {
        let bytes = text.utf8.count
        return text.utf8.allSatisfy { $0 < 0x80 } ? bytes : text.count
    }

    /// The table; the last column is not padded.
    func render(indent: String = "  ") -> String {
        var widths = headers.map(Self.length)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], Self.length(cell))
            }
        }
        // `widths` now holds the rendered widths.
        func line(_ cells: [String]) -> String {
            var text = indent
            for (index, cell) in cells.enumerated() {
                let last = index == cells.count - 1
                text += last ? cell : cell + String(repeating: " ", count: widths[index] - Self.length(cell) + 2)
            }
            return text
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}
