/// Writes a CSV field (RFC 4180) that a spreadsheet will neither split nor execute, and that
/// prints harmlessly when the file is shown in a terminal.
///
/// Control characters (an ANSI escape in a logged username, a line break in a directory name)
/// become visible `\u{…}` escapes, as on the terminal; the JSON report keeps exact values.
/// Fields with commas, semicolons or quotes are quoted with doubled quotes. A field starting
/// with `=`, `+`, `-`, `@`, tab or carriage return is a formula to Excel and LibreOffice
/// (`=cmd|' /C calc'!A0`), so it is prefixed with a single quote, as OWASP advises.
public enum CSVEscaping {
    public static func field(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        text = TerminalText.sanitize(text)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == ";" }) else { return text }
        var out = "\""
        for ch in text { out += ch == "\"" ? "\"\"" : String(ch) }
        return out + "\""
    }
}
