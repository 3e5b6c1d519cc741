import RelayAuditCore
/// A Windows SID decoded from the binary `objectSid` (MS-DTYP 2.4.2.2): revision, sub-authority
/// count, a 48-bit big-endian identifier authority, then little-endian 32-bit sub-authorities.
public struct SecurityIdentifier: Sendable, Equatable, CustomStringConvertible {
    public var authority: UInt64
    public var subAuthorities: [UInt32]

    /// Decodes the binary form; nil when the bytes are not a SID.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 8, bytes[0] == 1 else { return nil }
        let count = Int(bytes[1])
        guard count <= 15, bytes.count == 8 + 4 * count else { return nil }
        var authority: UInt64 = 0
        for i in 2..<8 { authority = authority << 8 | UInt64(bytes[i]) }
        self.authority = authority
        subAuthorities = (0..<count).map { k in
            let o = 8 + 4 * k
            return UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
        }
    }

    /// Parses the string form `S-1-5-21-…`.
    public init?(string: String) {
        let parts = string.split(separator: "-")
        guard parts.count >= 3, parts[0] == "S" || parts[0] == "s", parts[1] == "1",
              let authority = UInt64(parts[2]) else { return nil }
        var subs: [UInt32] = []
        for part in parts.dropFirst(3) {
            guard let v = UInt32(part) else { return nil }
            subs.append(v)
        }
        self.authority = authority
        subAuthorities = subs
    }

    /// The relative id: the last sub-authority.
    public var rid: UInt32? { subAuthorities.last }

    /// The SID without its RID (for an account, the domain SID).
    public var domainPart: String {
        (["S", "1", String(authority)] + subAuthorities.dropLast().map(String.init)).joined(separator: "-")
    }

    /// True for S-1-5-32-RID, the builtin domain.
    public var isBuiltin: Bool { authority == 5 && subAuthorities.count == 2 && subAuthorities[0] == 32 }

    public var description: String {
        (["S", "1", String(authority)] + subAuthorities.map(String.init)).joined(separator: "-")
    }
}
