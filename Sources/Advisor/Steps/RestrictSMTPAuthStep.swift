import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Harden: admin credentials do not belong in mail clients; take SMTP AUTH away from the
/// privileged accounts that used it.
struct RestrictSMTPAuthStep: PlanStepRule {
    let phase = PlanPhase.harden
    let action = PlanAction.restrictSMTPAuth

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let accounts = context.correlatedAccounts(.privilegedSMTPAuth)
        guard !accounts.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Take SMTP AUTH away from accounts that do not need it",
            why: "Privileged accounts authenticated over SMTP (\(accounts.map(\.name).joined(separator: ", "))): admin credentials do not belong in mail clients.",
            accounts: accounts, targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let restrictSMTPAuth = PlanAction("restrict-smtp-auth")
}
