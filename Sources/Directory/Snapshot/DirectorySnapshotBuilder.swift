public import RelayAuditCore
import Foundation

/// Builds a `DirectorySnapshot` from entries fed one at a time, from LDIF or from a paged
/// search alike, so the offline and the live path share every line of mapping logic.
///
/// Accounts are mapped as they arrive (nothing raw is kept); groups keep only their member
/// lists. For Active Directory the domain head object should come first so lockout state can
/// use the domain's lockout duration when the computed flag is missing.
public struct DirectorySnapshotBuilder {
    private var snapshot: DirectorySnapshot
    private let asOf: Instant
    private let privilegedGroupNames: [String]
    private var adMapper: ActiveDirectoryMapper
    private let ldapMapper: LDAPAccountMapper
    private var groups: [DirectoryGroup] = []
    private var ppolicyEntries: [DirectoryEntry] = []
    /// OpenLDAP's ppolicy overlay configuration (cn=config `olcPPolicyConfig`), when readable.
    private var ppolicyOverlays: [DirectoryEntry] = []
    /// Zimbra: classes of service, each domain's default one, and each account's own choice
    /// (its `zimbraCOSId` and mail domain), resolved once every entry is in.
    private var zimbraClasses: [DirectoryEntry] = []
    private var zimbraDomainDefaultCOS: [String: String] = [:]
    private var zimbraAccountCOS: [String: (cosID: String?, domain: String?)] = [:]

    /// `keepPasswordValues`: keep each account's stored userPassword values for the opt-in
    /// word-list check; otherwise only their schemes are kept.
    public init(kind: DirectoryKind, source: String, baseDN: String? = nil, asOf: Instant, privilegedGroupNames: [String],
                keepPasswordValues: Bool = false) {
        ldapMapper = LDAPAccountMapper(keepPasswordValues: keepPasswordValues, asOf: asOf)
        snapshot = DirectorySnapshot(kind: kind, source: source)
        snapshot.baseDN = baseDN
        self.asOf = asOf
        self.privilegedGroupNames = privilegedGroupNames
        adMapper = ActiveDirectoryMapper.forDomain(nil, asOf: asOf)
    }

    public var kind: DirectoryKind { snapshot.kind }

    /// Adds one entry of any type; entries that are neither accounts, groups nor policies are ignored.
    public mutating func add(_ entry: DirectoryEntry) {
        if snapshot.kind == .unknown {
            // An export: the first entry that betrays its product decides the mapping.
            snapshot.kind = DirectoryKindDetector.detect(entries: [entry])
        }
        snapshot.kind = DirectoryKindDetector.refine(snapshot.kind, with: entry)
        if snapshot.kind == .activeDirectory {
            addActiveDirectory(entry)
        } else {
            addLDAP(entry)
        }
    }

    private mutating func addActiveDirectory(_ entry: DirectoryEntry) {
        if entry.hasObjectClass("domainDNS") {
            adMapper = ActiveDirectoryMapper.forDomain(entry, asOf: asOf)
            snapshot.policies.insert(adMapper.domainPolicy(from: entry), at: 0)
            if let sid = entry.values("objectSid").first.flatMap({ SecurityIdentifier(bytes: $0) }) {
                snapshot.domainSID = sid.description
            }
            if snapshot.baseDN == nil { snapshot.baseDN = entry.dn }
        } else if entry.hasObjectClass("msDS-PasswordSettings") {
            snapshot.policies.append(adMapper.fineGrainedPolicy(from: entry))
        } else if let group = DirectoryGroup.from(entry) {
            groups.append(group)
        } else if ActiveDirectoryMapper.isUserAccount(entry) {
            snapshot.accounts.append(adMapper.account(from: entry))
        }
    }

    private mutating func addLDAP(_ entry: DirectoryEntry) {
        if ZimbraMapper.isClassOfService(entry) {
            zimbraClasses.append(entry)
            return
        }
        if ZimbraMapper.isDomain(entry), let name = entry.string("zimbraDomainName") {
            if let cos = entry.string("zimbraDomainDefaultCOSId") { zimbraDomainDefaultCOS[name.lowercased()] = cos }
            if !LDAPAccountMapper.isUserAccount(entry) { return }
        }
        if ZimbraMapper.isAccount(entry) {
            let address = entry.string("zimbraMailDeliveryAddress") ?? entry.string("mail")
            let domain = address.flatMap { $0.split(separator: "@").last.map { $0.lowercased() } }
            zimbraAccountCOS[DistinguishedName.key(entry.dn)] = (entry.string("zimbraCOSId"), domain)
        }
        if entry.hasObjectClass("olcPPolicyConfig") {
            ppolicyOverlays.append(entry)
        } else if entry.hasObjectClass("pwdPolicy") || entry.hasObjectClass("krbPwdPolicy") || LDAPAccountMapper.isDS389Policy(entry) {
            ppolicyEntries.append(entry)
        } else if let group = DirectoryGroup.from(entry) {
            groups.append(group)
        } else if LDAPAccountMapper.isUserAccount(entry) {
            snapshot.accounts.append(ldapMapper.account(from: entry))
        }
    }

