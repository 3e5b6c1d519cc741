import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate (Active Directory): readable passwords in userPassword or unixUserPassword, which
/// any user who can read the entry sees.
struct ClearStoredCleartextStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.clearStoredCleartext

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard context.snapshot.kind == .activeDirectory else { return nil }
        let accounts = context.accounts(.cleartextPassword)
        guard !accounts.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Remove the passwords stored in clear text",
            why: "\(accounts.count) account(s) carry a readable password in userPassword or unixUserPassword, which any user who can read the entry sees; remove the values, then reset those passwords.",
            accounts: accounts, targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let clearStoredCleartext = PlanAction("clear-stored-cleartext")
}
