
/// LDAP GeneralizedTime (RFC 4517 §3.3.13), the timestamp syntax of `whenCreated`,
/// `pwdChangedTime`, `createTimestamp`, `krbLastPwdChange` and friends.
///
/// Shapes seen in the wild: `20261128234028.0Z` (AD), `20261128234028Z` (OpenLDAP),
/// `20261128234028.123456Z`, `202611282340Z` (minutes only) and `+hhmm` offsets. The
/// sentinel `000001010000Z` (OpenLDAP's "locked until an administrator unlocks") has year 0
/// and is returned as a moment in year 0; callers that care test `isPermanentLockSentinel`.
public enum GeneralizedTime {
    public static func parse(_ text: String) -> Instant? {
        let b = Array(text.utf8)
        guard b.count >= 11, let y = CivilTime.digits(b, 0, 4), let mo = CivilTime.digits(b, 4, 2),
              let d = CivilTime.digits(b, 6, 2), let h = CivilTime.digits(b, 8, 2)
        else { return nil }
        var i = 10
        var minute = 0
        var second = 0
        if let mi = CivilTime.digits(b, i, 2) {
            minute = mi
            i += 2
            if let s = CivilTime.digits(b, i, 2) {
                second = s
                i += 2
            }
        }
        if i < b.count, b[i] == 0x2E || b[i] == 0x2C {
            i += 1
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        guard (1...12).contains(mo), (1...31).contains(d), h < 24, minute < 60, second < 61,
              let offset = CivilTime.zoneOffset(b, from: i), i < b.count
        else { return nil }
        let epoch = CivilTime.epochSeconds(year: y, month: mo, day: d, hour: h, minute: minute, second: second) - offset
        return Instant(seconds: Int64(epoch))
    }

    /// True for OpenLDAP ppolicy's `000001010000Z`: the account is locked until an admin unlocks it.
    public static func isPermanentLockSentinel(_ text: String) -> Bool {
        text.hasPrefix("00000101000000") || text == "000001010000Z"
    }
}
