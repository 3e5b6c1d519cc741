import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate: the accounts created during the incident lose their privileged memberships;
/// unless someone on staff vouches for them, they are deleted after review.
struct RemovePersistencePrivilegesStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.removePrivilegedMembership

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard !context.persistence.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Remove the accounts created during the incident from privileged groups",
            why: "\(context.persistence.map(\.name).joined(separator: ", ")) appeared after the incident began; unless someone on staff vouches for them, delete them after review.",
            accounts: context.persistence.filter(\.privileged), targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let removePrivilegedMembership = PlanAction("remove-privileged-membership")
}
