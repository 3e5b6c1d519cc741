/// Escapes a value for use inside an LDAP search filter (RFC 4515 §3).
///
/// A log username is attacker-controlled: unescaped, `*)(uid=*` turns a lookup for one account
/// into a match on every account. RFC 4515 requires `*`, `(`, `)`, `\` and NUL to be written as
/// `\2a`, `\28`, `\29`, `\5c`, `\00`; everything else may stay as UTF-8.
public enum LDAPFilterEscaping {
    public static func escapeValue(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "*": out += "\\2a"
            case "(": out += "\\28"
            case ")": out += "\\29"
            case "\\": out += "\\5c"
            case "\u{0}": out += "\\00"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `(attribute=value)` with the value escaped. The attribute name is ours, never the input's.
    public static func equalityFilter(attribute: String, value: String) -> String {
        "(\(attribute)=\(escapeValue(value)))"
    }
}
