/// An IPv4 or IPv6 address or CIDR range (`127.0.0.1`, `::1`, `10.0.0.0/8`, `2001:db8::/32`),
/// as a policy lists the mail server's own addresses. Addresses are compared as numbers, so
/// `::1` and `0:0:0:0:0:0:0:1` are the same, and an IPv4-mapped IPv6 address
/// (`::ffff:127.0.0.1`, as dual-stack daemons log IPv4 clients) is its IPv4 address.
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    /// 4 or 6.
    public let family: UInt8
    public let prefixLength: UInt8
    /// The network's 128 bits (IPv4 in the low 32 bits of `low`), host bits cleared.
    let high: UInt64
    let low: UInt64
    public let description: String

    /// Parses `ADDRESS` or `ADDRESS/LENGTH`; nil when it is neither.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = AddressRange.parse(String(parts[0])) else { return nil }
        let maximum: UInt8 = address.family == 4 ? 32 : 128
        var length = maximum
        if parts.count == 2 {
            guard let value = UInt8(parts[1]), value <= maximum else { return nil }
            length = value
        }
        family = address.family
        prefixLength = length
        (high, low) = AddressRange.mask(address.high, address.low, family: address.family, length: length)
        description = text
    }

    /// Whether `ip` (as logged: a bare address, possibly IPv4-mapped or with a `%zone`) is in the range.
    public func contains(_ ip: String) -> Bool {
        guard let address = AddressRange.parse(ip), address.family == family else { return false }
        let masked = AddressRange.mask(address.high, address.low, family: family, length: prefixLength)
        return masked.high == high && masked.low == low
    }

    static func mask(_ high: UInt64, _ low: UInt64, family: UInt8, length: UInt8) -> (high: UInt64, low: UInt64) {
        let bits = family == 4 ? Int(length) + 96 : Int(length)
        let highMask: UInt64 = bits >= 64 ? .max : (bits == 0 ? 0 : ~(UInt64.max >> UInt64(bits)))
        let lowBits = bits - 64
        let lowMask: UInt64 = lowBits <= 0 ? 0 : (lowBits >= 64 ? .max : ~(UInt64.max >> UInt64(lowBits)))
        return (high & highMask, low & lowMask)
    }

    /// An address as (family, 128 bits); IPv4-mapped IPv6 addresses come back as IPv4.
    static func parse(_ text: String) -> (family: UInt8, high: UInt64, low: UInt64)? {
        var text = Substring(text)
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        if let v4 = parseIPv4(text) { return (4, 0, UInt64(v4)) }
        guard text.contains(":"), let groups = parseIPv6(text) else { return nil }
        let high = groups[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = groups[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        if high == 0, low >> 32 == 0xFFFF { return (4, 0, low & 0xFFFF_FFFF) }
        return (6, high, low)
    }

    static func parseIPv4(_ text: Substring) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let byte = UInt32(part), byte <= 255 else { return nil }
            value = value << 8 | byte
            parts += 1
        }
        return parts == 4 ? value : nil
    }

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

/// A set of address ranges: `contains` is true when any range holds the address.
public struct AddressRanges: Sendable, Equatable {
    public private(set) var ranges: [AddressRange]

    public init(_ ranges: [AddressRange] = []) { self.ranges = ranges }

    public mutating func insert(_ range: AddressRange) { if !ranges.contains(range) { ranges.append(range) } }

    public func contains(_ ip: String) -> Bool { ranges.contains { $0.contains(ip) } }

    public var isEmpty: Bool { ranges.isEmpty }
}
