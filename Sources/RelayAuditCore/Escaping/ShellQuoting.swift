/// Quotes a value as one literal word for POSIX shells (sh, bash, dash).
///
/// Single quotes make everything literal, `$(…)`, backticks, `;`, `|`, newlines included; the
/// only character that needs care is the single quote itself, written as `'\''`. NUL cannot be
/// passed in an argument at all and is replaced by U+FFFD.
public enum ShellQuoting {
    public static func quote(_ value: String) -> String {
        if !value.isEmpty, value.unicodeScalars.allSatisfy(isSafe) { return value }
        var out = "'"
        for scalar in value.unicodeScalars {
            switch scalar {
            case "'": out += "'\\''"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    /// Characters that never need quoting.
    static func isSafe(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", "@", "%", "+", "=", ":", ",": true
        default: false
        }
    }
}
