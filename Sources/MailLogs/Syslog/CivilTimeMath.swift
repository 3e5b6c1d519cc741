import RelayAuditCore

/// Calendar arithmetic for the log readers (the core module's, re-exposed under a short name).
enum CivilTimeMath {
    static func epochSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int {
        CivilTime.epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    static func civil(_ epoch: Int64) -> (year: Int, month: Int, day: Int) {
        let days = epoch >= 0 ? epoch / 86_400 : (epoch - 86_399) / 86_400
        return CivilTime.civilFromDays(Int(days))
    }
}
