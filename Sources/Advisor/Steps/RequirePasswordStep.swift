import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate: clear PASSWD_NOTREQD, under which the password policy does not apply (Guest has
/// its own step).
struct RequirePasswordStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.clearPasswordNotRequired

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let accounts = context.accounts(.passwordNotRequired).filter { !$0.isGuest }
        guard !accounts.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Require a password on every account",
            why: "\(accounts.count) account(s) carry PASSWD_NOTREQD: the password policy does not apply to them.",
            accounts: accounts, targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let clearPasswordNotRequired = PlanAction("clear-password-not-required")
}
