/// Makes attacker-controlled text safe to print on a terminal.
///
/// A username in a mail log is typed by the spammer; printed raw it could carry ANSI/OSC escape
/// sequences (rewrite the screen, set the window title, plant a hyperlink), a carriage return
/// that overwrites the line before it, or a right-to-left override that makes `exe.txt` read as
/// `txt.exe`. Every such character is shown as a visible `\u{…}` escape instead, so the admin
/// sees what was really logged. Printable text, including non-Latin scripts, passes unchanged.
public enum TerminalText {
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0 and C1 controls, DEL, line/paragraph separators, bidirectional controls and the
    /// zero-width characters that hide text.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029: true
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: true
        default: false
        }
    }
}
