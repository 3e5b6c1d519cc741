import Checker
import Directory
import RelayAuditCore

/// Eradicate: accounts whose userAccountControl was weakened during the incident (the audit
/// trail's 4738): clear the flags again.
struct RestoreAccountFlagsStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.restoreAccountFlags

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let accounts = context.correlatedAccounts(.accountWeakenedDuringIncident).uniquedByDN()
        guard !accounts.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Clear the flags set on accounts during the incident",
            why: "The directory's audit trail shows \(accounts.count) account(s) given a weakening userAccountControl flag after the incident began "
                + "(password never expires, not required, stored reversibly, or no Kerberos pre-authentication).",
            accounts: accounts, targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let restoreAccountFlags = PlanAction("restore-account-flags")
}
