import RelayAuditCore

/// The network an address belongs to, as an attacker's infrastructure is counted and blocked:
/// the /24 of an IPv4 address, the /64 (one site, one customer line) or /48 (one allocation)
/// of an IPv6 one. Parsed from the address as logged; an address that does not parse has none.
public struct NetworkKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 4 or 6.
    public let family: UInt8
    public let prefixLength: UInt8
    /// The network's bits, left-aligned (an IPv4 /24 in the low 32 bits).
    public let bits: UInt64

    /// The /24 of an IPv4 address or the /64 of an IPv6 one (`v6Length` 48 for the /48). An
    /// IPv4-mapped IPv6 address stays IPv6, as logged.
    public static func of(_ ip: String, v6Length: UInt8 = 64) -> NetworkKey? {
        guard let address = IPAddress(ip) else { return nil }
        if address.family == 4 { return NetworkKey(family: 4, prefixLength: 24, bits: address.low & 0xFFFF_FF00) }
        let mask: UInt64 = v6Length >= 64 ? .max : ~(UInt64.max >> UInt64(v6Length))
        return NetworkKey(family: 6, prefixLength: min(v6Length, 64), bits: address.high & mask)
    }

    /// CIDR notation: `203.0.113.0/24`, `2001:db8:1:2::/64`.
    public var description: String {
        if family == 4 {
            let v = UInt32(truncatingIfNeeded: bits)
            return "\(v >> 24).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)/\(prefixLength)"
        }
        var groups = (0..<4).map { String((bits >> UInt64(48 - 16 * $0)) & 0xFFFF, radix: 16) }
        while groups.count > 1, groups.last == "0" { groups.removeLast() }
        return groups.joined(separator: ":") + "::/\(prefixLength)"
    }

    public static func < (a: NetworkKey, b: NetworkKey) -> Bool { (a.family, a.bits, a.prefixLength) < (b.family, b.bits, b.prefixLength) }
}
