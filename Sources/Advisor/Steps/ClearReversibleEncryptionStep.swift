import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate: stop storing passwords with reversible encryption (effective at the next change).
struct ClearReversibleEncryptionStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.clearReversibleEncryption

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let accounts = context.accounts(.reversiblePassword)
        guard !accounts.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Stop storing passwords reversibly, then reset them",
            why: "\(accounts.count) account(s) store their password with reversible encryption; clearing the flag takes effect at the next password change.",
            accounts: accounts, targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let clearReversibleEncryption = PlanAction("clear-reversible-encryption")
}
