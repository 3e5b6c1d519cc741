public import RelayAuditCore

/// A moment in four bytes, for state kept per client address: a botnet's million addresses
/// each hold several, and eight bytes each would be megabytes for nothing. Seconds since 1970
/// up to 2106; a log moment outside that range is clamped to it. `distantPast` and
/// `distantFuture` (the "not seen" sentinels) keep their meaning.
public struct CompactInstant: Sendable, Equatable, Comparable {
    var raw: UInt32

    public static let distantPast = CompactInstant(raw: 0)
    public static let distantFuture = CompactInstant(raw: .max)

    init(raw: UInt32) { self.raw = raw }

    public init(_ instant: Instant) {
        if instant == .distantPast { raw = 0 } else if instant == .distantFuture { raw = .max } else {
            raw = UInt32(clamping: min(max(instant.seconds, 1), Int64(UInt32.max) - 1))
        }
    }

    public var instant: Instant {
        raw == 0 ? .distantPast : raw == .max ? .distantFuture : Instant(seconds: Int64(raw))
    }

    public static func < (a: CompactInstant, b: CompactInstant) -> Bool { a.raw < b.raw }
}
