import RelayAuditCore
/// How a stored password value is protected: what an attacker who reads the directory (or a
/// backup of it) has to do to recover the password. The hash itself is never kept or printed.
public struct PasswordStorage: Sendable, Equatable {
    public enum Strength: String, Sendable {
        /// The password itself is stored.
        case cleartext
        /// A fast or unsalted digest, DES crypt or MD5 crypt: cracked at GPU speed.
        case weak
        /// A salted, slow or modern scheme.
        case strong
    }

    /// Normalised scheme name, e.g. `SSHA`, `CRYPT-DES`, `CRYPT-SHA512`, `PBKDF2-SHA512`, `CLEARTEXT`.
    public var scheme: String
    public var strength: Strength
    /// The attribute the value was stored in (`userPassword`, `unixUserPassword`).
    public var attribute: String

    public init(scheme: String, strength: Strength, attribute: String) {
        self.scheme = scheme
        self.strength = strength
        self.attribute = attribute
    }
}
