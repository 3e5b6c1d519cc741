/// Escapes text for Markdown prose and table cells (CommonMark, GitHub Flavored Markdown).
///
/// Every ASCII punctuation character CommonMark lets a backslash escape is escaped, so a
/// username like `*)(uid=*`, `[click](http://evil)` or `<script>` renders as the literal text;
/// `|` cannot end a table cell; control characters and line breaks become visible `\u{…}`
/// escapes so one value stays on one line.
public enum MarkdownEscaping {
    static let escapable: Set<Unicode.Scalar> = Set("\\`*_{}[]()#+-.!|<>~\"'&=:$%;,/?@^".unicodeScalars)

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in TerminalText.sanitize(text).unicodeScalars {
            if escapable.contains(scalar) { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// A fenced code block holding `code` literally: the fence is longer than any run of
    /// backticks inside, so the content cannot close it.
    public static func fencedBlock(_ code: String, language: String = "") -> String {
        var longest = 0
        var run = 0
        for ch in code {
            run = ch == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return "\(fence)\(language)\n\(code)\n\(fence)"
    }
}
