import Checker
import Directory
import RelayAuditCore

/// Eradicate: accounts the audit trail shows enabled during the incident, enabled still. The
/// intruder's quiet way back in; an administrator who enabled one on purpose re-enables it.
struct DisableReenabledAccountsStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.disableAccount

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let accounts = context.correlatedAccounts(.accountReenabledDuringIncident).filter(\.isEnabled).uniquedByDN()
        guard !accounts.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Disable again the accounts enabled during the incident",
            why: "The directory's audit trail shows \(accounts.count) account(s) enabled after the incident began "
                + "(\(accounts.prefix(5).map(\.name).joined(separator: ", "))\(accounts.count > 5 ? "…" : "")); disable them until the change is vouched for.",
            accounts: accounts, targets: context.directoryTargets)
    }
}
