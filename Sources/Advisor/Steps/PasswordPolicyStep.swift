import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Harden: long passwords and lockout, when the directory's policy is weak or a password fell.
struct PasswordPolicyStep: PlanStepRule {
    let phase = PlanPhase.harden
    let action = PlanAction.passwordPolicy

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let weak = context.findings(.weakPasswordPolicy)
        guard !weak.isEmpty || !context.compromised.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Enforce long passwords and account lockout",
            why: weak.map(\.message).first ?? "Soft passwords fell to the spray.", targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let passwordPolicy = PlanAction("password-policy")
}
