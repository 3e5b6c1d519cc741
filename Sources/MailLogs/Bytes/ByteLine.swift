import CByteSearch
#if canImport(Glibc)
import Glibc
#endif

/// A read-only view of some bytes of one log line, valid only while the line's buffer is.
///
/// Parsers work on these views: comparisons and searches run on bytes (memchr, memmem), and a
/// `String` is made only for a value the caller keeps. A view never outlives the callback that
/// received the line.
public struct ByteLine {
    public let base: UnsafeRawPointer?
    public let count: Int

    public init(_ buffer: UnsafeRawBufferPointer) {
        base = buffer.baseAddress
        count = buffer.count
    }

    init(base: UnsafeRawPointer?, count: Int) {
        self.base = base
        self.count = max(0, count)
    }

    public var isEmpty: Bool { count == 0 }

    public subscript(_ index: Int) -> UInt8 { base!.load(fromByteOffset: index, as: UInt8.self) }

    /// Bytes `from..<to`.
    public func slice(_ from: Int, _ to: Int) -> ByteLine {
        let lower = min(max(0, from), count), upper = min(max(lower, to), count)
        return ByteLine(base: base.map { $0 + lower }, count: upper - lower)
    }

    public func dropFirst(_ n: Int) -> ByteLine { slice(n, count) }
    public func prefix(_ n: Int) -> ByteLine { slice(0, n) }

    /// Index of the first `byte` at or after `from`.
    public func firstIndex(of byte: UInt8, from: Int = 0) -> Int? {
        guard let base, from < count else { return nil }
        guard let hit = memchr(base + from, Int32(byte), count - from) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// Index of the last `byte`.
    public func lastIndex(of byte: UInt8) -> Int? {
        guard let base, count > 0 else { return nil }
        guard let hit = cbs_memrchr(base, Int32(byte), count) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// Index of the first occurrence of `needle` at or after `from`.
    public func find(_ needle: StaticString, from: Int = 0) -> Int? {
        guard let base, from <= count else { return nil }
        let n = needle.utf8CodeUnitCount
        guard n <= count - from else { return nil }
        guard let hit = cbs_memmem(base + from, count - from, needle.utf8Start, n) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// Index of the last occurrence of `needle`.
    public func findLast(_ needle: StaticString) -> Int? {
        var from = 0
        var last: Int?
        while let hit = find(needle, from: from) {
            last = hit
            from = hit + 1
        }
        return last
    }

    public func hasPrefix(_ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard let base, n <= count else { return n == 0 }
        return memcmp(base, prefix.utf8Start, n) == 0
    }

    public func hasSuffix(_ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard let base, n <= count else { return n == 0 }
        return memcmp(base + (count - n), suffix.utf8Start, n) == 0
    }

    /// Case-insensitive ASCII prefix test.
    public func hasPrefixIgnoringCase(_ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard n <= count else { return false }
        for i in 0..<n where Self.lower(self[i]) != Self.lower(prefix.utf8Start[i]) { return false }
        return true
    }

    /// Case-insensitive search.
    public func findIgnoringCase(_ needle: StaticString, from: Int = 0) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard n > 0, count - from >= n else { return nil }
        var i = from
        while i + n <= count {
            var matched = true
            for k in 0..<n where Self.lower(self[i + k]) != Self.lower(needle.utf8Start[k]) {
                matched = false
                break
            }
            if matched { return i }
            i += 1
        }
        return nil
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// The value after `key` up to the first of the terminators (or the end of line).
    /// `value(after: "sasl_username=", until: ",")`.
    public func value(after key: StaticString, until terminator: UInt8, from: Int = 0) -> ByteLine? {
        guard let start = find(key, from: from) else { return nil }
        let valueStart = start + key.utf8CodeUnitCount
        let end = firstIndex(of: terminator, from: valueStart) ?? count
        return slice(valueStart, end)
    }

    /// A bracketed value after `key`: `value(between: "from=<", ">")`.
    public func bracketed(after key: StaticString, from: Int = 0) -> ByteLine? {
        guard let start = find(key, from: from) else { return nil }
        let valueStart = start + key.utf8CodeUnitCount
        guard let end = firstIndex(of: UInt8(ascii: ">"), from: valueStart) else { return nil }
        return slice(valueStart, end)
    }

    /// The bytes as a String (invalid UTF-8 repaired); only for values that are kept.
    public var string: String {
        guard let base, count > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// Lower-cased String.
    public var lowercasedString: String { string.lowercased() }

    /// The decimal number the view holds, if it is one.
    public var integer: Int? {
        guard count > 0, count < 19 else { return nil }
        var value = 0
        for i in 0..<count {
            let c = self[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }

    /// The view without leading and trailing spaces.
    public var trimmed: ByteLine {
        var lower = 0, upper = count
        while lower < upper, self[lower] == 0x20 || self[lower] == 0x09 { lower += 1 }
        while upper > lower, self[upper - 1] == 0x20 || self[upper - 1] == 0x09 || self[upper - 1] == 0x0D { upper -= 1 }
        return slice(lower, upper)
    }

    /// Equal to `literal` byte for byte.
    public func equals(_ literal: StaticString) -> Bool {
        count == literal.utf8CodeUnitCount && hasPrefix(literal)
    }

    /// Equal to `other` byte for byte.
    public func equals(_ other: ByteLine) -> Bool {
        guard count == other.count else { return false }
        guard count > 0, let base, let otherBase = other.base else { return true }
        return memcmp(base, otherBase, count) == 0
    }

    /// A copy of the bytes.
    public var bytes: [UInt8] {
        guard let base, count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: count))
    }
}
