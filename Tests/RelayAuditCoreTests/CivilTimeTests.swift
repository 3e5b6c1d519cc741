import Foundation
import RelayAuditCore
import Testing

struct CivilTimeTests {
    @Test func formatsUTCInTheInterfaceShape() {
        #expect(Instant(seconds: 1_725_566_909).iso8601 == "2024-09-05T20:08:29Z")
        #expect(Instant(seconds: 0).iso8601 == "1970-01-01T00:00:00Z")
        #expect(Instant(seconds: -1).iso8601 == "1969-12-31T23:59:59Z")
        #expect(Instant(seconds: 951_782_400).iso8601 == "2000-02-29T00:00:00Z")
    }

    @Test func roundTripsDaysAcrossLeapYears() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = CivilTime.civilFromDays(days)
            #expect(CivilTime.daysFromCivil(year: y, month: m, day: d) == days)
        }
    }

    @Test func parsesWhatAnAdminTypes() {
        #expect(CivilTime.parseISO8601("2026-11-29").map(\.iso8601) == "2026-11-29T00:00:00Z")
        #expect(CivilTime.parseISO8601("2026-11-29T06:30:00Z").map(\.iso8601) == "2026-11-29T06:30:00Z")
        #expect(CivilTime.parseISO8601("2026-11-29T06:30:00+01:00").map(\.iso8601) == "2026-11-29T05:30:00Z")
        #expect(CivilTime.parseISO8601("2026-11-29T06:30:00.123-0230").map(\.iso8601) == "2026-11-29T09:00:00Z")
        #expect(CivilTime.parseISO8601("2026-13-01") == nil)
        #expect(CivilTime.parseISO8601("yesterday") == nil)
        #expect(CivilTime.parseISO8601("2026-11-29T06:30:00Zjunk") == nil)
    }

    @Test func countsWholeDays() {
        let start = Instant(seconds: 0)
        #expect(start.adding(seconds: 86_399).wholeDays(since: start) == 0)
        #expect(start.adding(seconds: 86_400 * 3).wholeDays(since: start) == 3)
        #expect(start.wholeDays(since: start.adding(seconds: 86_400)) == -1)
        #expect(start.wholeDays(since: start.adding(seconds: 1)) == -1)
    }

    /// The one time type: a Date becomes the second it falls in, the extremes saturate instead
    /// of trapping, and the sentinels order before and after every moment.
    @Test func instantsAreWholeSecondsThatNeverTrap() {
        #expect(Instant(Date(timeIntervalSince1970: 1_725_566_909.999)).seconds == 1_725_566_909)
        #expect(Instant(Date(timeIntervalSince1970: -0.5)).seconds == -1)
        #expect(Instant(Date(timeIntervalSince1970: 1e30)).seconds == .max)
        #expect(Instant.distantFuture.adding(seconds: 10) == .distantFuture)
        #expect(Instant.distantPast.adding(seconds: -10) == .distantPast)
        #expect(Instant.distantFuture.wholeDays(since: .distantPast) > 0)
        #expect(Instant.distantPast < Instant(seconds: 0) && Instant(seconds: 0) < .distantFuture)
        #expect(Instant(seconds: .max).iso8601.hasSuffix("Z"))
    }
}

struct GeneralizedTimeTests {
    @Test func readsTheShapesDirectoriesWrite() {
        #expect(GeneralizedTime.parse("20261128234028.0Z").map(\.iso8601) == "2026-11-28T23:40:28Z")
        #expect(GeneralizedTime.parse("20261128234028Z").map(\.iso8601) == "2026-11-28T23:40:28Z")
        #expect(GeneralizedTime.parse("20261128234028.123456Z").map(\.iso8601) == "2026-11-28T23:40:28Z")
        #expect(GeneralizedTime.parse("202611282340Z").map(\.iso8601) == "2026-11-28T23:40:00Z")
        #expect(GeneralizedTime.parse("20261128234028+0100").map(\.iso8601) == "2026-11-28T22:40:28Z")
    }

    @Test func rejectsGarbage() {
        #expect(GeneralizedTime.parse("") == nil)
        #expect(GeneralizedTime.parse("2026") == nil)
        #expect(GeneralizedTime.parse("20261328234028Z") == nil)
        #expect(GeneralizedTime.parse("2026112823402Xz") == nil)
    }

    @Test func recognisesThePermanentLockSentinel() {
        #expect(GeneralizedTime.isPermanentLockSentinel("000001010000Z"))
        #expect(!GeneralizedTime.isPermanentLockSentinel("20261128234028Z"))
    }
}
