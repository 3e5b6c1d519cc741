import RelayAuditCore
/// A password policy as the directory states it: the AD domain policy, one fine-grained
/// password settings object, one OpenLDAP ppolicy entry, or 389-ds's global (cn=config) or
/// local (`passwordPolicy`) policy.
///
/// Nil members are "not set by this policy".
public struct PasswordPolicyFacts: Sendable, Equatable {
    public enum Origin: String, Sendable {
        case domain
        case fineGrained = "fine-grained"
        case ppolicy
        case ds389 = "389ds"
        /// FreeIPA's Kerberos password policy (`krbPwdPolicy`: global_policy and group policies).
        case kerberos
        /// A Zimbra class of service (`zimbraCOS`): Zimbra enforces it at every login.
        case zimbraCOS = "zimbra-cos"
    }

    public var origin: Origin
    /// DN of the policy object.
    public var dn: String
    /// Maximum password age in days; 0 means passwords never expire.
    public var maxAgeDays: Int?
    public var minLength: Int?
    /// Failed attempts before lockout; 0 means no lockout.
    public var lockoutThreshold: Int?
    public var complexity: Bool?
    /// Passwords stored with reversible encryption (AD pwdProperties bit 16 / PSO flag).
    public var reversibleEncryption: Bool?
    public var historyLength: Int?
    /// The scheme new passwords are stored with (389-ds `passwordStorageScheme`), normalised
    /// as `PasswordSchemeClassifier` names it.
    public var storageScheme: String?
    /// OpenLDAP: whether the ppolicy overlay hashes a `userPassword` written by a plain modify
    /// (`olcPPolicyHashCleartext`); nil when cn=config could not be read.
    public var hashesCleartextOnModify: Bool?
    /// Whether this is the policy that applies when nothing else does.
    public var isDefault: Bool

    public init(origin: Origin, dn: String, isDefault: Bool) {
        self.origin = origin
        self.dn = dn
        self.isDefault = isDefault
    }
}
