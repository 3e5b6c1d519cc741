import LogAnalysis
import Policy
import Testing
import TestSupport

/// Each log signal with an example that triggers it and one that does not, at the default
/// thresholds of Policies/default.yaml.
struct SignalTests {
    let t = RuleHarness.policy.logs

    func facts(_ configure: (inout AccountFacts) -> Void) -> AccountFacts {
        var f = AccountFacts()
        configure(&f)
        return f
    }

    @Test func manyClientIPs() {
        #expect(ManyClientIPsSignal().evaluate(facts { $0.maxIPsPerDay = 40; $0.maxNetworksPerDay = 38 }, t) != nil)
        #expect(ManyClientIPsSignal().evaluate(facts { $0.maxIPsPerDay = 6; $0.maxNetworksPerDay = 6 }, t) != nil, "6 networks in a day")
        #expect(ManyClientIPsSignal().evaluate(facts { $0.maxIPsPerDay = 4; $0.maxNetworksPerDay = 3 }, t) == nil, "a traveller")
        #expect(ManyClientIPsSignal().evaluate(facts { $0.maxIPsPerDay = 9; $0.maxNetworksPerDay = 1 }, t) == nil, "a phone on one carrier")
    }

    @Test func messageBurst() {
        #expect(MessageBurstSignal().evaluate(facts { $0.maxMessagesPerHour = 150; $0.medianMessagesPerHour = 100 }, t) != nil)
        #expect(MessageBurstSignal().evaluate(facts { $0.maxMessagesPerHour = 40; $0.medianMessagesPerHour = 2 }, t) != nil, "20× its usual")
        #expect(MessageBurstSignal().evaluate(facts { $0.maxMessagesPerHour = 15; $0.medianMessagesPerHour = 1 }, t) == nil, "under the minimum")
        #expect(MessageBurstSignal().evaluate(facts { $0.maxMessagesPerHour = 60; $0.medianMessagesPerHour = 40 }, t) == nil, "a steady sender")
    }

    @Test func recipientBurst() {
        #expect(RecipientBurstSignal().evaluate(facts { $0.maxRecipientsPerHour = 200 }, t) != nil)
        #expect(RecipientBurstSignal().evaluate(facts { $0.maxRecipientsPerHour = 199 }, t) == nil)
    }

    @Test func externalDomains() {
        #expect(ExternalDomainsSignal().evaluate(facts { $0.maxExternalDomainsPerDay = 300 }, t) != nil)
        #expect(ExternalDomainsSignal().evaluate(facts { $0.maxExternalDomainsPerDay = 12; $0.externalDomains = 400 }, t) == nil,
                "many domains over months, few per day")
    }

    @Test func forgedSender() {
        #expect(ForgedSenderSignal().evaluate(facts { $0.forgedSenderMessages = 3; $0.forgedSenders = ["a@b.example"] }, t)?.detail.contains("a@b.example") == true)
        #expect(ForgedSenderSignal().evaluate(facts { $0.forgedSenderMessages = 2 }, t) == nil)
    }

    @Test func senderLoginMismatch() {
        #expect(SenderLoginMismatchSignal().evaluate(facts { $0.mismatchedSenderMessages = 10 }, t) != nil)
        #expect(SenderLoginMismatchSignal().evaluate(facts { $0.mismatchedSenderMessages = 9 }, t) == nil)
    }

    @Test func backscatter() {
        #expect(BackscatterSignal().evaluate(facts { $0.ndr = 50; $0.bouncePercent = 30 }, t) != nil)
        #expect(BackscatterSignal().evaluate(facts { $0.ndr = 50; $0.bouncePercent = 2 }, t) == nil, "a big sender with few bounces")
        #expect(BackscatterSignal().evaluate(facts { $0.ndr = 3; $0.bouncePercent = 50 }, t) == nil)
    }

    @Test func bruteForceAndSpraySuccess() {
        #expect(BruteForceSuccessSignal().evaluate(facts { $0.bruteForce = ("192.0.2.7", 40) }, t)?.detail.contains("192.0.2.7") == true)
        #expect(BruteForceSuccessSignal().evaluate(facts { $0.bruteForce = ("192.0.2.7", 2) }, t) == nil, "a typo or two")
        #expect(SpraySuccessSignal().evaluate(facts { $0.spray = ("192.0.2.8", 12) }, t) != nil)
        #expect(SpraySuccessSignal().evaluate(facts { $0.spray = ("192.0.2.8", 1) }, t) == nil)
    }

    @Test func guestLikeName() {
        #expect(GuestLikeNameSignal().evaluate(facts { $0.guestLikeIdentity = "guest" }, t) != nil)
        #expect(GuestLikeNameSignal().evaluate(facts { _ in }, t) == nil)
    }

    @Test func everySignalHasAPolicyWeight() {
        for signal in AccountDetectors.all {
            #expect(RuleHarness.policy.signals[signal.id.rawValue] != nil, "\(signal.id) is missing from Policies/default.yaml")
        }
    }
}
