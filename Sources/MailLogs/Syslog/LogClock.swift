public import Foundation
public import RelayAuditCore

/// Turns timestamps as lines wrote them into UTC seconds, supplying what the line left out.
///
/// Classic syslog has no year: like syslog readers, the year is the reference time's (the
/// file's modification time, or now for stdin), and a date that would land more than a day
/// after the reference is taken to be last year's, which also handles a file that spans New
/// Year. `--year` overrides. Lines without a zone are read in `--timezone` (default: the
/// machine's). Offsets are cached per local hour: zone lookups are not per-line work.
public struct LogClock: Sendable {
    public var fixedYear: Int?
    public var reference: Instant
    public var timeZone: TimeZone
    private var referenceYear: Int
    private var cachedHourKey = Int.min
    private var cachedOffset = 0

    public init(fixedYear: Int?, reference: Instant, timeZone: TimeZone) {
        self.fixedYear = fixedYear
        self.reference = reference
        self.timeZone = timeZone
        let local = reference.seconds + Int64(timeZone.secondsFromGMT(for: reference.date))
        referenceYear = CivilTimeMath.civil(local).year
    }

    /// The moment `parts` name.
    public mutating func resolve(_ parts: TimestampParts) -> Instant {
        Instant(seconds: resolveSeconds(parts))
    }

    private mutating func resolveSeconds(_ parts: TimestampParts) -> Int64 {
        switch parts {
        case let .absolute(epoch):
            return epoch
        case let .local(year, month, day, hour, minute, second):
            return utc(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        case let .syslog(month, day, hour, minute, second):
            if let fixedYear {
                return utc(year: fixedYear, month: month, day: day, hour: hour, minute: minute, second: second)
            }
            let guess = utc(year: referenceYear, month: month, day: day, hour: hour, minute: minute, second: second)
            if guess > reference.seconds + 86_400 {
                return utc(year: referenceYear - 1, month: month, day: day, hour: hour, minute: minute, second: second)
            }
            return guess
        }
    }

    private mutating func utc(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64 {
        let local = CivilTimeMath.epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let hourKey = local / 3600
        if hourKey != cachedHourKey {
            // Two steps find the offset in force at that local time, DST changes included.
            let first = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local)))
            cachedOffset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - first)))
            cachedHourKey = hourKey
        }
        return Int64(local - cachedOffset)
    }
}
