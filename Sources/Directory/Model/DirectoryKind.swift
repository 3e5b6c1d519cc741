import RelayAuditCore
/// The directory products the reader tells apart; the raw values are the interface's spelling.
public enum DirectoryKind: String, Sendable, CaseIterable {
    case activeDirectory = "active-directory"
    case openldap
    case ds389 = "389ds"
    case freeipa
    /// OpenLDAP carrying Zimbra's schema: Zimbra's own status, password and policy attributes.
    case zimbra
    case unknown

    /// A name for people.
    public var displayName: String {
        switch self {
        case .activeDirectory: "Active Directory"
        case .openldap: "OpenLDAP"
        case .ds389: "389 Directory Server"
        case .freeipa: "FreeIPA"
        case .zimbra: "Zimbra (OpenLDAP)"
        case .unknown: "LDAP directory"
        }
    }
}
