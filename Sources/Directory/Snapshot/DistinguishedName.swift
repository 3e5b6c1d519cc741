import RelayAuditCore
/// Comparison keys for distinguished names.
///
/// DNs from one directory are consistent, but a `member` value, a `memberOf` value and an
/// entry's own DN may differ in case and in spaces after commas; comparing normalised keys
/// avoids missing a privileged membership over `CN=Domain Admins, CN=Users` vs `cn=domain admins,cn=users`.
public enum DistinguishedName {
    public static func key(_ dn: String) -> String {
        var out = ""
        out.reserveCapacity(dn.utf8.count)
        var escaped = false
        var pendingSpaces = ""
        var afterSeparator = true
        for ch in dn.lowercased() {
            if escaped {
                out.append(ch)
                escaped = false
                afterSeparator = false
                continue
            }
            switch ch {
            case "\\":
                out += pendingSpaces
                pendingSpaces = ""
                out.append(ch)
                escaped = true
                afterSeparator = false
            case " ":
                if !afterSeparator { pendingSpaces.append(ch) }
            case ",", "=", "+":
                pendingSpaces = ""
                out.append(ch)
                afterSeparator = true
            default:
                out += pendingSpaces
                pendingSpaces = ""
                out.append(ch)
                afterSeparator = false
            }
        }
        return out
    }

    /// The value of the first RDN (`CN=Domain Admins,CN=Users,…` → `Domain Admins`).
    public static func firstValue(_ dn: String) -> String {
        guard let eq = dn.firstIndex(of: "=") else { return dn }
        var value = ""
        var escaped = false
        for ch in dn[dn.index(after: eq)...] {
            if escaped { value.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "," || ch == "+" { break }
            value.append(ch)
        }
        return value.trimmingSpaces
    }
}