    /// Resolves privilege, policies and logon bookkeeping, and returns the snapshot.
    public mutating func finish() -> DirectorySnapshot {
        var result = snapshot
        if result.kind == .activeDirectory, result.domainSID == nil {
            // An export without the domain head: derive the domain SID from the accounts.
            result.domainSID = result.accounts.compactMap { $0.sid.flatMap(SecurityIdentifier.init(string:))?.domainPart }.first
        }
        if result.kind != .activeDirectory {
            result.policies = resolvePPolicies(accounts: &result.accounts)
        }
        if result.kind == .zimbra {
            result.policies += resolveZimbraClasses(accounts: &result.accounts)
            if zimbraClasses.isEmpty {
                result.notes.append("Zimbra's classes of service (\(ZimbraMapper.classOfServiceBase)) were not read: the password policy (maximum age, length, lockout) is unknown; bind as an admin that may read them, or export cn=cos,cn=zimbra with the accounts")
            }
        }
        Self.applyPolicyExemptions(&result)
        result.privilegedGroups = PrivilegeResolver(domainSID: result.domainSID, privilegedGroupNames: privilegedGroupNames)
            .resolve(accounts: &result.accounts, groups: groups)
        result.groupCount = groups.count

        if result.kind != .activeDirectory, !result.accounts.contains(where: { $0.lastLogonSource != nil }) {
            result.lastLogonRecorded = false
            for index in result.accounts.indices { result.accounts[index].lastLogonRecorded = false }
            result.notes.append("the directory records no last-logon time (no lastbind overlay or olcLastBind): staleness is not measurable from the directory; the mail logs carry it")
        }
        if result.kind == .freeipa, !result.policies.contains(where: { $0.origin == .kerberos }) {
            result.notes.append("FreeIPA's Kerberos password policy (cn=global_policy,cn=REALM,cn=kerberos) was not read: the bind needs read access to krbPwdPolicy entries")
        } else if result.kind == .ds389,
           !result.policies.contains(where: { DistinguishedName.key($0.dn) == DistinguishedName.key("cn=config") }) {
            result.notes.append("389-ds's global password policy (cn=config) was not read: give the bind read access to cn=config's password* attributes (or export cn=config with the accounts); accounts without a local policy are judged without it")
        }
        if result.kind == .activeDirectory, result.policies.first(where: { $0.origin == .domain }) == nil {
            result.notes.append("the domain object was not read: the domain password policy is unknown")
        }
        let readPolicies = Set(result.policies.map { DistinguishedName.key($0.dn) })
        var unreadablePolicies: [String: Int] = [:]
        for account in result.accounts {
            if let dn = account.passwordPolicyDN, !readPolicies.contains(DistinguishedName.key(dn)) {
                unreadablePolicies[dn, default: 0] += 1
            }
        }
        for (dn, count) in unreadablePolicies.sorted(by: { $0.key < $1.key }) {
            let why = switch result.kind {
            case .activeDirectory: "Active Directory lets only Domain Admins or delegated readers see fine-grained policies"
            case .ds389, .freeipa: "389-ds local policies are ldapSubEntry entries: the bind needs read access to them"
            default: "the bind may not read the policy entry"
            }
            result.notes.append("the password policy '\(dn)' governs \(count) account(s) but could not be read (\(why)): its settings are not checked")
        }
        let unreadable = result.unreadableAccountCount
        if unreadable > 0 {
            result.notes.append("\(unreadable) account(s) have an unreadable userAccountControl: their state is unknown (the bind may lack read rights)")
        }
        // Sorted by keys made once (not two lower-cased names per comparison), then moved into
        // place once (not swapped around while sorting).
        let keys = result.accounts.map { ($0.name.lowercased(), $0.dn) }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        result.accounts = order.map { result.accounts[$0] }
        return result
    }

