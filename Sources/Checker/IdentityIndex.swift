public import Directory

/// Finds the directory account behind an SMTP AUTH identity as the MTA logged it.
///
/// An identity may be the login name (sAMAccountName, uid), `DOMAIN\name`, the
/// userPrincipalName, or any mail address of the account (`mail`, every `proxyAddresses`
/// entry, `mailAlternateAddress`, `mailLocalAddress`). Both AD and OpenLDAP compare these names
/// case-insensitively, and so does the index. Lookups are local and exact over the loaded
/// model: a name typed by an attacker (`*)(uid=*`) is a string to compare, never a filter.
public struct IdentityIndex: Sendable {
    private var byKey: [String: [Int]] = [:]
    private var byName: [String: [Int]] = [:]
    /// The directory's DNS domain (AD: from the base DN), under which `name@domain` is `name`.
    public let directoryDomain: String?

    public init(snapshot: DirectorySnapshot) {
        directoryDomain = snapshot.baseDN.flatMap(Self.dnsDomain)
        for (index, account) in snapshot.accounts.enumerated() {
            byName[account.name.lowercased(), default: []].append(index)
            var keys = Set([account.name.lowercased()])
            if let upn = account.userPrincipalName { keys.insert(upn.lowercased()) }
            for address in account.mail { keys.insert(address.lowercased()) }
            for key in keys { byKey[key, default: []].append(index) }
        }
    }

    /// The DNS domain of `DC=corp,DC=example,DC=test`: `corp.example.test`.
    static func dnsDomain(_ dn: String) -> String? {
        let parts = dn.split(separator: ",").compactMap { part -> String? in
            let trimmed = part.trimmingSpaceCharacters
            guard trimmed.lowercased().hasPrefix("dc=") else { return nil }
            return String(trimmed.dropFirst(3)).lowercased()
        }
        return parts.isEmpty ? nil : parts.joined(separator: ".")
    }

    /// What an identity resolved to.
    public enum Resolution: Equatable, Sendable {
        case account(Int)
        /// Several accounts carry the identity (a shared alias): not attributed.
        case ambiguous([Int])
        case notFound
    }

    /// Resolves `identity`; `ownDomains` are the organization's mail domains.
    public func resolve(_ identity: String, ownDomains: Set<String> = []) -> Resolution {
        let key = identity.lowercased()
        if let hits = byKey[key] { return Self.resolution(hits) }
        if let slash = key.lastIndex(of: "\\") {
            return Self.resolution(byName[String(key[key.index(after: slash)...])] ?? [])
        }
        if let at = key.lastIndex(of: "@") {
            let domain = String(key[key.index(after: at)...])
            if domain == directoryDomain || ownDomains.contains(domain) {
                return Self.resolution(byName[String(key[..<at])] ?? [])
            }
        }
        return .notFound
    }

    static func resolution(_ hits: [Int]) -> Resolution {
        switch Set(hits).count {
        case 0: .notFound
        case 1: .account(hits[0])
        default: .ambiguous(Array(Set(hits)).sorted())
        }
    }
}

extension Substring {
    var trimmingSpaceCharacters: String {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
