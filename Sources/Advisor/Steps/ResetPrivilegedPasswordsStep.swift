import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate: after any compromise, change every privileged and service account's password:
/// an attacker inside may have harvested more than the accounts the logs show.
struct ResetPrivilegedPasswordsStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.resetPassword

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard !context.compromised.isEmpty else { return nil }
        let compromisedDNs = Set(context.compromised.compactMap(\.dn))
        let privileged = context.snapshot.accounts.filter { account in
            (account.privileged || !account.servicePrincipalNames.isEmpty) && account.isEnabled && !account.isKrbtgt
                && !compromisedDNs.contains(account.dn)
        }
        guard !privileged.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Reset every privileged and service account's password",
            why: "Change ALL the passwords that matter: an attacker inside may have harvested more than the accounts the logs show. \(privileged.count) privileged or service account(s).",
            accounts: privileged, targets: context.directoryTargets)
    }
}
