public import Directory
public import MailLogs

/// The directory's accounts by what an audit trail names them with (SID, DN, login name), built
/// once (targets and actors alike): a DC's trail holds a 4738 for every password change, and finding each one's account
/// by scanning tens of thousands of accounts would be quadratic. Answers exactly as
/// `DirectoryTrail.names` decides, one account at a time.
public struct TrailAccountIndex: Sendable {
    private let accounts: [Account]
    private var bySID: [String: Int] = [:]
    private var byDN: [String: Int] = [:]
    private var byName: [String: Int] = [:]

    public init(_ snapshot: DirectorySnapshot) {
        accounts = snapshot.accounts
        for (index, account) in accounts.enumerated() {
            if let sid = account.sid { bySID[sid.uppercased()] = bySID[sid.uppercased()] ?? index }
            let dn = DistinguishedName.key(account.dn)
            byDN[dn] = byDN[dn] ?? index
            let name = account.name.lowercased()
            byName[name] = byName[name] ?? index
        }
    }

    /// The account a change acted on, when the directory holds it.
    public func account(for change: DirectoryChange?) -> Account? {
        guard let change else { return nil }
        if let id = change.targetID {
            if id.uppercased().hasPrefix("S-1-") {
                if let index = bySID[id.uppercased()] { return accounts[index] }
                // An account with a SID is named by it alone; one without, by its name below.
                return byNameWithoutSID(change.target)
            }
            if id.contains("=") { return byDN[DistinguishedName.key(id)].map { accounts[$0] } }
        }
        guard let target = change.target else { return nil }
        return byName[DirectoryTrail.bare(target).lowercased()].map { accounts[$0] }
    }

    /// The account of an actor as the trail names it: a SID (Samba, a Windows Subject), or a
    /// login (`CORP\it.support`).
    public func account(actor: String) -> Account? {
        account(for: DirectoryChange(target: actor, targetID: actor.uppercased().hasPrefix("S-1-") ? actor : nil))
    }

    private func byNameWithoutSID(_ target: String?) -> Account? {
        guard let target, let index = byName[DirectoryTrail.bare(target).lowercased()], accounts[index].sid == nil else { return nil }
        return accounts[index]
    }
}
