import Directory
import Testing
import TestSupport

struct GuestEnabledRuleTests {
    let rule = GuestEnabledRule()

    @Test func triggersOnAnEnabledGuestWhateverItsName() {
        let hit = RuleHarness.hit(rule, AccountBuilder.account("Invité") { $0.rid = 501; $0.passwordNotRequired = true })
        #expect(hit?.message.contains("PASSWD_NOTREQD") == true)
    }

    @Test func doesNotTriggerOnADisabledOrUnknownGuestOrAnAccountNamedGuest() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account("Guest") { $0.rid = 501; $0.state = .disabled }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account("Guest") { $0.rid = 501; $0.state = .unknown }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account("Guest") { $0.rid = 1105 }) == nil)
    }
}
