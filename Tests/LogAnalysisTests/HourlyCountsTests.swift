import LogAnalysis
import Testing
import TestSupport

/// The per-hour counts: the same answers as the hour-keyed maps they replaced, whatever the
/// order the hours arrive in.
struct HourlyCountsTests {
    /// Times from several rotated files arrive mostly in order, sometimes not.
    @Test func hoursInAnyOrderGiveTheSameMapsAsDictionaries() {
        // Seeded, so a failure names the round to replay.
        for round in 0..<50 {
            var generator = SplitMix64(seed: UInt64(round))
            var counts = HourlyCounts()
            var messages: [Int: Int] = [:], auth: [Int: Int] = [:], recipients: [Int: Int] = [:]
            for _ in 0..<200 {
                let time = Int64.random(in: -7200...(3600 * 48), using: &generator)
                let kind = Int.random(in: 0..<3, using: &generator)
                let n = Int.random(in: 0..<5, using: &generator)
                let hour = Int(time / 3600)
                switch kind {
                case 0:
                    counts.add(time: time, messages: 1, recipients: n)
                    messages[hour, default: 0] += 1
                    if n > 0 { recipients[hour, default: 0] += n }
                default:
                    counts.add(time: time, auth: 1)
                    auth[hour, default: 0] += 1
                }
            }
            #expect(counts.map(\.messages) == messages, "round \(round)")
            #expect(counts.map(\.auth) == auth)
            #expect(counts.map(\.recipients) == recipients)
            #expect(counts.hours.map(\.hour) == counts.hours.map(\.hour).sorted())
            #expect(Set(counts.hours.map(\.hour)).count == counts.hours.count)
        }
    }

    @Test func mergingAddsHourByHour() {
        var a = HourlyCounts(), b = HourlyCounts()
        a.add(time: 0, messages: 1, recipients: 2)
        a.add(time: 7200, auth: 1)
        b.add(time: 3600, messages: 1)
        b.add(time: 7300, auth: 2, recipients: 1)
        var merged = a
        merged.merge(b)
        #expect(merged.map(\.messages) == [0: 1, 1: 1])
        #expect(merged.map(\.auth) == [2: 3])
        #expect(merged.map(\.recipients) == [0: 2, 2: 1])
        var other = b
        other.merge(a)
        #expect(other == merged)
        var empty = HourlyCounts()
        empty.merge(a)
        #expect(empty == a)
    }

    /// Absurd counts from a hostile log saturate instead of trapping.
    @Test func countsSaturate() {
        var counts = HourlyCounts()
        counts.add(time: 0, recipients: Int.max)
        counts.add(time: 0, recipients: Int.max)
        counts.add(time: 0, recipients: -5)
        #expect(counts.hours.first?.recipients == UInt32.max)
    }
}
