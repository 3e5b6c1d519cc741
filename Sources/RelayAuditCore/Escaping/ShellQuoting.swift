/// Quotes a value as one literal word for the shell.
///
/// Single quotes make everything literal, `$(…)`, backticks, `;`, `|` included; the only
/// character that needs care is the single quote itself, written as `'\''`. A value holding
/// control characters (an ANSI escape in a logged username, a newline in a directory name) is
/// written as ANSI-C `$'…'` with every such byte as an octal escape instead: still one exact
/// word (bash, zsh, ksh, busybox sh; POSIX.1-2024), and the script itself never carries a raw
/// escape sequence to the terminal, Markdown or HTML it is shown in. NUL cannot be passed in an
/// argument at all and is replaced by U+FFFD.
public enum ShellQuoting {
    public static func quote(_ value: String) -> String {
        if !value.isEmpty, value.unicodeScalars.allSatisfy(isSafe) { return value }
        if value.unicodeScalars.contains(where: TerminalText.needsEscape) { return ansiC(value) }
        var out = "'"
        for scalar in value.unicodeScalars {
            switch scalar {
            case "'": out += "'\\''"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    /// `$'…'`: backslash and single quote escaped, control characters as octal UTF-8 bytes.
    static func ansiC(_ value: String) -> String {
        var out = "$'"
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\u{0}": out += "\u{FFFD}"
            default:
                if TerminalText.needsEscape(scalar) {
                    for byte in String(scalar).utf8 { out += "\\" + octal(byte) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "'"
    }

    static func octal(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 8)
        return String(repeating: "0", count: 3 - digits.count) + digits
    }

    /// Characters that never need quoting.
    static func isSafe(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", "@", "%", "+", "=", ":", ",": true
        default: false
        }
    }
}
