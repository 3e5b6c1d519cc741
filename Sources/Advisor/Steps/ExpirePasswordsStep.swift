import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Harden: passwords that never expire, on accounts people log in with (the compromised and
/// the privileged ones; service accounts keep theirs, reset above), stayed valid for the
/// attacker until someone noticed.
struct ExpirePasswordsStep: PlanStepRule {
    let phase = PlanPhase.harden
    let action = PlanAction.clearPasswordNeverExpires

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let accounts = context.accounts(.passwordNeverExpires).filter { account in
            !account.isGuest && account.servicePrincipalNames.isEmpty
                && (account.privileged || context.compromised.contains { $0.dn == account.dn })
        }
        guard !accounts.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Let the password policy expire these passwords",
            why: "\(accounts.map(\.name).joined(separator: ", ")): a password that never expires stayed valid for the attacker until someone noticed.",
            accounts: accounts, targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let clearPasswordNeverExpires = PlanAction("clear-password-never-expires")
}
