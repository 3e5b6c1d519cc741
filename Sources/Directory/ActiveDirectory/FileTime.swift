public import RelayAuditCore

/// Windows FILETIME values as AD stores them in `pwdLastSet`, `lastLogon`,
/// `lastLogonTimestamp`, `accountExpires`, `lockoutTime`: 100-nanosecond intervals since
/// 1601-01-01 UTC, written as decimal text.
public enum FileTime {
    /// Seconds between 1601-01-01 and 1970-01-01.
    static let epochOffsetSeconds: Int64 = 11_644_473_600
    /// `0x7FFFFFFFFFFFFFFF`: "never" in `accountExpires`.
    public static let never: Int64 = .max

    /// The second a FILETIME falls in, or nil for 0 (unset/unknown) and `never`.
    public static func instant(_ value: Int64) -> Instant? {
        guard value > 0, value != never else { return nil }
        return Instant(seconds: value / 10_000_000 - epochOffsetSeconds)
    }

    /// A FILETIME for `moment` (used by tests and fixtures).
    public static func value(_ moment: Instant) -> Int64 {
        (moment.seconds + epochOffsetSeconds) * 10_000_000
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