    /// Turns ppolicy entries into policies and applies each account's effective policy.
    ///
    /// Without access to cn=config the overlay's `olcPPolicyDefault` is unknown; the default
    /// is taken to be the policy named `cn=default…`, or the only policy when there is one.
    private func resolvePPolicies(accounts: inout [Account]) -> [PasswordPolicyFacts] {
        guard !ppolicyEntries.isEmpty else { return [] }
        // The overlay's own olcPPolicyDefault when cn=config was read; 389-ds: the global
        // policy in cn=config; otherwise a ppolicy named default.
        let configured = ppolicyOverlays.compactMap { $0.string("olcPPolicyDefault") }.first.map(DistinguishedName.key)
        // FreeIPA: the realm's Kerberos global_policy, which IPA enforces rather than 389's own.
        let defaultIndex = configured.flatMap { key in ppolicyEntries.firstIndex { DistinguishedName.key($0.dn) == key } }
            ?? ppolicyEntries.firstIndex { $0.hasObjectClass("krbPwdPolicy") && DistinguishedName.firstValue($0.dn).lowercased() == "global_policy" }
            ?? ppolicyEntries.firstIndex { DistinguishedName.key($0.dn) == DistinguishedName.key("cn=config") }
            ?? ppolicyEntries.firstIndex { DistinguishedName.firstValue($0.dn).lowercased() == "default" }
            ?? (ppolicyEntries.count == 1 ? 0 : nil)
        var policies = ppolicyEntries.enumerated().map { index, entry in
            entry.hasObjectClass("pwdPolicy") ? ldapMapper.ppolicy(from: entry, isDefault: index == defaultIndex)
                : entry.hasObjectClass("krbPwdPolicy") ? ldapMapper.kerberosPolicy(from: entry, isDefault: index == defaultIndex)
                : ldapMapper.ds389Policy(from: entry, isDefault: index == defaultIndex)
        }
        if let overlay = ppolicyOverlays.first {
            // One setting of the overlay, so of every ppolicy policy it enforces.
            let hashes = overlay.string("olcPPolicyHashCleartext").map { $0.uppercased() == "TRUE" } ?? false
            for index in policies.indices where policies[index].origin == .ppolicy { policies[index].hashesCleartextOnModify = hashes }
        }
        policies.sort { $0.isDefault && !$1.isDefault }
        let byKey = Dictionary(policies.map { (DistinguishedName.key($0.dn), $0) }, uniquingKeysWith: { a, _ in a })
        let fallback = policies.first { $0.isDefault }
        for index in accounts.indices {
            let named = accounts[index].passwordPolicyDN.flatMap { byKey[DistinguishedName.key($0)] }
            guard let effective = named ?? fallback else { continue }
            if named != nil { accounts[index].passwordPolicyDN = effective.dn }
        }
        return policies
    }

    /// Zimbra: each account's class of service (its own `zimbraCOSId`, else its domain's
    /// default, else the COS named `default`) becomes its password policy.
    private func resolveZimbraClasses(accounts: inout [Account]) -> [PasswordPolicyFacts] {
        guard !zimbraClasses.isEmpty else { return [] }
        let defaultIndex = zimbraClasses.firstIndex { DistinguishedName.firstValue($0.dn).lowercased() == "default" }
            ?? (zimbraClasses.count == 1 ? 0 : nil)
        let policies = zimbraClasses.enumerated().map { ZimbraMapper.policy(from: $1, isDefault: $0 == defaultIndex) }
        var byID: [String: String] = [:]
        for entry in zimbraClasses {
            if let id = entry.string("zimbraId") { byID[id.lowercased()] = entry.dn }
        }
        let fallback = defaultIndex.map { zimbraClasses[$0].dn }
        for index in accounts.indices {
            guard let choice = zimbraAccountCOS[DistinguishedName.key(accounts[index].dn)] else { continue }
            let named = choice.cosID.flatMap { byID[$0.lowercased()] }
                ?? choice.domain.flatMap { zimbraDomainDefaultCOS[$0] }.flatMap { byID[$0.lowercased()] }
            accounts[index].passwordPolicyDN = named ?? fallback
        }
        return policies.sorted { $0.isDefault && !$1.isDefault }
    }

    /// An account governed by a policy without expiry while the default policy has one was
    /// exempted on purpose (AD fine-grained PSO, ppolicy pwdPolicySubentry): its password
    /// never expires, like DONT_EXPIRE_PASSWORD.
    static func applyPolicyExemptions(_ snapshot: inout DirectorySnapshot) {
        guard let defaultAge = snapshot.defaultPolicy?.maxAgeDays, defaultAge != 0 else { return }
        var byKey: [String: PasswordPolicyFacts] = [:]
        for policy in snapshot.policies { byKey[DistinguishedName.key(policy.dn)] = policy }
        for index in snapshot.accounts.indices {
            guard !snapshot.accounts[index].passwordNeverExpires,
                  let dn = snapshot.accounts[index].passwordPolicyDN,
                  let policy = byKey[DistinguishedName.key(dn)], !policy.isDefault, policy.maxAgeDays == 0
            else { continue }
            snapshot.accounts[index].passwordNeverExpires = true
            snapshot.accounts[index].passwordNeverExpiresReason = "password policy '\(dn)' has no maximum age"
        }
    }
}
