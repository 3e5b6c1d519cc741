import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate: disable the built-in Guest account (RID 501) when it is enabled.
struct DisableGuestStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.disableGuest

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let guests = context.accounts(.guestEnabled)
        guard let first = guests.first else { return nil }
        let used = context.compromised.contains { $0.dn == first.dn }
        return PlanStepDraft(
            title: "Disable the Guest account",
            why: "The built-in Guest account (RID 501) is enabled" + (used ? " and the attacker used it." : "."),
            accounts: guests, targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let disableGuest = PlanAction("disable-guest")
}
