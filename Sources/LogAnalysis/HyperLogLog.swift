#if canImport(Glibc)
import Glibc
#endif

/// A distinct count in 4 KiB, for populations an attacker sizes: the usernames a botnet
/// sprays after the exact table is full. Standard error about 1.6% (2^12 registers,
/// Flajolet et al. with the small-range correction); reports call its figures estimates.
public struct HyperLogLog: Sendable {
    private static let bits = 12
    private var registers = [UInt8](repeating: 0, count: 1 << bits)
    public private(set) var isEmpty = true

    public init() {}

    /// Adds a 64-bit fingerprint (mixed first: FNV's low bits are not uniform enough).
    public mutating func add(_ fingerprint: UInt64) {
        var x = fingerprint &+ 0x9E37_79B9_7F4A_7C15
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        let index = Int(x >> UInt64(64 - Self.bits))
        let rest = x << UInt64(Self.bits) | (1 << UInt64(Self.bits - 1))
        let rank = UInt8(rest.leadingZeroBitCount + 1)
        if rank > registers[index] { registers[index] = rank }
        isEmpty = false
    }

    /// The estimated number of distinct fingerprints added.
    public var estimate: Int {
        guard !isEmpty else { return 0 }
        let m = Double(registers.count)
        var sum = 0.0
        var zeros = 0
        for register in registers {
            sum += 1 / Double(UInt64(1) << UInt64(register))
            if register == 0 { zeros += 1 }
        }
        let raw = 0.7213 / (1 + 1.079 / m) * m * m / sum
        if raw <= 2.5 * m, zeros > 0 { return Int((m * log(m / Double(zeros))).rounded()) }
        return Int(raw.rounded())
    }
}
