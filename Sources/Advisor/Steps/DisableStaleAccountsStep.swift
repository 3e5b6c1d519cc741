import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate: enabled accounts with no logon in the directory and no SMTP AUTH in the logs:
/// unused passwords are the next spray's luck.
struct DisableStaleAccountsStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.disableAccount

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let stale = context.correlatedAccounts(.staleByEvidence)
        guard !stale.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Disable the accounts nobody uses",
            why: "\(stale.count) enabled account(s) show no logon in the directory and no SMTP AUTH in the logs: unused passwords are the next spray's luck.",
            accounts: stale, targets: context.directoryTargets)
    }
}
