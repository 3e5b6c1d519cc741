import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Contain: disable the accounts the attacker still holds (compromised, password not changed
/// since) and the accounts created after the incident began. Disabling stops new SMTP AUTH at
/// once; the reset comes in the next phase.
struct DisableHeldAccountsStep: PlanStepRule {
    let phase = PlanPhase.contain
    let action = PlanAction.disableAccount

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let toDisable = (context.openAccounts + context.persistence).uniquedByDN()
        guard !toDisable.isEmpty else { return nil }
        let newOnly = context.persistence.filter { account in !context.openAccounts.contains { $0.dn == account.dn } }
        return PlanStepDraft(
            title: "Disable the accounts the attacker holds",
            why: "\(context.stillOpen.count) compromised account(s) still have the attacker's password (\(context.stillOpen.map(\.account).joined(separator: ", ")))"
                + (newOnly.isEmpty ? "" : " and \(newOnly.count) account(s) were created after the incident began (\(newOnly.map(\.name).joined(separator: ", ")))")
                + ": disabling stops new SMTP AUTH at once; passwords are reset in the next phase.",
            accounts: toDisable, targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let disableAccount = PlanAction("disable-account")
}
