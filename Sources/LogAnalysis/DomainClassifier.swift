/// Tells the organization's own mail domains from everyone else's.
///
/// The policy's `organization.domains` come first. When it lists none, the logs say which
/// domains are local: those of SMTP AUTH logins written as addresses, and those of recipients
/// delivered to a local mailbox (lmtp, local, virtual, Dovecot). A subdomain of an own domain
/// is own.
public struct DomainClassifier: Sendable {
    public private(set) var ownDomains: Set<String>
    /// The same names as Substrings, so each suffix of a domain is looked up without making a
    /// String of it: this runs for every recipient domain of every account.
    private let ownSuffixes: Set<Substring>

    public init(ownDomains: Set<String>) {
        self.ownDomains = Set(ownDomains.map { $0.lowercased() })
        ownSuffixes = Set(self.ownDomains.map { Substring($0) })
    }

    public func isOwn(_ domain: String) -> Bool {
        var candidate = Substring(domain)
        while true {
            if ownSuffixes.contains(candidate) { return true }
            guard let dot = candidate.firstIndex(of: ".") else { return false }
            candidate = candidate[candidate.index(after: dot)...]
        }
    }

    /// The lower-cased domain of an address, or nil. Searched on the UTF-8 view: this runs for
    /// every recipient of every message, and Character-level search is several times slower.
    public static func domain(of address: String) -> String? {
        let utf8 = address.utf8
        guard let at = utf8.lastIndex(of: UInt8(ascii: "@")) else { return nil }
        let start = utf8.index(after: at)
        guard start < utf8.endIndex else { return nil }
        return lowercased(address[start...])
    }

    /// The lower-cased local part of an address (the whole value when it has no `@`).
    public static func localPart(of address: String) -> String {
        guard let at = address.utf8.lastIndex(of: UInt8(ascii: "@")) else { return lowercased(Substring(address)) }
        return lowercased(address[..<at])
    }

    /// `lowercased()`, without its Unicode machinery when the text is ASCII and already lower case.
    static func lowercased(_ text: Substring) -> String {
        isLowerASCII(text.utf8) ? String(text) : text.lowercased()
    }

    /// ASCII without capitals: text that `lowercased()` would return unchanged. Logins, domains
    /// and local parts nearly always are, and are then used as they are (no copy).
    static func isLowerASCII<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) }
    }
}
