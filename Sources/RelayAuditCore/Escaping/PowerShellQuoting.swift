/// Quotes a value as one literal PowerShell (and Exchange Management Shell) argument.
///
/// A single-quoted PowerShell string expands nothing (`$(…)`, `$var`, backticks are literal).
/// It ends at a single quote, and PowerShell also treats the typographic quotes U+2018, U+2019,
/// U+201A and U+201B as single quotes, so each of them is doubled, which PowerShell reads as one
/// literal quote. A value holding control characters becomes a parenthesised concatenation,
/// `('red' + [char]0x1B + '[31m')`, so the exact value is passed as one argument while the
/// script shows no raw escape sequence. NUL cannot appear in an argument and becomes U+FFFD.
public enum PowerShellQuoting {
    static let singleQuotes: Set<Unicode.Scalar> = ["'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"]

    public static func quote(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { $0 != "\u{0}" && TerminalText.needsEscape($0) }) else {
            return literal(value.unicodeScalars)
        }
        var parts: [String] = []
        var run = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if scalar != "\u{0}", TerminalText.needsEscape(scalar) {
                if !run.isEmpty { parts.append(literal(run)); run = String.UnicodeScalarView() }
                parts.append("[char]0x" + String(scalar.value, radix: 16, uppercase: true))
            } else {
                run.append(scalar)
            }
        }
        if !run.isEmpty { parts.append(literal(run)) }
        // A sum that starts with a [char] would add numbers: `'' +` makes it a string.
        if parts[0].hasPrefix("[char]") { parts.insert("''", at: 0) }
        return "(" + parts.joined(separator: " + ") + ")"
    }

    static func literal(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var out = "'"
        for scalar in scalars {
            if singleQuotes.contains(scalar) {
                out.unicodeScalars.append(scalar)
                out.unicodeScalars.append(scalar)
            } else if scalar == "\u{0}" {
                out += "\u{FFFD}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }
}
