import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate: cleartext and fast-to-crack stored passwords are replaced by a reset through the
/// Password Modify operation, which stores a strong hash.
struct RehashPasswordsStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.rehashPassword

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let accounts = (context.accounts(.cleartextPassword) + context.accounts(.weakPasswordHash)).uniquedByDN()
        guard !accounts.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Replace cleartext and weakly hashed passwords",
            why: "\(accounts.count) account(s) store a cleartext or fast-to-crack password; a reset through the Password Modify operation stores a strong hash.",
            accounts: accounts, targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let rehashPassword = PlanAction("rehash-password")
}
