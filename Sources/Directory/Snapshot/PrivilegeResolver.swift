import RelayAuditCore
/// Works out which accounts are privileged: members, direct or through nested groups, of a
/// privileged group, plus the built-in Administrator and krbtgt.
///
/// Active Directory's protected groups are recognised by SID (Domain Admins is RID 512 in any
/// language); other directories' by the group names the policy lists. Membership through
/// `primaryGroupID` does not show in `member`, so it is checked separately.
public struct PrivilegeResolver: Sendable {
    public var domainSID: String?
    public var privilegedGroupNames: Set<String>

    public init(domainSID: String?, privilegedGroupNames: [String]) {
        self.domainSID = domainSID
        self.privilegedGroupNames = Set(privilegedGroupNames.map { $0.lowercased() })
    }

    /// Whether a group is privileged by itself (not through nesting).
    public func isPrivileged(_ group: DirectoryGroup) -> Bool {
        if let sid = group.sid, let rid = sid.rid {
            if sid.isBuiltin, WellKnownRID.privilegedBuiltinGroups.contains(rid) { return true }
            if let domainSID, sid.domainPart == domainSID, WellKnownRID.privilegedDomainGroups.contains(rid) { return true }
        }
        return privilegedGroupNames.contains(group.name.lowercased())
    }

    /// Marks `accounts` privileged in place, recording the chain of group names; returns the
    /// privileged groups, those nested in them included, with the chain that makes each one so.
    @discardableResult
    public func resolve(accounts: inout [Account], groups: [DirectoryGroup]) -> [PrivilegedGroup] {
        var groupsByKey: [String: DirectoryGroup] = [:]
        for group in groups { groupsByKey[DistinguishedName.key(group.dn)] = group }

        // Breadth-first from each privileged group down through nested groups. `via` holds the
        // names from the group an account is directly in, outward to the privileged group.
        var via: [String: [String]] = [:]  // group key → chain
        var queue: [(String, [String])] = []
        for group in groups where isPrivileged(group) {
            let key = DistinguishedName.key(group.dn)
            via[key] = [group.name]
            queue.append((key, [group.name]))
        }
        var memberChains: [String: [String]] = [:]  // member DN key → shortest chain
        var nameChains: [String: [String]] = [:]  // memberUid → chain
        var head = 0
        while head < queue.count {
            let (key, chain) = queue[head]
            head += 1
            guard let group = groupsByKey[key] else { continue }
            for member in group.members {
                let memberKey = DistinguishedName.key(member)
                if let nested = groupsByKey[memberKey] {
                    if via[memberKey] == nil {
                        let nestedChain = [nested.name] + chain
                        via[memberKey] = nestedChain
                        queue.append((memberKey, nestedChain))
                    }
                } else if memberChains[memberKey] == nil {
                    memberChains[memberKey] = chain
                }
            }
            for name in group.memberNames where nameChains[name.lowercased()] == nil {
                nameChains[name.lowercased()] = chain
            }
        }

        let privilegedPrimaryGroups = WellKnownRID.privilegedDomainGroups
        // In place, and the DN key and lower-cased name only made when some chain could match:
        // copying each account out and back (and keying every DN of a directory without
        // privileged groups) was most of the cost on a large directory.
        for index in accounts.indices {
            var chain: [String]?
            if accounts[index].isBuiltinAdministrator {
                chain = ["built-in Administrator (RID 500)"]
            } else if accounts[index].isKrbtgt {
                chain = ["krbtgt (RID 502)"]
            } else if !memberChains.isEmpty, let direct = memberChains[DistinguishedName.key(accounts[index].dn)] {
                chain = direct
            } else if !nameChains.isEmpty, let byName = nameChains[accounts[index].name.lowercased()] {
                chain = byName
            } else if let rid = accounts[index].primaryGroupRID, privilegedPrimaryGroups.contains(rid) {
                chain = ["primary group RID \(rid)"]
            } else {
                // A memberOf value naming a privileged group whose member list was not readable.
                for groupDN in accounts[index].memberOf {
                    if let groupChain = via[DistinguishedName.key(groupDN)] {
                        chain = groupChain
                        break
                    }
                    if groupsByKey[DistinguishedName.key(groupDN)] == nil,
                       privilegedGroupNames.contains(DistinguishedName.firstValue(groupDN).lowercased()) {
                        chain = [DistinguishedName.firstValue(groupDN)]
                        break
                    }
                }
            }
            if let chain {
                accounts[index].privileged = true
                accounts[index].privilegedVia = chain
            }
        }
        return groups.compactMap { group in
            via[DistinguishedName.key(group.dn)].map { PrivilegedGroup(group: group, via: $0) }
        }.sorted { $0.group.name < $1.group.name }
    }
}
