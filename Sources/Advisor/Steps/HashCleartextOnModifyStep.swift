import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate (OpenLDAP): without olcPPolicyHashCleartext a plain modify stores the password
/// itself, so cleartext values come back after the rehash.
struct HashCleartextOnModifyStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.hashCleartextOnModify

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard context.snapshot.kind == .openldap, !context.findings(.cleartextPassword).isEmpty else { return nil }
        return PlanStepDraft(
            title: "Make OpenLDAP hash passwords written by plain modifies",
            why: "Cleartext userPassword values exist: without olcPPolicyHashCleartext a plain modify stores the password itself.",
            targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let hashCleartextOnModify = PlanAction("hash-cleartext-on-modify")
}
