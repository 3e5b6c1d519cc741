import Foundation

/// Calendar arithmetic in UTC without `DateFormatter`.
///
/// Formatters are slow, locale-sensitive and not needed: every timestamp this tool prints is
/// UTC in one fixed ISO 8601 shape, and every directory timestamp it reads is a fixed format.
/// The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms.
public enum CivilTime {
    /// Days since 1970-01-01 for a proleptic Gregorian date.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The (year, month, day) of a day count since 1970-01-01.
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Seconds since the epoch for a UTC civil time.
    public static func epochSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int {
        daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// `2024-09-05T20:08:29Z` for seconds since the epoch: the one timestamp shape this tool writes.
    public static func iso8601(seconds total: Int64) -> String {
        // Years beyond ±2^53 seconds cannot be written as calendar dates by this arithmetic.
        let total = Int(max(min(total, 1 << 53), -(1 << 53)))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondsOfDay = total - days * 86_400
        let (y, m, d) = civilFromDays(days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondsOfDay / 3600, 2)):"
            + "\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2))Z"
    }

    /// Parses the ISO 8601 shapes an admin types on the command line: `2026-11-29`,
    /// `2026-11-29T10:00:00Z`, `2026-11-29T10:00:00+01:00` (fractions are ignored).
    public static func parseISO8601(_ text: String) -> Instant? {
        let b = Array(text.utf8)
        guard b.count >= 10, let y = digits(b, 0, 4), b[4] == 0x2D, let mo = digits(b, 5, 2), b[7] == 0x2D,
              let d = digits(b, 8, 2), (1...12).contains(mo), (1...31).contains(d)
        else { return nil }
        if b.count == 10 { return Instant(seconds: Int64(epochSeconds(year: y, month: mo, day: d, hour: 0, minute: 0, second: 0))) }
        guard b.count >= 19, b[10] == 0x54 || b[10] == 0x20, let h = digits(b, 11, 2), b[13] == 0x3A,
              let mi = digits(b, 14, 2), b[16] == 0x3A, let s = digits(b, 17, 2), h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        if i < b.count, b[i] == 0x2E || b[i] == 0x2C {
            i += 1
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        guard let offset = zoneOffset(b, from: i) else { return nil }
        let epoch = epochSeconds(year: y, month: mo, day: d, hour: h, minute: mi, second: s) - offset
        return Instant(seconds: Int64(epoch))
    }

    /// Offset in seconds of a `Z`, `+hh:mm`, `+hhmm` or `+hh` suffix starting at `i`; nil if malformed.
    /// An absent suffix means UTC.
    static func zoneOffset(_ b: [UInt8], from i: Int) -> Int? {
        if i == b.count { return 0 }
        if b[i] == 0x5A { return i + 1 == b.count ? 0 : nil }
        guard b[i] == 0x2B || b[i] == 0x2D, let hh = digits(b, i + 1, 2) else { return nil }
        var minutes = 0
        var end = i + 3
        if end < b.count, b[end] == 0x3A { end += 1 }
        if end < b.count {
            guard let mm = digits(b, end, 2) else { return nil }
            minutes = mm
            end += 2
        }
        guard end == b.count else { return nil }
        let sign = b[i] == 0x2D ? -1 : 1
        return sign * (hh * 3600 + minutes * 60)
    }

    /// The decimal number in `b[at..<at+count]`, or nil if any byte is not a digit.
    public static func digits(_ b: [UInt8], _ at: Int, _ count: Int) -> Int? {
        guard at >= 0, at + count <= b.count else { return nil }
        var value = 0
        for k in at..<(at + count) {
            let c = b[k]
            guard c >= 0x30, c <= 0x39 else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
