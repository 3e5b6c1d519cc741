import RelayAuditCore
/// The `userAccountControl` bits the rules read (KB 305144, MS-ADTS 2.2.16), and the
/// constructed `msDS-User-Account-Control-Computed` bits that replaced LOCKOUT and
/// PASSWORD_EXPIRED in the stored value since Windows Server 2003.
public struct UserAccountControl: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let accountDisable = Self(rawValue: 0x2)
    /// Computed attribute only (since W2003): the account is locked out now.
    public static let lockout = Self(rawValue: 0x10)
    public static let passwordNotRequired = Self(rawValue: 0x20)
    public static let encryptedTextPasswordAllowed = Self(rawValue: 0x80)
    public static let normalAccount = Self(rawValue: 0x200)
    public static let interdomainTrustAccount = Self(rawValue: 0x800)
    public static let workstationTrustAccount = Self(rawValue: 0x1000)
    public static let serverTrustAccount = Self(rawValue: 0x2000)
    public static let dontExpirePassword = Self(rawValue: 0x10000)
    public static let smartcardRequired = Self(rawValue: 0x40000)
    public static let dontRequirePreauth = Self(rawValue: 0x400000)
    /// Computed attribute only: the password has expired.
    public static let passwordExpired = Self(rawValue: 0x800000)

    /// Trust and computer accounts legitimately carry PASSWD_NOTREQD and are not people.
    public var isTrustOrComputer: Bool {
        !intersection([.interdomainTrustAccount, .workstationTrustAccount, .serverTrustAccount]).isEmpty
    }
}
