/// Tells the organization's own mail domains from everyone else's.
///
/// The policy's `organization.domains` come first. When it lists none, the logs say which
/// domains are local: those of SMTP AUTH logins written as addresses, and those of recipients
/// delivered to a local mailbox (lmtp, local, virtual, Dovecot). A subdomain of an own domain
/// is own.
public struct DomainClassifier: Sendable {
    public private(set) var ownDomains: Set<String>

    public init(ownDomains: Set<String>) { self.ownDomains = Set(ownDomains.map { $0.lowercased() }) }

    public func isOwn(_ domain: String) -> Bool {
        var candidate = Substring(domain)
        while true {
            if ownDomains.contains(String(candidate)) { return true }
            guard let dot = candidate.firstIndex(of: ".") else { return false }
            candidate = candidate[candidate.index(after: dot)...]
        }
    }

    /// The lower-cased domain of an address, or nil.
    public static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : domain.lowercased()
    }

    /// The lower-cased local part of an address (the whole value when it has no `@`).
    public static func localPart(of address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return address.lowercased() }
        return address[..<at].lowercased()
    }
}
