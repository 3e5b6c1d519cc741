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
        guard let address = IPAddress(String(parts[0]))?.unmapped else { return nil }
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
        guard let address = IPAddress(ip)?.unmapped else { return false }
        return contains(address)
    }

    /// Whether the (unmapped) `address` is in the range.
    public func contains(_ address: IPAddress) -> Bool {
        guard address.family == family else { return false }
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
}

/// A set of address ranges: `contains` is true when any range holds the address.
public struct AddressRanges: Sendable, Equatable {
    public private(set) var ranges: [AddressRange]

    public init(_ ranges: [AddressRange] = []) { self.ranges = ranges }

    public mutating func insert(_ range: AddressRange) { if !ranges.contains(range) { ranges.append(range) } }

    /// Parses `ip` once, then looks in every range.
    public func contains(_ ip: String) -> Bool {
        guard !ranges.isEmpty, let address = IPAddress(ip)?.unmapped else { return false }
        return ranges.contains { $0.contains(address) }
    }

    public var isEmpty: Bool { ranges.isEmpty }
}
