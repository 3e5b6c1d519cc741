import RelayAuditCore
/// Classifies a stored `userPassword` value by its scheme without keeping the hash.
///
/// OpenLDAP stores a `userPassword` written by a plain LDAP add or modify exactly as given
/// unless `olcPPolicyHashCleartext` is on, so unprefixed values (and `{CLEARTEXT}`, 389's
/// `{CLEAR}`) are the password itself. Fast digests (`{MD5}`, `{SHA}`, salted or not) and
/// DES/MD5 crypt fall to GPU cracking; salted slow schemes do not.
public enum PasswordSchemeClassifier {
    public static func classify(_ value: [UInt8], attribute: String) -> PasswordStorage {
        guard value.first == UInt8(ascii: "{"), let close = value.firstIndex(of: UInt8(ascii: "}")), close > 1 else {
            return PasswordStorage(scheme: "CLEARTEXT", strength: .cleartext, attribute: attribute)
        }
        // 389-ds spells some schemes with `_` (PBKDF2_SHA256), OpenLDAP with `-`.
        let scheme = String(String(decoding: value[1..<close], as: UTF8.self).uppercased().map { $0 == "_" ? "-" : $0 })
        let rest = Array(value[(close + 1)...])
        switch scheme {
        case "CLEARTEXT", "CLEAR", "PLAIN":
            return PasswordStorage(scheme: "CLEARTEXT", strength: .cleartext, attribute: attribute)
        case "CRYPT":
            let (name, strength) = cryptVariant(rest)
            return PasswordStorage(scheme: name, strength: strength, attribute: attribute)
        case "MD5", "SMD5", "SHA", "SSHA", "SHA256", "SHA384", "SHA512", "NS-MTA-MD5", "MD4":
            return PasswordStorage(scheme: scheme, strength: .weak, attribute: attribute)
        case "SSHA256", "SSHA384", "SSHA512":
            return PasswordStorage(scheme: scheme, strength: .strong, attribute: attribute)
        case _ where scheme.hasPrefix("PBKDF2") || scheme.hasPrefix("ARGON2"):
            return PasswordStorage(scheme: scheme.hasPrefix("ARGON2") ? "ARGON2" : scheme, strength: .strong, attribute: attribute)
        case "SASL", "K5KEY", "KERBEROS":
            // Verified elsewhere (saslauthd, the KDC): nothing crackable is stored here.
            return PasswordStorage(scheme: scheme, strength: .strong, attribute: attribute)
        default:
            return PasswordStorage(scheme: scheme, strength: .weak, attribute: attribute)
        }
    }

    /// Names the crypt(3) variant from the hash prefix.
    static func cryptVariant(_ hash: [UInt8]) -> (String, PasswordStorage.Strength) {
        let text = String(decoding: hash.prefix(10), as: UTF8.self)
        if text.hasPrefix("$1$") { return ("CRYPT-MD5", .weak) }
        if text.hasPrefix("$5$") { return ("CRYPT-SHA256", .strong) }
        if text.hasPrefix("$6$") { return ("CRYPT-SHA512", .strong) }
        if text.hasPrefix("$y$") || text.hasPrefix("$7$") { return ("CRYPT-YESCRYPT", .strong) }
        if text.hasPrefix("$2a$") || text.hasPrefix("$2b$") || text.hasPrefix("$2y$") { return ("CRYPT-BCRYPT", .strong) }
        if text.hasPrefix("$argon2") { return ("ARGON2", .strong) }
        if text.hasPrefix("_") { return ("CRYPT-BSDI-DES", .weak) }
        if hash.count == 13 { return ("CRYPT-DES", .weak) }
        return ("CRYPT-UNKNOWN", .weak)
    }
}
