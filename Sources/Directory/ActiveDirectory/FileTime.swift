import RelayAuditCore
public import Foundation

/// Windows FILETIME values as AD stores them in `pwdLastSet`, `lastLogon`,
/// `lastLogonTimestamp`, `accountExpires`, `lockoutTime`: 100-nanosecond intervals since
/// 1601-01-01 UTC, written as decimal text.
public enum FileTime {
    /// Seconds between 1601-01-01 and 1970-01-01.
    static let epochOffsetSeconds: Int64 = 11_644_473_600
    /// `0x7FFFFFFFFFFFFFFF`: "never" in `accountExpires`.
    public static let never: Int64 = .max

    /// The date of a FILETIME, or nil for 0 (unset/unknown) and `never`.
    public static func date(_ value: Int64) -> Date? {
        guard value > 0, value != never else { return nil }
        let seconds = Double(value / 10_000_000 - epochOffsetSeconds) + Double(value % 10_000_000) / 1e7
        return Date(timeIntervalSince1970: seconds)
    }

    /// A FILETIME for `date` (used by tests and fixtures).
    public static func value(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 + Double(epochOffsetSeconds)) * 1e7)
    }

    /// Whole days in a negative FILETIME interval (`maxPwdAge`, `msDS-MaximumPasswordAge`):
    /// 42 days is `-36288000000000`. Returns 0 for "never" (0 or `0x8000000000000000`).
    public static func intervalDays(_ value: Int64) -> Int {
        if value == 0 || value == .min { return 0 }
        return Int(value.magnitude / 864_000_000_000)
    }

    /// Minutes in a negative FILETIME interval (`lockoutDuration`); nil for "until an admin unlocks".
    public static func intervalSeconds(_ value: Int64) -> Int64? {
        if value == .min { return nil }
        return Int64(value.magnitude / 10_000_000)
    }
}
