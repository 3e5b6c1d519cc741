import RelayAuditCore
/// Relative ids Windows assigns to built-in accounts and groups (MS-DTYP 2.4.2.4).
///
/// The Guest and Administrator accounts are routinely renamed; identifying them by RID is the
/// only reliable way (PingCastle, MDI and Tenable all do).
public enum WellKnownRID {
    public static let administrator: UInt32 = 500
    public static let guest: UInt32 = 501
    public static let krbtgt: UInt32 = 502
    public static let domainAdmins: UInt32 = 512
    public static let domainUsers: UInt32 = 513
    public static let domainGuests: UInt32 = 514
    public static let schemaAdmins: UInt32 = 518
    public static let enterpriseAdmins: UInt32 = 519

    /// Domain-relative groups whose members are protected (MS-ADTS 3.1.1.6.1.2).
    public static let privilegedDomainGroups: Set<UInt32> = [domainAdmins, schemaAdmins, enterpriseAdmins]

    /// Builtin groups (S-1-5-32-RID) whose members are protected: Administrators, Account,
    /// Server, Print and Backup Operators, Replicator.
    public static let privilegedBuiltinGroups: Set<UInt32> = [544, 548, 549, 550, 551, 552]
}
