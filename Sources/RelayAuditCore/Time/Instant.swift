public import Foundation

/// A moment in time, in whole seconds since 1970-01-01T00:00:00Z: the one time type of the
/// logs, the directory, the correlations and `--as-of`.
///
/// Whole seconds because that is what the evidence holds: syslog, Exim and Sendmail stamp
/// seconds, and a directory's sub-second digits (a FILETIME's 100 ns) cannot be compared with
/// a log line's second anyway. Comparing a password change with the last abusive AUTH is
/// then a comparison of two integers, without conversions spread over the correlations.
/// A Double-based `Date` appears only where the platform hands one over (the clock, file
/// times) and is turned into an Instant there.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since the epoch (negative before 1970).
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// The second a `Date` falls in (rounded down; clamped to the range of an `Int64`).
    public init(_ date: Date) {
        let value = date.timeIntervalSince1970.rounded(.down)
        seconds = value >= 9.2e18 ? .max : (value <= -9.2e18 ? .min : Int64(value))
    }

    /// This moment, to the second.
    public static var now: Instant { Instant(Date()) }

    public var date: Date { Date(timeIntervalSince1970: Double(seconds)) }

    /// `2024-09-05T20:08:29Z`: the one timestamp shape this tool writes.
    public var iso8601: String { CivilTime.iso8601(seconds: seconds) }

    /// `2024-09-05`: the UTC calendar day.
    public var isoDay: String { String(iso8601.prefix(10)) }

    public var description: String { iso8601 }

    /// Whole days from `earlier` to this moment, rounded down (negative when `earlier` is later).
    public func wholeDays(since earlier: Instant) -> Int {
        let (difference, overflow) = seconds.subtractingReportingOverflow(earlier.seconds)
        if overflow { return earlier.seconds > seconds ? Int.min / 2 : Int.max / 2 }
        return Int(difference >= 0 ? difference / 86_400 : (difference - 86_399) / 86_400)
    }

    /// The moment `count` seconds later (earlier when negative), saturating at the ends.
    public func adding(seconds count: Int64) -> Instant {
        let (sum, overflow) = seconds.addingReportingOverflow(count)
        return Instant(seconds: overflow ? (count > 0 ? .max : .min) : sum)
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.seconds < rhs.seconds }

    /// Sentinels for "before anything" and "after anything" (first/last seen not yet known).
    public static let distantPast = Instant(seconds: .min)
    public static let distantFuture = Instant(seconds: .max)
}
