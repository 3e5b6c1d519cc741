import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate: reset the passwords of every compromised account, also those already reset
/// after the abuse (who did it, and with what?).
struct ResetCompromisedPasswordsStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.resetPassword

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let toReset = context.compromised.compactMap { $0.dn.flatMap(context.account(dn:)) }
        guard !toReset.isEmpty else { return nil }
        let alreadyReset = context.compromised.count - context.stillOpen.count
        return PlanStepDraft(
            title: "Reset the compromised accounts' passwords",
            why: "\(toReset.count) account(s) were used by the attacker; a reset (out of band, never by mail) ends the stolen credential."
                + (alreadyReset > 0 ? " \(alreadyReset) were already reset after the abuse: reset again if unsure who did it." : ""),
            accounts: toReset, targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let resetPassword = PlanAction("reset-password")
}
