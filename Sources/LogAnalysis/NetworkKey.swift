/// The network an address belongs to, as an attacker's infrastructure is counted and blocked:
/// the /24 of an IPv4 address, the /64 (one site, one customer line) or /48 (one allocation)
/// of an IPv6 one. Parsed from the address as logged; an address that does not parse has none.
public struct NetworkKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 4 or 6.
    public let family: UInt8
    public let prefixLength: UInt8
    /// The network's bits, left-aligned (an IPv4 /24 in the low 32 bits).
    public let bits: UInt64

    /// The /24 of an IPv4 address or the /64 of an IPv6 one (`v6Length` 48 for the /48).
    public static func of(_ ip: String, v6Length: UInt8 = 64) -> NetworkKey? {
        if let v4 = parseIPv4(Substring(ip)) { return NetworkKey(family: 4, prefixLength: 24, bits: UInt64(v4 & 0xFFFF_FF00)) }
        guard let high = parseIPv6High(ip) else { return nil }
        let mask: UInt64 = v6Length >= 64 ? .max : ~(UInt64.max >> UInt64(v6Length))
        return NetworkKey(family: 6, prefixLength: min(v6Length, 64), bits: high & mask)
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

    static func parseIPv4(_ text: Substring) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.count <= 3, let byte = UInt32(part), byte <= 255 else { return nil }
            value = value << 8 | byte
            parts += 1
        }
        return parts == 4 ? value : nil
    }

    /// The first 64 bits of an IPv6 address (with `::` expanded, an embedded IPv4 tail and a
    /// `%zone` allowed).
    static func parseIPv6High(_ ip: String) -> UInt64? {
        var text = Substring(ip)
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        guard text.contains(":") else { return nil }
        var halves: [Substring] = [text]
        if let range = text.firstRange(of: "::") {
            halves = [text[..<range.lowerBound], text[range.upperBound...]]
            guard !halves[1].contains("::") else { return nil }
        }
        func groups(_ part: Substring) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains("."), let v4 = parseIPv4(piece) {
                    result += [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                } else {
                    guard !piece.isEmpty, piece.count <= 4, let group = UInt16(piece, radix: 16) else { return nil }
                    result.append(group)
                }
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.prefix(4).reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
    }
}
