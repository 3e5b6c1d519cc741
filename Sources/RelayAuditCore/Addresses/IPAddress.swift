/// An IPv4 or IPv6 address as 128 bits, parsed from the text a log or a policy wrote: the one
/// parser behind the networks a campaign is counted in (`NetworkKey`) and the ranges a policy
/// lists (`AddressRange`). A `%zone` is ignored; IPv4 parses without allocating (it runs for
/// every address of a million-address spray).
public struct IPAddress: Sendable, Hashable {
    /// 4 or 6.
    public let family: UInt8
    /// The first 64 bits (IPv6), 0 for IPv4.
    public let high: UInt64
    /// The last 64 bits (IPv6), or the IPv4 address in the low 32 bits.
    public let low: UInt64

    public init?(_ text: String) {
        var text = Substring(text)
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        if let v4 = IPAddress.parseIPv4(text) {
            (family, high, low) = (4, 0, UInt64(v4))
            return
        }
        guard text.contains(":"), let groups = IPAddress.parseIPv6(text) else { return nil }
        family = 6
        high = groups[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        low = groups[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
    }

    init(family: UInt8, high: UInt64, low: UInt64) {
        (self.family, self.high, self.low) = (family, high, low)
    }

    /// An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, as dual-stack daemons log IPv4
    /// clients) as its IPv4 address; any other address as it is.
    public var unmapped: IPAddress {
        family == 6 && high == 0 && low >> 32 == 0xFFFF ? IPAddress(family: 4, high: 0, low: low & 0xFFFF_FFFF) : self
    }

    /// Dotted quad: four decimal parts of at most three digits, each at most 255.
    static func parseIPv4(_ text: Substring) -> UInt32? {
        var value: UInt32 = 0, part: UInt32 = 0, digits = 0, parts = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | part
                (part, digits, parts) = (0, 0, parts + 1)
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 3 {
                part = part * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                guard part <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | part
    }

    /// Eight 16-bit groups, with `::` expanded and an embedded IPv4 tail allowed.
    static func parseIPv6(_ text: Substring) -> [UInt16]? {
        var halves: [Substring] = [text]
        if let range = text.firstRange(of: "::") {
            halves = [text[..<range.lowerBound], text[range.upperBound...]]
            guard !halves[1].contains("::") else { return nil }
        }
        func groups(_ part: Substring, last: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if last, index == pieces.count - 1, piece.contains("."), let v4 = parseIPv4(piece) {
                    result += [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                } else {
                    guard !piece.isEmpty, piece.count <= 4, piece.allSatisfy(\.isHexDigit), let group = UInt16(piece, radix: 16) else {
                        return nil
                    }
                    result.append(group)
                }
            }
            return result
        }
        if halves.count == 1 {
            guard let all = groups(halves[0], last: true), all.count == 8 else { return nil }
            return all
        }
        guard let head = groups(halves[0], last: false), let tail = groups(halves[1], last: true), head.count + tail.count < 8 else {
            return nil
        }
        return head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
    }
}
