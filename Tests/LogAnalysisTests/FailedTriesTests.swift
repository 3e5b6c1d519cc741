@testable import LogAnalysis
import RelayAuditCore
import Testing
import TestSupport

/// An address's failed logins per username: compact for one name, exact counts and spans,
/// typos corrected by a quick login told apart from guesses.
struct FailedTriesTests {
    let t0 = Instant(seconds: 1_795_000_000)

    @Test func countsFailuresPerNameWithTheirSpan() throws {
        var tries = FailedTries()
        #expect(tries.isEmpty)
        tries.add(1, attempts: 1, at: t0.adding(seconds: 50))
        tries.add(1, attempts: 2, at: t0)
        #expect(tries.count == 1)
        let only = try #require(tries[1])
        #expect(only.failures == 3)
        #expect(only.first == t0)
        #expect(only.last == t0.adding(seconds: 50))
        tries.add(2, attempts: 1, at: t0)
        tries.add(1, attempts: 1, at: t0.adding(seconds: 100))
        #expect(tries.count == 2)
        #expect(tries[1]?.failures == 4)
        #expect(tries[2]?.failures == 1)
        #expect(Set(tries.hashes) == [1, 2])
    }

    @Test func aLoginSoonAfterAFailureCorrectsItButALaterOneDoesNot() {
        var tries = FailedTries()
        tries.add(7, attempts: 1, at: t0)
        tries.add(8, attempts: 1, at: t0)
        var quick = tries
        quick.loggedIn(7, at: t0.adding(seconds: 30))
        #expect(quick[7]?.corrected == true)
        #expect(quick[8]?.corrected == false, "a login as one name corrects only that name's failures")
        var late = tries
        late.loggedIn(7, at: t0.adding(seconds: FailedTries.correctionWindow + 1))
        #expect(late[7]?.corrected == false, "a spray that comes back with the password is not a typo")
        var before = tries
        before.loggedIn(7, at: t0.adding(seconds: -5))
        #expect(before[7]?.corrected == false, "a login before the failure corrects nothing")
    }

    @Test func namesPastTheLimitAreCountedNotKept() {
        var tries = FailedTries()
        for hash in 0..<UInt64(FailedTries.maximumTracked + 5) { tries.add(hash, attempts: 1, at: t0) }
        #expect(tries.count == FailedTries.maximumTracked + 5)
        #expect(tries.untracked == 5)
        #expect(tries.hashes.count == FailedTries.maximumTracked)
    }
}

/// Every failed username, counted once per name and bounded: exact up to the table's
/// capacity, an estimate (said to be one) past it.
struct FailedUsernamesTests {
    @Test func hyperLogLogEstimatesWithinAFewPercentAndIgnoresRepeats() {
        var sketch = HyperLogLog()
        #expect(sketch.estimate == 0)
        for value in 0..<UInt64(100_000) { sketch.add(LoginHash.of("user\(value)")) }
        for value in 0..<UInt64(50_000) { sketch.add(LoginHash.of("user\(value)")) }
        #expect(abs(sketch.estimate - 100_000) < 5_000)
        var small = HyperLogLog()
        for value in 0..<UInt64(300) { small.add(LoginHash.of("u\(value)")) }
        #expect(abs(small.estimate - 300) <= 15)
    }

    @Test func theAggregatorCountsNamesAndTheAddressesThatTriedThem() throws {
        var s = LogScript()
        s.fail("bob", from: "192.0.2.1")
        s.fail("bob", from: "192.0.2.1")
        s.fail("BOB", from: "192.0.2.2")
        s.fail("carol", from: "192.0.2.2")
        let names = s.aggregator.failedUsernames
        #expect(names.distinct == 2)
        #expect(!names.isEstimate)
        #expect(names.failures == 4)
        let bob = try #require(names.top(10).first)
        #expect(bob.spelling == "bob")
        #expect(bob.failures == 3)
        #expect(bob.addresses == 2)
        #expect(names.top(1).count == 1)
    }

    @Test func pastTheCapacityTheDistinctCountIsAnEstimate() {
        var s = LogScript()
        let extra = 20_000
        for index in 0..<(FailedUsernames.capacity + extra) { s.fail("n\(index)", from: "10.0.\(index % 250).\(index / 250 % 250)") }
        let names = s.aggregator.failedUsernames
        #expect(names.isEstimate)
        #expect(names.byHash.count == FailedUsernames.capacity)
        #expect(abs(names.distinct - (FailedUsernames.capacity + extra)) < extra)
    }
}

extension FailedTriesTests {
    @Test func manyFailuresBeforeALoginAreNoTypo() {
        var tries = FailedTries()
        tries.add(7, attempts: Int(FailedTries.correctionLimit) + 1, at: t0)
        tries.loggedIn(7, at: t0.adding(seconds: 30))
        #expect(tries[7]?.corrected == false)
    }
}

struct TopKTests {
    @Test func keepsTheGreatestInOrderLikeASortDoes() {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<5_000).map { _ in Int.random(in: 0..<1_000, using: &generator) }
        var top = TopK<Int>(100, by: <)
        for value in values { top.add(value) }
        #expect(top.sorted == Array(values.sorted(by: >).prefix(100)))
        var few = TopK<Int>(10, by: <)
        for value in [3, 1, 2] { few.add(value) }
        #expect(few.sorted == [3, 2, 1])
        var none = TopK<Int>(0, by: <)
        none.add(1)
        #expect(none.sorted.isEmpty)
    }
}
