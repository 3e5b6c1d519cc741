import Foundation
import RelayAuditCore
import Testing

struct CivilTimeTests {
    @Test func formatsUTCInTheInterfaceShape() {
        #expect(CivilTime.iso8601(Date(timeIntervalSince1970: 1_725_566_909)) == "2024-09-05T20:08:29Z")
        #expect(CivilTime.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(CivilTime.iso8601(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(CivilTime.iso8601(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    @Test func roundTripsDaysAcrossLeapYears() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = CivilTime.civilFromDays(days)
            #expect(CivilTime.daysFromCivil(year: y, month: m, day: d) == days)
        }
    }

    @Test func parsesWhatAnAdminTypes() {
        #expect(CivilTime.parseISO8601("2026-11-29").map(CivilTime.iso8601) == "2026-11-29T00:00:00Z")
        #expect(CivilTime.parseISO8601("2026-11-29T06:30:00Z").map(CivilTime.iso8601) == "2026-11-29T06:30:00Z")
        #expect(CivilTime.parseISO8601("2026-11-29T06:30:00+01:00").map(CivilTime.iso8601) == "2026-11-29T05:30:00Z")
        #expect(CivilTime.parseISO8601("2026-11-29T06:30:00.123-0230").map(CivilTime.iso8601) == "2026-11-29T09:00:00Z")
        #expect(CivilTime.parseISO8601("2026-13-01") == nil)
        #expect(CivilTime.parseISO8601("yesterday") == nil)
        #expect(CivilTime.parseISO8601("2026-11-29T06:30:00Zjunk") == nil)
    }

    @Test func countsWholeDays() {
        let start = Date(timeIntervalSince1970: 0)
        #expect(CivilTime.wholeDays(from: start, to: start.addingTimeInterval(86_399)) == 0)
        #expect(CivilTime.wholeDays(from: start, to: start.addingTimeInterval(86_400 * 3)) == 3)
        #expect(CivilTime.wholeDays(from: start.addingTimeInterval(86_400), to: start) == -1)
    }
}

struct GeneralizedTimeTests {
    @Test func readsTheShapesDirectoriesWrite() {
        #expect(GeneralizedTime.parse("20261128234028.0Z").map(CivilTime.iso8601) == "2026-11-28T23:40:28Z")
        #expect(GeneralizedTime.parse("20261128234028Z").map(CivilTime.iso8601) == "2026-11-28T23:40:28Z")
        #expect(GeneralizedTime.parse("20261128234028.123456Z").map(CivilTime.iso8601) == "2026-11-28T23:40:28Z")
        #expect(GeneralizedTime.parse("202611282340Z").map(CivilTime.iso8601) == "2026-11-28T23:40:00Z")
        #expect(GeneralizedTime.parse("20261128234028+0100").map(CivilTime.iso8601) == "2026-11-28T22:40:28Z")
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
