/// Mail domains (of recipients and envelope senders), each stored once and known by a number.
///
/// Every recipient of every message is counted per identity and day; keyed by name, each
/// count held its own copy of the domain (a String per entry, thousands per busy account).
/// By number, an entry is four bytes, and finding a known domain makes no String: the lookup
/// is by a Substring of the recipient.
public struct DomainTable: Sendable {
    private var ids: [Substring: UInt32] = [:]
    /// Lower-cased names, indexed by id.
    public private(set) var names: [String] = []

    public init() {}

    /// The id standing for "no domain" (a sender without `@`, the null sender).
    public static let noDomain = UInt32.max

    /// The id of the (lower-cased) domain of `address`, added if new; nil when the address has
    /// no domain (as `DomainClassifier.domain(of:)`).
    public mutating func id(ofAddress address: String) -> UInt32? {
        let utf8 = address.utf8
        guard let at = utf8.lastIndex(of: UInt8(ascii: "@")) else { return nil }
        let start = utf8.index(after: at)
        guard start < utf8.endIndex else { return nil }
        var domain = address[start...]
        if !DomainClassifier.isLowerASCII(domain.utf8) { domain = Substring(domain.lowercased()) }
        if let id = ids[domain] { return id }
        let id = UInt32(names.count)
        let name = String(domain)
        names.append(name)
        // Keyed by the stored name, so the table does not keep the recipient's String alive.
        ids[Substring(name)] = id
        return id
    }
}
