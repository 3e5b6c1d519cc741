import RelayAuditCore
/// Tells directory products apart, from the root DSE when connected or from the entries of an
/// export when working offline.
public enum DirectoryKindDetector {
    /// `supportedCapabilities` value LDAP_CAP_ACTIVE_DIRECTORY_OID (also announced by Samba AD).
    static let activeDirectoryCapability = "1.2.840.113556.1.4.800"

    /// From the root DSE (`-s base -b ""` with `*` and `+`).
    public static func detect(rootDSE: DirectoryEntry) -> DirectoryKind {
        if rootDSE.strings("supportedCapabilities").contains(activeDirectoryCapability) { return .activeDirectory }
        let vendor = (rootDSE.string("vendorName") ?? "") + " " + (rootDSE.string("vendorVersion") ?? "")
        if vendor.contains("389") || vendor.lowercased().contains("fedora") || vendor.lowercased().contains("red hat") {
            return .ds389
        }
        if rootDSE.hasObjectClass("OpenLDAProotDSE") || rootDSE.has("olcConfigContext") || rootDSE.has("configContext") {
            return .openldap
        }
        return .unknown
    }

    /// From exported entries: the attributes each product writes betray it.
    public static func detect(entries: [DirectoryEntry]) -> DirectoryKind {
        var openldapHints = 0
        var ds389 = false
        for entry in entries {
            if entry.has("objectSid") || entry.has("sAMAccountName") || entry.hasObjectClass("domainDNS") {
                return .activeDirectory
            }
            if entry.has("ipaUniqueID") || entry.hasObjectClass("ipaObject") { return .freeipa }
            if Self.isZimbra(entry) { return .zimbra }
            if entry.has("nsUniqueId") || entry.has("nsAccountLock") || entry.hasObjectClass("nsContainer") { ds389 = true }
            if entry.has("entryCSN") || entry.has("pwdChangedTime") || entry.hasObjectClass("pwdPolicy")
                || entry.has("structuralObjectClass") || entry.has("pwdPolicySubentry") {
                openldapHints += 1
            }
        }
        if ds389 { return .ds389 }
        return openldapHints > 0 ? .openldap : .unknown
    }

    /// Refines a 389-ds answer once entries are seen: FreeIPA runs on 389-ds.
    public static func refine(_ kind: DirectoryKind, with entry: DirectoryEntry) -> DirectoryKind {
        if kind == .ds389, entry.has("ipaUniqueID") || entry.hasObjectClass("ipaObject") { return .freeipa }
        // Zimbra runs on OpenLDAP: its root DSE says OpenLDAP, its entries say Zimbra.
        if kind == .openldap || kind == .unknown, isZimbra(entry) { return .zimbra }
        return kind
    }

    /// An entry of Zimbra's schema: an account, a class of service or a Zimbra domain.
    static func isZimbra(_ entry: DirectoryEntry) -> Bool {
        entry.hasObjectClass("zimbraAccount") || entry.hasObjectClass("zimbraCOS") || entry.hasObjectClass("zimbraDomain")
    }
}
